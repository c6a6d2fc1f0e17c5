import { Chart, Testing } from 'cdk8s';
import { ClusterIpService, EchoServer, HeadlessService, Ingress, IngressBackendService, NodePortService } from '../lib';
import { only, validationErrors, expectOneError } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SchemaValidator } = require('../schema-validation');

interface Fixture {
  chart: Chart;
  web: ClusterIpService;
  api: ClusterIpService;
}

function setup(): Fixture & { app: ReturnType<typeof Testing.app> } {
  const app = Testing.app();
  const chart = new Chart(app, 'demo', { namespace: 'team-a' });
  const target = new EchoServer(chart, 'echo', { containerPortName: 'http' });
  const web = new ClusterIpService(chart, 'web', { target, name: 'web', port: 80 });
  const api = new ClusterIpService(chart, 'api', {
    target,
    name: 'api',
    ports: [
      { name: 'http', port: 80 },
      { name: 'grpc', port: 9090 },
    ],
  });
  return { app, chart, web, api };
}

describe('Ingress', () => {
  test('routes hosts and paths to ClusterIP Services, with class, path types and TLS', () => {
    const { chart, web, api } = setup();
    const construct = new Ingress(chart, 'ing', {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'echo.example.com',
          paths: [
            { path: '/', service: web },
            { path: '/api', pathType: 'Exact', service: api, port: 'grpc' },
          ],
        },
        { host: '*.example.org', paths: [{ path: '/v1', pathType: 'ImplementationSpecific', service: api, port: 80 }] },
      ],
      tls: [{ secretName: 'echo-tls' }],
    });
    const manifests = Testing.synth(chart);
    const ingress = only(manifests, 'Ingress');
    expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
    // cdk8s conventions: a name generated from the construct path, the chart's namespace.
    expect(construct.name).toMatch(/^demo-ing-[0-9a-f]{8}$/);
    expect(ingress.metadata).toEqual({ name: construct.name, namespace: 'team-a' });
    expect(ingress.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'echo.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
              { path: '/api', pathType: 'Exact', backend: { service: { name: 'api', port: { name: 'grpc' } } } },
            ],
          },
        },
        {
          host: '*.example.org',
          http: {
            paths: [
              {
                path: '/v1',
                pathType: 'ImplementationSpecific',
                backend: { service: { name: 'api', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
      tls: [{ secretName: 'echo-tls', hosts: ['echo.example.com', '*.example.org'] }],
    });
    const validator = new SchemaValidator();
    for (const object of manifests) {
      expect(validator.validate(object)).toEqual([]);
    }
  });

  test('renders a default backend alone', () => {
    const { chart, web } = setup();
    new Ingress(chart, 'ing', { name: 'catch-all', defaultBackend: { service: web } });
    const ingress = only(Testing.synth(chart), 'Ingress');
    expect(ingress.spec).toEqual({ defaultBackend: { service: { name: 'web', port: { number: 80 } } } });
  });

  test('is rendered after the Services it routes to', () => {
    const { chart, web } = setup();
    new Ingress(chart, 'ing', { name: 'echo', rules: [{ paths: [{ service: web }] }] });
    const kinds = Testing.synth(chart).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds.indexOf('Ingress/echo')).toBeGreaterThan(kinds.indexOf('Service/web'));
  });
});

// [misuse, build, parts the single error must contain]
const MISUSES: [string, (f: Fixture) => void, string[]][] = [
  [
    'no rules and no default backend',
    (f) => new Ingress(f.chart, 'ing', {}),
    ["Ingress 'demo/ing'", 'needs rules or a defaultBackend'],
  ],
  [
    'a host that is not a DNS name',
    (f) => new Ingress(f.chart, 'ing', { rules: [{ host: 'Echo_Example.com', paths: [{ service: f.web }] }] }),
    ['rules[0].host "Echo_Example.com"', 'DNS name'],
  ],
  [
    'a host with a port',
    (f) => new Ingress(f.chart, 'ing', { rules: [{ host: 'example.com:8080', paths: [{ service: f.web }] }] }),
    ['rules[0].host "example.com:8080"', 'not an IP address or host:port'],
  ],
  [
    'an IP address as host',
    (f) => new Ingress(f.chart, 'ing', { rules: [{ host: '10.0.0.1', paths: [{ service: f.web }] }] }),
    ['rules[0].host "10.0.0.1"', 'not an IP address'],
  ],
  [
    "a path that does not start with '/'",
    (f) => new Ingress(f.chart, 'ing', { rules: [{ paths: [{ path: 'api', service: f.web }] }] }),
    ['rules[0].paths[0].path "api"', "must start with '/'"],
  ],
  [
    'an unknown path type',
    (f) => new Ingress(f.chart, 'ing', { rules: [{ paths: [{ pathType: 'Regex' as never, service: f.web }] }] }),
    ['rules[0].paths[0].pathType "Regex"', 'Prefix, Exact, ImplementationSpecific'],
  ],
  [
    'a rule without paths',
    (f) => new Ingress(f.chart, 'ing', { rules: [{ host: 'a.example.com', paths: [] }] }),
    ['rules[0].paths []', 'at least one path'],
  ],
  [
    'a backend port number the Service does not have',
    (f) => new Ingress(f.chart, 'ing', { rules: [{ paths: [{ service: f.api, port: 8443 }] }] }),
    ['rules[0].paths[0].port 8443', "is not a port of ClusterIpService 'demo/api', which has 80 (http), 9090 (grpc)"],
  ],
  [
    'a backend port name the Service does not have',
    (f) => new Ingress(f.chart, 'ing', { defaultBackend: { service: f.api, port: 'metrics' } }),
    ['defaultBackend.port "metrics"', 'is not a port of'],
  ],
  [
    'a Service in another namespace',
    (f) => {
      const other = new ClusterIpService(f.chart, 'other', {
        target: new EchoServer(f.chart, 'e2', { name: 'e2', namespace: 'other' }),
        namespace: 'other',
        name: 'other',
      });
      new Ingress(f.chart, 'ing', { rules: [{ paths: [{ service: other }] }] });
    },
    [
      "Ingress 'demo/ing'",
      'ClusterIpService \'demo/other\' is in namespace "other", the Ingress in "team-a"',
      'only routes to Services of its own namespace',
    ],
  ],
  [
    'a headless Service (JavaScript callers)',
    (f) => {
      const headless = new HeadlessService(f.chart, 'h', {
        target: new EchoServer(f.chart, 'e3', { name: 'e3' }),
        name: 'h',
      });
      new Ingress(f.chart, 'ing', { rules: [{ paths: [{ service: headless as unknown as IngressBackendService }] }] });
    },
    ["HeadlessService 'demo/h' is headless", 'needs a Service with a cluster IP'],
  ],
  [
    'a TLS secret name that is not a DNS subdomain',
    (f) => new Ingress(f.chart, 'ing', { defaultBackend: { service: f.web }, tls: [{ secretName: 'Echo TLS' }] }),
    ['tls[0].secretName "Echo TLS"', 'DNS-1123 subdomain'],
  ],
  [
    'a TLS host that is not a DNS name',
    (f) =>
      new Ingress(f.chart, 'ing', {
        defaultBackend: { service: f.web },
        tls: [{ secretName: 'tls', hosts: ['https://a.example.com'] }],
      }),
    ['tls[0].hosts[0] "https://a.example.com"'],
  ],
  [
    'an invalid annotation key',
    (f) => new Ingress(f.chart, 'ing', { defaultBackend: { service: f.web }, annotations: { '/rewrite': '/' } }),
    ['annotations key "/rewrite"', 'label key'],
  ],
  [
    'an invalid ingressClassName',
    (f) => new Ingress(f.chart, 'ing', { defaultBackend: { service: f.web }, ingressClassName: 'Nginx' }),
    ['ingressClassName "Nginx"', 'DNS-1123 subdomain'],
  ],
];

describe('Ingress rules are validated', () => {
  test.each(MISUSES)('%s', (_misuse, build, parts) => {
    const fixture = setup();
    build(fixture);
    const errors = validationErrors(fixture.app);
    expectOneError(errors, parts);
  });

  test('a NodePort Service can back an Ingress too', () => {
    const fixture = setup();
    const target = new EchoServer(fixture.chart, 'e4', { name: 'e4' });
    const np = new NodePortService(fixture.chart, 'np', { target, name: 'np' });
    new Ingress(fixture.chart, 'ing', { defaultBackend: { service: np } });
    expect(validationErrors(fixture.app)).toEqual([]);
  });
});
