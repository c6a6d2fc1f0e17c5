import { Testing } from 'cdk8s';
import { Gateway, GatewayListener, RouteNamespaces, ValidationWarning, Warnings } from '../lib';
import { only, testChart, validationErrors } from './support';

// Each rule mirrors the Gateway API v1.1.1 CRD (schema and CEL), which the custom resource
// validation evaluates on the rendered objects; the cases below are refused there too.

function gatewayErrors(listeners: GatewayListener[], gatewayClassName = 'example'): string[] {
  const { app, chart } = testChart({ namespace: 'web' });
  new Gateway(chart, 'gw', { gatewayClassName, listeners });
  return validationErrors(app);
}

const http: GatewayListener = { name: 'http', protocol: 'HTTP' };
const https: GatewayListener = { name: 'https', protocol: 'HTTPS', certificates: [{ name: 'tls' }] };

describe('Gateway', () => {
  test('renders listeners with default ports, TLS references and allowed routes, in the chart namespace', () => {
    const { chart } = testChart({ namespace: 'web' });
    new Gateway(chart, 'gw', {
      gatewayClassName: 'example',
      listeners: [
        http,
        { ...https, hostname: '*.example.com', routeNamespaces: RouteNamespaces.selector({ team: 'a' }) },
      ],
    });
    const gateway = only(Testing.synth(chart), 'Gateway');
    expect(gateway.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(gateway.metadata.namespace).toBe('web');
    expect(gateway.spec.listeners).toEqual([
      { name: 'http', protocol: 'HTTP', port: 80 },
      {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: '*.example.com',
        tls: { certificateRefs: [{ name: 'tls' }] },
        allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'a' } } } },
      },
    ]);
  });

  test.each<[string, GatewayListener[], string, string[]]>([
    ['no listener', [], 'example', ['listeners has 0 entries', '[gateway/listeners]']],
    ['an empty class name', [http], '', ['gatewayClassName ""', '[gateway/class-name]']],
    ['a class name over 253 characters', [http], 'a'.repeat(254), ['1 to 253 characters', '[gateway/class-name]']],
    [
      'an invalid listener name',
      [{ ...http, name: 'HTTP' }],
      'example',
      ['listeners[0].name "HTTP"', '[gateway/listener-name]'],
    ],
    [
      'a repeated listener name',
      [http, { ...http, port: 8080 }],
      'example',
      ['listeners[1].name "http" is the name of another listener'],
    ],
    [
      'a port out of range',
      [{ ...http, port: 70000 }],
      'example',
      ['listeners[0].port 70000', '[gateway/listener-port]'],
    ],
    [
      'an uppercase hostname',
      [{ ...http, hostname: 'Echo.example.com' }],
      'example',
      ['hostname "Echo.example.com"', '[gateway/listener-hostname]'],
    ],
    ['a hostname with a port', [{ ...http, hostname: 'a.example.com:80' }], 'example', ['[gateway/listener-hostname]']],
    [
      'a repeated port, protocol and hostname',
      [http, { ...http, name: 'other' }],
      'example',
      ['listeners[1] repeats port 80, protocol HTTP and no hostname', '[gateway/listener-unique]'],
    ],
    [
      'HTTPS with an empty certificate list',
      [{ ...https, certificates: [] }],
      'example',
      ['certificates has 0 entries', '[gateway/https-certificate]'],
    ],
    ['certificates on HTTP', [{ ...http, certificates: [{ name: 'tls' }] }], 'example', ['[gateway/http-tls]']],
    [
      'an empty certificate name',
      [{ ...https, certificates: [{ name: '' }] }],
      'example',
      ['certificates[0].name ""', '[gateway/certificate-name]'],
    ],
    [
      'a certificate namespace that is not a DNS-1123 label',
      [{ ...https, certificates: [{ name: 'tls', namespace: 'Certs' }] }],
      'example',
      ['certificates[0].namespace "Certs"', '[gateway/certificate-name]'],
    ],
  ])('refuses %s', (_case, listeners, className, parts) => {
    const errors = gatewayErrors(listeners, className);
    expect(errors).toHaveLength(1);
    parts.forEach((part) => expect(errors[0]).toContain(part));
    expect(errors[0]).toContain("Gateway 'test/gw'");
  });

  // The CRD's bounds: spec.listeners holds 1 to 64 items, a listener's tls.certificateRefs at
  // most 64; the combination of port, protocol and hostname is unique (a CEL rule).
  const manyListeners = (count: number): GatewayListener[] =>
    Array.from({ length: count }, (_, i) => ({ name: `l${i}`, protocol: 'HTTP', port: 1000 + i }));
  const manyCertificates = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `tls-${i}` }));
  test.each<[string, GatewayListener[], string[]]>([
    ['64 listeners', manyListeners(64), []],
    ['65 listeners', manyListeners(65), ['listeners has 65 entries; a Gateway needs 1 to 64']],
    ['an HTTPS listener with 64 certificates', [{ ...https, certificates: manyCertificates(64) }], []],
    [
      'an HTTPS listener with 65 certificates',
      [{ ...https, certificates: manyCertificates(65) }],
      ['listeners[0].certificates has 65 entries'],
    ],
    [
      'two listeners on one port and protocol with different hostnames',
      [
        { ...http, hostname: 'a.example.com' },
        { ...http, name: 'b', hostname: 'b.example.com' },
      ],
      [],
    ],
    [
      'two listeners on one port and protocol, one with a hostname and one without',
      [http, { ...http, name: 'b', hostname: 'b.example.com' }],
      [],
    ],
  ])('%s: refused beyond the CRD bounds, accepted within them', (_case, listeners, parts) => {
    const errors = gatewayErrors(listeners);
    expect(errors).toHaveLength(parts.length === 0 ? 0 : 1);
    parts.forEach((part) => expect(errors[0]).toContain(part));
  });

  // Made inside the test: what runs while jest collects tests is covered by none of them.
  test.each<[string, () => RouteNamespaces]>([
    ['a selector of labels', () => RouteNamespaces.selector({ team: 'a' })],
    ['all namespaces', () => RouteNamespaces.all()],
    ['the same namespace', () => RouteNamespaces.same()],
  ])('routes allowed from %s draw no warning', (_case, routeNamespaces) => {
    const { app, chart } = testChart({ namespace: 'web' });
    Warnings.configure(app, { report: () => undefined });
    new Gateway(chart, 'gw', {
      gatewayClassName: 'example',
      listeners: [{ ...http, routeNamespaces: routeNamespaces() }],
    });
    expect(validationErrors(app)).toEqual([]);
    expect(Warnings.list(chart)).toEqual([]);
  });

  // ValidateObjectMeta with NameIsDNSSubdomain, as for every namespaced custom resource.
  test('refuses a name that is not a DNS-1123 subdomain, naming it as given', () => {
    const { app, chart } = testChart({ namespace: 'web' });
    new Gateway(chart, 'gw', { name: 'Web_Gateway', gatewayClassName: 'example', listeners: [http] });
    const errors = validationErrors(app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('name "Web_Gateway" must be a lowercase DNS-1123 subdomain');
    expect(errors[0]).not.toContain('generated from the construct path');
  });

  test('reports every problem of a Gateway at once', () => {
    expect(gatewayErrors([{ ...http, port: 0, hostname: 'A' }], '')).toHaveLength(3);
  });

  // ObjectName in the CRDs has a length but no pattern, so the API server accepts these names;
  // no object can have them, though, so nothing is found by them.
  test.each<[string, GatewayListener[], string, string]>([
    ['a class name no GatewayClass can have', [http], 'Example_Class', 'gateway/class-name-format'],
    [
      'a certificate name no Secret can have',
      [{ ...https, certificates: [{ name: 'TLS' }] }],
      'example',
      'gateway/certificate-name-format',
    ],
    [
      'a route selector of no labels, which admits every namespace',
      [{ ...http, routeNamespaces: RouteNamespaces.selector({}) }],
      'example',
      'gateway/route-selector',
    ],
  ])('accepts %s, with a warning', (_case, listeners, gatewayClassName, id) => {
    const { app, chart } = testChart({ namespace: 'web' });
    Warnings.configure(app, { report: () => undefined });
    new Gateway(chart, 'gw', { gatewayClassName, listeners });
    expect(validationErrors(app)).toEqual([]);
    expect(Warnings.list(chart).map((w) => w.id)).toEqual([id]);
  });

  // ObjectName: minLength 1, maxLength 253. A class name of a wrong length is the error alone;
  // the warning that no object has the name is for names of a length the API server accepts.
  test.each<[string, string, number, string[]]>([
    ['a one-character class name is accepted', 'a', 0, []],
    ['an empty class name is an error, with no warning as well', '', 1, []],
    ['a class name of 254 characters is an error, with no warning as well', 'A'.repeat(254), 1, []],
    [
      'a class name no object can have is accepted, with a warning that says why',
      'Example_Class',
      0,
      [
        `Gateway 'test/gw': gatewayClassName "Example_Class" is not a DNS-1123 subdomain, so no object has this name [gateway/class-name-format]`,
      ],
    ],
  ])('%s', (_case, gatewayClassName, errors, warnings) => {
    const { app, chart } = testChart({ namespace: 'web' });
    Warnings.configure(app, { report: () => undefined });
    new Gateway(chart, 'gw', { gatewayClassName, listeners: [http] });
    expect(validationErrors(app)).toHaveLength(errors);
    expect(Warnings.list(chart).map((w) => w.message)).toEqual(warnings);
  });

  test('warns about an IP hostname and an HTTPS listener without certificates, which the API server accepts', () => {
    const { app, chart } = testChart();
    const reported: ValidationWarning[] = [];
    Warnings.configure(app, { report: (w) => reported.push(w) });
    new Gateway(chart, 'gw', {
      gatewayClassName: 'example',
      listeners: [{ name: 'https', protocol: 'HTTPS', hostname: '10.0.0.1' }],
    });
    Testing.synth(chart);
    expect(reported.map((w) => w.id)).toEqual(['gateway/listener-hostname-ip', 'gateway/https-without-tls']);
  });
});
