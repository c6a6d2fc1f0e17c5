// A chart author's project: its own chart with a namespace, unnamed constructs of every
// Service type next to cdk8s-plus workloads, and the tutorial in a chart of its own.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  ClusterIpService,
  EchoServer,
  ExternalNameService,
  HeadlessService,
  Ingress,
  LoadBalancerService,
  NodePortService,
  ServiceTarget,
  ServiceTypesDemo,
} from 'service-types';

const app = new App();
const shop = new Chart(app, 'shop', { namespace: 'shop' });

const echo = new EchoServer(shop, 'echo', { containerPortName: 'http' });
const web = new kplus.Deployment(shop, 'web', {
  containers: [{ image: 'example.com/web:1.4', ports: [{ number: 8080, name: 'http' }] }],
});
const db = new kplus.StatefulSet(shop, 'db', {
  containers: [{ image: 'postgres:16', ports: [{ number: 5432, name: 'pg' }] }],
});

const internal = new ClusterIpService(shop, 'internal', { target: web, port: 80 });
new NodePortService(shop, 'dev', { target: web });
new LoadBalancerService(shop, 'public', { target: web, port: 443, targetPort: 'http' });
new HeadlessService(shop, 'db-peers', { target: db });
new ClusterIpService(shop, 'echo-svc', { target: echo });
new NodePortService(shop, 'echo-dev', { target: echo });
new ClusterIpService(shop, 'legacy', { target: ServiceTarget.labels({ app: 'legacy' }, { targetPort: 5000 }) });
new ExternalNameService(shop, 'payments', { externalName: 'api.payments.example.com' });
new Ingress(shop, 'ingress', { rules: [{ host: 'shop.example.com', paths: [{ path: '/', service: internal }] }] });

new ServiceTypesDemo(new Chart(app, 'tutorial'), 'demo', { namespace: 'shop-tutorial', nodePort: 31501 });

app.synth();
