import { Construct } from 'constructs';
import { EchoServer } from '../echo-server';
import { Namespace } from '../namespace';
import { ClusterIpService } from '../services/cluster-ip-service';
import { ExternalNameService } from '../services/external-name-service';
import { HeadlessService } from '../services/headless-service';
import { LoadBalancerService } from '../services/load-balancer-service';
import { NodePortService } from '../services/node-port-service';
import { composeDemo, DemoResources, ServiceTypesDemoProps } from './compose';

/**
 * The whole tutorial in one construct: a namespace, the echoserver and one Service of each
 * type, rendered into the chart it is added to, namespace first.
 *
 * @example
 * new ServiceTypesDemo(chart, 'demo', { namespace: 'team-a', services: ['clusterip'] });
 */
export class ServiceTypesDemo extends Construct implements DemoResources {
  /** The namespace everything lives in. */
  public readonly namespace: Namespace;
  /** The echoserver Deployment. */
  public readonly echoServer: EchoServer;
  /** The ClusterIP Service, unless `services` leaves it out. */
  public readonly clusterIp?: ClusterIpService;
  /** The NodePort Service, unless `services` leaves it out. */
  public readonly nodePort?: NodePortService;
  /** The LoadBalancer Service, unless `services` leaves it out. */
  public readonly loadBalancer?: LoadBalancerService;
  /** The headless Service, unless `services` leaves it out. */
  public readonly headless?: HeadlessService;
  /** The ExternalName Service, unless `services` leaves it out. */
  public readonly externalName?: ExternalNameService;

  constructor(scope: Construct, id: string, props: ServiceTypesDemoProps = {}) {
    super(scope, id);
    const parts = composeDemo(this, 'ServiceTypesDemo', (part) => new Construct(this, part), props);
    this.namespace = parts.namespace;
    this.echoServer = parts.echoServer;
    this.clusterIp = parts.clusterIp;
    this.nodePort = parts.nodePort;
    this.loadBalancer = parts.loadBalancer;
    this.headless = parts.headless;
    this.externalName = parts.externalName;
  }
}
