import { App, Chart, Testing } from 'cdk8s';
import {
  ClusterIpService,
  EchoServer,
  ExternalNameService,
  HeadlessService,
  Ingress,
  IngressBackendService,
  IngressProps,
  INGRESS_RULES,
  NodePortService,
  RuleInfo,
  Warnings,
} from '../lib';
import { expectApiVerdict, expectOneError, only, testApp, validationErrors } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SchemaValidator } = require('../schema-validation');

interface Fixture {
  chart: Chart;
  web: ClusterIpService;
  api: ClusterIpService;
}

function setup(): Fixture & { app: App } {
  const app = testApp();
  Warnings.configure(app, { report: () => undefined });
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

  test('a TLS entry without secretName renders without one: the controller uses its default certificate', () => {
    const { chart, web } = setup();
    new Ingress(chart, 'ing', {
      name: 'echo',
      rules: [{ host: 'echo.example.com', paths: [{ service: web }] }],
      tls: [{}, { hosts: ['other.example.com'] }],
    });
    expect(only(Testing.synth(chart), 'Ingress').spec.tls).toEqual([
      { hosts: ['echo.example.com'] },
      { hosts: ['other.example.com'] },
    ]);
  });

  test('a rule without paths renders its host alone, and an empty ImplementationSpecific path as given', () => {
    const { chart, web } = setup();
    new Ingress(chart, 'ing', {
      name: 'echo',
      defaultBackend: { service: web },
      rules: [{ host: 'a.example.com' }, { paths: [{ path: '', pathType: 'ImplementationSpecific', service: web }] }],
    });
    expect(only(Testing.synth(chart), 'Ingress').spec.rules).toEqual([
      { host: 'a.example.com' },
      {
        http: {
          paths: [
            {
              path: '',
              pathType: 'ImplementationSpecific',
              backend: { service: { name: 'web', port: { number: 80 } } },
            },
          ],
        },
      },
    ]);
  });

  test('is rendered after the Services it routes to', () => {
    const { chart, web } = setup();
    new Ingress(chart, 'ing', { name: 'echo', rules: [{ paths: [{ service: web }] }] });
    const kinds = Testing.synth(chart).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds.indexOf('Ingress/echo')).toBeGreaterThan(kinds.indexOf('Service/web'));
  });
});

type Build = (f: Fixture) => void;

/** An Ingress routing `/` to `web`, with `props` on top. */
const ingress =
  (props: Partial<IngressProps>): Build =>
  (f) =>
    new Ingress(f.chart, 'ing', { rules: [{ paths: [{ service: f.web }] }], ...props });
/** An Ingress with one path, as `path` describes, to `web`. */
const onePath =
  (path: string, pathType?: 'Prefix' | 'Exact' | 'ImplementationSpecific'): Build =>
  (f) =>
    new Ingress(f.chart, 'ing', { rules: [{ paths: [{ path, pathType, service: f.web }] }] });
/** An Ingress with one rule for `host`. */
const oneHost =
  (host: string): Build =>
  (f) =>
    new Ingress(f.chart, 'ing', { rules: [{ host, paths: [{ service: f.web }] }] });
/** An Ingress with a default backend and a TLS entry for `host`. */
const tlsHost = (host: string): Build => ingress({ tls: [{ hosts: [host] }] });

interface Outcome {
  readonly errors: string[];
  readonly warnings: string[];
}

function outcome(build: Build): Outcome {
  const fixture = setup();
  build(fixture);
  return { errors: validationErrors(fixture.app), warnings: Warnings.list(fixture.app).map((w) => w.message) };
}

// One row per rule: the nearest input that breaks it, what the message must contain, the
// nearest input that keeps it, and the Kubernetes 1.27 function the row follows.
interface RuleRow {
  readonly rule: RuleInfo;
  readonly source: string;
  readonly broken: Build;
  readonly parts: readonly string[];
  readonly kept: Build;
}

const R = INGRESS_RULES;
const ROWS: readonly RuleRow[] = [
  {
    rule: R.rulesOrDefaultBackend,
    source: 'ValidateIngressSpec',
    broken: (f) => new Ingress(f.chart, 'ing', {}),
    parts: ["Ingress 'demo/ing'", 'needs rules or a defaultBackend'],
    kept: (f) => new Ingress(f.chart, 'ing', { defaultBackend: { service: f.web } }),
  },
  {
    rule: R.host,
    source: 'validateIngressRules: IsDNS1123Subdomain',
    broken: oneHost('Echo.example.com'),
    parts: ['rules[0].host "Echo.example.com"', 'DNS-1123 subdomain'],
    kept: oneHost('echo.example.com'),
  },
  {
    rule: R.host,
    source: 'validateIngressRules: only a non-empty host is checked',
    broken: oneHost('-'),
    parts: ['rules[0].host "-"', 'DNS-1123 subdomain'],
    // An empty host means every host, as an absent one does.
    kept: oneHost(''),
  },
  {
    rule: R.host,
    source: 'validateIngressRules: an IP address is no host',
    broken: oneHost('10.0.0.1'),
    parts: ['rules[0].host "10.0.0.1"', 'not an IP address'],
    // Not an address to Go's parser, so a valid subdomain.
    kept: oneHost('10.0.0.256'),
  },
  {
    rule: R.host,
    source: 'validateIngressRules: IsWildcardDNS1123Subdomain',
    broken: oneHost('*.*.example.com'),
    parts: ['rules[0].host "*.*.example.com"', "optionally starting with the wildcard label '*.'"],
    kept: oneHost('*.example.com'),
  },
  {
    rule: R.host,
    source: 'IsWildcardDNS1123Subdomain: at most 253 characters',
    broken: oneHost(`*.${'a.'.repeat(125)}bc`),
    parts: ['at most 253 characters'],
    kept: oneHost(`*.${'a.'.repeat(125)}b`),
  },
  {
    rule: R.pathType,
    source: 'validateHTTPIngressPath: supportedPathTypes',
    broken: onePath('/', 'Regex' as never),
    parts: ['rules[0].paths[0].pathType "Regex"', 'Prefix, Exact, ImplementationSpecific'],
    kept: onePath('/', 'ImplementationSpecific'),
  },
  {
    rule: R.pathAbsolute,
    source: 'validateHTTPIngressPath: Prefix and Exact paths are absolute',
    broken: onePath('', 'Prefix'),
    parts: ['rules[0].paths[0].path ""', "must start with '/' for pathType Prefix"],
    kept: onePath('/', 'Prefix'),
  },
  {
    rule: R.pathAbsolute,
    source: 'validateHTTPIngressPath: a non-empty ImplementationSpecific path is absolute',
    broken: onePath('api', 'ImplementationSpecific'),
    parts: ['rules[0].paths[0].path "api"', "must be empty or start with '/'"],
    kept: onePath('', 'ImplementationSpecific'),
  },
  {
    rule: R.pathSegments,
    source: 'validateHTTPIngressPath: invalidPathSequences',
    broken: onePath('/a/./b', 'Exact'),
    parts: ['rules[0].paths[0].path "/a/./b"', "must not contain '/./' for pathType Exact"],
    kept: onePath('/a/.b', 'Exact'),
  },
  {
    rule: R.pathSegments,
    source: 'validateHTTPIngressPath: invalidPathSuffixes',
    broken: onePath('/a/..', 'Prefix'),
    parts: ['path "/a/.."', "must not end with '/..' for pathType Prefix"],
    kept: onePath('/a/..b', 'Prefix'),
  },
  {
    rule: R.backendService,
    source: 'validateIngressBackend: service.name is required',
    broken: (f) => new Ingress(f.chart, 'ing', { defaultBackend: {} as never }),
    parts: ['defaultBackend.service is required'],
    kept: (f) => new Ingress(f.chart, 'ing', { defaultBackend: { service: f.web } }),
  },
  {
    rule: R.backendNamespace,
    source: 'contract: a backend names a Service of the Ingress namespace',
    broken: (f) => {
      const target = new EchoServer(f.chart, 'e2', { name: 'e2', namespace: 'other' });
      const other = new ClusterIpService(f.chart, 'other', { target, namespace: 'other', name: 'other' });
      new Ingress(f.chart, 'ing', { rules: [{ paths: [{ service: other }] }] });
    },
    parts: [
      'ClusterIpService \'demo/other\' is in namespace "other", the Ingress in "team-a"',
      'only routes to Services of its own namespace',
    ],
    kept: (f) => {
      const target = new EchoServer(f.chart, 'e2', { name: 'e2', namespace: 'other' });
      const other = new ClusterIpService(f.chart, 'other', { target, namespace: 'other', name: 'other' });
      new Ingress(f.chart, 'ing', { namespace: 'other', rules: [{ paths: [{ service: other }] }] });
    },
  },
  {
    rule: R.backendPortRequired,
    source: 'validateIngressBackend: port name or number is required',
    broken: (f) =>
      new Ingress(f.chart, 'ing', {
        defaultBackend: { service: new ExternalNameService(f.chart, 'x', { externalName: 'a.example.com' }) as never },
      }),
    parts: ['defaultBackend.port is required', "ExternalNameService 'demo/x' has no port"],
    kept: (f) => {
      Warnings.acknowledge(f.chart, R.backendWithoutClusterIp.id, 'the controller resolves ExternalName Services');
      new Ingress(f.chart, 'ing', {
        defaultBackend: {
          service: new ExternalNameService(f.chart, 'x', { externalName: 'a.example.com' }) as never,
          port: 443,
        },
      });
    },
  },
  {
    rule: R.backendPort,
    source: 'validateIngressBackend: IsValidPortNum',
    broken: (f) => new Ingress(f.chart, 'ing', { defaultBackend: { service: f.web, port: 0 } }),
    parts: ['defaultBackend.port 0', '1 to 65535'],
    kept: (f) => new Ingress(f.chart, 'ing', { defaultBackend: { service: f.web, port: 80 } }),
  },
  {
    rule: R.backendPort,
    source: 'validateIngressBackend: IsValidPortName (an IANA service name, at most 15 characters)',
    broken: (f) => new Ingress(f.chart, 'ing', { defaultBackend: { service: f.api, port: 'a-16-character-x' } }),
    parts: ['defaultBackend.port "a-16-character-x"', 'IANA service name'],
    kept: (f) => new Ingress(f.chart, 'ing', { defaultBackend: { service: f.api, port: 'grpc' } }),
  },
  {
    rule: R.backendPortExists,
    source: 'contract: the port is one of the Service construct',
    broken: (f) => new Ingress(f.chart, 'ing', { rules: [{ paths: [{ service: f.api, port: 8443 }] }] }),
    parts: [
      'rules[0].paths[0].port 8443',
      "is not a port of ClusterIpService 'demo/api', which has 80 (http), 9090 (grpc)",
    ],
    kept: (f) => new Ingress(f.chart, 'ing', { rules: [{ paths: [{ service: f.api, port: 9090 }] }] }),
  },
  {
    rule: R.backendPortExists,
    source: 'contract: the port name is one of the Service construct',
    broken: (f) => new Ingress(f.chart, 'ing', { defaultBackend: { service: f.api, port: 'metrics' } }),
    parts: ['defaultBackend.port "metrics"', 'is not a port of'],
    kept: (f) => new Ingress(f.chart, 'ing', { defaultBackend: { service: f.api, port: 'http' } }),
  },
  {
    rule: R.className,
    source: 'ValidateIngressSpec: ValidateIngressClassName',
    broken: ingress({ ingressClassName: 'Nginx' }),
    parts: ['ingressClassName "Nginx"', 'DNS-1123 subdomain'],
    kept: ingress({ ingressClassName: 'nginx.example.com' }),
  },
  {
    rule: R.classAnnotation,
    source: 'ValidateIngressCreate',
    broken: ingress({ ingressClassName: 'nginx', annotations: { 'kubernetes.io/ingress.class': 'traefik' } }),
    parts: ['annotations["kubernetes.io/ingress.class"] "traefik"', 'must match ingressClassName "nginx"'],
    kept: ingress({ ingressClassName: 'nginx', annotations: { 'kubernetes.io/ingress.class': 'nginx' } }),
  },
  {
    rule: R.tlsSecretName,
    source: 'validateIngressTLS: validateTLSSecretName',
    broken: ingress({ tls: [{ secretName: 'Echo TLS' }] }),
    parts: ['tls[0].secretName "Echo TLS"', 'DNS-1123 subdomain'],
    kept: ingress({ tls: [{ secretName: '' }] }),
  },
  {
    rule: R.tlsHost,
    source: 'validateIngressTLS: IsDNS1123Subdomain',
    broken: tlsHost('https://a.example.com'),
    parts: ['tls[0].hosts[0] "https://a.example.com"', 'DNS-1123 subdomain'],
    kept: tlsHost('a.example.com'),
  },
  {
    rule: R.tlsHost,
    source: 'validateIngressTLS: IsWildcardDNS1123Subdomain',
    broken: tlsHost('a.*.example.com'),
    parts: ['tls[0].hosts[0] "a.*.example.com"', 'wildcard label'],
    kept: tlsHost('*.example.com'),
  },
];

test('an empty rule host matches every host and adds no TLS host, which validateIngressTLS would refuse', () => {
  const f = setup();
  new Ingress(f.chart, 'ing', { rules: [{ host: '', paths: [{ service: f.web }] }], tls: [{}] });
  expect(validationErrors(f.app)).toEqual([]);
  const rendered = only(Testing.synth(f.chart), 'Ingress');
  expect(rendered.spec.tls).toEqual([{ hosts: [] }]);
});

describe('each Ingress rule rejects the nearest breaking input and accepts the nearest valid one', () => {
  test.each(ROWS.map((row) => [`${row.rule.id} (${row.source})`, row] as const))('%s', (_name, row) => {
    const broken = outcome(row.broken);
    expectOneError(broken.errors, [...row.parts, `[${row.rule.id}]`]);
    expect(outcome(row.kept)).toEqual({ errors: [], warnings: expect.any(Array) });
  });
});

interface WarningRow {
  readonly rule: RuleInfo;
  readonly source: string;
  readonly warned: Build;
  readonly parts: readonly string[];
  readonly quiet: Build;
}

const WARNING_ROWS: readonly WarningRow[] = [
  {
    rule: R.ruleWithoutPaths,
    source: 'validateIngressRuleValue skips a rule without http',
    warned: (f) => new Ingress(f.chart, 'ing', { rules: [{ host: 'a.example.com', paths: [] }] }),
    parts: ['rules[0].paths []', 'no defaultBackend', '404'],
    quiet: (f) =>
      new Ingress(f.chart, 'ing', { rules: [{ host: 'a.example.com' }], defaultBackend: { service: f.web } }),
  },
  {
    rule: R.backendWithoutClusterIp,
    source: 'validateIngressBackend does not look the Service up',
    warned: (f) => {
      const headless = new HeadlessService(f.chart, 'h', { target: new EchoServer(f.chart, 'e3', { name: 'e3' }) });
      new Ingress(f.chart, 'ing', { rules: [{ paths: [{ service: headless as unknown as IngressBackendService }] }] });
    },
    parts: ["HeadlessService 'demo/h' has no cluster IP"],
    quiet: (f) => {
      const np = new NodePortService(f.chart, 'np', { target: new EchoServer(f.chart, 'e3', { name: 'e3' }) });
      new Ingress(f.chart, 'ing', { rules: [{ paths: [{ service: np }] }] });
    },
  },
  {
    rule: R.tlsHostIp,
    source: 'validateIngressTLS accepts an IPv4 address',
    warned: tlsHost('203.0.113.10'),
    parts: ['tls[0].hosts[0] "203.0.113.10"', 'send no TLS server name'],
    quiet: tlsHost('203.0.113.example.com'),
  },
];

describe('each Ingress warning is a warning: synth passes, Warnings.list shows it, strict fails', () => {
  test.each(WARNING_ROWS.map((row) => [`${row.rule.id} (${row.source})`, row] as const))('%s', (_name, row) => {
    const fixture = setup();
    row.warned(fixture);
    expect(validationErrors(fixture.app)).toEqual([]);
    expect(() => Testing.synth(fixture.chart)).not.toThrow();
    const warnings = Warnings.list(fixture.app);
    expect(warnings.map((w) => w.id)).toEqual([row.rule.id]);
    for (const part of row.parts) {
      expect(warnings[0].message).toContain(part);
    }
    Warnings.configure(fixture.app, { strict: true });
    expectOneError(validationErrors(fixture.app), [`[${row.rule.id}]`, 'warnings are strict']);
    expect(outcome(row.quiet)).toEqual({ errors: [], warnings: [] });
  });
});

test('every Ingress rule has a row', () => {
  const covered = new Set([...ROWS, ...WARNING_ROWS].map((row) => row.rule.id));
  expect([...covered].sort()).toEqual(
    Object.values(INGRESS_RULES)
      .map((r) => r.id)
      .sort(),
  );
});

test('every problem of an Ingress is reported at once', () => {
  const { errors } = outcome(
    ingress({ ingressClassName: 'Bad', rules: [{ host: '10.0.0.1', paths: [{ path: 'x', service: {} as never }] }] }),
  );
  expect(errors).toEqual([
    expect.stringContaining('ingressClassName "Bad"'),
    expect.stringContaining('rules[0].host "10.0.0.1"'),
    expect.stringContaining('rules[0].paths[0].path "x"'),
    expect.stringContaining('rules[0].paths[0].service is required'),
  ]);
});

// Rows of Kubernetes' own tables in pkg/apis/networking/validation/validation_test.go whose
// fields the Ingress props express: [test function, case name, the Ingress, accepted?].
// The base Ingress of those tables: a default backend, and host foo.bar.com with path /foo.
const base =
  (tweak: Partial<IngressProps> = {}): Build =>
  (f) =>
    new Ingress(f.chart, 'ing', {
      defaultBackend: { service: f.web },
      rules: [{ host: 'foo.bar.com', paths: [{ path: '/foo', pathType: 'ImplementationSpecific', service: f.web }] }],
      ...tweak,
    });
const withPath =
  (path: string, pathType: 'Prefix' | 'Exact' | 'ImplementationSpecific', host = 'foo.bar.com') =>
  (f: Fixture) =>
    new Ingress(f.chart, 'ing', { rules: [{ host, paths: [{ path, pathType, service: f.web }] }] });
const withHost =
  (host: string): Build =>
  (f) =>
    base({ rules: [{ host, paths: [{ path: '/foo', pathType: 'ImplementationSpecific', service: f.web }] }] })(f);

const KUBERNETES_ROWS: readonly [string, string, Build, boolean][] = [
  ['TestValidateIngress', 'empty path (implementation specific)', withPath('', 'ImplementationSpecific'), true],
  ['TestValidateIngress', 'valid path', withPath('/valid', 'ImplementationSpecific'), true],
  ['TestValidateIngress', 'backend with no service', (f) => base({ defaultBackend: {} as never })(f), false],
  ['TestValidateIngress', 'invalid path type', withPath('/foo', 'foo' as never), false],
  ['TestValidateIngress', 'empty path (prefix)', withPath('', 'Prefix'), false],
  ['TestValidateIngress', 'invalid host (foobar:80)', withHost('foobar:80'), false],
  ['TestValidateIngress', 'invalid host (127.0.0.1)', withHost('127.0.0.1'), false],
  ['TestValidateIngress', 'valid wildcard host', withHost('*.bar.com'), true],
  ['TestValidateIngress', 'invalid wildcard host (foo.*.bar.com)', withHost('foo.*.bar.com'), false],
  ['TestValidateIngress', 'invalid wildcard host (*)', withHost('*'), false],
  [
    'TestValidateIngressRuleValue',
    'implementation specific: no leading slash',
    withPath('foo', 'ImplementationSpecific'),
    false,
  ],
  [
    'TestValidateIngressRuleValue',
    'implementation specific: leading slash',
    withPath('/foo', 'ImplementationSpecific'),
    true,
  ],
  [
    'TestValidateIngressRuleValue',
    'implementation specific: many slashes',
    withPath('/foo/bar/foo', 'ImplementationSpecific'),
    true,
  ],
  [
    'TestValidateIngressRuleValue',
    'implementation specific: repeating slashes',
    withPath('/foo//bar/foo', 'ImplementationSpecific'),
    true,
  ],
  ['TestValidateIngressRuleValue', 'prefix: no leading slash', withPath('foo', 'Prefix'), false],
  ['TestValidateIngressRuleValue', 'prefix: leading slash', withPath('/foo', 'Prefix'), true],
  ['TestValidateIngressRuleValue', 'prefix: many slashes', withPath('/foo/bar/foo', 'Prefix'), true],
  ['TestValidateIngressRuleValue', 'prefix: repeating slashes', withPath('/foo//bar/foo', 'Prefix'), false],
  ['TestValidateIngressRuleValue', 'exact: no leading slash', withPath('foo', 'Exact'), false],
  ['TestValidateIngressRuleValue', 'exact: leading slash', withPath('/foo', 'Exact'), true],
  ['TestValidateIngressRuleValue', 'exact: many slashes', withPath('/foo/bar/foo', 'Exact'), true],
  ['TestValidateIngressRuleValue', 'exact: repeating slashes', withPath('/foo//bar/foo', 'Exact'), false],
  ['TestValidateIngressRuleValue', 'prefix: with /./', withPath('/foo/./foo', 'Prefix'), false],
  ['TestValidateIngressRuleValue', 'exact: with /../', withPath('/foo/../foo', 'Exact'), false],
  ['TestValidateIngressRuleValue', 'prefix: with %2f', withPath('/foo/%2f/foo', 'Prefix'), false],
  ['TestValidateIngressRuleValue', 'exact: with %2F', withPath('/foo/%2F/foo', 'Exact'), false],
  ['TestValidateIngressCreate', 'class field set', base({ ingressClassName: 'bar' }), true],
  [
    'TestValidateIngressCreate',
    'class annotation set',
    base({ annotations: { 'kubernetes.io/ingress.class': 'foo' } }),
    true,
  ],
  [
    'TestValidateIngressCreate',
    'class field and annotation set with same value',
    base({ ingressClassName: 'foo', annotations: { 'kubernetes.io/ingress.class': 'foo' } }),
    true,
  ],
  [
    'TestValidateIngressCreate',
    'class field and annotation set with different value',
    base({ ingressClassName: 'bar', annotations: { 'kubernetes.io/ingress.class': 'foo' } }),
    false,
  ],
  ['TestValidateIngressCreate', 'valid regex path', withPath('/([a-z0-9]*)', 'ImplementationSpecific'), true],
  [
    'TestValidateIngressCreate',
    'invalid regex path allowed (v1)',
    withPath('/([a-z0-9]*)[', 'ImplementationSpecific'),
    true,
  ],
  ['TestValidateIngressCreate', 'valid secret', base({ tls: [{ secretName: 'valid' }] }), true],
  ['TestValidateIngressCreate', 'invalid secret', base({ tls: [{ secretName: 'invalid name' }] }), false],
  [
    'TestValidateIngressCreate',
    'valid rules with wildcard host',
    (f) =>
      base({
        tls: [{ hosts: ['*.bar.com'] }],
        rules: [{ host: '*.foo.com', paths: [{ path: '/foo', pathType: 'Exact', service: f.web }] }],
      })(f),
    true,
  ],
  [
    'TestValidateIngressCreate',
    'invalid rules with wildcard host',
    (f) =>
      base({
        tls: [{ hosts: ['*.bar.com'] }],
        rules: [{ host: '*.foo.com', paths: [{ path: 'foo', pathType: 'Exact', service: f.web }] }],
      })(f),
    false,
  ],
  [
    'TestValidateIngressTLS',
    'spec.tls[0].hosts[0]: Invalid value (foo.*.bar.com)',
    (f) =>
      base({
        tls: [{ hosts: ['foo.*.bar.com'] }],
        rules: [
          { host: '*.foo.bar.com', paths: [{ path: '/foo', pathType: 'ImplementationSpecific', service: f.web }] },
        ],
      })(f),
    false,
  ],
  [
    'TestValidateIngressTLS',
    'spec.tls[0].hosts: Valid value (*.bar.com)',
    (f) =>
      base({
        tls: [{ hosts: ['*.bar.com'] }],
        rules: [{ host: '*.bar.com', paths: [{ path: '/foo', pathType: 'ImplementationSpecific', service: f.web }] }],
      })(f),
    true,
  ],
  ['TestValidateEmptyIngressTLS', 'an empty TLS entry', base({ tls: [{}] }), true],
  ['TestValidateEmptyIngressTLS', 'a TLS entry with empty hosts', base({ tls: [{ hosts: [] }] }), true],
];
// Not ported: the rows about resource backends (no prop expresses them), and "no paths",
// because the construct renders a rule without paths as a host-only rule, which is valid.

describe("Kubernetes' Ingress validation tables, ported", () => {
  test.each(KUBERNETES_ROWS)('%s: %s', (_test, _case, build, accepted) => {
    expectApiVerdict(outcome(build).errors, accepted);
  });
});
