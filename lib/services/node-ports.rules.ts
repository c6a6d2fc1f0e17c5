import { defineRules } from '../validation/rule-catalog';

/**
 * The cdk8s context key holding the cluster's node port range, for clusters whose API server
 * runs with another `--service-node-port-range`. Set it before adding constructs, e.g.
 * `app.node.setContext(NODE_PORT_RANGE_CONTEXT, '20000-22767')`, or with the app setting `nodePortRange`.
 */
export const NODE_PORT_RANGE_CONTEXT = 'service-types:nodePortRange';

/** Kubernetes' default `--service-node-port-range`. */
export const DEFAULT_NODE_PORT_RANGE = '30000-32767';

/** The rules of the node ports a NodePort or LoadBalancer Service opens. */
export const NODE_PORT_RULES = defineRules('Service', {
  range: {
    id: 'node-port/range',
    level: 'error',
    field: 'spec.ports[].nodePort, spec.healthCheckNodePort',
    apiServer:
      'rejects a node port outside --service-node-port-range (default 30000-32767); 0 means unset and is allocated; JSON decoding refuses a fraction',
    source: 'PortAllocationOperation.Allocate, ErrNotInRange (pkg/registry/core/service/portallocator)',
  },
  rangeSetting: {
    id: 'node-port/range-setting',
    level: 'contract',
    field: `context ${NODE_PORT_RANGE_CONTEXT}`,
    apiServer: 'the API server refuses to start with a malformed --service-node-port-range',
    source: 'project contract: the setting must be a range such as 30000-32767, as utilnet.ParsePortRange reads it',
  },
  combined: {
    id: 'node-port/combined-with-ports',
    level: 'contract',
    field: 'spec.ports[].nodePort',
    apiServer: 'not an API rule: the single-port nodePort prop has no port to go on once ports lists them',
    source: 'construct contract: nodePort describes the single port; with ports, set nodePort on each',
  },
  sharedInService: {
    id: 'node-port/shared-in-service',
    level: 'error',
    field: 'spec.ports[].nodePort',
    apiServer:
      'rejects one node port on two ports of one protocol, and on ports of different numbers; ports of one number and different protocols (53/TCP, 53/UDP) may share it',
    source:
      'ValidateService (duplicate protocol and nodePort), initNodePorts (pkg/registry/core/service/storage/alloc.go)',
  },
});
