import { Construct } from 'constructs';
import { cidr, cidrHostBits, labelKey } from '../validation/rules';
import { checkNodePorts, portClaims } from './node-ports';
import { NodePortOptions } from './node-port-service';
import { SelectingService, SelectingServiceProps } from './selecting-service';
import { TrafficPolicy } from './service-options';

/** Properties of a {@link LoadBalancerService}. */
export interface LoadBalancerServiceProps extends SelectingServiceProps<NodePortOptions> {
  /** The node port behind the load balancer for the single port. @default - chosen by the cluster */
  readonly nodePort?: number;
  /** `Local` sends traffic only to pods on the node it arrived at, keeping the client's source IP. @default 'Cluster' */
  readonly externalTrafficPolicy?: TrafficPolicy;
  /** The node port the load balancer health-checks, with externalTrafficPolicy `Local` only. @default - chosen by the cluster */
  readonly healthCheckNodePort?: number;
  /** Client networks allowed through the load balancer, as IPv4 or IPv6 CIDRs. @default - any client */
  readonly loadBalancerSourceRanges?: readonly string[];
  /** The load balancer implementation to use, a prefixed name such as `example.com/internal-vip`. @default - the cloud provider's default */
  readonly loadBalancerClass?: string;
  /** Whether node ports are allocated; `false` for load balancers that route to pods directly. @default true */
  readonly allocateLoadBalancerNodePorts?: boolean;
}

/**
 * A LoadBalancer Service: a NodePort Service fronted by a load balancer that the cloud
 * provider (or `minikube tunnel`) provisions, with an external IP. The usual way to take
 * production traffic from outside the cluster. Cloud-specific settings go in `annotations`.
 */
export class LoadBalancerService extends SelectingService {
  /** Which kind of Service this is; it also keeps the Service classes distinct types. */
  public readonly serviceType = 'LoadBalancer' as const;

  constructor(scope: Construct, id: string, props: LoadBalancerServiceProps) {
    super(scope, id, props, {
      className: 'LoadBalancerService',
      spec: {
        type: 'LoadBalancer',
        externalTrafficPolicy: props.externalTrafficPolicy,
        healthCheckNodePort: props.healthCheckNodePort,
        loadBalancerSourceRanges: props.loadBalancerSourceRanges && [...props.loadBalancerSourceRanges],
        loadBalancerClass: props.loadBalancerClass,
        allocateLoadBalancerNodePorts: props.allocateLoadBalancerNodePorts,
      },
      accepts: [
        'nodePort',
        'externalTrafficPolicy',
        'healthCheckNodePort',
        'loadBalancerSourceRanges',
        'loadBalancerClass',
        'allocateLoadBalancerNodePorts',
        'sessionAffinity',
      ],
      singlePortNodePort: props.ports === undefined ? props.nodePort : undefined,
    });
    const claims = portClaims(this.ports);
    if (props.healthCheckNodePort !== undefined) {
      claims.push({ property: 'healthCheckNodePort', port: props.healthCheckNodePort });
      if (props.externalTrafficPolicy !== 'Local') {
        this.problems.check(
          'healthCheckNodePort',
          props.healthCheckNodePort,
          "needs externalTrafficPolicy 'Local': with 'Cluster' every node serves traffic and none is health-checked",
        );
      }
    }
    checkNodePorts(this, 'LoadBalancerService', this.problems, claims, props);
    (props.loadBalancerSourceRanges ?? []).forEach((range, i) =>
      this.problems.rule(`loadBalancerSourceRanges[${i}]`, range, (r) => cidr(r) ?? cidrHostBits(r)),
    );
    if (props.loadBalancerClass !== undefined) {
      const prefixed = props.loadBalancerClass.includes('/')
        ? labelKey(props.loadBalancerClass)
        : 'needs a domain prefix';
      this.problems.check(
        'loadBalancerClass',
        props.loadBalancerClass,
        prefixed && `must be a prefixed name such as example.com/internal-vip (${prefixed})`,
      );
    }
  }
}
