import { ObjectRegistry } from '../validation/object-registry';
import { Problems } from '../validation/problems';
import { parsePortRange } from '../validation/formats';
import { DEFAULT_NODE_PORT_RANGE, NODE_PORT_RANGE_CONTEXT, NODE_PORT_RULES } from './node-ports.rules';
import { ServiceTypeCheckContext } from './service-options';

export { DEFAULT_NODE_PORT_RANGE, NODE_PORT_RANGE_CONTEXT, NODE_PORT_RULES } from './node-ports.rules';

/** A port a Service opens on every node, and the property that sets it. */
export interface NodePortClaim {
  readonly property: string;
  readonly port: number;
}

/** The service port behind a node port, for the checks inside one Service. */
interface PortWithNodePort {
  readonly port: number;
  readonly protocol: string;
  readonly nodePort?: number;
}

/** The property that sets the node port of `ports[index]`. */
function nodePortProperty(index: number, count: number): string {
  return count > 1 ? `ports[${index}].nodePort` : 'nodePort';
}

/**
 * Checks that ports of one Service share a node port only as the API server allows: two ports
 * with the same number and different protocols get one node port allocated for both.
 * Returns the node ports the Service claims in the cluster, each once; 0 is unset and claims nothing.
 */
function checkSharedNodePorts(problems: Problems, ports: readonly PortWithNodePort[]): NodePortClaim[] {
  const byNodePort = new Map<number, PortWithNodePort[]>();
  const claims: NodePortClaim[] = [];
  ports.forEach((p, i) => {
    if (p.nodePort === undefined || p.nodePort === 0) {
      return;
    }
    const property = nodePortProperty(i, ports.length);
    const earlier = byNodePort.get(p.nodePort);
    if (earlier === undefined) {
      byNodePort.set(p.nodePort, [p]);
      claims.push({ property, port: p.nodePort });
      return;
    }
    const rule = NODE_PORT_RULES.sharedInService;
    if (earlier.some((e) => e.protocol === p.protocol)) {
      problems.check(rule, property, p.nodePort, `is used by another ${p.protocol} port of this Service`);
    } else if (earlier.some((e) => e.port !== p.port)) {
      problems.check(
        rule,
        property,
        p.nodePort,
        `is used by port ${earlier[0].port} of this Service; only ports of one number and different protocols may share a node port`,
      );
    }
    earlier.push(p);
  });
  return claims;
}

/** Checks node ports against the cluster's range and one another, and claims them in the app. */
export function checkNodePorts(
  { owner, problems, ports }: ServiceTypeCheckContext<PortWithNodePort>,
  className: string,
  props: { readonly ports?: unknown; readonly nodePort?: number; readonly healthCheckNodePort?: number },
): void {
  const rules = NODE_PORT_RULES;
  if (props.ports !== undefined && props.nodePort !== undefined && props.nodePort !== 0) {
    problems.record(rules.combined, 'nodePort cannot be combined with ports; set nodePort on each port');
  }
  const setting = String(owner.node.tryGetContext(NODE_PORT_RANGE_CONTEXT) ?? DEFAULT_NODE_PORT_RANGE);
  const range = parsePortRange(setting);
  if (range === undefined) {
    problems.check(
      rules.rangeSetting,
      `context ${NODE_PORT_RANGE_CONTEXT}`,
      setting,
      'must be a port range such as 30000-32767',
    );
  }
  const claims = checkSharedNodePorts(problems, ports);
  // The health check port is allocated from the same range, after the service ports.
  if (props.healthCheckNodePort !== undefined && props.healthCheckNodePort !== 0) {
    claims.push({ property: 'healthCheckNodePort', port: props.healthCheckNodePort });
  }
  const registry = ObjectRegistry.of(owner);
  for (const { property, port } of claims) {
    if (!Number.isInteger(port)) {
      problems.check(rules.range, property, port, 'must be an integer');
    } else if (range && (port < range.min || port > range.max)) {
      problems.check(rules.range, property, port, `is outside the node port range ${range.min}-${range.max}`);
    }
    registry.claimNodePort(port, owner, className, property);
  }
}
