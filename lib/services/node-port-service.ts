import { Construct } from 'constructs';
import { checkNodePorts } from './node-ports';
import {
  SelectingService,
  SelectingServiceProps,
  SelectingServiceTypeSpec,
  ServicePortOptions,
} from './selecting-service';
import { NODE_PORT_OPTIONS, NodePortServiceOptions } from './service-options';

/** One port of a Service that is also opened on every node. */
export interface NodePortOptions extends ServicePortOptions {
  /** The port opened on every node, inside the cluster's node port range; 0 means unset. @default - chosen by the cluster */
  readonly nodePort?: number;
}

/** Properties of a {@link NodePortService}. */
export interface NodePortServiceProps extends SelectingServiceProps<NodePortOptions>, NodePortServiceOptions {}

/**
 * The contract of a NodePort Service: `type: NodePort`; it accepts `nodePort` (on the single
 * port or on each of `ports`) and `externalTrafficPolicy`; its node ports lie in the cluster's
 * node port range and are not shared but as the API server allows ({@link NODE_PORT_RULES});
 * an unset node port is left to the cluster.
 */
export const NODE_PORT_SERVICE: SelectingServiceTypeSpec<NodePortServiceProps> = {
  className: 'NodePortService',
  typeFields: { type: 'NodePort' },
  accepts: NODE_PORT_OPTIONS,
  singlePortNodePort: (props) => props.nodePort,
  check: (context, props) => checkNodePorts(context, 'NodePortService', props),
  render: (props) => ({ externalTrafficPolicy: props.externalTrafficPolicy }),
};

/**
 * A NodePort Service: a ClusterIP Service that is also reachable from outside the cluster
 * on a static port of every node (`<NodeIP>:<nodePort>`). Good for development and for
 * on-premises clusters without a load balancer. Its contract: {@link NODE_PORT_SERVICE}.
 */
export class NodePortService extends SelectingService {
  /** Which kind of Service this is; it also keeps the Service classes distinct types. */
  public readonly serviceType = 'NodePort' as const;

  constructor(scope: Construct, id: string, props: NodePortServiceProps) {
    super(scope, id, props, NODE_PORT_SERVICE);
  }
}
