import {
  ClusterIpService,
  EchoServer,
  ExternalNameService,
  HeadlessService,
  Ingress,
  LoadBalancerService,
  NodePortService,
} from '../lib';
import { testChart } from './support';

// Compile-time tests, run by the type-check step of `npm test` (this file is not a jest
// suite): each statement below carries an expect-error directive, so tsc fails if any of
// them compiles. The function is exported only so that it counts as used.
export function wrongCombinations(): void {
  const { chart } = testChart();
  const target = new EchoServer(chart, 'echo');
  // @ts-expect-error a headless Service has no node port
  new HeadlessService(chart, 'h', { target, nodePort: 30001 });
  // @ts-expect-error a ClusterIP Service has no node port
  new ClusterIpService(chart, 'c', { target, nodePort: 30002 });
  // @ts-expect-error an ExternalName Service selects no pods
  new ExternalNameService(chart, 'e', { externalName: 'a.example.com', target });
  // @ts-expect-error an ExternalName Service has no selector
  new ExternalNameService(chart, 'f', { externalName: 'a.example.com', selector: { app: 'x' } });
  // @ts-expect-error an ExternalName Service has no ports
  new ExternalNameService(chart, 'g', { externalName: 'a.example.com', port: 80 });
  // @ts-expect-error a selecting Service needs a target
  new ClusterIpService(chart, 'd', {});
  // @ts-expect-error protocols are TCP, UDP or SCTP
  new LoadBalancerService(chart, 'l', { target, protocol: 'HTTP' });
  // @ts-expect-error only NodePort and LoadBalancer Services take external traffic
  new ClusterIpService(chart, 'x', { target, externalTrafficPolicy: 'Local' });
  // @ts-expect-error a headless Service has no virtual IP for session affinity
  new HeadlessService(chart, 'y', { target, sessionAffinity: {} });
  // @ts-expect-error only LoadBalancer Services have a load balancer
  new NodePortService(chart, 'z', { target, loadBalancerSourceRanges: ['10.0.0.0/8'] });
  // @ts-expect-error echoserver always listens on 8080: there is no port to configure
  new EchoServer(chart, 'port', { containerPort: 9090 });
  // @ts-expect-error an ExternalName Service is an alias for a name, which must be given
  new ExternalNameService(chart, 'no-name', {});
  // @ts-expect-error an Ingress routes to Services with a cluster IP, not a headless one
  new Ingress(chart, 'i', { defaultBackend: { service: new HeadlessService(chart, 'h2', { target }) } });
}
