import { Construct } from 'constructs';
import { TUTORIAL } from '../tutorial';
import { checkNodePorts } from './node-ports';
import { NodePortOptions } from './node-port-service';
import { SelectingService, SelectingServiceProps } from './selecting-service';

/** Properties of a {@link LoadBalancerService}. */
export interface LoadBalancerServiceProps extends SelectingServiceProps<NodePortOptions> {
  /** The node port behind the load balancer for the single port. @default - chosen by the cluster */
  readonly nodePort?: number;
}

/**
 * A LoadBalancer Service: a NodePort Service fronted by a load balancer that the cloud
 * provider (or `minikube tunnel`) provisions, with an external IP. The usual way to take
 * production traffic from outside the cluster.
 */
export class LoadBalancerService extends SelectingService {
  constructor(scope: Construct, id: string, props: LoadBalancerServiceProps) {
    const single = props.ports === undefined ? props.nodePort : undefined;
    super(
      scope,
      id,
      'LoadBalancerService',
      TUTORIAL.serviceNames.loadBalancer,
      props,
      { type: 'LoadBalancer' },
      single,
    );
    checkNodePorts(this, 'LoadBalancerService', this.problems, this.ports, props);
  }
}
