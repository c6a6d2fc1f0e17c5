import { ApiObject, Chart } from 'cdk8s';
import {
  ClusterIpService,
  EchoServer,
  ExternalNameService,
  HeadlessService,
  LoadBalancerService,
  NodePortService,
  ServiceKind,
  ServiceTarget,
  ServiceTypesDemo,
} from '../lib';
import { expectOneError, testApp, testChart, validationErrors } from './support';

function errorsOf(build: (chart: Chart, echo: EchoServer) => void, context?: Record<string, unknown>): string[] {
  const app = testApp();
  Object.entries(context ?? {}).forEach(([key, value]) => app.node.setContext(key, value));
  const chart = new Chart(app, 'demo', { namespace: 'team-a' });
  const echo = new EchoServer(chart, 'echo', { name: 'echo-server', selectorLabels: { app: 'echo-server' } });
  build(chart, echo);
  return validationErrors(app);
}

// [rule, how to break it, the parts the one error message must contain]
const CASES: [string, (chart: Chart, echo: EchoServer) => void, string[]][] = [
  [
    'Service name must be a DNS-1035 label (no leading digit)',
    (c, target) => new ClusterIpService(c, 'svc', { target, name: '1web' }),
    ["ClusterIpService 'demo/svc'", 'name "1web"', 'DNS-1035 label'],
  ],
  [
    'Service name must be a DNS-1035 label (no uppercase)',
    (c, target) => new HeadlessService(c, 'svc', { target, name: 'Web' }),
    ["HeadlessService 'demo/svc'", 'name "Web"', 'DNS-1035 label'],
  ],
  [
    'Service name at most 63 characters',
    (c, target) => new ClusterIpService(c, 'svc', { target, name: 'a'.repeat(64) }),
    ["ClusterIpService 'demo/svc'", `name "${'a'.repeat(64)}"`, 'at most 63'],
  ],
  [
    'ExternalName is not a URL',
    (c) => new ExternalNameService(c, 'ext', { externalName: 'https://httpbin.org/get' }),
    ["ExternalNameService 'demo/ext'", 'externalName "https://httpbin.org/get"', 'not a URL'],
  ],
  [
    'ExternalName has no port',
    (c) => new ExternalNameService(c, 'ext', { externalName: 'httpbin.org:443' }),
    ["ExternalNameService 'demo/ext'", 'externalName "httpbin.org:443"', 'without a port'],
  ],
  [
    'ExternalName is not an IPv6 address (a colon is no DNS character)',
    (c) => new ExternalNameService(c, 'ext', { externalName: 'fd00::1' }),
    ["ExternalNameService 'demo/ext'", 'externalName "fd00::1"', 'not an IPv6 address'],
  ],
  [
    'ExternalName is a DNS-1123 subdomain',
    (c) => new ExternalNameService(c, 'ext', { externalName: 'Api_Host.example.com' }),
    ["ExternalNameService 'demo/ext'", 'externalName "Api_Host.example.com"', 'DNS-1123 subdomain'],
  ],
  [
    'ExternalName at most 253 characters',
    (c) => new ExternalNameService(c, 'ext', { externalName: `${'a'.repeat(60)}.`.repeat(5) + 'com' }),
    ["ExternalNameService 'demo/ext'", 'at most 253'],
  ],
  [
    'label key prefixes are DNS subdomains',
    (c, target) => new ClusterIpService(c, 'svc', { target, labels: { 'Example.com/team': 'a' } }),
    ["ClusterIpService 'demo/svc'", 'labels key "Example.com/team"', 'DNS-1123 subdomain prefix'],
  ],
  [
    'annotation keys are valid',
    (c, target) => new LoadBalancerService(c, 'svc', { target, annotations: { 'cloud provider/type': 'nlb' } }),
    ["LoadBalancerService 'demo/svc'", 'annotations key "cloud provider/type"', 'label key'],
  ],
  [
    'two objects of one kind, name and namespace',
    (c, target) => {
      new ClusterIpService(c, 'a', { target, name: 'web' });
      new HeadlessService(c, 'b', { target, name: 'web' });
    },
    ["Service 'demo/b/Resource'", 'name "web" in namespace "team-a"', "already used by Service 'demo/a/Resource'"],
  ],
  [
    'a raw ApiObject duplicating a construct',
    (c) =>
      new ApiObject(c, 'raw', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'echo-server', namespace: 'team-a' },
      }),
    ["Deployment 'demo/raw'", "already used by Deployment 'demo/echo/Resource'"],
  ],
];

describe('each invalid setting is reported with construct, path, property, value and what is allowed', () => {
  test.each(CASES)('%s', (_rule, build, parts) => {
    const errors = errorsOf(build);
    expectOneError(errors, parts);
  });
});

test('a generated Service name must still be a DNS-1035 label, and the message says how to fix it', () => {
  const app = testApp();
  // cdk8s builds the name from the path, here starting with a digit.
  const chart = new Chart(app, '1st');
  new ClusterIpService(chart, 'svc', { target: ServiceTarget.labels({ app: 'x' }, { targetPort: 80 }) });
  expectOneError(validationErrors(app), [
    "ClusterIpService '1st/svc'",
    'name "1st-svc-',
    '(generated from the construct path)',
    'DNS-1035 label',
    'set name explicitly',
  ]);
});

describe('the demo rejects unknown or repeated Service types', () => {
  test.each<[string, string[]]>([
    ['an unknown type', ['nodeport', 'ingress']],
    ['a repeated type', ['nodeport', 'nodeport']],
  ])('%s', (_case, services) => {
    const { app, chart } = testChart();
    new ServiceTypesDemo(chart, 'demo', { services: services as ServiceKind[] });
    expectOneError(validationErrors(app), [
      "ServiceTypesDemo 'test/demo'",
      `services ${JSON.stringify(services)}`,
      'must list clusterip, nodeport, loadbalancer, headless, externalname, each at most once',
    ]);
  });
});

describe('edge values are accepted', () => {
  test.each<[string, (chart: Chart, echo: EchoServer) => void]>([
    ['port 1', (c, target) => new ClusterIpService(c, 'svc', { target, port: 1 })],
    [
      'a 63-character Service name',
      (c, target) => new ClusterIpService(c, 'svc', { target, name: `a${'b'.repeat(61)}c` }),
    ],
    [
      'a 15-character port name',
      (c, target) => new ClusterIpService(c, 'svc', { target, portName: 'abcdefghijklmno' }),
    ],
    ['an ExternalName with a trailing dot', (c) => new ExternalNameService(c, 'ext', { externalName: 'httpbin.org.' })],
    [
      'the same name in two namespaces',
      (c) => {
        const target = ServiceTarget.labels({ app: 'x' }, { targetPort: 80 });
        new ClusterIpService(c, 'a', { target, name: 'web', namespace: 'a' });
        new ClusterIpService(c, 'b', { target, name: 'web', namespace: 'b' });
      },
    ],
  ])('%s', (_label, build) => {
    expect(errorsOf(build)).toEqual([]);
  });
});

test('every problem of every construct is reported together', () => {
  const errors = errorsOf((c, target) => {
    new NodePortService(c, 'svc', { target, name: 'Bad_Name', port: 0, nodePort: 40080 });
    new ExternalNameService(c, 'ext', { externalName: 'http://x' });
  });
  expect(errors).toEqual([
    expect.stringContaining('name "Bad_Name"'),
    expect.stringContaining('port 0'),
    expect.stringContaining('nodePort 40080'),
    expect.stringContaining('externalName "http://x"'),
  ]);
});

test('synthesis fails listing every error through cdk8s validation', () => {
  const { app, chart } = testChart();
  const target = new EchoServer(chart, 'echo', { replicas: -2 });
  new NodePortService(chart, 'svc', { target, nodePort: 1 });
  expect(() => app.synth()).toThrow(/replicas -2[\s\S]*nodePort 1 /);
});
