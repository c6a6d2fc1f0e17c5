// Beyond the tutorial: the echoserver as production would run it. Rendered into
// examples/production/dist/ by `npm run synth:examples`.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ClusterIpService, EchoServer, HeadlessService, Ingress, LoadBalancerService, Namespace } from '../../lib';

const app = new App({ outputFileExtension: '.yaml' });
const chart = new Chart(app, 'production');
const namespace = new Namespace(chart, 'namespace', { name: 'echo-prod' }).name;

// The recommended labels on the Deployment and its pods; only name and instance select them,
// so a new version label never touches the Deployment's immutable selector.
const echo = new EchoServer(chart, 'echo', {
  namespace,
  name: 'echo-server',
  replicas: 3,
  containerPortName: 'http',
  recommendedLabels: { name: 'echoserver', instance: 'echo-prod', version: '1.10', partOf: 'echo', managedBy: 'cdk8s' },
});

// In-cluster clients, kept on one pod for half an hour, and the Ingress backend.
const internal = new ClusterIpService(chart, 'internal', {
  namespace,
  name: 'echo',
  target: echo,
  port: 80,
  portName: 'http',
  appProtocol: 'http',
  sessionAffinity: { timeoutSeconds: 1800 },
});

// Public traffic through a cloud network load balancer, dual-stack, from two networks only.
// externalTrafficPolicy Local keeps client source IPs; the load balancer health-checks nodes.
new LoadBalancerService(chart, 'public', {
  namespace,
  name: 'echo-public',
  target: echo,
  ports: [
    { name: 'http', port: 80, targetPort: 'http', appProtocol: 'http' },
    { name: 'alt-http', port: 8080, targetPort: 'http', appProtocol: 'http' },
  ],
  externalTrafficPolicy: 'Local',
  healthCheckNodePort: 32100,
  loadBalancerSourceRanges: ['203.0.113.0/24', '2001:db8::/32'],
  ipFamilyPolicy: 'PreferDualStack',
  ipFamilies: ['IPv4', 'IPv6'],
  annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
});

// HTTP routing by host and path, with TLS, in front of the ClusterIP Service.
new Ingress(chart, 'ingress', {
  namespace,
  name: 'echo',
  ingressClassName: 'nginx',
  rules: [
    {
      host: 'echo.example.com',
      paths: [
        { path: '/', service: internal },
        { path: '/healthz', pathType: 'Exact', service: internal, port: 'http' },
      ],
    },
  ],
  tls: [{ secretName: 'echo-example-com-tls' }],
});

// A cdk8s-plus StatefulSet whose members find each other through their governing headless
// Service: echo-peers-0.echo-peers.echo-prod.svc.cluster.local and so on, published before
// they are ready so that a starting cluster can form. The HeadlessService replaces the
// Service cdk8s-plus would generate, so there is exactly one, and serviceName names it.
const peerSet = new kplus.StatefulSet(chart, 'peer-set', {
  metadata: { name: 'echo-peers', namespace },
  replicas: 3,
  securityContext: { ensureNonRoot: false },
  containers: [
    {
      name: 'echo',
      image: 'registry.k8s.io/echoserver:1.10',
      ports: [{ name: 'http', number: EchoServer.PORT }],
      // echoserver runs as root and writes to its filesystem; cdk8s-plus forbids both by default.
      securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false },
    },
  ],
});
new HeadlessService(chart, 'peers', {
  namespace,
  name: 'echo-peers',
  target: peerSet,
  publishNotReadyAddresses: true,
});

app.synth();
