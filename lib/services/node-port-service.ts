import { Construct } from 'constructs';
import { checkNodePorts } from './node-ports';
import { SelectingService, SelectingServiceProps, ServicePortOptions } from './selecting-service';
import { TrafficPolicy } from './service-options';

/** One port of a Service that is also opened on every node. */
export interface NodePortOptions extends ServicePortOptions {
  /** The port opened on every node, inside the cluster's node port range; 0 means unset. @default - chosen by the cluster */
  readonly nodePort?: number;
}

/** Properties of a {@link NodePortService}. */
export interface NodePortServiceProps extends SelectingServiceProps<NodePortOptions> {
  /** The port opened on every node for the single port, inside the node port range; 0 means unset. @default - chosen by the cluster */
  readonly nodePort?: number;
  /** `Local` sends outside traffic only to pods on the node it arrived at, keeping the client's source IP. @default 'Cluster' */
  readonly externalTrafficPolicy?: TrafficPolicy;
}

/**
 * A NodePort Service: a ClusterIP Service that is also reachable from outside the cluster
 * on a static port of every node (`<NodeIP>:<nodePort>`). Good for development and for
 * on-premises clusters without a load balancer.
 */
export class NodePortService extends SelectingService {
  /** Which kind of Service this is; it also keeps the Service classes distinct types. */
  public readonly serviceType = 'NodePort' as const;

  constructor(scope: Construct, id: string, props: NodePortServiceProps) {
    super(scope, id, props, {
      className: 'NodePortService',
      spec: { type: 'NodePort', externalTrafficPolicy: props.externalTrafficPolicy },
      accepts: ['nodePort', 'externalTrafficPolicy'],
      singlePortNodePort: props.nodePort,
    });
    checkNodePorts(this, 'NodePortService', this.problems, this.ports, props);
  }
}
