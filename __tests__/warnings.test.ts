import { execFileSync } from 'child_process';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { loadAppConfig, ServiceTypesApp } from '../app';
import { ExternalNameService, ruleCatalog, ValidationWarning, Warnings } from '../lib';
import { ROOT, tempDir, testChart } from './support';

// An IPv4 externalName is the reference warning: ValidateService accepts it (it is a valid
// DNS-1123 subdomain), yet the CNAME the cluster DNS serves for it does not resolve.
const IP = '10.0.0.1';

function chartWithIpExternalName(): { chart: Chart; reported: ValidationWarning[] } {
  const { app, chart } = testChart();
  const reported: ValidationWarning[] = [];
  Warnings.configure(app, { report: (w) => reported.push(w) });
  new ExternalNameService(chart, 'ext', { externalName: IP });
  return { chart, reported };
}

describe('warnings', () => {
  test('a warning does not stop synth, and is reported with construct path, rule id, value and why', () => {
    const { chart, reported } = chartWithIpExternalName();
    expect(Testing.synth(chart)[0].spec.externalName).toBe(IP);
    expect(reported).toEqual([
      {
        path: 'test/ext',
        id: 'external-name/ip-address',
        message: expect.stringMatching(
          /^ExternalNameService 'test\/ext': externalName "10\.0\.0\.1" is an IP address: .*does not resolve.* \[external-name\/ip-address\]$/,
        ),
        acknowledged: undefined,
      },
    ]);
  });

  test('each warning is reported once, however often cdk8s validates the app', () => {
    const { chart, reported } = chartWithIpExternalName();
    Testing.synth(chart);
    Testing.synth(chart);
    expect(reported).toHaveLength(1);
  });

  test('an app of several charts reports a warning once per synth, not once per chart', () => {
    const app = new ServiceTypesApp({ outdir: tempDir('warnings'), externalName: IP });
    const reported: ValidationWarning[] = [];
    Warnings.configure(app, { report: (w) => reported.push(w) });
    app.synth();
    expect(reported.map((w) => w.id)).toEqual(['external-name/ip-address']);
  });

  test('an acknowledgement on a scope covers the constructs below it and keeps its reason', () => {
    const { chart, reported } = chartWithIpExternalName();
    Warnings.acknowledge(chart, 'external-name/ip-address', 'a legacy host that has no DNS name');
    Testing.synth(chart);
    expect(reported).toEqual([]);
    expect(Warnings.list(chart)).toEqual([
      expect.objectContaining({ id: 'external-name/ip-address', acknowledged: 'a legacy host that has no DNS name' }),
    ]);
  });

  test('acknowledging another id leaves the warning in place', () => {
    const { chart, reported } = chartWithIpExternalName();
    Warnings.acknowledge(chart, 'service/some-other-rule', 'unrelated');
    Testing.synth(chart);
    expect(reported.map((w) => w.id)).toEqual(['external-name/ip-address']);
  });

  test('strict warnings fail synth with the warning message, and nothing is reported', () => {
    const { chart, reported } = chartWithIpExternalName();
    Warnings.configure(chart, { strict: true });
    expect(() => Testing.synth(chart)).toThrow(
      /ExternalNameService 'test\/ext': externalName "10\.0\.0\.1" is an IP address.*\[external-name\/ip-address\] \(a warning, failing because warnings are strict\)/,
    );
    expect(reported).toEqual([]);
  });

  test('strict warnings pass once the warning is acknowledged', () => {
    const { chart } = chartWithIpExternalName();
    Warnings.configure(chart, { strict: true });
    Warnings.acknowledge(chart.node.findChild('ext'), 'external-name/ip-address', 'known');
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('list() of a scope holds only the warnings raised below it', () => {
    const { app, chart } = testChart();
    const other = new Chart(app, 'other');
    new ExternalNameService(chart, 'ext', { externalName: IP });
    expect(Warnings.list(chart)).toHaveLength(1);
    expect(Warnings.list(other)).toEqual([]);
  });
});

describe('--strict in the app', () => {
  test('loadAppConfig reads --strict as strictWarnings', () => {
    expect(loadAppConfig(['--strict'])).toEqual({ strictWarnings: true });
    expect(loadAppConfig([])).toEqual({});
  });

  test('a strict app fails on a warning its constructs raise', () => {
    const strict = new ServiceTypesApp({ outdir: 'unused', externalName: IP, strictWarnings: true });
    expect(() => strict.synthYaml()).toThrow(/\[external-name\/ip-address\]/);
    const lenient = new ServiceTypesApp({ outdir: 'unused', externalName: IP });
    Warnings.configure(lenient, { report: () => undefined });
    expect(() => lenient.synthYaml()).not.toThrow();
  });
});

describe('the rule catalog', () => {
  test.each(ruleCatalog().map((r) => [r.id, r] as const))('%s is fully described', (id, rule) => {
    expect(id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    expect(['error', 'contract', 'warning']).toContain(rule.level);
    expect(rule.field).not.toBe('');
    expect(rule.apiServer).not.toBe('');
    expect(rule.source).not.toBe('');
  });

  test('docs/validation-rules.md is the table the definitions generate', () => {
    expect(() =>
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'rule-table.js'), '--check'], {
        cwd: ROOT,
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });
});
