import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  ClusterIpService,
  EchoServer,
  ExternalNameService,
  HeadlessService,
  LoadBalancerService,
  NODE_PORT_RANGE_CONTEXT,
  NodePortService,
  ServiceKind,
  ServiceTarget,
  ServiceTypesDemo,
} from '../lib';
import { testChart, validationErrors, expectOneError } from './support';

function errorsOf(build: (chart: Chart, echo: EchoServer) => void, context?: Record<string, unknown>): string[] {
  const app = Testing.app();
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
    'a Service namespace must be a DNS-1123 label',
    (c) =>
      new ClusterIpService(c, 'svc', {
        target: ServiceTarget.labels({ app: 'x' }, { targetPort: 80 }),
        namespace: 'Team',
      }),
    ["ClusterIpService 'demo/svc'", 'namespace "Team"', 'DNS-1123 label'],
  ],
  [
    'port 0 is out of range',
    (c, target) => new ClusterIpService(c, 'svc', { target, port: 0 }),
    ["ClusterIpService 'demo/svc'", 'port 0', '1 to 65535'],
  ],
  [
    'port 65536 is out of range',
    (c, target) => new ClusterIpService(c, 'svc', { target, port: 65536 }),
    ["ClusterIpService 'demo/svc'", 'port 65536', '1 to 65535'],
  ],
  [
    'port must be an integer',
    (c, target) => new ClusterIpService(c, 'svc', { target, port: 80.5 }),
    ["ClusterIpService 'demo/svc'", 'port 80.5', 'integer from 1 to 65535'],
  ],
  [
    'numeric targetPort out of range',
    (c) => new ClusterIpService(c, 'svc', { target: ServiceTarget.labels({ app: 'x' }), targetPort: 0 }),
    ["ClusterIpService 'demo/svc'", 'targetPort 0', '1 to 65535'],
  ],
  [
    'named targetPort must be an IANA service name',
    (c) => new ClusterIpService(c, 'svc', { target: ServiceTarget.labels({ app: 'x' }), targetPort: 'http_port' }),
    ["ClusterIpService 'demo/svc'", 'targetPort "http_port"', 'IANA service name'],
  ],
  [
    'named targetPort needs a letter',
    (c) => new ClusterIpService(c, 'svc', { target: ServiceTarget.labels({ app: 'x' }), targetPort: '8080' }),
    ["ClusterIpService 'demo/svc'", 'targetPort "8080"', 'at least one letter'],
  ],
  [
    'named targetPort must exist on the workload',
    (c, target) => new ClusterIpService(c, 'svc', { target, targetPort: 'metrics' }),
    ["ClusterIpService 'demo/svc'", 'targetPort "metrics"', "EchoServer 'demo/echo'", 'expose 8080'],
  ],
  [
    'numeric targetPort must be a container port of the workload',
    (c, target) => new LoadBalancerService(c, 'svc', { target, targetPort: 9090 }),
    ["LoadBalancerService 'demo/svc'", 'targetPort 9090', 'is not a port of', 'expose 8080'],
  ],
  [
    'targetPort is required for pods made elsewhere',
    (c) => new ClusterIpService(c, 'svc', { target: ServiceTarget.labels({ app: 'x' }) }),
    ["ClusterIpService 'demo/svc'", 'targetPort is required'],
  ],
  [
    'nodePort below the range',
    (c, target) => new NodePortService(c, 'svc', { target, nodePort: 29999 }),
    ["NodePortService 'demo/svc'", 'nodePort 29999', 'outside the node port range 30000-32767'],
  ],
  [
    'nodePort above the range',
    (c, target) => new NodePortService(c, 'svc', { target, nodePort: 40080 }),
    ["NodePortService 'demo/svc'", 'nodePort 40080', 'outside the node port range 30000-32767'],
  ],
  [
    'LoadBalancer nodePort outside the range',
    (c, target) => new LoadBalancerService(c, 'svc', { target, nodePort: 80 }),
    ["LoadBalancerService 'demo/svc'", 'nodePort 80', '30000-32767'],
  ],
  [
    'two services claim one nodePort',
    (c, target) => {
      new NodePortService(c, 'a', { target, name: 'a', nodePort: 31000 });
      new LoadBalancerService(c, 'b', { target, name: 'b', nodePort: 31000 });
    },
    ["LoadBalancerService 'demo/b'", 'nodePort 31000', "already claimed by NodePortService 'demo/a'"],
  ],
  [
    'several ports need names',
    (c, target) => new ClusterIpService(c, 'svc', { target, ports: [{ port: 80, name: 'http' }, { port: 81 }] }),
    ["ClusterIpService 'demo/svc'", 'ports[1].name is required'],
  ],
  [
    'several ports need unique names',
    (c, target) =>
      new ClusterIpService(c, 'svc', {
        target,
        ports: [
          { port: 80, name: 'http' },
          { port: 81, name: 'http' },
        ],
      }),
    ["ClusterIpService 'demo/svc'", 'ports[1].name "http"', 'unique'],
  ],
  [
    'no duplicate port/protocol pairs',
    (c, target) =>
      new ClusterIpService(c, 'svc', {
        target,
        ports: [
          { port: 80, name: 'a' },
          { port: 80, name: 'b' },
        ],
      }),
    ["ClusterIpService 'demo/svc'", 'ports[1] "80/TCP"', 'repeats'],
  ],
  [
    'port name must be an IANA service name',
    (c, target) => new ClusterIpService(c, 'svc', { target, portName: 'a-very-long-port-name' }),
    ["ClusterIpService 'demo/svc'", 'portName "a-very-long-port-name"', 'at most 15'],
  ],
  [
    'protocol must be TCP, UDP or SCTP',
    (c, target) => new ClusterIpService(c, 'svc', { target, protocol: 'HTTP' as never }),
    ["ClusterIpService 'demo/svc'", 'protocol "HTTP"', 'TCP, UDP, SCTP'],
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
    'a selecting service selects at least one label',
    (c) => new ClusterIpService(c, 'svc', { target: ServiceTarget.labels({}, { targetPort: 80 }) }),
    ["ClusterIpService 'demo/svc'", 'selector {}', 'at least one label'],
  ],
  [
    'a selector must match the workload pod labels',
    (c, target) => new ClusterIpService(c, 'svc', { target, selector: { app: 'other' } }),
    [
      "ClusterIpService 'demo/svc'",
      'selector["app"] "other"',
      "pods of EchoServer 'demo/echo'",
      'labelled {"app":"echo-server"}',
    ],
  ],
  [
    // A Service's endpoints come from pods of its own namespace only.
    'a Service in another namespace than its workload (contract)',
    (c, target) => new ClusterIpService(c, 'svc', { target, namespace: 'team-b' }),
    ["ClusterIpService 'demo/svc'", 'namespace "team-b"', 'namespace "team-a" of EchoServer \'demo/echo\''],
  ],
  [
    'a Service in another namespace than pods whose namespace it is told',
    (c) =>
      new ClusterIpService(c, 'svc', {
        target: ServiceTarget.labels({ app: 'x' }, { targetPort: 80, namespace: 'team-c' }),
      }),
    ["ClusterIpService 'demo/svc'", 'namespace "team-a"', 'namespace "team-c" of the target'],
  ],
  [
    'a named targetPort of pods made elsewhere needs a port number',
    (c) => new ClusterIpService(c, 'svc', { target: ServiceTarget.labels({ app: 'x' }, { targetPort: 'http' }) }),
    ["ClusterIpService 'demo/svc'", 'port is required', 'targetPort "http"'],
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
  [
    'ports cannot be combined with the single-port props',
    (c, target) => new ClusterIpService(c, 'svc', { target, port: 81, ports: [{ port: 80 }] }),
    ["ClusterIpService 'demo/svc'", 'ports cannot be combined with port'],
  ],
  [
    'nodePort cannot be combined with ports',
    (c, target) => new NodePortService(c, 'svc', { target, nodePort: 30001, ports: [{ port: 80 }] }),
    ["NodePortService 'demo/svc'", 'nodePort cannot be combined with ports'],
  ],
  [
    'an empty ports list',
    (c, target) => new ClusterIpService(c, 'svc', { target, ports: [] }),
    ["ClusterIpService 'demo/svc'", 'ports []', 'at least one port'],
  ],
  [
    'a selecting service without a target (JavaScript callers)',
    (c) => new ClusterIpService(c, 'svc', {} as never),
    ["ClusterIpService 'demo/svc'", 'target is required'],
  ],
];

describe('each invalid setting is reported with construct, path, property, value and what is allowed', () => {
  test.each(CASES)('%s', (_rule, build, parts) => {
    const errors = errorsOf(build);
    expectOneError(errors, parts);
  });
});

test('a generated Service name must still be a DNS-1035 label, and the message says how to fix it', () => {
  const app = Testing.app();
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

describe('the node port range follows the cluster', () => {
  const context = { [NODE_PORT_RANGE_CONTEXT]: '20000-22767' };
  test('a nodePort inside a custom range is accepted', () => {
    expect(errorsOf((c, target) => new NodePortService(c, 'svc', { target, nodePort: 20000 }), context)).toEqual([]);
  });
  test('the default range no longer applies', () => {
    const errors = errorsOf((c, target) => new NodePortService(c, 'svc', { target, nodePort: 30080 }), context);
    expect(errors).toEqual(["NodePortService 'demo/svc': nodePort 30080 is outside the node port range 20000-22767"]);
  });
  test('a malformed range is itself an error', () => {
    const errors = errorsOf((c, target) => new NodePortService(c, 'svc', { target }), {
      [NODE_PORT_RANGE_CONTEXT]: '30000',
    });
    expect(errors).toEqual([
      `NodePortService 'demo/svc': context ${NODE_PORT_RANGE_CONTEXT} "30000" must be a port range such as 30000-32767`,
    ]);
  });
});

describe('edge values are accepted', () => {
  test.each<[string, (chart: Chart, echo: EchoServer) => void]>([
    ['port 1', (c, target) => new ClusterIpService(c, 'svc', { target, port: 1 })],
    ['port 65535', (c, target) => new ClusterIpService(c, 'svc', { target, port: 65535 })],
    ['nodePort 30000', (c, target) => new NodePortService(c, 'svc', { target, nodePort: 30000 })],
    ['nodePort 32767', (c, target) => new NodePortService(c, 'svc', { target, nodePort: 32767 })],
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
