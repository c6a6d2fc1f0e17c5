import { Testing } from 'cdk8s';
import { Gateway, HttpRoute, ReferenceGrant, ReferenceGrantProps, Warnings } from '../lib';
import { only, testChart, validationErrors } from './support';

// Each rule mirrors the Gateway API v1.1.1 CRD referencegrants.gateway.networking.k8s.io:
// from and to hold 1 to 16 entries, a from namespace matches the Namespace pattern (a
// DNS-1123 label), and a to name is an ObjectName (1 to 253 characters, no pattern).

const valid: ReferenceGrantProps = {
  from: [{ kind: 'HTTPRoute', namespace: 'web' }],
  to: [{ kind: 'Service', name: 'echo' }],
};

function grantProblems(props: Partial<ReferenceGrantProps>): { errors: string[]; warnings: string[] } {
  const { app, chart } = testChart({ namespace: 'backend' });
  Warnings.configure(app, { report: () => undefined });
  new ReferenceGrant(chart, 'grant', { ...valid, ...props });
  return { errors: validationErrors(app), warnings: Warnings.list(chart).map((w) => w.id) };
}

describe('ReferenceGrant', () => {
  test('renders the grant in v1beta1, in the chart namespace, with the core group for Services', () => {
    const { chart } = testChart({ namespace: 'backend' });
    new ReferenceGrant(chart, 'grant', valid);
    const grant = only(Testing.synth(chart), 'ReferenceGrant');
    expect(grant.apiVersion).toBe('gateway.networking.k8s.io/v1beta1');
    expect(grant.metadata.namespace).toBe('backend');
    expect(grant.spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }],
      to: [{ group: '', kind: 'Service', name: 'echo' }],
    });
  });

  // ValidateObjectMeta with NameIsDNSSubdomain, as for every namespaced custom resource.
  test('refuses a name that is not a DNS-1123 subdomain, naming it as given', () => {
    const { app, chart } = testChart({ namespace: 'backend' });
    new ReferenceGrant(chart, 'grant', { ...valid, name: 'Grant_1' });
    const errors = validationErrors(app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('name "Grant_1" must be a lowercase DNS-1123 subdomain');
    expect(errors[0]).not.toContain('generated from the construct path');
  });

  test("renders a grant to a Gateway's certificate Secrets with the core group, and Gateways with the Gateway API's", () => {
    const { chart } = testChart({ namespace: 'certs' });
    new ReferenceGrant(chart, 'grant', { from: [{ kind: 'Gateway', namespace: 'web' }], to: [{ kind: 'Secret' }] });
    expect(only(Testing.synth(chart), 'ReferenceGrant').spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'web' }],
      to: [{ group: '', kind: 'Secret' }],
    });
  });

  // ReferenceGrantSpec: each from entry is one more place references may come from, each to
  // entry one more object they may reach; a to entry without a name reaches every object of
  // its kind in the grant's namespace.
  const permits = (props: Pick<ReferenceGrantProps, 'from' | 'to'>, ...ask: Parameters<ReferenceGrant['permits']>) => {
    const { chart } = testChart({ namespace: 'backend' });
    return new ReferenceGrant(chart, 'grant', props).permits(...ask);
  };
  test.each<[string, Pick<ReferenceGrantProps, 'from' | 'to'>, Parameters<ReferenceGrant['permits']>, boolean]>([
    [
      'the kind and namespace of from, the kind and name of to: permitted',
      valid,
      ['HTTPRoute', 'web', 'Service', 'echo'],
      true,
    ],
    ['another referring kind: not permitted', valid, ['GRPCRoute', 'web', 'Service', 'echo'], false],
    ['another referring namespace: not permitted', valid, ['HTTPRoute', 'shop', 'Service', 'echo'], false],
    ['another kind referred to: not permitted', valid, ['HTTPRoute', 'web', 'Secret', 'echo'], false],
    ['another name referred to: not permitted', valid, ['HTTPRoute', 'web', 'Service', 'api'], false],
    [
      'any name, when to names none: permitted',
      { ...valid, to: [{ kind: 'Service' }] },
      ['HTTPRoute', 'web', 'Service', 'api'],
      true,
    ],
    [
      'the second from entry and the second to entry: permitted',
      {
        from: [
          { kind: 'GRPCRoute', namespace: 'web' },
          { kind: 'HTTPRoute', namespace: 'shop' },
        ],
        to: [
          { kind: 'Service', name: 'echo' },
          { kind: 'Service', name: 'api' },
        ],
      },
      ['HTTPRoute', 'shop', 'Service', 'api'],
      true,
    ],
  ])('a reference with %s', (_case, props, ask, expected) => {
    expect(permits(props, ...ask)).toBe(expected);
  });

  test.each<[string, Partial<ReferenceGrantProps>, string[]]>([
    ['no from entry (minItems 1)', { from: [] }, ['from has 0 entries', '[reference-grant/entries]']],
    [
      '17 to entries (maxItems 16)',
      { to: Array.from({ length: 17 }, (_, i) => ({ kind: 'Service' as const, name: `s${i}` })) },
      ['to has 17 entries', '[reference-grant/entries]'],
    ],
    [
      'a from namespace that is not a DNS-1123 label',
      { from: [{ kind: 'HTTPRoute', namespace: 'Web' }] },
      ['from[0].namespace "Web"', '[reference-grant/namespace]'],
    ],
    [
      'an empty to name (minLength 1)',
      { to: [{ kind: 'Service', name: '' }] },
      ['to[0].name ""', '[reference-grant/to-name]'],
    ],
    [
      'a to name of 254 characters (maxLength 253)',
      { to: [{ kind: 'Service', name: 'a'.repeat(254) }] },
      ['1 to 253 characters', '[reference-grant/to-name]'],
    ],
    [
      'a grant namespace that is not a DNS-1123 label (ValidateObjectMeta)',
      { namespace: 'Backend' },
      ['namespace "Backend"', '[metadata/namespace]'],
    ],
  ])('refuses %s', (_case, props, parts) => {
    const { errors } = grantProblems(props);
    expect(errors).toHaveLength(1);
    parts.forEach((part) => expect(errors[0]).toContain(part));
  });

  test.each<[string, Partial<ReferenceGrantProps>]>([
    [
      '16 entries in from',
      { from: Array.from({ length: 16 }, (_, i) => ({ kind: 'HTTPRoute' as const, namespace: `n${i}` })) },
    ],
    ['a to name of 253 characters', { to: [{ kind: 'Service', name: 'a'.repeat(253) }] }],
    ['a to entry without a name, which grants every object of the kind', { to: [{ kind: 'Secret' }] }],
  ])('accepts %s', (_case, props) => {
    expect(grantProblems(props)).toEqual({ errors: [], warnings: [] });
  });

  test('accepts a to name no object can have, with a warning', () => {
    expect(grantProblems({ to: [{ kind: 'Service', name: 'Echo_1' }] })).toEqual({
      errors: [],
      warnings: ['reference-grant/to-name-format'],
    });
  });
});

describe('namespaces of Gateway API objects', () => {
  test.each([
    [
      'Gateway',
      (c: ReturnType<typeof testChart>['chart']) =>
        new Gateway(c, 'x', {
          namespace: 'Web',
          gatewayClassName: 'example',
          listeners: [{ name: 'http', protocol: 'HTTP' }],
        }),
    ],
    [
      'HttpRoute',
      (c: ReturnType<typeof testChart>['chart']) =>
        new HttpRoute(c, 'x', { namespace: 'Web', parents: [{ gateway: Gateway.fromName('gw', 'web') }], rules: [] }),
    ],
  ])('a %s namespace that is not a DNS-1123 label is refused (ValidateObjectMeta)', (_kind, make) => {
    const { app, chart } = testChart();
    make(chart);
    const errors = validationErrors(app).filter((e) => e.includes('[metadata/namespace]'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('namespace "Web"');
  });
});
