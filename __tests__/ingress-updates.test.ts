import { ingressCreate, ingressUpdate, KubeObject, objectRef, PlanFinding } from '../lib/model';

// The update rules of Ingresses, called on objects built in memory. ValidateIngressUpdate
// (pkg/apis/networking/validation) holds no field immutable, so no change is refused for being a
// change; what the rules judge is what the clients of the ingress controller lose: the class that
// picks the controller, the routes, the default backend and the TLS hosts. kubectl apply removes
// what the previous manifest stated and the new one leaves out, so a field left out is gone.

const backend = (name: string, port = 80) => ({ service: { name, port: { number: port } } });

const ingress = (spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'shop', ...metadata },
  spec: {
    rules: [
      { host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('web') }] } },
    ],
    ...spec,
  },
});

const update = (before: KubeObject, after: KubeObject): PlanFinding[] =>
  ingressUpdate(objectRef(before), objectRef(after));

const classAnnotation = (name: string) => ({ annotations: { 'kubernetes.io/ingress.class': name } });

describe('the ingress class (an Ingress is served by the controller of its class)', () => {
  // [behaviour, before, after, the message, or undefined for no finding]
  const ROWS: [string, KubeObject, KubeObject, string | undefined][] = [
    [
      'a new class moves the Ingress to another controller',
      ingress({ ingressClassName: 'nginx' }),
      ingress({ ingressClassName: 'traefik' }),
      'ingress class "nginx" → "traefik": another controller serves the Ingress, the old one drops its routes, and its address can change',
    ],
    [
      'the deprecated annotation names a class as the field does',
      ingress({}, classAnnotation('nginx')),
      ingress({}, classAnnotation('traefik')),
      'ingress class "nginx" → "traefik"',
    ],
    [
      'moving the same class from the annotation to the field changes no controller',
      ingress({}, classAnnotation('nginx')),
      ingress({ ingressClassName: 'nginx' }),
      undefined,
    ],
    [
      'the same class is no change',
      ingress({ ingressClassName: 'nginx' }),
      ingress({ ingressClassName: 'nginx' }),
      undefined,
    ],
    [
      'a class gained where there was none',
      ingress(),
      ingress({ ingressClassName: 'nginx' }),
      'ingress class (none) → "nginx"',
    ],
  ];

  test.each(ROWS)('%s', (_behaviour, before, after, message) => {
    const findings = update(before, after).filter((f) => f.path === 'spec.ingressClassName');
    expect(findings.map((f) => f.message)).toEqual(message ? [expect.stringContaining(message)] : []);
    for (const f of findings) {
      expect(f.verdict).toBe('disruptive');
      // A named class does not depend on what the cluster holds.
      expect(f.dependsOn).toBeUndefined();
    }
  });

  test('a class left out depends on which controller serves Ingresses without class', () => {
    // kubectl apply removes spec.ingressClassName; which controller, if any, then serves the
    // Ingress depends on the cluster's IngressClasses and controllers.
    const [f] = update(ingress({ ingressClassName: 'nginx' }), ingress());
    expect(f.message).toContain('ingress class "nginx" → (none)');
    expect(f.dependsOn).toContain('IngressClass');
  });
});

describe('routes (the controller routes each host and path to its backend)', () => {
  const paths = (host: string | undefined, ...items: Record<string, unknown>[]) => ({
    rules: [{ ...(host ? { host } : {}), http: { paths: items } }],
  });
  const api = { path: '/api', pathType: 'Prefix', backend: backend('api') };
  const root = { path: '/', pathType: 'Prefix', backend: backend('web') };

  // [behaviour, spec before, spec after, messages of the spec.rules findings]
  const ROWS: [string, Record<string, unknown>, Record<string, unknown>, string[]][] = [
    ['the same routes change nothing', paths('shop.example.com', root, api), paths('shop.example.com', api, root), []],
    ['a new path loses nothing', paths('shop.example.com', root), paths('shop.example.com', root, api), []],
    [
      'a removed path is no longer routed',
      paths('shop.example.com', root, api),
      paths('shop.example.com', root),
      ['shop.example.com/api (Prefix) is no longer routed: its requests go to the default backend or get 404'],
    ],
    [
      'a rule without host routes every host',
      paths(undefined, root, api),
      paths(undefined, root),
      ['*/api (Prefix) is no longer routed'],
    ],
    [
      'a path without path or pathType is / of type ImplementationSpecific',
      paths('shop.example.com', root, { backend: backend('api') }),
      paths('shop.example.com', root),
      ['shop.example.com/ (ImplementationSpecific) is no longer routed'],
    ],
    [
      'a new pathType is a new route, the old one is lost',
      paths('shop.example.com', api),
      paths('shop.example.com', { ...api, pathType: 'Exact' }),
      ['shop.example.com/api (Prefix) is no longer routed'],
    ],
    [
      'a path sent to another backend',
      paths('shop.example.com', root),
      paths('shop.example.com', { ...root, backend: backend('web', 8080) }),
      [
        'shop.example.com/ (Prefix) goes to {"service":{"name":"web","port":{"number":8080}}} instead of ' +
          '{"service":{"name":"web","port":{"number":80}}}',
      ],
    ],
    // A rule with a host only (no http) routes nothing, so removing it loses nothing.
    ['a rule without http routes nothing', { rules: [{ host: 'shop.example.com' }] }, { rules: [] }, []],
    [
      'a rule with http but no paths routes nothing',
      { rules: [{ host: 'a.example.com', http: {} }] },
      { rules: [] },
      [],
    ],
  ];

  test.each(ROWS)('%s', (_behaviour, before, after, messages) => {
    const findings = update(ingress(before), ingress(after)).filter((f) => f.path === 'spec.rules');
    expect(findings.map((f) => f.message)).toEqual(messages.map((m) => expect.stringContaining(m)));
    expect(findings.every((f) => f.verdict === 'disruptive')).toBe(true);
  });
});

describe('the default backend (requests no rule matches)', () => {
  test.each([
    [
      'a new default backend',
      undefined,
      backend('fallback'),
      'go to {"service":{"name":"fallback","port":{"number":80}}} instead of (none)',
    ],
    [
      'a default backend left out is removed',
      backend('fallback'),
      undefined,
      'go to (none) instead of {"service":{"name":"fallback"',
    ],
    ['another default backend', backend('a'), backend('b'), '"name":"b"'],
  ])('%s', (_behaviour, before, after, message) => {
    const findings = update(
      ingress(before ? { defaultBackend: before } : {}),
      ingress(after ? { defaultBackend: after } : {}),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ verdict: 'disruptive', path: 'spec.defaultBackend' });
    expect(findings[0].message).toContain('requests no rule matches ');
    expect(findings[0].message).toContain(message);
  });

  test('the same default backend, in another key order, is no change', () => {
    const reordered = { service: { port: { number: 80 }, name: 'fallback' } };
    expect(update(ingress({ defaultBackend: backend('fallback') }), ingress({ defaultBackend: reordered }))).toEqual(
      [],
    );
  });
});

describe('TLS (the controller terminates TLS for the hosts in spec.tls)', () => {
  const tls = (...hosts: string[][]) => ({ tls: hosts.map((h, i) => ({ hosts: h, secretName: `cert-${i}` })) });

  // [behaviour, spec before, spec after, the message or undefined]
  const ROWS: [string, Record<string, unknown>, Record<string, unknown>, string | undefined][] = [
    [
      'a host dropped from spec.tls falls back to the default certificate',
      tls(['a.example.com', 'b.example.com']),
      tls(['a.example.com']),
      "HTTPS for b.example.com falls back to the controller's default certificate",
    ],
    [
      'every host lost is named',
      tls(['a.example.com'], ['b.example.com']),
      {},
      'HTTPS for a.example.com, b.example.com falls back',
    ],
    [
      'a host moved to another entry keeps TLS',
      tls(['a.example.com', 'b.example.com']),
      tls(['b.example.com'], ['a.example.com']),
      undefined,
    ],
    ['a host gained loses nothing', tls(['a.example.com']), tls(['a.example.com', 'b.example.com']), undefined],
    [
      'an entry without hosts names none',
      { tls: [{ secretName: 'cert' }] },
      { tls: [{ secretName: 'cert' }] },
      undefined,
    ],
  ];

  test.each(ROWS)('%s', (_behaviour, before, after, message) => {
    const findings = update(ingress(before), ingress(after));
    expect(findings.map((f) => f.message)).toEqual(message ? [expect.stringContaining(message)] : []);
    for (const f of findings) {
      expect(f).toMatchObject({ verdict: 'disruptive', path: 'spec.tls' });
    }
  });
});

test('an Ingress without spec or metadata routes nothing, and its rules do not fail on it', () => {
  const bare = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' };
  expect(update(bare, bare)).toEqual([]);
  // Every route, the class, the default backend and the TLS hosts of the full Ingress are lost.
  const full = ingress(
    { ingressClassName: 'nginx', defaultBackend: backend('fallback'), tls: [{ hosts: ['shop.example.com'] }] },
    {},
  );
  expect(update(full, bare).map((f) => f.path)).toEqual([
    'spec.ingressClassName',
    'spec.rules',
    'spec.defaultBackend',
    'spec.tls',
  ]);
  expect(update(bare, full).map((f) => f.path)).toEqual(['spec.ingressClassName', 'spec.defaultBackend']);
  // YAML `- ` decodes as null: an empty rule, path or TLS entry states nothing.
  const nulls = ingress({ rules: [null], tls: [null] });
  expect(update(nulls, nulls)).toEqual([]);
});

describe('ingressCreate (the DefaultIngressClass admission plugin)', () => {
  test('an Ingress without class gets the default IngressClass, if the cluster has one', () => {
    const findings = ingressCreate(objectRef(ingress()));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ verdict: 'safe', path: 'spec.ingressClassName' });
    expect(findings[0].message).toContain("the Ingress names no class: it gets the cluster's default IngressClass");
    expect(findings[0].message).toContain('without one no controller may serve it');
    expect(findings[0].dependsOn).toContain("the cluster's default IngressClass (DefaultIngressClass admission)");
  });

  // The plugin returns early when spec.ingressClassName or the kubernetes.io/ingress.class annotation is set.
  test.each([
    ['spec.ingressClassName', ingress({ ingressClassName: 'nginx' })],
    ['the kubernetes.io/ingress.class annotation', ingress({}, classAnnotation('nginx'))],
  ])('an Ingress whose class is named by %s takes no default', (_how, object) => {
    expect(ingressCreate(objectRef(object))).toEqual([]);
  });
});
