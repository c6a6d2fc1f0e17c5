import { IConstruct } from 'constructs';
import { ObjectRegistry } from '../validation/object-registry';
import { Problems } from '../validation/problems';
import { parsePortRange } from '../validation/rules';

/**
 * The cdk8s context key holding the cluster's node port range, for clusters whose API server
 * runs with another `--service-node-port-range`. Set it before adding constructs, e.g.
 * `app.node.setContext(NODE_PORT_RANGE_CONTEXT, '20000-22767')`, or with the app setting `nodePortRange`.
 */
export const NODE_PORT_RANGE_CONTEXT = 'service-types:nodePortRange';

/** Kubernetes' default `--service-node-port-range`. */
export const DEFAULT_NODE_PORT_RANGE = '30000-32767';

/** A port a Service opens on every node, and the property that sets it. */
export interface NodePortClaim {
  readonly property: string;
  readonly port: number;
}

/** The node ports of a Service's ports, named as their properties are. */
export function portClaims(ports: readonly { readonly nodePort?: number }[]): NodePortClaim[] {
  return ports.flatMap((p, i) =>
    p.nodePort === undefined
      ? []
      : [{ property: ports.length > 1 ? `ports[${i}].nodePort` : 'nodePort', port: p.nodePort }],
  );
}

/** Checks node ports against the cluster's range and the rest of the app, and claims them. */
export function checkNodePorts(
  owner: IConstruct,
  className: string,
  problems: Problems,
  claims: readonly NodePortClaim[],
  props: { readonly ports?: unknown; readonly nodePort?: number },
): void {
  if (props.ports !== undefined && props.nodePort !== undefined) {
    problems.add('nodePort cannot be combined with ports; set nodePort on each port');
  }
  const setting = String(owner.node.tryGetContext(NODE_PORT_RANGE_CONTEXT) ?? DEFAULT_NODE_PORT_RANGE);
  const range = parsePortRange(setting);
  if (range === undefined) {
    problems.check(`context ${NODE_PORT_RANGE_CONTEXT}`, setting, 'must be a port range such as 30000-32767');
  }
  const registry = ObjectRegistry.of(owner);
  for (const { property, port } of claims) {
    if (!Number.isInteger(port)) {
      problems.check(property, port, 'must be an integer');
    } else if (range && (port < range.min || port > range.max)) {
      problems.check(property, port, `is outside the node port range ${range.min}-${range.max}`);
    }
    registry.claimNodePort(port, owner, className);
  }
}
