import { Chart, Testing } from 'cdk8s';
import {
  ClusterIpService,
  ExternalNameService,
  Gateway,
  HttpRoute,
  HttpRouteFilter,
  HttpRouteProps,
  ReferenceGrant,
  RouteNamespaces,
  ServiceTarget,
  ValidationWarning,
  Warnings,
} from '../lib';
import { only, testChart, validationErrors } from './support';

// Errors mirror the Gateway API v1.1.1 HTTPRoute CRD (schema and CEL, evaluated on the rendered
// objects by the custom resource validation); the contract holds backends to the ports of this
// library's Service constructs; warnings cover routes the API server accepts that will not work.

interface Fixture {
  readonly app: ReturnType<typeof testChart>['app'];
  readonly chart: Chart;
  readonly gateway: Gateway;
  readonly service: ClusterIpService;
  readonly reported: ValidationWarning[];
}

function fixture(): Fixture {
  const { app, chart } = testChart({ namespace: 'web' });
  const reported: ValidationWarning[] = [];
  Warnings.configure(app, { report: (w) => reported.push(w) });
  const gateway = new Gateway(chart, 'gw', {
    gatewayClassName: 'example',
    listeners: [
      { name: 'http', protocol: 'HTTP', hostname: 'echo.example.com' },
      { name: 'other', protocol: 'HTTP', port: 8080, hostname: '*.internal.example.com' },
    ],
  });
  const service = new ClusterIpService(chart, 'svc', {
    name: 'echo',
    target: ServiceTarget.labels({ app: 'echo' }, { targetPort: 8080 }),
    port: 80,
  });
  return { app, chart, gateway, service, reported };
}

/** A Service construct of two ports, 80 and 443, named `multi`, in the fixture's chart. */
const twoPortService = (f: Fixture) =>
  new ClusterIpService(f.chart, 'multi', {
    name: 'multi',
    target: ServiceTarget.labels({ app: 'multi' }),
    ports: [
      { name: 'http', port: 80 },
      { name: 'https', port: 443 },
    ],
  });

function route(f: Fixture, props: Partial<HttpRouteProps>): HttpRoute {
  return new HttpRoute(f.chart, 'route', {
    parents: [{ gateway: f.gateway }],
    rules: [{ backends: [{ service: f.service }] }],
    ...props,
  });
}

function errorsOf(props: (f: Fixture) => Partial<HttpRouteProps>): string[] {
  const f = fixture();
  route(f, props(f));
  return validationErrors(f.app);
}

function warningsOf(props: (f: Fixture) => Partial<HttpRouteProps>, more?: (f: Fixture) => void): string[] {
  const f = fixture();
  route(f, props(f));
  more?.(f);
  Testing.synth(f.chart);
  return f.reported.map((w) => w.id);
}

describe('HttpRoute', () => {
  test('renders parents, hostnames, matches, filters and weighted backends', () => {
    const f = fixture();
    route(f, {
      parents: [{ gateway: f.gateway, sectionName: 'http' }],
      hostnames: ['echo.example.com'],
      rules: [
        {
          matches: [
            { path: { value: '/api', type: 'Exact' }, headers: [{ name: 'x-canary', value: '1' }], method: 'GET' },
          ],
          filters: [{ type: 'URLRewrite', path: { replaceFullPath: '/' } }],
          backends: [
            { service: f.service, weight: 90 },
            { service: { name: 'canary' }, port: 8080, weight: 10 },
          ],
        },
        { filters: [{ type: 'RequestRedirect', scheme: 'https', statusCode: 301 }] },
      ],
    });
    const spec = only(Testing.synth(f.chart), 'HTTPRoute').spec;
    expect(spec.parentRefs).toEqual([{ name: f.gateway.name, sectionName: 'http' }]);
    expect(spec.rules).toEqual([
      {
        matches: [
          {
            path: { type: 'Exact', value: '/api' },
            headers: [{ name: 'x-canary', value: '1' }],
            method: 'GET',
          },
        ],
        filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/' } } }],
        backendRefs: [
          { name: 'echo', port: 80, weight: 90 },
          { name: 'canary', port: 8080, weight: 10 },
        ],
      },
      { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
    ]);
  });

  test.each<[string, (f: Fixture) => Partial<HttpRouteProps>, string[]]>([
    [
      'a relative path',
      (f) => ({ rules: [{ matches: [{ path: { value: 'api' } }], backends: [{ service: f.service }] }] }),
      ['rules[0].matches[0].path.value "api"', "must start with '/'", '[http-route/path]'],
    ],
    [
      'a path with //',
      (f) => ({ rules: [{ matches: [{ path: { value: '/a//b' } }], backends: [{ service: f.service }] }] }),
      ["must not contain '//'", '[http-route/path]'],
    ],
    [
      'an uppercase hostname',
      () => ({ hostnames: ['Echo.example.com'] }),
      ['hostnames[0] "Echo.example.com"', '[http-route/hostname]'],
    ],
    [
      'a header name with a space',
      (f) => ({
        rules: [{ matches: [{ headers: [{ name: 'x canary', value: '1' }] }], backends: [{ service: f.service }] }],
      }),
      ['[http-route/match-name]'],
    ],
    [
      'a redirect with backends',
      (f) => ({
        rules: [{ filters: [{ type: 'RequestRedirect', scheme: 'https' }], backends: [{ service: f.service }] }],
      }),
      ['RequestRedirect filter and backends', '[http-route/filter-combination]'],
    ],
    [
      'a redirect with a rewrite',
      () => ({
        rules: [
          {
            filters: [
              { type: 'RequestRedirect', scheme: 'https' },
              { type: 'URLRewrite', hostname: 'a.example.com' },
            ],
          },
        ],
      }),
      ['combine RequestRedirect and URLRewrite', '[http-route/filter-combination]'],
    ],
    [
      'a repeated filter',
      (f) => ({
        rules: [
          {
            filters: [
              { type: 'URLRewrite', hostname: 'a.example.com' },
              { type: 'URLRewrite', hostname: 'b.example.com' },
            ],
            backends: [{ service: f.service }],
          },
        ],
      }),
      ['use URLRewrite more than once', '[http-route/filter-combination]'],
    ],
    [
      // An empty list of matches is no list left out: the CRD's default does not apply to it.
      'a prefix rewrite without one PathPrefix match',
      (f) => ({
        rules: [
          {
            matches: [],
            filters: [{ type: 'URLRewrite', path: { replacePrefixMatch: '/v2' } }],
            backends: [{ service: f.service }],
          },
        ],
      }),
      ['[http-route/replace-prefix]'],
    ],
    [
      'a wildcard redirect hostname',
      () => ({ rules: [{ filters: [{ type: 'RequestRedirect', hostname: '*.example.com' }] }] }),
      ['[http-route/filter-value]'],
    ],
    [
      'a Service by name without a port',
      () => ({ rules: [{ backends: [{ service: { name: 'other' } }] }] }),
      ['port is required for Service "other"', '[http-route/backend-port-required]'],
    ],
    [
      // PortNumber: minimum 1, maximum 65535 in the CRD; the rule id names the port, not the weight.
      'a backend port out of range',
      () => ({ rules: [{ backends: [{ service: { name: 'other' }, port: 70000 }] }] }),
      ['port 70000 must be an integer from 1 to 65535', '[http-route/backend-port-number]'],
    ],
    [
      'a weight out of range',
      (f) => ({ rules: [{ backends: [{ service: f.service, weight: -1 }] }] }),
      ['weight -1', '[http-route/backend-weight]'],
    ],
    [
      'two references to one Gateway without sectionName',
      (f) => ({ parents: [{ gateway: f.gateway }, { gateway: f.gateway, sectionName: 'http' }] }),
      ['parents[1] refers to Gateway', '[http-route/parent-ref]'],
    ],
    [
      'more than 16 hostnames',
      () => ({ hostnames: Array.from({ length: 17 }, (_, i) => `h${i}.example.com`) }),
      ['hostnames has 17 entries', '[http-route/counts]'],
    ],
    [
      'a port the backend Service construct lacks (contract)',
      (f) => ({ rules: [{ backends: [{ service: f.service, port: 8080 }] }] }),
      ['port 8080 is not a port of ClusterIpService', 'which has 80', '[http-route/backend-port]'],
    ],
    [
      'a sectionName the Gateway construct lacks (contract)',
      (f) => ({ parents: [{ gateway: f.gateway, sectionName: 'https' }] }),
      ['sectionName "https" is not a listener of Gateway', '[http-route/parent-listener]'],
    ],
    ['an invalid label key', () => ({ labels: { 'a b': 'x' } }), ['labels key "a b"', '[metadata/label-key]']],
    [
      'an invalid annotation key',
      () => ({ annotations: { 'a b': 'x' } }),
      ['annotations key "a b"', '[metadata/annotation-key]'],
    ],
    [
      // ValidateObjectMeta with NameIsDNSSubdomain; a name given is named as given, with no hint.
      'an explicit name that is not a DNS-1123 subdomain',
      () => ({ name: 'Web_Route' }),
      ['name "Web_Route" must be a lowercase DNS-1123 subdomain', '[metadata/name]'],
    ],
    [
      'an empty hostname',
      () => ({ hostnames: [''] }),
      ['hostnames[0] "" must be 1 to 253 characters long', '[http-route/hostname]'],
    ],
    [
      'a hostname that is no DNS name',
      () => ({ hostnames: ['echo_example.com'] }),
      [
        'hostnames[0] "echo_example.com" must be a lowercase DNS name, optionally starting with "*." (no port, scheme or IP address)',
      ],
    ],
    [
      'a second reference to one Gateway without sectionName, after one with it',
      (f) => ({ parents: [{ gateway: f.gateway, sectionName: 'http' }, { gateway: f.gateway }] }),
      [
        'parents[1] refers to Gateway',
        'again: each reference to one Gateway needs its own sectionName',
        '[http-route/parent-ref]',
      ],
    ],
    [
      // The route's namespace is the one a reference without a namespace means.
      "one Gateway by name, once with the route's namespace and once without",
      () => ({ parents: [{ gateway: Gateway.fromName('gw') }, { gateway: Gateway.fromName('gw', 'web') }] }),
      ['parents[1] refers to Gateway "gw" again', '[http-route/parent-ref]'],
    ],
    [
      'a sectionName of 254 characters',
      () => ({ parents: [{ gateway: Gateway.fromName('gw'), sectionName: dnsName(254) }] }),
      [
        'parents[0].sectionName',
        'must be a lowercase DNS-1123 subdomain of at most 253 characters',
        '[http-route/parent-ref]',
      ],
    ],
    [
      'a header match name that is no HTTP token',
      (f) => ({
        rules: [{ matches: [{ headers: [{ name: 'x:a', value: '1' }] }], backends: [{ service: f.service }] }],
      }),
      [
        'headers[0].name "x:a" must be an HTTP token of 1 to 256 letters, digits and !#$%&\'*+-.^_`|~',
        '[http-route/match-name]',
      ],
    ],
    [
      'a path a rewrite writes of 1025 characters',
      (f) => ({
        rules: [
          {
            filters: [{ type: 'URLRewrite', path: { replaceFullPath: `/${'a'.repeat(1024)}` } }],
            backends: [{ service: f.service }],
          },
        ],
      }),
      ['rules[0].filters[0].path', 'must be at most 1024 characters long', '[http-route/filter-value]'],
    ],
    [
      'a rewrite hostname of 254 characters',
      (f) => ({
        rules: [{ filters: [{ type: 'URLRewrite', hostname: dnsName(254) }], backends: [{ service: f.service }] }],
      }),
      [
        'rules[0].filters[0].hostname',
        'must be a lowercase DNS name of at most 253 characters, without a wildcard',
        '[http-route/filter-value]',
      ],
    ],
    [
      'a prefix rewrite on an Exact match, next to another filter',
      (f) => ({
        rules: [
          {
            matches: [{ path: { value: '/v1', type: 'Exact' } }],
            filters: [
              { type: 'RequestHeaderModifier', set: { 'x-a': '1' } },
              { type: 'URLRewrite', path: { replacePrefixMatch: '/v2' } },
            ],
            backends: [{ service: f.service }],
          },
        ],
      }),
      ['[http-route/replace-prefix]'],
    ],
    [
      'a path of a single-digit escape',
      (f) => ({ rules: [{ matches: [{ path: { value: '/a%4' } }], backends: [{ service: f.service }] }] }),
      ['"/a%4" must contain only URL path characters', '[http-route/path]'],
    ],
    [
      'no port for a Service construct of several ports (contract)',
      (f) => ({ rules: [{ backends: [{ service: twoPortService(f) }] }] }),
      [
        "rules[0].backends[0].port is required: ClusterIpService 'test/multi' has several ports (80 (http), 443 (https))",
        '[http-route/backend-port-required]',
      ],
    ],
  ])('refuses %s', (_case, props, parts) => {
    const errors = errorsOf(props);
    expect(errors).toHaveLength(1);
    parts.forEach((part) => expect(errors[0]).toContain(part));
    expect(errors[0]).toContain("HttpRoute 'test/route'");
  });

  test.each<[string, (f: Fixture) => Partial<HttpRouteProps>, string[], ((f: Fixture) => void)?]>([
    ['nothing for a valid route', () => ({ hostnames: ['echo.example.com'] }), [], undefined],
    [
      'an IP hostname',
      () => ({ hostnames: ['10.0.0.1'] }),
      ['http-route/hostname-ip', 'http-route/hostname-no-listener'],
      undefined,
    ],
    [
      'hostnames no listener accepts',
      () => ({ hostnames: ['shop.example.com'] }),
      ['http-route/hostname-no-listener'],
      undefined,
    ],
    [
      'nothing for a hostname under a listener wildcard',
      () => ({ hostnames: ['a.internal.example.com'] }),
      [],
      undefined,
    ],
    [
      'a route from another namespace than its Gateway allows',
      () => ({ namespace: 'other' }),
      // The route's backend, a Service construct of namespace web, is cross-namespace too.
      ['http-route/parent-not-allowed', 'http-route/cross-namespace-backend'],
      undefined,
    ],
    [
      'a port the app Service of that name lacks',
      () => ({ rules: [{ backends: [{ service: { name: 'echo' }, port: 8080 }] }] }),
      ['http-route/backend-port-unknown'],
      undefined,
    ],
    [
      'a backend in another namespace with no ReferenceGrant',
      () => ({ rules: [{ backends: [{ service: { name: 'api', namespace: 'shop' }, port: 80 }] }] }),
      ['http-route/cross-namespace-backend'],
      undefined,
    ],
    [
      'nothing when a ReferenceGrant made after the route allows the backend',
      () => ({ rules: [{ backends: [{ service: { name: 'api', namespace: 'shop' }, port: 80 }] }] }),
      [],
      (f) =>
        new ReferenceGrant(f.chart, 'grant', {
          namespace: 'shop',
          from: [{ kind: 'HTTPRoute', namespace: 'web' }],
          to: [{ kind: 'Service', name: 'api' }],
        }),
    ],
    [
      'a ReferenceGrant for another Service',
      () => ({ rules: [{ backends: [{ service: { name: 'api', namespace: 'shop' }, port: 80 }] }] }),
      ['http-route/cross-namespace-backend'],
      (f) =>
        new ReferenceGrant(f.chart, 'grant', {
          namespace: 'shop',
          from: [{ kind: 'HTTPRoute', namespace: 'web' }],
          to: [{ kind: 'Service', name: 'web' }],
        }),
    ],
    [
      'nothing for hostnames of which one matches a listener',
      () => ({ hostnames: ['echo.example.com', 'shop.example.com'] }),
      [],
      undefined,
    ],
    [
      'nothing for a hostname on a listener that has none',
      (f) => ({
        parents: [
          {
            gateway: new Gateway(f.chart, 'any-host', {
              gatewayClassName: 'example',
              listeners: [{ name: 'http', protocol: 'HTTP' }],
            }),
          },
        ],
        hostnames: ['shop.example.com'],
      }),
      [],
      undefined,
    ],
    [
      'an IPv4 address with a three-digit part',
      () => ({ hostnames: ['10.0.0.100'] }),
      ['http-route/hostname-ip', 'http-route/hostname-no-listener'],
      undefined,
    ],
    [
      'no IP address in a DNS name that starts with a letter',
      () => ({ hostnames: ['a10.0.0.1'] }),
      ['http-route/hostname-no-listener'],
      undefined,
    ],
    [
      'no IP address in a DNS name that ends with a letter',
      () => ({ hostnames: ['10.0.0.1a'] }),
      ['http-route/hostname-no-listener'],
      undefined,
    ],
    [
      // A Gateway of a chart without a namespace is in whatever namespace it is applied to.
      "nothing when the Gateway's namespace is not known",
      (f) => ({
        namespace: 'other',
        parents: [
          {
            gateway: new Gateway(new Chart(f.app, 'infra'), 'gw', {
              gatewayClassName: 'example',
              listeners: [{ name: 'http', protocol: 'HTTP' }],
            }),
          },
        ],
        rules: [{ filters: [{ type: 'RequestRedirect', scheme: 'https' }] }],
      }),
      [],
      undefined,
    ],
    [
      'nothing for a backend Service construct of no namespace',
      (f) => ({
        rules: [
          {
            backends: [
              {
                service: new ClusterIpService(new Chart(f.app, 'anywhere'), 'svc', {
                  name: 'api',
                  target: ServiceTarget.labels({ app: 'api' }),
                  port: 80,
                }),
              },
            ],
          },
        ],
      }),
      [],
      undefined,
    ],
    [
      "a Service of the same name in the route's namespace is not the backend's in another one",
      () => ({ rules: [{ backends: [{ service: { name: 'echo', namespace: 'shop' }, port: 8080 }] }] }),
      ['http-route/cross-namespace-backend'],
      undefined,
    ],
    [
      "nothing for a port one of the app Service's several ports has",
      () => ({ rules: [{ backends: [{ service: { name: 'multi' }, port: 443 }] }] }),
      [],
      (f) => twoPortService(f),
    ],
    [
      'nothing for the port of the app Service named, not the first one',
      () => ({ rules: [{ backends: [{ service: { name: 'second' }, port: 8080 }] }] }),
      [],
      (f) =>
        new ClusterIpService(f.chart, 'second', {
          name: 'second',
          target: ServiceTarget.labels({ app: 'second' }),
          port: 8080,
        }),
    ],
    [
      // An ExternalName Service declares no ports a backend port could be checked against.
      'nothing port-wise for an ExternalName Service of that name',
      () => ({ rules: [{ backends: [{ service: { name: 'ext' }, port: 80 }] }] }),
      [],
      (f) => new ExternalNameService(f.chart, 'ext', { name: 'ext', externalName: 'api.example.com' }),
    ],
    [
      'nothing when the first of two ReferenceGrants in a namespace allows the backend',
      () => ({ rules: [{ backends: [{ service: { name: 'api', namespace: 'shop' }, port: 80 }] }] }),
      [],
      (f) => {
        for (const name of ['api', 'web']) {
          new ReferenceGrant(f.chart, `grant-${name}`, {
            namespace: 'shop',
            from: [{ kind: 'HTTPRoute', namespace: 'web' }],
            to: [{ kind: 'Service', name }],
          });
        }
      },
    ],
  ])('warns about %s', (_case, props, ids, more) => {
    expect(warningsOf(props, more)).toEqual(ids);
  });

  test.each<[string, (f: Fixture) => Partial<HttpRouteProps>, string]>([
    [
      'the listener whose hostnames a route misses',
      (f) => ({ parents: [{ gateway: f.gateway, sectionName: 'other' }], hostnames: ['echo.example.com'] }),
      `HttpRoute 'test/route': hostnames ["echo.example.com"] match no listener of Gateway 'test/gw' "other", whose hostnames are "*.internal.example.com" [http-route/hostname-no-listener]`,
    ],
    [
      'the Gateway and the namespaces of a route it does not allow',
      () => ({ namespace: 'other', rules: [{ backends: [{ service: { name: 'api' }, port: 80 }] }] }),
      `HttpRoute 'test/route': parents[0]: no listener of Gateway 'test/gw' in namespace "web" allows routes from namespace "other"; set its routeNamespaces [http-route/parent-not-allowed]`,
    ],
    [
      "the port and the app's Service that lacks it",
      () => ({ rules: [{ backends: [{ service: { name: 'echo' }, port: 8080 }] }] }),
      `HttpRoute 'test/route': rules[0].backends[0].port 8080 is not a port of ClusterIpService 'test/svc', the app's Service named "echo", which has 80 [http-route/backend-port-unknown]`,
    ],
    [
      'the backend, its namespace and the way out of a missing grant',
      () => ({ rules: [{ backends: [{ service: { name: 'api', namespace: 'shop' }, port: 80 }] }] }),
      `HttpRoute 'test/route': rules[0].backends[0] is Service "api" in namespace "shop", but no ReferenceGrant of this app lets HTTPRoutes of "web" refer to it; add one, or set referenceGrants: 'create' [http-route/cross-namespace-backend]`,
    ],
    [
      'the listeners whose hostnames a route misses, when it attaches to every listener',
      () => ({ hostnames: ['shop.example.com'] }),
      `HttpRoute 'test/route': hostnames ["shop.example.com"] match no listener of Gateway 'test/gw', whose hostnames are "echo.example.com", "*.internal.example.com" [http-route/hostname-no-listener]`,
    ],
  ])('a warning names %s', (_case, props, message) => {
    const f = fixture();
    route(f, props(f));
    Testing.synth(f.chart);
    expect(f.reported.map((w) => w.message)).toEqual([message]);
  });

  test('a warning names an IP hostname and why it will not work', () => {
    const f = fixture();
    route(f, { parents: [{ gateway: Gateway.fromName('gw') }], hostnames: ['10.0.0.1'] });
    Testing.synth(f.chart);
    expect(f.reported.map((w) => w.message)).toEqual([
      `HttpRoute 'test/route': hostnames[0] "10.0.0.1" is an IP address, which the Gateway API does not allow as a hostname; implementations reject it [http-route/hostname-ip]`,
    ]);
  });

  test('an error names the listeners of the Gateway construct a sectionName is not one of', () => {
    expect(errorsOf((f) => ({ parents: [{ gateway: f.gateway, sectionName: 'https' }] }))).toEqual([
      `HttpRoute 'test/route': parents[0].sectionName "https" is not a listener of Gateway 'test/gw', which has "http", "other" [http-route/parent-listener]`,
    ]);
  });

  test.each<[string, (f: Fixture) => Partial<HttpRouteProps>]>([
    [
      'one Gateway name in two namespaces',
      () => ({ parents: [{ gateway: Gateway.fromName('gw', 'a') }, { gateway: Gateway.fromName('gw', 'b') }] }),
    ],
    [
      'an explicit port a Service construct of several ports has',
      (f) => ({ rules: [{ backends: [{ service: twoPortService(f), port: 443 }] }] }),
    ],
    [
      // The type has no hostname on a RequestHeaderModifier, and the filter renders none.
      'a hostname a JavaScript caller puts on a RequestHeaderModifier, which is not rendered',
      (f) => ({
        rules: [
          {
            filters: [
              { type: 'RequestHeaderModifier', set: { 'x-a': '1' }, hostname: 'NOT A HOST' } as HttpRouteFilter,
            ],
            backends: [{ service: f.service }],
          },
        ],
      }),
    ],
    ['a one-character hostname', () => ({ hostnames: ['a'] })],
    [
      // The CRD has a pattern for header names to set or add, none for those to remove.
      'a header name to remove that is no HTTP token',
      (f) => ({
        rules: [{ filters: [{ type: 'RequestHeaderModifier', remove: ['x a'] }], backends: [{ service: f.service }] }],
      }),
    ],
  ])('accepts %s', (_case, props) => {
    expect(errorsOf(props)).toEqual([]);
  });

  // The CRD requires neither: a route with no parents attaches nowhere, and no rules is a valid list.
  test('a JavaScript caller who gives no parents or rules gets a route of empty lists, with no errors', () => {
    const f = fixture();
    new HttpRoute(f.chart, 'route', {} as HttpRouteProps);
    expect(validationErrors(f.app)).toEqual([]);
    expect(only(Testing.synth(f.chart), 'HTTPRoute').spec).toEqual({ parentRefs: [], rules: [] });
  });

  test('refuses more than 16 filters in a rule, with the count', () => {
    const errors = errorsOf((f) => ({
      rules: [
        {
          filters: manyOf(17, () => ({ type: 'RequestHeaderModifier' as const, set: { 'x-a': '1' } })),
          backends: [{ service: f.service }],
        },
      ],
    }));
    expect(errors).toContain(
      "HttpRoute 'test/route': rules[0].filters has 17 entries; at most 16 are allowed [http-route/counts]",
    );
  });

  test('a route without hostnames renders none, and makes no ReferenceGrants unless asked to', () => {
    const f = fixture();
    const r = route(f, {});
    expect(only(Testing.synth(f.chart), 'HTTPRoute').spec.hostnames).toBeUndefined();
    expect(r.referenceGrants).toEqual([]);
  });

  test('a route depends on its Gateway and Service constructs, so they are applied first', () => {
    const f = fixture();
    const r = route(f, {});
    expect(r.node.dependencies).toEqual(expect.arrayContaining([f.gateway, f.service]));
  });

  test("nothing warns when the route's namespace is not known", () => {
    const { app, chart } = testChart();
    const reported: ValidationWarning[] = [];
    Warnings.configure(app, { report: (w) => reported.push(w) });
    const gateway = new Gateway(new Chart(app, 'infra', { namespace: 'infra' }), 'gw', {
      gatewayClassName: 'example',
      listeners: [{ name: 'http', protocol: 'HTTP' }],
    });
    new HttpRoute(chart, 'route', {
      parents: [{ gateway }],
      rules: [{ backends: [{ service: { name: 'api', namespace: 'shop' }, port: 80 }] }],
    });
    Testing.synth(chart);
    expect(reported).toEqual([]);
  });

  test('a listener that allows all namespaces accepts a route from another one', () => {
    const { app, chart } = testChart({ namespace: 'web' });
    const reported: ValidationWarning[] = [];
    Warnings.configure(app, { report: (w) => reported.push(w) });
    const gateway = new Gateway(chart, 'gw', {
      gatewayClassName: 'example',
      listeners: [{ name: 'http', protocol: 'HTTP', routeNamespaces: RouteNamespaces.all() }],
    });
    new HttpRoute(chart, 'route', {
      namespace: 'team',
      parents: [{ gateway }],
      rules: [{ filters: [{ type: 'RequestRedirect', scheme: 'https' }] }],
    });
    const spec = only(Testing.synth(chart), 'HTTPRoute').spec;
    expect(spec.parentRefs).toEqual([{ name: gateway.name, namespace: 'web' }]);
    expect(reported).toEqual([]);
  });

  test('renders each core filter, query matches, a PathPrefix default and the namespaces of other-namespace references', () => {
    const f = fixture();
    route(f, {
      parents: [{ gateway: Gateway.fromName('shared', 'infra') }, { gateway: f.gateway }],
      rules: [
        {
          matches: [{ path: { value: '/api' }, queryParams: [{ name: 'v', value: '2' }] }],
          filters: [
            { type: 'RequestHeaderModifier', set: { 'x-a': '1' }, add: { 'x-b': '2' }, remove: ['x-c'] },
            { type: 'URLRewrite', hostname: 'api.example.com', path: { replacePrefixMatch: '/v2' } },
          ],
          backends: [
            { service: { name: 'api', namespace: 'shop' }, port: 80 },
            { service: { name: 'local', namespace: 'web' }, port: 80 },
          ],
        },
        {
          filters: [
            { type: 'RequestRedirect', hostname: 'new.example.com', port: 8443, path: { replacePrefixMatch: '/new' } },
          ],
        },
      ],
    });
    const spec = only(Testing.synth(f.chart), 'HTTPRoute').spec;
    // The route's own namespace is left out of references, as the Gateway API defaults to it.
    expect(spec.parentRefs).toEqual([{ name: 'shared', namespace: 'infra' }, { name: f.gateway.name }]);
    expect(spec.rules).toEqual([
      {
        matches: [{ path: { type: 'PathPrefix', value: '/api' }, queryParams: [{ name: 'v', value: '2' }] }],
        filters: [
          {
            type: 'RequestHeaderModifier',
            requestHeaderModifier: {
              set: [{ name: 'x-a', value: '1' }],
              add: [{ name: 'x-b', value: '2' }],
              remove: ['x-c'],
            },
          },
          {
            type: 'URLRewrite',
            urlRewrite: {
              hostname: 'api.example.com',
              path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' },
            },
          },
        ],
        backendRefs: [
          { name: 'api', namespace: 'shop', port: 80 },
          { name: 'local', port: 80 },
        ],
      },
      {
        filters: [
          {
            type: 'RequestRedirect',
            requestRedirect: {
              hostname: 'new.example.com',
              port: 8443,
              path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' },
            },
          },
        ],
      },
    ]);
  });

  test("referenceGrants 'create' makes one grant per other namespace, naming its Services in order", () => {
    const f = fixture();
    const r = route(f, {
      referenceGrants: 'create',
      rules: [
        {
          backends: [
            { service: { name: 'orders', namespace: 'shop' }, port: 80 },
            { service: { name: 'cart', namespace: 'shop' }, port: 80 },
            { service: { name: 'charge', namespace: 'pay' }, port: 80 },
            { service: f.service },
          ],
        },
      ],
    });
    Testing.synth(f.chart);
    expect(f.reported).toEqual([]);
    expect(r.referenceGrants.map((g) => [g.namespace, g.to.map((t) => t.name)])).toEqual([
      ['shop', ['cart', 'orders']],
      ['pay', ['charge']],
    ]);
  });

  test("referenceGrants 'create' makes the grant in the backend's namespace", () => {
    const f = fixture();
    const r = route(f, {
      referenceGrants: 'create',
      rules: [{ backends: [{ service: { name: 'api', namespace: 'shop' }, port: 80 }] }],
    });
    const manifests = Testing.synth(f.chart);
    expect(f.reported).toEqual([]);
    expect(r.referenceGrants).toHaveLength(1);
    const grant = only(manifests, 'ReferenceGrant');
    expect(grant.apiVersion).toBe('gateway.networking.k8s.io/v1beta1');
    expect(grant.metadata.namespace).toBe('shop');
    expect(grant.spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }],
      to: [{ group: '', kind: 'Service', name: 'api' }],
    });
  });
});

// The HTTPRoute CRD defaults a rule's matches to [{ path: { type: PathPrefix, value: "/" } }]
// and a match's path to PathPrefix "/" before its CEL rules run, so kube-apiserver accepts a
// prefix rewrite on a rule that leaves its matches, or the one match's path, out.
test.each<[string, (f: Fixture) => Partial<HttpRouteProps>]>([
  [
    'no matches at all',
    (f) => ({
      rules: [
        { filters: [{ type: 'URLRewrite', path: { replacePrefixMatch: '/v2' } }], backends: [{ service: f.service }] },
      ],
    }),
  ],
  [
    'one match without a path',
    (f) => ({
      rules: [
        {
          matches: [{ method: 'GET' }],
          filters: [{ type: 'URLRewrite', path: { replacePrefixMatch: '/v2' } }],
          backends: [{ service: f.service }],
        },
      ],
    }),
  ],
])('a prefix rewrite on a rule with %s is accepted, as the CRD defaults it', (_case, props) => {
  expect(errorsOf(props)).toEqual([]);
});

/** A valid DNS name of `length` characters: labels of at most 63 `a`s joined by dots. */
const dnsName = (length: number) =>
  Array.from({ length: Math.ceil(length / 64) }, (_, i) => 'a'.repeat(Math.min(63, length - i * 64))).join('.');

const manyOf = <T>(count: number, item: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => item(i));

// Each limit of the HTTPRoute CRD (maxItems, maxLength, minimum and maximum, its patterns and
// CEL rules) at the last value it accepts and the first it refuses, through the construct, so
// the cluster suite puts both to the API server as well.
describe.each<[string, (f: Fixture) => Partial<HttpRouteProps>, (f: Fixture) => Partial<HttpRouteProps>, string[]]>([
  [
    'parents: 32 (maxItems)',
    () => ({ parents: manyOf(32, (i) => ({ gateway: Gateway.fromName(`gw-${i}`) })) }),
    () => ({ parents: manyOf(33, (i) => ({ gateway: Gateway.fromName(`gw-${i}`) })) }),
    ['parents has 33 entries; at most 32 are allowed', '[http-route/counts]'],
  ],
  [
    'rules: 16 (maxItems)',
    (f) => ({ rules: manyOf(16, () => ({ backends: [{ service: f.service }] })) }),
    (f) => ({ rules: manyOf(17, () => ({ backends: [{ service: f.service }] })) }),
    ['rules has 17 entries; at most 16 are allowed', '[http-route/counts]'],
  ],
  [
    'matches of a rule: 8 (maxItems)',
    (f) => ({
      rules: [{ matches: manyOf(8, (i) => ({ path: { value: `/p${i}` } })), backends: [{ service: f.service }] }],
    }),
    (f) => ({
      rules: [{ matches: manyOf(9, (i) => ({ path: { value: `/p${i}` } })), backends: [{ service: f.service }] }],
    }),
    ['rules[0].matches has 9 entries; at most 8 are allowed', '[http-route/counts]'],
  ],
  [
    'backends of a rule: 16 (maxItems)',
    () => ({ rules: [{ backends: manyOf(16, (i) => ({ service: { name: `s${i}` }, port: 80 })) }] }),
    () => ({ rules: [{ backends: manyOf(17, (i) => ({ service: { name: `s${i}` }, port: 80 })) }] }),
    ['rules[0].backends has 17 entries; at most 16 are allowed', '[http-route/counts]'],
  ],
  [
    'a hostname: 253 characters (maxLength)',
    () => ({ hostnames: [dnsName(253)] }),
    () => ({ hostnames: [dnsName(254)] }),
    ['hostnames[0]', 'must be 1 to 253 characters long', '[http-route/hostname]'],
  ],
  [
    'a hostname: a wildcard only as the first label',
    () => ({ hostnames: ['*.example.com'] }),
    () => ({ hostnames: ['a.*.example.com'] }),
    ['hostnames[0] "a.*.example.com"', '[http-route/hostname]'],
  ],
  [
    'a sectionName: a DNS subdomain (pattern)',
    () => ({ parents: [{ gateway: Gateway.fromName('gw'), sectionName: 'http.v1' }] }),
    () => ({ parents: [{ gateway: Gateway.fromName('gw'), sectionName: 'HTTP' }] }),
    ['parents[0].sectionName "HTTP"', '[http-route/parent-ref]'],
  ],
  [
    'two references to one Gateway: each with its own sectionName (CEL)',
    () => ({
      parents: [
        { gateway: Gateway.fromName('gw'), sectionName: 'a' },
        { gateway: Gateway.fromName('gw'), sectionName: 'b' },
      ],
    }),
    () => ({
      parents: [
        { gateway: Gateway.fromName('gw'), sectionName: 'a' },
        { gateway: Gateway.fromName('gw'), sectionName: 'a' },
      ],
    }),
    ['parents[1].sectionName "a" repeats another parent reference', '[http-route/parent-ref]'],
  ],
  [
    'a path: 1024 characters (maxLength)',
    (f) => ({
      rules: [{ matches: [{ path: { value: `/${'a'.repeat(1023)}` } }], backends: [{ service: f.service }] }],
    }),
    (f) => ({
      rules: [{ matches: [{ path: { value: `/${'a'.repeat(1024)}` } }], backends: [{ service: f.service }] }],
    }),
    ['must be at most 1024 characters long', '[http-route/path]'],
  ],
  [
    'a path: every URL path character, and %XX escapes (CEL)',
    (f) => ({
      rules: [{ matches: [{ path: { value: "/a-._~!$&'()*+,;=:@%41" } }], backends: [{ service: f.service }] }],
    }),
    (f) => ({ rules: [{ matches: [{ path: { value: '/a%zz' } }], backends: [{ service: f.service }] }] }),
    ['"/a%zz"', 'must contain only URL path characters', '[http-route/path]'],
  ],
  [
    'a header match name: 256 characters (maxLength)',
    (f) => ({
      rules: [{ matches: [{ headers: [{ name: 'h'.repeat(256), value: '1' }] }], backends: [{ service: f.service }] }],
    }),
    (f) => ({
      rules: [{ matches: [{ headers: [{ name: 'h'.repeat(257), value: '1' }] }], backends: [{ service: f.service }] }],
    }),
    ['rules[0].matches[0].headers[0].name', '[http-route/match-name]'],
  ],
  [
    'query parameter matches: each name once (list-map key)',
    (f) => ({
      rules: [
        {
          matches: [
            {
              queryParams: [
                { name: 'a', value: '1' },
                { name: 'b', value: '1' },
              ],
            },
          ],
          backends: [{ service: f.service }],
        },
      ],
    }),
    (f) => ({
      rules: [
        {
          matches: [
            {
              queryParams: [
                { name: 'a', value: '1' },
                { name: 'a', value: '2' },
              ],
            },
          ],
          backends: [{ service: f.service }],
        },
      ],
    }),
    ['rules[0].matches[0].queryParams[1].name "a" is matched twice', '[http-route/match-name]'],
  ],
  [
    'a backend weight: 1000000 (maximum)',
    (f) => ({ rules: [{ backends: [{ service: f.service, weight: 1_000_000 }] }] }),
    (f) => ({ rules: [{ backends: [{ service: f.service, weight: 1_000_001 }] }] }),
    ['rules[0].backends[0].weight 1000001 must be an integer from 0 to 1000000', '[http-route/backend-weight]'],
  ],
  [
    'a backend weight: 0 (minimum)',
    (f) => ({ rules: [{ backends: [{ service: f.service, weight: 0 }] }] }),
    (f) => ({ rules: [{ backends: [{ service: f.service, weight: -1 }] }] }),
    ['rules[0].backends[0].weight -1', '[http-route/backend-weight]'],
  ],
  [
    'a backend port: 65535 (maximum)',
    () => ({ rules: [{ backends: [{ service: { name: 'other' }, port: 65535 }] }] }),
    () => ({ rules: [{ backends: [{ service: { name: 'other' }, port: 65536 }] }] }),
    ['rules[0].backends[0].port 65536 must be an integer from 1 to 65535', '[http-route/backend-port-number]'],
  ],
  [
    'a backend port: 1 (minimum)',
    () => ({ rules: [{ backends: [{ service: { name: 'other' }, port: 1 }] }] }),
    () => ({ rules: [{ backends: [{ service: { name: 'other' }, port: 0 }] }] }),
    ['rules[0].backends[0].port 0', '[http-route/backend-port-number]'],
  ],
  [
    'a redirect port: 1 to 65535',
    () => ({ rules: [{ filters: [{ type: 'RequestRedirect', port: 65535 }] }] }),
    () => ({ rules: [{ filters: [{ type: 'RequestRedirect', port: 0 }] }] }),
    ['rules[0].filters[0].port 0 must be an integer from 1 to 65535', '[http-route/filter-value]'],
  ],
  [
    'a rewrite hostname: a lowercase DNS name (pattern)',
    (f) => ({
      rules: [{ filters: [{ type: 'URLRewrite', hostname: 'api.example.com' }], backends: [{ service: f.service }] }],
    }),
    (f) => ({
      rules: [{ filters: [{ type: 'URLRewrite', hostname: 'API.example.com' }], backends: [{ service: f.service }] }],
    }),
    ['rules[0].filters[0].hostname "API.example.com"', '[http-route/filter-value]'],
  ],
  [
    'a path a filter writes: 1024 characters (maxLength)',
    () => ({ rules: [{ filters: [{ type: 'RequestRedirect', path: { replaceFullPath: `/${'a'.repeat(1023)}` } }] }] }),
    () => ({ rules: [{ filters: [{ type: 'RequestRedirect', path: { replaceFullPath: `/${'a'.repeat(1024)}` } }] }] }),
    ['rules[0].filters[0].path', 'must be at most 1024 characters long', '[http-route/filter-value]'],
  ],
  [
    'headers a filter sets: 16 (maxItems)',
    (f) => ({
      rules: [
        {
          filters: [{ type: 'RequestHeaderModifier', set: Object.fromEntries(manyOf(16, (i) => [`h${i}`, '1'])) }],
          backends: [{ service: f.service }],
        },
      ],
    }),
    (f) => ({
      rules: [
        {
          filters: [{ type: 'RequestHeaderModifier', set: Object.fromEntries(manyOf(17, (i) => [`h${i}`, '1'])) }],
          backends: [{ service: f.service }],
        },
      ],
    }),
    ['rules[0].filters[0].set has 17 entries; at most 16 are allowed', '[http-route/counts]'],
  ],
  [
    'headers a filter adds: HTTP tokens (pattern)',
    (f) => ({
      rules: [
        {
          filters: [{ type: 'RequestHeaderModifier', add: { "x-a!#$%&'*+.^_`|~": '1' } }],
          backends: [{ service: f.service }],
        },
      ],
    }),
    (f) => ({
      rules: [
        { filters: [{ type: 'RequestHeaderModifier', add: { 'x a': '1' } }], backends: [{ service: f.service }] },
      ],
    }),
    ['rules[0].filters[0].add key "x a"', '[http-route/filter-value]'],
  ],
  [
    'headers a filter removes: 16 (maxItems)',
    (f) => ({
      rules: [
        {
          filters: [{ type: 'RequestHeaderModifier', remove: manyOf(16, (i) => `h${i}`) }],
          backends: [{ service: f.service }],
        },
      ],
    }),
    (f) => ({
      rules: [
        {
          filters: [{ type: 'RequestHeaderModifier', remove: manyOf(17, (i) => `h${i}`) }],
          backends: [{ service: f.service }],
        },
      ],
    }),
    ['rules[0].filters[0].remove has 17 entries; at most 16 are allowed', '[http-route/counts]'],
  ],
  [
    'headers a filter removes: each once (list-set)',
    (f) => ({
      rules: [{ filters: [{ type: 'RequestHeaderModifier', remove: ['a', 'b'] }], backends: [{ service: f.service }] }],
    }),
    (f) => ({
      rules: [
        { filters: [{ type: 'RequestHeaderModifier', remove: ['a', 'b', 'a'] }], backends: [{ service: f.service }] },
      ],
    }),
    ['rules[0].filters[0].remove[2] "a" is listed twice', '[http-route/filter-value]'],
  ],
  [
    'a prefix rewrite: one match, with a PathPrefix path (CEL)',
    (f) => ({
      rules: [
        {
          matches: [{ path: { value: '/v1', type: 'PathPrefix' } }],
          filters: [{ type: 'URLRewrite', path: { replacePrefixMatch: '/v2' } }],
          backends: [{ service: f.service }],
        },
      ],
    }),
    (f) => ({
      rules: [
        {
          matches: [{ path: { value: '/v1', type: 'Exact' } }],
          filters: [{ type: 'URLRewrite', path: { replacePrefixMatch: '/v2' } }],
          backends: [{ service: f.service }],
        },
      ],
    }),
    [
      'rules[0] replaces a prefix match, so it needs exactly one match, with a PathPrefix path',
      '[http-route/replace-prefix]',
    ],
  ],
  [
    'a prefix redirect: one match, not two (CEL)',
    () => ({
      rules: [
        {
          matches: [{ path: { value: '/v1' } }],
          filters: [{ type: 'RequestRedirect', path: { replacePrefixMatch: '/v2' } }],
        },
      ],
    }),
    () => ({
      rules: [
        {
          matches: [{ path: { value: '/v1' } }, { path: { value: '/v3' } }],
          filters: [{ type: 'RequestRedirect', path: { replacePrefixMatch: '/v2' } }],
        },
      ],
    }),
    ['rules[0] replaces a prefix match', '[http-route/replace-prefix]'],
  ],
])('the HTTPRoute limit on %s', (_limit, accepted, refused, parts) => {
  test('the last value it accepts is accepted', () => {
    expect(errorsOf(accepted)).toEqual([]);
  });
  test('the first value it refuses is one error, naming the route, the property, the value and the rule', () => {
    const errors = errorsOf(refused);
    expect(errors).toHaveLength(1);
    parts.forEach((part) => expect(errors[0]).toContain(part));
    expect(errors[0]).toContain("HttpRoute 'test/route'");
  });
});

// HTTPRouteSpec.hostnames (Gateway API v1.1.1): a route attaches to a listener only when their
// hostnames intersect; a `*.` wildcard is a suffix match of one or more labels, never of the
// bare domain. The examples of that documentation, and their wildcard-against-wildcard cases.
test.each<[string, string, boolean]>([
  ['test.example.com', 'test.example.com', true],
  ['test.example.com', '*.example.com', true],
  ['test.example.com', 'example.com', false],
  ['test.example.com', 'other.example.com', false],
  ['test.example.com', 'foo.test.example.com', false],
  ['*.example.com', '*.example.com', true],
  ['*.example.com', 'test.example.com', true],
  ['*.example.com', 'foo.test.example.com', true],
  ['*.example.com', 'example.com', false],
  ['*.example.com', 'test.example.net', false],
  ['*.example.com', 'badexample.com', false],
  ['*.example.com', '*.foo.example.com', true],
  ['*.foo.example.com', '*.example.com', true],
  ['*.foo.example.com', '*.bar.example.com', false],
])('a listener for %s and a route for %s intersect: %s', (listenerHost, routeHost, intersect) => {
  const { app, chart } = testChart({ namespace: 'web' });
  const reported: ValidationWarning[] = [];
  Warnings.configure(app, { report: (w) => reported.push(w) });
  const gateway = new Gateway(chart, 'gw', {
    gatewayClassName: 'example',
    listeners: [{ name: 'http', protocol: 'HTTP', hostname: listenerHost }],
  });
  new HttpRoute(chart, 'route', {
    parents: [{ gateway }],
    hostnames: [routeHost],
    rules: [{ filters: [{ type: 'RequestRedirect', scheme: 'https' }] }],
  });
  Testing.synth(chart);
  expect(reported.map((w) => w.id)).toEqual(intersect ? [] : ['http-route/hostname-no-listener']);
});

// The CEL rules of HTTPPathMatch for Exact and PathPrefix paths, one by one.
test.each<[string, string]>([
  ['/a/./b', "must not contain '/./'"],
  ['/a/../b', "must not contain '/../'"],
  ['/a%2fb', "must not contain '%2f'"],
  ['/a%2Fb', "must not contain '%2F'"],
  ['/a#b', "must not contain '#'"],
  ['/a/..', "must not end with '/..'"],
  ['/a/.', "must not end with '/.'"],
  ['/a b', "must contain only URL path characters (letters, digits, -._~!$&'()*+,;=:@/ and %XX escapes)"],
])('the path %s is refused: it %s', (value, reason) => {
  const errors = errorsOf((f) => ({ rules: [{ matches: [{ path: { value } }], backends: [{ service: f.service }] }] }));
  expect(errors).toEqual([
    `HttpRoute 'test/route': rules[0].matches[0].path.value ${JSON.stringify(value)} ${reason} [http-route/path]`,
  ]);
});
