import { Testing } from 'cdk8s';
import { ExternalNameService, ExternalNameServiceProps, Warnings } from '../lib';
import { outcomeOfChart } from './service-rules';
import { expectOneError, only, testChart, validationErrors } from './support';

// An ExternalName Service's contract (EXTERNAL_NAME_SERVICE): type ExternalName and
// externalName, checked as ValidateService checks it.

describe('ExternalNameService', () => {
  test('is a CNAME to the host it is given, with no selector, ports or cluster IP', () => {
    const { chart } = testChart({ namespace: 'team-a' });
    const svc = new ExternalNameService(chart, 'ext', { name: 'db', externalName: 'db.example.com' });
    const service = only(Testing.synth(chart), 'Service');
    expect(service).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db', namespace: 'team-a' },
      spec: { type: 'ExternalName', externalName: 'db.example.com' },
    });
    expect(svc.dnsName).toBe('db.team-a.svc.cluster.local');
  });

  test('without a namespace, its DNS name is the bare name, which resolves through the pod search path', () => {
    const { chart } = testChart();
    expect(new ExternalNameService(chart, 'ext', { name: 'db', externalName: 'db.example.com' }).dnsName).toBe('db');
  });

  test('requires externalName from JavaScript callers, which the types cannot stop', () => {
    const { app, chart } = testChart();
    new ExternalNameService(chart, 'ext', {} as ExternalNameServiceProps);
    expectOneError(validationErrors(app), ["ExternalNameService 'test/ext'", 'externalName is required']);
  });

  // ValidateService requires a non-empty externalName; the required error stands alone.
  test.each([[''], [undefined]])('externalName %j is the one error "externalName is required"', (externalName) => {
    const { chart } = testChart();
    const errors = outcomeOfChart(
      chart,
      () => new ExternalNameService(chart, 'ext', { externalName } as ExternalNameServiceProps),
    );
    expect(errors).toEqual({
      errors: [
        "ExternalNameService 'test/ext': externalName is required: the DNS name the Service is an alias for [external-name/required]",
      ],
      warnings: [],
    });
  });

  // An IPv6 address is no DNS-1123 subdomain: ValidateService refuses it, so it is an error, not the IP warning.
  test('an IPv6 externalName is one error and no warning', () => {
    const { chart } = testChart();
    const outcome = outcomeOfChart(chart, () => new ExternalNameService(chart, 'ext', { externalName: '2001:db8::1' }));
    expect(outcome.errors).toEqual([expect.stringContaining('[external-name/dns-name]')]);
    expect(outcome.warnings).toEqual([]);
  });

  // ValidateService checks a DNS-1123 subdomain, which an IPv4 address is; the warning is for
  // what ParseIPSloppy reads as an address (leading zeros too), and nothing else.
  test.each([
    ['10.0.0.1', ['external-name/ip-address']],
    ['010.000.000.001.', ['external-name/ip-address']],
    ['999.1.1.1', []],
    ['db.example.com', []],
  ])('externalName %s raises the warnings %j and no error', (externalName, ids) => {
    const { app, chart } = testChart();
    Warnings.configure(app, { report: () => undefined });
    new ExternalNameService(chart, 'ext', { externalName });
    expect(validationErrors(app)).toEqual([]);
    expect(Warnings.list(chart).map((w) => w.id)).toEqual(ids);
  });
});
