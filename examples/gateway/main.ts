// The tutorial's echo server behind a Gateway instead of an Ingress: HTTP redirected to HTTPS,
// `/` routed to the ClusterIP Service, and `/api` split 90/10 between the stable Service and a
// canary. Rendered into examples/gateway/dist/ by `npm run synth:examples`; the cluster needs the
// Gateway API v1.1 CRDs and an implementation that provides the GatewayClass named below.
import { App, Chart } from 'cdk8s';
import { ClusterIpService, EchoServer, Gateway, HttpRoute, Namespace } from '../../lib';

const app = new App({ outputFileExtension: '.yaml' });
const chart = new Chart(app, 'gateway');
const namespace = new Namespace(chart, 'namespace', { name: 'echo-gateway' }).name;
const host = 'echo.example.com';

const stable = new EchoServer(chart, 'echo', {
  namespace,
  name: 'echo',
  containerPortName: 'http',
  recommendedLabels: { name: 'echoserver', instance: 'echo' },
});
const canary = new EchoServer(chart, 'echo-canary', {
  namespace,
  name: 'echo-canary',
  containerPortName: 'http',
  recommendedLabels: { name: 'echoserver', instance: 'echo-canary' },
});
const stableService = new ClusterIpService(chart, 'stable', { namespace, name: 'echo', target: stable, port: 80 });
const canaryService = new ClusterIpService(chart, 'canary', {
  namespace,
  name: 'echo-canary',
  target: canary,
  port: 80,
});

// `example` stands for the GatewayClass your Gateway API implementation installs.
const gateway = new Gateway(chart, 'gateway', {
  namespace,
  name: 'echo',
  gatewayClassName: 'example',
  listeners: [
    { name: 'http', protocol: 'HTTP', hostname: host },
    { name: 'https', protocol: 'HTTPS', hostname: host, certificates: [{ name: 'echo-example-com-tls' }] },
  ],
});

// Plain HTTP only ever answers with a permanent redirect to the same URL over HTTPS.
new HttpRoute(chart, 'redirect', {
  namespace,
  name: 'echo-https-redirect',
  parents: [{ gateway, sectionName: 'http' }],
  hostnames: [host],
  rules: [{ filters: [{ type: 'RequestRedirect', scheme: 'https', statusCode: 301 }] }],
});

// Over HTTPS, `/api` goes to the canary one time in ten; everything else to the stable Service.
new HttpRoute(chart, 'route', {
  namespace,
  name: 'echo',
  parents: [{ gateway, sectionName: 'https' }],
  hostnames: [host],
  rules: [
    { matches: [{ path: { value: '/' } }], backends: [{ service: stableService }] },
    {
      matches: [{ path: { value: '/api' } }],
      backends: [
        { service: stableService, weight: 90 },
        { service: canaryService, weight: 10 },
      ],
    },
  ],
});

app.synth();
