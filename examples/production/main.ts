// Beyond the tutorial: the echoserver as production would run it. Rendered into
// examples/production/dist/ by `npm run synth:examples`.
import { App, Chart } from 'cdk8s';
import { KubeStatefulSet } from '../../imports/k8s';
import {
  ClusterIpService,
  EchoServer,
  HeadlessService,
  Ingress,
  LoadBalancerService,
  Namespace,
  ServiceTarget,
} from '../../lib';

const app = new App({ outputFileExtension: '.yaml' });
const chart = new Chart(app, 'production');
const namespace = new Namespace(chart, 'namespace', { name: 'echo-prod' }).name;

const echo = new EchoServer(chart, 'echo', { namespace, replicas: 3, containerPortName: 'http' });

// In-cluster clients, kept on one pod for half an hour, and the Ingress backend.
const internal = new ClusterIpService(chart, 'internal', {
  namespace,
  name: 'echo',
  target: echo,
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

// A StatefulSet whose members find each other through their governing headless Service:
// echo-peers-0.echo-peers.echo-prod.svc.cluster.local and so on, published before they are
// ready so that a starting cluster can form.
const peerLabels = { app: 'echo-peers' };
const peers = new HeadlessService(chart, 'peers', {
  namespace,
  name: 'echo-peers',
  target: ServiceTarget.labels(peerLabels, { targetPort: 'peer' }),
  portName: 'peer',
  port: 7000,
  publishNotReadyAddresses: true,
});
new KubeStatefulSet(chart, 'peer-set', {
  metadata: { name: 'echo-peers', namespace },
  spec: {
    serviceName: peers.name,
    replicas: 3,
    selector: { matchLabels: peerLabels },
    template: {
      metadata: { labels: peerLabels },
      spec: {
        containers: [
          {
            name: 'echo',
            image: 'registry.k8s.io/echoserver:1.10',
            ports: [{ name: 'peer', containerPort: 7000 }],
          },
        ],
      },
    },
  },
});

app.synth();
