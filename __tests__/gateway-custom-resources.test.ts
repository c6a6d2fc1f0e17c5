import * as path from 'path';
import { SchemaValidator, Violation } from '../schema-validation';
import { customResourceValidator } from '../schema-validation/custom-resources';
import { readYaml, ROOT } from './support';

// The API server's checks of a Gateway API object, from its CRD: defaults applied, the OpenAPI
// schema (kubectl's strict field validation refuses unknown fields), list-map keys, and the CEL
// rules (x-kubernetes-validations), which @bufbuild/cel evaluates.

const V1 = 'gateway.networking.k8s.io/v1';
const route = (spec: object) => ({
  apiVersion: V1,
  kind: 'HTTPRoute',
  metadata: { name: 'r', namespace: 'web' },
  spec,
});
const gateway = (listeners: object[]) => ({
  apiVersion: V1,
  kind: 'Gateway',
  metadata: { name: 'g' },
  spec: { gatewayClassName: 'example', listeners },
});

/** The violations' fields and messages; their sources are tested on their own below. */
const withoutSource = (violations: readonly Violation[]) => violations.map(({ source: _, ...v }) => v);

test('every CEL rule of the vendored CRDs compiles, so none is left unchecked', () => {
  expect(customResourceValidator().unevaluable).toEqual([]);
});

test('the Gateway example passes the schema and CEL checks', () => {
  const objects = readYaml(path.join(ROOT, 'examples', 'gateway', 'dist', 'gateway.yaml'));
  const validator = new SchemaValidator();
  expect(objects.filter((o) => o.apiVersion.startsWith('gateway.')).length).toBe(3);
  expect(objects.flatMap((o) => validator.validate(o))).toEqual([]);
});

test.each<[string, object, { path: string; message: string }[]]>([
  [
    'an unknown field',
    route({ parentRefs: [{ name: 'g' }], extra: 1 }),
    [{ path: '/spec/extra', message: 'unknown field' }],
  ],
  [
    'a Service backend without a port (the default kind Service applies)',
    route({ rules: [{ backendRefs: [{ name: 's' }] }] }),
    [{ path: '/spec/rules/0/backendRefs/0', message: 'Must have port for Service reference' }],
  ],
  [
    'a backend of another kind without a port',
    route({ rules: [{ backendRefs: [{ group: 'example.com', kind: 'Bucket', name: 's' }] }] }),
    [],
  ],
  [
    'a path with /./',
    route({ rules: [{ matches: [{ path: { value: '/a/./b' } }] }] }),
    [
      {
        path: '/spec/rules/0/matches/0/path',
        message: "must not contain '/./' when type one of ['Exact', 'PathPrefix']",
      },
    ],
  ],
  [
    'two parents in one namespace (an escaped CEL name) without sectionName',
    route({
      parentRefs: [
        { name: 'g', namespace: 'a' },
        { name: 'g', namespace: 'a' },
      ],
    }),
    [
      {
        path: '/spec/parentRefs',
        message: 'sectionName must be unique when parentRefs includes 2 or more references to the same parent',
      },
    ],
  ],
  [
    'the same parent in two namespaces',
    route({
      parentRefs: [
        { name: 'g', namespace: 'a' },
        { name: 'g', namespace: 'b' },
      ],
    }),
    [],
  ],
  [
    'a redirect with a backend',
    route({
      rules: [
        {
          filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }],
          backendRefs: [{ name: 's', port: 80 }],
        },
      ],
    }),
    [{ path: '/spec/rules/0', message: 'RequestRedirect filter must not be used together with backendRefs' }],
  ],
  [
    'TLS on an HTTP listener and a repeated listener name',
    gateway([
      { name: 'a', port: 80, protocol: 'HTTP', tls: { certificateRefs: [{ name: 'c' }] } },
      { name: 'a', port: 81, protocol: 'HTTP' },
    ]),
    [
      { path: '/spec/listeners/1', message: 'duplicate key (name) ["a"], also at index 0' },
      { path: '/spec/listeners', message: "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']" },
      { path: '/spec/listeners', message: 'Listener name must be unique within the Gateway' },
    ],
  ],
  [
    'a port out of range',
    gateway([{ name: 'a', port: 0, protocol: 'HTTP' }]),
    [{ path: '/spec/listeners/0/port', message: 'must be >= 1' }],
  ],
  [
    'an invalid object name',
    { ...gateway([{ name: 'a', port: 80, protocol: 'HTTP' }]), metadata: { name: 'G' } },
    [{ path: '/metadata/name', message: 'must be a DNS-1123 subdomain of at most 253 characters' }],
  ],
])('%s', (_case, object, expected) => {
  expect(withoutSource(customResourceValidator().validate(object as never))).toEqual(expected);
});

test('an HTTPS listener with an empty certificate list fails its CEL rule, which cannot evaluate without options', () => {
  const [violation, ...rest] = customResourceValidator().validate(
    gateway([{ name: 'a', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [] } }]) as never,
  );
  expect(rest).toEqual([]);
  expect(violation.path).toBe('/spec/listeners/0/tls');
  expect(violation.message).toMatch(/^certificateRefs or options must be specified when mode is Terminate/);
});

test('a Gateway API version the CRDs do not serve is refused by name', () => {
  const [violation] = new SchemaValidator().validate({
    ...route({}),
    apiVersion: 'gateway.networking.k8s.io/v1alpha2',
    kind: 'ReferenceGrant',
  });
  expect(violation.path).toBe('/kind');
  expect(violation.message).toContain('is not served');
});

describe('Gateway addresses', () => {
  // The CRD's GatewayAddress is a oneOf: type IPAddress (the default) with a value of format
  // ipv4 or ipv6, or any other type (Hostname, NamedAddress, a domain-prefixed type) with any
  // value, which a CEL rule checks for Hostname. A oneOf branch only adds conditions to the
  // fields the item declares, so a value of another type is valid (Gateway API v1.1.1
  // GatewayAddress, AddressType).
  const withAddress = (address: object) => ({
    ...gateway([{ name: 'http', port: 80, protocol: 'HTTP' }]),
    spec: {
      gatewayClassName: 'example',
      addresses: [address],
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
    },
  });
  const VALUE = '/spec/addresses/0/value';

  test.each([
    ['a Hostname', { type: 'Hostname', value: 'lb.example.com' }],
    ['a NamedAddress', { type: 'NamedAddress', value: 'my-ip-pool' }],
    ['a domain-prefixed type', { type: 'example.com/pool', value: 'Anything At All' }],
    ['an IPv4 IPAddress by default', { value: '203.0.113.7' }],
    ['an IPv6 IPAddress', { type: 'IPAddress', value: '2001:db8::7' }],
    ['an IPv4-mapped IPv6 address', { value: '::ffff:203.0.113.7' }],
  ])('%s is valid', (_, address) => {
    expect(customResourceValidator().validate(withAddress(address) as never)).toEqual([]);
  });

  test('an invalid Hostname address fails its CEL rule only', () => {
    const address = withAddress({ type: 'Hostname', value: 'Not_A_Host' });
    expect(withoutSource(customResourceValidator().validate(address as never))).toEqual([
      { path: '/spec/addresses/0', message: expect.stringMatching(/^Hostname value must only contain/) },
    ]);
  });

  // The API server reads the formats with ParseIPSloppy and a '.' or ':' in the text
  // (kube-openapi strfmt); the rows were checked against kube-apiserver 1.27.16.
  test.each([
    ':::1234::',
    '1::2::3',
    '2001:db8::1::',
    '12345::1',
    '1:2:3:4:5:6:7:8::',
    '::1%eth0',
    '1:2:3:4:5:6:7',
    '256.0.0.1',
    '1.2.3',
    '1.2.3.4::',
    'not-an-ip',
  ])('the IPAddress %j is one violation naming both formats', (value) => {
    expect(withoutSource(customResourceValidator().validate(withAddress({ value }) as never))).toEqual([
      { path: VALUE, message: 'must match format "ipv4" or "ipv6"' },
    ]);
  });

  test.each([
    '::',
    '::1',
    '1::',
    '1:2:3:4:5:6:7:8',
    '1:2:3:4:5:6::8',
    'ABCD:ef01::1',
    '1:2:3:4:5:6:1.2.3.4',
    '::1.2.3.4',
    // ParseIPSloppy reads octets with leading zeros as decimal: kube-apiserver 1.27.16 accepts both.
    '::1.2.3.04',
    '010.0.0.1',
  ])('the address %j is valid', (value) => {
    expect(withoutSource(customResourceValidator().validate(withAddress({ value }) as never))).toEqual([]);
  });
});

describe('the source of each violation', () => {
  // A report must say which definition refuses a field: the CRD (and, for x-kubernetes-validations,
  // the CEL rule), or the API server's own object metadata checks (ValidateObjectMeta), never
  // "the Kubernetes schema" for a Gateway API rule.
  test('a CEL rule names the CRD and the rule', () => {
    const [violation] = customResourceValidator().validate(
      route({ rules: [{ backendRefs: [{ name: 's' }] }] }) as never,
    );
    expect(violation.source).toEqual({
      kind: 'custom-resource',
      crd: 'httproutes.gateway.networking.k8s.io',
      rule: expect.stringContaining('has(self.port)'),
      label: expect.stringMatching(/^Gateway API v1\.1\.1 CRD httproutes\.gateway\.networking\.k8s\.io CEL rule "/),
      advice: expect.stringMatching(/^satisfy the CEL rule ".*" of the CRD httproutes\.gateway\.networking\.k8s\.io$/),
    });
  });

  test("a schema violation names the CRD's schema, and a list key its schema too", () => {
    const sources = customResourceValidator()
      .validate(
        gateway([
          { name: 'a', port: 0, protocol: 'HTTP' },
          { name: 'a', port: 81, protocol: 'HTTP' },
        ]) as never,
      )
      .filter((v) => v.source.kind === 'custom-resource' && v.source.rule === undefined)
      .map((v) => [v.path, v.source.label]);
    expect(sources).toEqual([
      ['/spec/listeners/0/port', 'Gateway API v1.1.1 CRD gateways.gateway.networking.k8s.io schema'],
      ['/spec/listeners/1', 'Gateway API v1.1.1 CRD gateways.gateway.networking.k8s.io schema'],
    ]);
  });

  test("an object name is the API server's own check, not the CRD's", () => {
    const [violation] = customResourceValidator().validate({
      ...gateway([{ name: 'a', port: 80, protocol: 'HTTP' }]),
      metadata: { name: 'G' },
    } as never);
    expect(violation.source).toEqual({
      kind: 'kubernetes-schema',
      label: 'Kubernetes 1.27.0 schema',
      advice: 'match the Kubernetes 1.27.0 API',
    });
  });
});
