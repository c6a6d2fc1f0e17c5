import { defineRules } from './rule-catalog';

/** The rules no single construct can check: they are about the objects of the whole app. */
export const APP_RULES = defineRules('any', {
  duplicateObject: {
    id: 'app/duplicate-object',
    level: 'error',
    field: 'apiVersion group, kind, metadata.namespace, metadata.name',
    apiServer:
      'kubectl create refuses the second object (AlreadyExists); kubectl apply silently replaces the first with the second',
    source: 'genericregistry Store.Create (AlreadyExists); one object per group, kind, namespace and name',
  },
  nodePortClaimedTwice: {
    id: 'node-port/claimed-twice',
    level: 'error',
    field: 'Service spec.ports[].nodePort, spec.healthCheckNodePort',
    apiServer:
      'refuses a node port that another Service (or the same Service, for its health check) already holds, whatever the protocol: the allocator keys node ports by number only',
    source: 'PortAllocationOperation.Allocate, ErrAllocated (pkg/registry/core/service/portallocator)',
  },
});
