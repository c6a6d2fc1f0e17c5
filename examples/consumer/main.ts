// A chart author's project: its own chart, its own namespace, every construct of
// service-types, and the whole tutorial rendered a second time in one line.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  ClusterIpService,
  EchoServer,
  ExternalNameService,
  HeadlessService,
  LoadBalancerService,
  Namespace,
  NodePortService,
  ServiceTarget,
  ServiceTypesDemo,
} from 'service-types';

const app = new App();
const chart = new Chart(app, 'shop');

const ns = new Namespace(chart, 'ns', { name: 'shop' });
const web = new EchoServer(chart, 'web', { namespace: ns.name, name: 'web', replicas: 1, containerPortName: 'http' });

new ClusterIpService(chart, 'internal', { namespace: ns.name, name: 'web', target: web });
new NodePortService(chart, 'dev', { namespace: ns.name, name: 'web-dev', target: web, nodePort: 31500 });
new LoadBalancerService(chart, 'public', { namespace: ns.name, name: 'web-public', target: web, port: 443 });
new HeadlessService(chart, 'peers', { namespace: ns.name, name: 'web-peers', target: web });
new ExternalNameService(chart, 'payments', { namespace: ns.name, name: 'payments', externalName: 'api.example.com' });

const worker = new kplus.Deployment(chart, 'worker', {
  metadata: { namespace: ns.name },
  containers: [{ image: 'example.com/worker:1', portNumber: 9000 }],
});
new ClusterIpService(chart, 'worker-svc', {
  namespace: ns.name,
  name: 'worker',
  target: ServiceTarget.fromPlusWorkload(worker),
});
new ClusterIpService(chart, 'legacy', {
  namespace: ns.name,
  name: 'legacy',
  target: ServiceTarget.labels({ app: 'legacy' }, { targetPort: 5000 }),
});

new ServiceTypesDemo(chart, 'demo', { namespace: 'shop-tutorial', nodePort: 31501 });

app.synth();
