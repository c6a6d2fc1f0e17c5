// The baseline for the benchmarks: the tutorial's seven objects written the way a
// `cdk8s init typescript-app` project would, with cdk8s-plus-27 as it comes.
import { Construct } from 'constructs';
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';

export class TutorialChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const namespace = 'service-types-demo';
    new kplus.Namespace(this, 'namespace', { metadata: { name: namespace } });
    const app = new kplus.Deployment(this, 'app', {
      metadata: { name: 'echo-server', namespace },
      replicas: 2,
      containers: [{ name: 'echo-server', image: 'registry.k8s.io/echoserver:1.10', portNumber: 8080 }],
    });
    const service = (name: string, props: kplus.ServiceProps) =>
      new kplus.Service(this, name, { metadata: { name, namespace }, selector: app, ...props });
    service('echo-clusterip', { type: kplus.ServiceType.CLUSTER_IP, ports: [{ port: 80, targetPort: 8080 }] });
    service('echo-nodeport', {
      type: kplus.ServiceType.NODE_PORT,
      ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }],
    });
    service('echo-loadbalancer', { type: kplus.ServiceType.LOAD_BALANCER, ports: [{ port: 80, targetPort: 8080 }] });
    service('echo-headless', { clusterIP: 'None', ports: [{ port: 80, targetPort: 8080 }] });
    new kplus.Service(this, 'external-api', {
      metadata: { name: 'external-api', namespace },
      type: kplus.ServiceType.EXTERNAL_NAME,
      externalName: 'httpbin.org',
    });
  }
}

const app = new App();
new TutorialChart(app, 'service-types');
app.synth();
