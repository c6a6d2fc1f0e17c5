import { Chart, Testing } from 'cdk8s';
import {
  ClusterIpService,
  Gateway,
  HttpRoute,
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
  ])('warns about %s', (_case, props, ids, more) => {
    expect(warningsOf(props, more)).toEqual(ids);
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
