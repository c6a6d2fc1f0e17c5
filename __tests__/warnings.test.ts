import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { ConfigError, loadAppConfig, ServiceTypesApp } from '../app';
import {
  ExternalNameService,
  Gateway,
  HttpRoute,
  ruleCatalog,
  RuleInfo,
  ruleTable,
  ValidationWarning,
  Warnings,
} from '../lib';
import { defineRules } from '../lib/validation/rule-catalog';
import { editDistance, WARNING_REPORTER } from '../lib/validation/warnings';
import { ROOT, tempDir, testChart, validationErrors } from './support';

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
    Warnings.acknowledge(chart, 'service/selector-empty', 'unrelated');
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

  test('a second warning in one app is reported and listed as well as the first', () => {
    const { chart, reported } = chartWithIpExternalName();
    new ExternalNameService(chart, 'ext2', { externalName: '10.0.0.2' });
    Testing.synth(chart);
    expect(reported.map((w) => w.path)).toEqual(['test/ext', 'test/ext2']);
    expect(Warnings.list(chart).map((w) => w.path)).toEqual(['test/ext', 'test/ext2']);
  });

  test('strict warnings are errors only: the report callback is not called', () => {
    const { app, chart } = testChart();
    const reported: ValidationWarning[] = [];
    Warnings.configure(app, { strict: true, report: (w) => reported.push(w) });
    new ExternalNameService(chart, 'ext', { externalName: IP });
    expect(validationErrors(app)).toEqual([expect.stringContaining('[external-name/ip-address]')]);
    expect(reported).toEqual([]);
  });

  test('the nearest acknowledgement gives the reason, over one on an outer scope', () => {
    const { chart } = chartWithIpExternalName();
    Warnings.acknowledge(chart, 'external-name/ip-address', 'outer');
    Warnings.acknowledge(chart.node.findChild('ext'), 'external-name/ip-address', 'inner');
    expect(Warnings.list(chart).map((w) => w.acknowledged)).toEqual(['inner']);
  });

  test('a second acknowledgement on one scope keeps the first of another id', () => {
    const { chart, reported } = chartWithIpExternalName();
    Warnings.acknowledge(chart, 'external-name/ip-address', 'known');
    Warnings.acknowledge(chart, 'service/selector-empty', 'unrelated');
    Testing.synth(chart);
    expect(reported).toEqual([]);
  });

  // A mistyped id would leave the warning unacknowledged with no sign of it (as aws-cdk's
  // acknowledgeWarning does); an error or contract id would suggest an error can be waived.
  test.each([
    [
      'a mistyped warning id',
      'external-name/ip-adress',
      'is not the id of a warning; did you mean "external-name/ip-address"?',
    ],
    [
      'a missing prefix',
      'selector-matches-no-pods',
      'is not the id of a warning; did you mean "service/selector-matches-no-pods"?',
    ],
    ['an error id', 'service/port-number', 'is an error, which fails synth whatever is acknowledged'],
    ['a contract id', 'service/target-namespace', 'is a contract, which fails synth'],
  ])('acknowledging %s throws, saying why', (_, id, why) => {
    const { chart } = testChart();
    expect(() => Warnings.acknowledge(chart, id, 'reason')).toThrow(
      `Warnings.acknowledge on 'test': ${JSON.stringify(id)} ${why}`,
    );
  });

  test('a mistyped id nearest an error id suggests the nearest warning id instead', () => {
    const { chart } = testChart();
    // One character from the error rule service/port-number.
    const id = 'service/port-numbr';
    let message = '';
    try {
      Warnings.acknowledge(chart, id, 'reason');
    } catch (e) {
      message = (e as Error).message;
    }
    const suggested = /did you mean "([^"]+)"/.exec(message)?.[1];
    expect(ruleCatalog().find((r) => r.id === suggested)?.level).toBe('warning');
  });

  test.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'ab', 1],
    ['ab', 'abc', 1],
    ['kitten', 'sitting', 3],
  ])('the edit distance of %j and %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  test('list() of a scope holds only the warnings raised below it', () => {
    const { app, chart } = testChart();
    const other = new Chart(app, 'other');
    new ExternalNameService(chart, 'ext', { externalName: IP });
    expect(Warnings.list(chart)).toHaveLength(1);
    expect(Warnings.list(other)).toEqual([]);
  });
});

describe('strict warnings in the app', () => {
  // --strict belongs to the command (service-types synth --strict), which fails on the
  // warnings of any app; the app's own settings hold none.
  test('loadAppConfig takes no --strict', () => {
    expect(() => loadAppConfig(['--strict'])).toThrow(ConfigError);
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

  test('a rule id defined twice is refused', () => {
    const rule = { id: 'test/defined-twice', level: 'error', field: 'f', apiServer: 'a', source: 's' } as const;
    defineRules('Test', { first: rule });
    expect(() => defineRules('Test', { second: rule })).toThrow('rule id test/defined-twice is defined twice');
  });

  test('the catalog is ordered by object, then id', () => {
    const rules = ruleCatalog();
    const outOfOrder = rules.slice(1).filter((r, i) => {
      const before = rules[i];
      const byObject = before.object.localeCompare(r.object);
      return byObject > 0 || (byObject === 0 && before.id.localeCompare(r.id) > 0);
    });
    expect(outOfOrder).toEqual([]);
    expect(new Set(rules.map((r) => r.object)).size).toBeGreaterThan(1);
  });

  test('the rule table is a Markdown table, one row per rule, with pipes escaped and lines joined', () => {
    const rule: RuleInfo = {
      id: 'test/cell',
      level: 'warning',
      object: 'Service',
      field: 'spec.a|b',
      apiServer: 'accepts a | b\nand c',
      source: 'f|g',
    };
    expect(ruleTable([rule])).toBe(
      '| Id | Level | Object | Field | What the API server does | Kubernetes 1.27 source |\n' +
        '| --- | --- | --- | --- | --- | --- |\n' +
        '| `test/cell` | warning | Service | `spec.a\\|b` | accepts a \\| b and c | f\\|g |\n',
    );
  });

  // The same comparison in this process, so a mutation run sees which rule text the docs pin.
  test('docs/validation-rules.md ends with the table of every rule', () => {
    const document = fs.readFileSync(path.join(ROOT, 'docs', 'validation-rules.md'), 'utf-8');
    // Tests in this file define rules of their own, under test/ ids.
    const table = ruleTable(ruleCatalog().filter((rule) => !rule.id.startsWith('test/')));
    expect(table.split('\n').length).toBeGreaterThan(100);
    expect(document.slice(document.length - table.length)).toBe(table);
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

// Where a warning goes when the app names no reporter: to the reporter a program running the
// app installed for the process (the command's app thread, cli/app-host.js, installs it under
// the same global symbol name, as it cannot import the library), else to stderr.
describe('the reporter of the process', () => {
  const global = globalThis as Record<symbol, unknown>;
  afterEach(() => {
    delete global[WARNING_REPORTER];
    jest.restoreAllMocks();
  });

  const synthIpExternalName = () => {
    const { chart } = testChart();
    new ExternalNameService(chart, 'ext', { externalName: IP });
    Testing.synth(chart);
  };

  test('is found under the global symbol the command installs it under', () => {
    expect(WARNING_REPORTER).toBe(Symbol.for('service-types.warning-reporter'));
  });

  test('receives the warnings of an app that names no reporter', () => {
    const reported: ValidationWarning[] = [];
    global[WARNING_REPORTER] = (w: ValidationWarning) => reported.push(w);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    synthIpExternalName();
    expect(reported.map((w) => w.id)).toEqual(['external-name/ip-address']);
    expect(error).not.toHaveBeenCalled();
  });

  test.each([
    ['none is installed', undefined],
    ['what is installed is no function', 'not a reporter'],
  ])('when %s, warnings go to stderr', (_case, installed) => {
    global[WARNING_REPORTER] = installed;
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    synthIpExternalName();
    expect(error.mock.calls).toEqual([
      [expect.stringMatching(/^Warning: ExternalNameService 'test\/ext': .*\[external-name\/ip-address\]$/)],
    ]);
  });
});

describe('deferred checks and raised warnings', () => {
  test('every construct that defers a check to the whole app has it run', () => {
    const { app, chart } = testChart({ namespace: 'web' });
    const reported: ValidationWarning[] = [];
    Warnings.configure(app, { report: (w) => reported.push(w) });
    const gateway = Gateway.fromName('gw');
    for (const id of ['a', 'b']) {
      new HttpRoute(chart, id, {
        parents: [{ gateway }],
        rules: [{ backends: [{ service: { name: 'api', namespace: 'shop' }, port: 80 }] }],
      });
    }
    Testing.synth(chart);
    expect(reported.map((w) => w.path)).toEqual(['test/a', 'test/b']);
  });

  test('in strict mode, each warning of one construct fails synth', () => {
    const { app, chart } = testChart();
    Warnings.configure(app, { strict: true });
    new Gateway(chart, 'gw', {
      gatewayClassName: 'example',
      listeners: [{ name: 'https', protocol: 'HTTPS', hostname: '10.0.0.1' }],
    });
    expect(validationErrors(app)).toEqual([
      expect.stringContaining('[gateway/listener-hostname-ip]'),
      expect.stringContaining('[gateway/https-without-tls]'),
    ]);
  });
});
