import { Construct } from 'constructs';
import { TUTORIAL } from '../tutorial';
import { checkNodePorts } from './node-ports';
import { SelectingService, SelectingServiceProps, ServicePortOptions } from './selecting-service';

/** One port of a Service that is also opened on every node. */
export interface NodePortOptions extends ServicePortOptions {
  /** The port opened on every node, inside the cluster's node port range. @default - chosen by the cluster */
  readonly nodePort?: number;
}

/** Properties of a {@link NodePortService}. */
export interface NodePortServiceProps extends SelectingServiceProps<NodePortOptions> {
  /** The port opened on every node for the single port, inside the node port range. @default 30080 */
  readonly nodePort?: number;
}

/**
 * A NodePort Service: a ClusterIP Service that is also reachable from outside the cluster
 * on a static port of every node (`<NodeIP>:<nodePort>`). Good for development and for
 * on-premises clusters without a load balancer.
 */
export class NodePortService extends SelectingService {
  constructor(scope: Construct, id: string, props: NodePortServiceProps) {
    const single = props.ports === undefined ? (props.nodePort ?? TUTORIAL.nodePort) : undefined;
    super(scope, id, 'NodePortService', TUTORIAL.serviceNames.nodePort, props, { type: 'NodePort' }, single);
    checkNodePorts(this, 'NodePortService', this.problems, this.ports, props);
  }
}
