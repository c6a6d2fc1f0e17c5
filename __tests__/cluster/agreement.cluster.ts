import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ruleCatalog } from '../../lib';
import { ROOT, tempDir } from '../support';
import { Verdict } from './record/log';
import { installGatewayCrds, kubectl, KubectlResult } from './support';

// The library's verdicts against the API server's own. The unit tests that judge objects run
// once more, with __tests__/support.ts and the schema validators wrapped (record/) so that
// every verdict they give is logged with the objects it was given on, rendered without the
// library's checks. Each object set then goes through `kubectl apply --dry-run=server`: what
// the library refuses for an API rule the server must refuse, what it accepts (warnings
// included) the server must accept. Construct contracts (relationships of props no manifest
// states) are not compared.

/** The unit test files whose tests judge objects: constructs' validation and the schema validators. */
const UNIT_TESTS = [
  'cdk8s-conventions',
  'cluster-ip-service',
  'echo-server',
  'external-name-service',
  'gateway',
  'gateway-custom-resources',
  'gateway-http-route',
  'gateway-reference-grant',
  'headless-service',
  'ingress',
  'load-balancer-service',
  'node-port-service',
  'object-meta',
  'object-registry',
  'schema-validation',
  'service-options',
  'services',
  'validation',
  'warnings',
].map((name) => `__tests__/${name}.test.ts`);

/**
 * Rules a dry run cannot show: the node port allocator checks the range and what is taken
 * only when it allocates for real (PortAllocationOperation.Allocate in dry-run mode asks only
 * whether the port is taken), and an object is a duplicate only once the first one exists (a
 * client-side apply of the second one patches the first; `kubectl create` refuses it). Their
 * objects are created for real with `kubectl create`, one case at a time, in a namespace of
 * their own, and deleted again.
 */
const CREATED_FOR_REAL = new Set(['node-port/range', 'node-port/claimed-twice', 'app/duplicate-object']);

/** The node ports a dry run cannot judge: those outside the API server's default range. */
const outsideDefaultRange = (objects: readonly any[]) =>
  objects
    .filter((o) => o?.kind === 'Service')
    .flatMap((s) => [...(s.spec?.ports ?? []).map((p: any) => p.nodePort), s.spec?.healthCheckNodePort])
    .some((port) => typeof port === 'number' && port !== 0 && (port < 30000 || port > 32767));

/** Whether a verdict's objects must be created for real: a rule or node port a dry run cannot judge. */
const needsRealCreate = (verdict: Verdict) =>
  ruleIds(verdict).some((id) => id && CREATED_FOR_REAL.has(id)) || outsideDefaultRange(verdict.objects ?? []);

const CUSTOM_NODE_PORT_RANGE =
  "the range is the API server's --service-node-port-range, which no manifest states: this control plane has the default 30000-32767, the case declares 20000-20000 (the library refuses 30080 and accepts 20000; the server does the opposite)";
const ANNOTATIONS_IN_CLIENT_SIDE_APPLY =
  "kubectl apply (client-side, the tutorial's command) copies the object into the kubectl.kubernetes.io/last-applied-configuration annotation, so annotations within the API server's 256 KiB limit but over about half of it cannot be applied that way; server-side apply accepts them. The library accepts them without a warning";

/**
 * Where the server's answer differs from the library's for a reason the comparison cannot
 * remove, by test: the disagreement is expected, and the test fails when it goes away.
 */
const KNOWN_DISAGREEMENTS: Record<string, string> = {
  'schema-validation.test.ts: a fault planted through an escape hatch in a construct is caught':
    "cdk8s renders the patched `cpu: true` as an undefined value, which the schema validator refuses; a written manifest drops it (YAML and JSON have no undefined), so the server gets `limits: {}` and accepts: the test's fault never reaches a manifest",
  'object-meta.test.ts: each metadata rule rejects the nearest breaking input and accepts the nearest valid one metadata/annotations-size (ValidateAnnotationsSize: TotalAnnotationSizeLimitB)':
    ANNOTATIONS_IN_CLIENT_SIDE_APPLY,
  'object-meta.test.ts: each metadata rule rejects the nearest breaking input and accepts the nearest valid one metadata/annotations-size (ValidateAnnotationsSize counts UTF-8 bytes)':
    ANNOTATIONS_IN_CLIENT_SIDE_APPLY,
  "object-meta.test.ts: apimachinery's metadata validation tables, ported TestValidateAnnotations: success: two values of half the limit less one":
    ANNOTATIONS_IN_CLIENT_SIDE_APPLY,
  'node-port-service.test.ts: each node port rule, in both directions node-port/range, the default range / a custom one-port range (PortAllocationOperation.Allocate, ErrNotInRange (pkg/registry/core/service/portallocator)) the nearest input breaking it is one error, with construct, property, value and id':
    CUSTOM_NODE_PORT_RANGE,
  'node-port-service.test.ts: each node port rule, in both directions node-port/range, the default range / a custom one-port range (PortAllocationOperation.Allocate, ErrNotInRange (pkg/registry/core/service/portallocator)) the nearest input keeping it raises neither error nor warning':
    CUSTOM_NODE_PORT_RANGE,
};

/** Runs the unit tests above with the recording wrappers; the verdicts they gave. */
function recordVerdicts(): Verdict[] {
  const dir = tempDir('verdicts');
  const file = path.join(dir, 'verdicts.jsonl');
  // The unit tests' own temporary folders (cdk8s's Testing.app makes one per app) go in here
  // and are removed with it.
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  const config = {
    rootDir: ROOT,
    testEnvironment: 'node',
    roots: ['<rootDir>/__tests__'],
    testMatch: ['**/*.test.ts'],
    transform: { '^.+\\.ts$': ['@swc/jest', {}] },
    moduleNameMapper: { '^\\./support$': '<rootDir>/__tests__/cluster/record/support.ts' },
    setupFilesAfterEnv: ['<rootDir>/__tests__/cluster/record/schema-checks.ts'],
  };
  const result = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--ci', '--silent', '--config', JSON.stringify(config), ...UNIT_TESTS],
    { cwd: ROOT, env: { ...process.env, CLUSTER_VERDICTS: file, TMPDIR: tmp }, encoding: 'utf-8' },
  );
  if (result.status !== 0) throw new Error(`the unit tests failed while recording verdicts:\n${result.stderr}`);
  return fs
    .readFileSync(file, 'utf-8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

const RULES = new Map(ruleCatalog().map((rule) => [rule.id, rule]));

/** The rule ids a verdict's problems name, as `[group/name]`. */
const ruleIds = (verdict: Verdict) =>
  verdict.problems.map((problem) => /\[([a-z0-9-]+\/[a-z0-9-]+)\]/.exec(problem)?.[1]);

/**
 * What the API server must do with a verdict's objects: `accept` what the library accepts or
 * only warns of, `refuse` what it refuses for an API rule; otherwise why it is not compared.
 */
function expectation(verdict: Verdict): 'accept' | 'refuse' | { skipped: string } {
  if (!verdict.objects) return { skipped: 'rendering threw' };
  if (verdict.problems.length === 0) return 'accept';
  if (verdict.checker === 'schema') return 'refuse';
  const levels = ruleIds(verdict).map((id) => (id && RULES.get(id)?.level) ?? 'unknown');
  if (levels.includes('error')) return 'refuse';
  if (levels.includes('unknown')) return { skipped: `a problem without a rule id: ${verdict.problems.join(' | ')}` };
  if (levels.includes('contract')) return { skipped: 'construct contract' };
  return 'accept'; // warnings made errors by strict mode: the API server accepts the objects
}

/**
 * The objects as the API server would get them with the library's checks left out. A Service
 * option its type does not allow is left out of the render as well as refused; it is put back
 * from the problem, which names it and its value.
 */
function withRefusedOptions(verdict: Verdict): any[] {
  const objects: any[] = structuredClone([...(verdict.objects ?? [])]);
  const services = objects.filter((o) => o.kind === 'Service');
  for (const problem of verdict.problems) {
    const found =
      /^\w+ '[^']+': (?:ports\[(\d+)\]\.)?(\w+) (.+?) is not allowed on a \w+: .*\[service\/option-type\]$/.exec(
        problem,
      );
    if (!found || services.length !== 1) continue;
    const [, index, option, value] = found;
    if (option === 'nodePort') services[0].spec.ports[Number(index ?? 0)].nodePort = JSON.parse(value);
    else services[0].spec[option] = JSON.parse(value);
  }
  return objects;
}

/** Runs `work` over `items`, `limit` at a time. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** The namespaces this file created, deleted after it. */
const created: string[] = [];
afterAll(() => inPool(created, 4, (name) => kubectl(['delete', 'namespace', name, '--wait=false'])));

/** The namespaces the objects are in, created for real so that their objects can be dry-run. */
async function createNamespaces(verdicts: readonly Verdict[]): Promise<void> {
  const names = new Set(verdicts.flatMap((v) => (v.objects ?? []).map((o) => o?.metadata?.namespace)));
  names.delete(undefined);
  // A namespace the server refuses to create is left out; its objects are refused with it.
  await inPool([...names], 4, async (name) => {
    if ((await kubectl(['create', 'namespace', String(name)])).status === 0) created.push(String(name));
  });
}

const asList = (items: readonly any[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
const output = (result: KubectlResult) => `${result.stdout}${result.stderr}`.trim();

/** `kubectl create` of the objects for real, in a namespace of their own, deleted afterwards. */
async function createForReal(objects: readonly any[], namespace: string): Promise<KubectlResult> {
  // The case's own Namespace objects give way to the one made for it.
  const moved = objects
    .filter((o) => o.kind !== 'Namespace')
    .map((o) => ({ ...o, metadata: { ...o.metadata, namespace } }));
  await kubectl(['create', 'namespace', namespace]);
  const result = await kubectl(['create', '-f', '-'], asList(moved));
  // Delete the Services first and wait, so that their node ports are free for the next case.
  await kubectl(['delete', 'services', '--all', '-n', namespace, '--wait']);
  await kubectl(['delete', 'namespace', namespace, '--wait=false']);
  return result;
}

interface Comparison {
  readonly verdict: Verdict;
  readonly expected: 'accept' | 'refuse';
  readonly how: string;
  readonly server: 'accept' | 'refuse' | 'kind not served';
  readonly answer: string;
  /** Where the server's answer differs from the library's: its answer to a server-side apply, which adds no annotation. */
  readonly serverSide?: string;
}

/** Asks the API server about one verdict's objects. */
async function compare(verdict: Verdict, expected: 'accept' | 'refuse', index: number): Promise<Comparison> {
  const objects = withRefusedOptions(verdict);
  const forReal = needsRealCreate(verdict);
  const how = forReal ? 'kubectl create' : 'kubectl apply --dry-run=server';
  const result = forReal
    ? await createForReal(objects, `agreement-${index}`)
    : await kubectl(['apply', '--dry-run=server', '-f', '-'], asList(objects));
  const answer = output(result);
  const notServed = /no matches for kind|resource mapping not found/.test(answer);
  const server = notServed ? 'kind not served' : result.status === 0 ? 'accept' : 'refuse';
  if (forReal || notServed || server === expected) return { verdict, expected, how, server, answer };
  // Client-side apply stores the whole object in an annotation; say whether that made the difference.
  const serverSide = await kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], asList(objects));
  const serverSideAnswer = `${serverSide.status === 0 ? 'accepts' : 'refuses'}: ${output(serverSide)}`;
  return { verdict, expected, how, server, answer, serverSide: serverSideAnswer };
}

let comparisons: Comparison[] = [];
const skipped: { verdict: Verdict; reason: string }[] = [];

beforeAll(async () => {
  await installGatewayCrds();
  const seen = new Set<string>();
  const verdicts = recordVerdicts().filter((v) => {
    const key = JSON.stringify([v.checker, v.objects ?? v.test, v.problems]);
    return !seen.has(key) && seen.add(key);
  });
  await createNamespaces(verdicts);
  const compared: { verdict: Verdict; expected: 'accept' | 'refuse' }[] = [];
  for (const verdict of verdicts) {
    const expected = expectation(verdict);
    if (typeof expected === 'object') skipped.push({ verdict, reason: expected.skipped });
    else compared.push({ verdict, expected });
  }
  const forReal = compared.filter(({ verdict }) => needsRealCreate(verdict));
  const dryRun = compared.filter((c) => !forReal.includes(c));
  // Created for real one at a time: their node ports are shared by the whole cluster.
  comparisons = [
    ...(await inPool(dryRun, 4, ({ verdict, expected }) => compare(verdict, expected, 0))),
    ...(await inPool([...forReal.entries()], 1, ([i, { verdict, expected }]) => compare(verdict, expected, i))),
  ];
}, 300_000);

test('the API server refuses what the library refuses for an API rule and accepts what it accepts', () => {
  const served = comparisons.filter((c) => c.server !== 'kind not served');
  const agreeing = served.filter((c) => c.server === c.expected);
  const count = (expected: string) => served.filter((c) => c.expected === expected).length;
  const agreed = (expected: string) => agreeing.filter((c) => c.expected === expected).length;
  const disagreements = served.filter((c) => c.server !== c.expected);
  const known = disagreements.filter((d) => KNOWN_DISAGREEMENTS[d.verdict.test]);
  process.stderr.write(
    [
      '',
      `verdicts compared with kube-apiserver: ${agreeing.length}/${served.length} agree, ${known.length} more differ for a known reason`,
      `  refused by the library for an API rule: ${agreed('refuse')}/${count('refuse')} refused by the server`,
      `  accepted by the library (warnings included): ${agreed('accept')}/${count('accept')} accepted by the server`,
      `  created for real rather than dry-run: ${served.filter((c) => c.how === 'kubectl create').length}`,
      `  not compared: ${comparisons.length - served.length} of kinds the server does not serve (custom resources of tests),`,
      `    ${skipped.filter((s) => s.reason === 'construct contract').length} construct contracts, ${skipped.filter((s) => s.reason !== 'construct contract').length} others`,
      ...skipped.filter((s) => s.reason !== 'construct contract').map((s) => `    ${s.verdict.test}: ${s.reason}`),
      ...disagreements.map((d) =>
        [
          `  ${KNOWN_DISAGREEMENTS[d.verdict.test] ? 'KNOWN' : 'DISAGREE'} ${d.verdict.test}`,
          `    library ${d.expected === 'refuse' ? `refuses: ${d.verdict.problems.join(' | ')}` : 'accepts'}`,
          `    server (${d.how}): ${d.answer}`,
          ...(d.serverSide ? [`    server-side apply ${d.serverSide}`] : []),
          ...(KNOWN_DISAGREEMENTS[d.verdict.test] ? [`    why: ${KNOWN_DISAGREEMENTS[d.verdict.test]}`] : []),
        ].join('\n'),
      ),
      '',
    ].join('\n'),
  );
  expect(disagreements.map((d) => d.verdict.test).sort()).toEqual(Object.keys(KNOWN_DISAGREEMENTS).sort());
});
