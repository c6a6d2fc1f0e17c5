import { checkObject, KubeObject } from '../lib/model';
import { backend, ingress } from './model-objects';

// The create-time checks of any Ingress (lib/model/ingress-checks.ts). Each row names the
// Kubernetes 1.27 function of pkg/apis/networking/validation whose rule it follows
// (ValidateIngressCreate, ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath,
// validateIngressBackend, validateIngressTLS); the expected verdicts are what that function
// refuses or lets through, not what the checks print.

const bucket = { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' };

/** An Ingress of one rule with this one path. */
const withPath = (path: Record<string, unknown> | null): KubeObject =>
  ingress({ rules: [{ http: { paths: [path] } }] });

/** An Ingress with this default backend and no rules. */
const withDefault = (defaultBackend: unknown): KubeObject => ingress({ rules: [], defaultBackend });

const P0 = 'spec.rules[0].http.paths[0]';

// [behaviour, Kubernetes function, object, the findings as [rule id, path, what the message must say]]
type Row = [string, string, KubeObject, [string, string, string][]];

// Ingresses the API server refuses with exactly these errors.
const REFUSED: Row[] = [
  // Backends
  [
    'a default backend of neither service nor resource',
    'validateIngressBackend (default case)',
    withDefault({}),
    [['ingress/backend-kind', 'spec.defaultBackend', 'backend']],
  ],
  [
    'a path without backend',
    'validateHTTPIngressPath, validateIngressBackend (Backend is a struct, so empty)',
    withPath({ path: '/', pathType: 'Prefix' }),
    [['ingress/backend-kind', `${P0}.backend`, 'backend']],
  ],
  [
    'a backend Service without name',
    'validateIngressBackend (len(Service.Name) == 0)',
    withDefault({ service: { port: { number: 80 } } }),
    [['ingress/backend-service', 'spec.defaultBackend.service.name', 'required']],
  ],
  [
    'a backend Service with an empty name',
    'validateIngressBackend (len(Service.Name) == 0)',
    withDefault({ service: { name: '', port: { number: 80 } } }),
    [['ingress/backend-service', 'spec.defaultBackend.service.name', 'required']],
  ],
  [
    'a backend port with both name and number',
    'validateIngressBackend (hasPortName && hasPortNumber)',
    withDefault({ service: { name: 'web', port: { name: 'http', number: 80 } } }),
    [['ingress/backend-port', 'spec.defaultBackend.service.port', 'cannot set both port name & port number']],
  ],
  [
    'a backend port name that is no IANA service name',
    'validateIngressBackend, IsValidPortName',
    withDefault({ service: { name: 'web', port: { name: 'HTTP' } } }),
    [['ingress/backend-port', 'spec.defaultBackend.service.port.name', 'IANA service name']],
  ],
  [
    'a backend port number above 65535',
    'validateIngressBackend, IsValidPortNum',
    withDefault({ service: { name: 'web', port: { number: 70000 } } }),
    [['ingress/backend-port', 'spec.defaultBackend.service.port.number', 'from 1 to 65535']],
  ],
  [
    'a backend port of name and number both empty',
    'validateIngressBackend (port name or number is required)',
    withDefault({ service: { name: 'web', port: { name: '', number: 0 } } }),
    [['ingress/backend-port-required', 'spec.defaultBackend.service.port', 'port name or number']],
  ],
  // Paths
  [
    "a Prefix path ending in '/..'",
    'validateHTTPIngressPath (invalidPathSuffixes)',
    withPath({ path: '/a/..', pathType: 'Prefix', backend }),
    [['ingress/path-segments', `${P0}.path`, "cannot end with '/..'"]],
  ],
  [
    "an Exact path ending in '/.'",
    'validateHTTPIngressPath (invalidPathSuffixes)',
    withPath({ path: '/a/.', pathType: 'Exact', backend }),
    [['ingress/path-segments', `${P0}.path`, "cannot end with '/.'"]],
  ],
  [
    'an empty Exact path',
    'validateHTTPIngressPath (!HasPrefix(path, "/"))',
    withPath({ pathType: 'Exact', backend }),
    [['ingress/path-absolute', `${P0}.path`, 'absolute path']],
  ],
  [
    "an ImplementationSpecific path without leading '/'",
    'validateHTTPIngressPath (PathTypeImplementationSpecific, len(path) > 0)',
    withPath({ path: 'api', pathType: 'ImplementationSpecific', backend }),
    [['ingress/path-absolute', `${P0}.path`, 'must be an absolute path']],
  ],
  [
    "an ImplementationSpecific path with '/' only at its end",
    'validateHTTPIngressPath (HasPrefix, not HasSuffix)',
    withPath({ path: 'api/', pathType: 'ImplementationSpecific', backend }),
    [['ingress/path-absolute', `${P0}.path`, 'must be an absolute path']],
  ],
  [
    'an unknown pathType',
    'validateHTTPIngressPath (NotSupported)',
    withPath({ path: '/', pathType: 'Regex', backend }),
    [['ingress/path-type', `${P0}.pathType`, 'Exact, Prefix, ImplementationSpecific']],
  ],
  // Class
  [
    'an empty ingressClassName',
    'ValidateIngressSpec (IngressClassName != nil), NameIsDNSSubdomain',
    ingress({ ingressClassName: '' }),
    [['ingress/class-name', 'spec.ingressClassName', 'DNS-1123 subdomain']],
  ],
  // Metadata
  [
    'an Ingress without metadata, so without name',
    'ValidateObjectMeta (name Required)',
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', spec: ingress({}).spec },
    [['metadata/name', 'metadata.name', 'required']],
  ],
];

// Ingresses the API server creates.
const ACCEPTED: [string, string, KubeObject][] = [
  [
    'a default backend of a resource only',
    'validateIngressBackend (hasResourceBackend)',
    withDefault({ resource: bucket }),
  ],
  [
    'a path backend of a resource only',
    'validateIngressBackend (hasResourceBackend)',
    withPath({ path: '/static', pathType: 'Prefix', backend: { resource: bucket } }),
  ],
  [
    'a null service beside a resource',
    'validateIngressBackend (Service == nil)',
    withDefault({ service: null, resource: bucket }),
  ],
  [
    'a null resource beside a service',
    'validateIngressBackend (Resource == nil)',
    withDefault({ ...backend, resource: null }),
  ],
  [
    'a port number beside an empty port name',
    'validateIngressBackend (len(Port.Name) > 0)',
    withDefault({ service: { name: 'web', port: { name: '', number: 80 } } }),
  ],
  [
    'a port name beside port number 0',
    'validateIngressBackend (Port.Number != 0)',
    withDefault({ service: { name: 'web', port: { name: 'http', number: 0 } } }),
  ],
  [
    "an ImplementationSpecific path with leading '/'",
    'validateHTTPIngressPath (PathTypeImplementationSpecific)',
    withPath({ path: '/api', pathType: 'ImplementationSpecific', backend }),
  ],
  [
    "an ImplementationSpecific path holding '//' (no segment rules)",
    'validateHTTPIngressPath (PathTypeImplementationSpecific)',
    withPath({ path: '/a//b/..', pathType: 'ImplementationSpecific', backend }),
  ],
  [
    "a Prefix path starting, not ending, with '/..'",
    'validateHTTPIngressPath (HasSuffix)',
    withPath({ path: '/..a', pathType: 'Prefix', backend }),
  ],
  ['a null rule: no host and no http', 'validateIngressRules (len(Host) > 0, HTTP != nil)', ingress({ rules: [null] })],
  [
    'a rule with a host and no http',
    'validateIngressRuleValue (HTTP != nil)',
    ingress({ rules: [{ host: 'shop.example.com' }] }),
  ],
  [
    'a rule with an empty host',
    'validateIngressRules (len(Host) > 0)',
    ingress({ rules: [{ host: '', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] }),
  ],
  ['a null TLS entry', 'validateIngressTLS', ingress({ tls: [null] })],
  [
    'a TLS entry with an empty secretName',
    'validateTLSSecretName (len(name) == 0)',
    ingress({ tls: [{ hosts: ['shop.example.com'], secretName: '' }] }),
  ],
  ['ingressClassName null', 'ValidateIngressSpec (IngressClassName != nil)', ingress({ ingressClassName: null })],
  ['a valid ingressClassName', 'ValidateIngressSpec', ingress({ ingressClassName: 'nginx' })],
  [
    'the class annotation alone',
    'ValidateIngressCreate (IngressClassName == nil)',
    ingress({}, { annotations: { 'kubernetes.io/ingress.class': 'nginx' } }),
  ],
  [
    'the class annotation equal to ingressClassName',
    'ValidateIngressCreate (annotationVal == *IngressClassName, since kubernetes#115447 in 1.27)',
    ingress({ ingressClassName: 'nginx' }, { annotations: { 'kubernetes.io/ingress.class': 'nginx' } }),
  ],
];

describe.each(REFUSED)('%s (%s)', (_behaviour, _kubernetes, object, expected) => {
  test('is refused with exactly these findings', () => {
    expect(checkObject(object).map((f) => [f.ruleId, f.path])).toEqual(expected.map(([id, path]) => [id, path]));
  });

  test('each finding is an error saying what is wrong or allowed', () => {
    const findings = checkObject(object);
    expect(findings).toHaveLength(expected.length);
    findings.forEach((f, i) => {
      expect(f).toMatchObject({ severity: 'error', kind: 'Ingress' });
      expect(f.message).toContain(expected[i][2]);
    });
  });
});

test.each(ACCEPTED)('%s is accepted (%s)', (_behaviour, _kubernetes, object) => {
  expect(checkObject(object)).toEqual([]);
});

test('a null path needs a pathType (validateHTTPIngressPath: PathType == nil)', () => {
  // The API server stops at the missing pathType; the model also reports the missing backend,
  // so only the pathType finding is compared.
  const findings = checkObject(withPath(null));
  expect(findings.map((f) => [f.ruleId, f.path])).toContainEqual(['ingress/path-type', `${P0}.pathType`]);
  expect(findings.find((f) => f.ruleId === 'ingress/path-type')?.message).toContain('pathType must be specified');
});
