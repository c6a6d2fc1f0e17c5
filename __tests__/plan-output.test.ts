import * as fs from 'fs';
import * as path from 'path';
import { exitCode, formatJson, formatText, planChanges, readManifests, summarize } from '../cli/plan';
import { ROOT, TUTORIAL_ORPHAN_LINES } from './support';

// How the plan is printed and what it exits with: 0 nothing changes, 2 changes none refused
// (unchecked ones included: a change the plan cannot judge is still a change), 1 a change refused.

const FIXTURES = path.join(ROOT, '__tests__', 'fixtures', 'plan');

function planFixture(fixture: string, options = {}) {
  const read = (file: string) =>
    readManifests([{ file, text: fs.readFileSync(path.join(FIXTURES, fixture, file), 'utf-8') }], file);
  return planChanges(read('before.yaml'), read('after.yaml'), options);
}

test.each([
  ['a refused change', 'service-cluster-ip-gains-node-port', 1],
  ['a disruptive change', 'service-node-port-changed', 2],
  ['a change the plan has no rules for', 'kind-without-rules', 2],
  ['a new object the plan has no rules for', 'kind-without-rules-created', 2],
  ['orphans alone', 'namespace-system-orphaned', 2],
])('%s exits %i', (_case, fixture, code) => {
  expect(exitCode(planFixture(fixture))).toBe(code);
});

test('no changes exit 0 and say so', () => {
  const read = () =>
    readManifests([{ file: 'a.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n' }], 'r');
  const plan = planChanges(read(), read());
  expect(exitCode(plan)).toBe(0);
  expect(formatText(plan, 'dist/ at HEAD')).toContain('No changes: all 1 objects are as in dist/ at HEAD.');
});

describe('the summary', () => {
  test('counts orphans once', () => {
    const plan = planFixture('namespace-system-orphaned');
    expect(summarize(plan)).toEqual({
      create: 2,
      update: 0,
      orphan: 2,
      unchanged: 0,
      refused: 0,
      disruptive: 0,
      unchecked: 0,
      safe: 2,
    });
    const totals = formatText(plan, 'the folder dist').trim().split('\n').pop();
    expect(totals).toBe(
      '2 to create, 0 to update, 2 orphaned, 0 unchanged; 0 refused, 0 disruptive, 0 unchecked, 2 safe.',
    );
  });
});

test('a finding that depends on the cluster says on what, in text and JSON', () => {
  const plan = planFixture('service-ip-families-first-set');
  expect(formatText(plan, 'x')).toContain("depends on the cluster: the cluster's primary IP family");
  const json = JSON.parse(formatJson(plan, 'x'));
  expect(json.changes[0].findings[0].dependsOn).toMatch(/primary IP family/);
});

test.each([
  ['service-ip-families-first-set', /primary IP family/],
  ['service-cluster-ip-held-by-orphan', /--service-cluster-ip-range/],
  ['service-node-port-changed', /another Service in the cluster holds the node port/],
  ['namespace-pod-security', /PodSecurity admission plugin/],
  ['created-objects-taking-cluster-defaults', /default IngressClass|default StorageClass/],
])('in %s, what the cluster decides is named', (fixture, dependsOn) => {
  const findings = planFixture(fixture).entries.flatMap((e) => e.findings.filter((f) => f.dependsOn));
  expect(findings.length).toBeGreaterThan(0);
  findings.forEach((f) => expect(f.dependsOn).toMatch(dependsOn));
});

test('a refusal by a create-time rule names its rule id', () => {
  const text = formatText(planFixture('ingress-tls-secret-name-invalid'), 'x');
  expect(text).toContain('spec.tls[0].secretName: "Shop_TLS" must be a DNS-1123 subdomain');
  expect(text).toContain('[ingress/tls-secret-name]');
});

test('remedies name the project’s output folder', () => {
  const plan = planFixture('service-cluster-ip-changed', { output: 'out/prod' });
  expect(plan.entries[0].findings[0].remedy).toContain('`kubectl apply -f out/prod/`');
});

test('the JSON report has the exit code, the summary and every change, a cluster-scoped namespace as null', () => {
  const plan = planFixture('namespace-renamed');
  const json = JSON.parse(formatJson(plan, 'dist/ at HEAD'));
  expect(Object.keys(json)).toEqual(['kubernetesVersion', 'against', 'exitCode', 'summary', 'changes']);
  expect(json).toMatchObject({ kubernetesVersion: '1.27', against: 'dist/ at HEAD', exitCode: 2 });
  expect(
    json.changes.map((c: { action: string; kind: string; namespace: string | null }) => [
      c.action,
      c.kind,
      c.namespace,
    ]),
  ).toEqual([
    ['create', 'Namespace', null],
    ['create', 'Deployment', 'store'],
    ['orphan', 'Namespace', null],
    ['orphan', 'Deployment', 'shop'],
  ]);
});

test('the model follows the Kubernetes release of the schemas', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { K8S_VERSION } = require('../schema-validation/constants');
  expect(JSON.parse(formatJson({ entries: [], unchanged: 0 }, 'x')).kubernetesVersion).toBe(
    K8S_VERSION.split('.').slice(0, 2).join('.'),
  );
});

describe("the tutorial's render moved to another namespace", () => {
  // What `--set namespace=shop` renders: the same objects in namespace shop. It is planned
  // inside each test: code run while jest collects tests is covered by none of them.
  const planMove = () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'dist'))
      .sort()
      .map((file) => ({ file, text: fs.readFileSync(path.join(ROOT, 'dist', file), 'utf-8') }));
    const moved = files.map(({ file, text }) => ({ file, text: text.replace(/service-types-demo/g, 'shop') }));
    const plan = planChanges(readManifests(files, 'dist'), readManifests(moved, 'the render'));
    return { plan, text: formatText(plan, 'dist/ at HEAD') };
  };

  test('lists every object of the old namespace as orphaned, with how to prune it', () => {
    const { text } = planMove();
    expect(text.match(/^ {2}- orphan .*$/gm)).toEqual(TUTORIAL_ORPHAN_LINES);
    expect(text).toContain('prune: `kubectl delete namespace service-types-demo` deletes it with everything in it');
  });

  test('refuses the new NodePort Service the node port the orphaned one still holds, and exits 1', () => {
    const { plan, text } = planMove();
    expect(text).toContain('  + create Service shop/echo-nodeport (0003-nodeport.yaml): refused');
    expect(text).toContain(
      'node port 30080 stays allocated to service-types-demo/echo-nodeport, which kubectl apply does not delete',
    );
    expect(text).toContain(
      '7 to create, 0 to update, 7 orphaned, 0 unchanged; 1 refused, 0 disruptive, 0 unchecked, 6 safe.',
    );
    expect(exitCode(plan)).toBe(1);
  });
});

test('an orphan of a kind the plan has no rules for says what it keeps doing is not modelled', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n';
  const plan = planChanges(readManifests([{ file: 'a.yaml', text }], 'dist'), []);
  expect(plan.entries[0]).toMatchObject({ action: 'orphan', verdict: 'orphaned' });
  expect(plan.entries[0].findings[0].message).toContain('not modelled for ConfigMap');
});
