import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readYaml, ROOT, tempDir } from '../support';
import { applyClean, kubectl, kubectlOk } from './support';

// The README's operator edits, done as an operator would: dist/ is running, `npm run plan`
// judges the edit, the edited render is applied with `kubectl apply`. What the plan calls
// refused must be refused, its updates must reach the cluster, and the objects it calls
// orphaned must be exactly the ones the apply leaves behind.

const DIST = path.join(ROOT, 'dist');
/** The namespaces dist/ and the edits put objects in. */
const NAMESPACES = ['service-types-demo', 'shop'];

afterAll(
  () => kubectlOk(['delete', 'namespace', ...NAMESPACES, '--ignore-not-found', '--wait', '--timeout=120s']),
  150_000,
);

const EDITS: [string, string[]][] = [
  ['replicas', ['--set', 'replicas=4']],
  ['a node port', ['--set', 'nodePort=30081']],
  ['the namespace renamed', ['--set', 'namespace=shop']],
  ['a Service removed', ['--set', 'services=clusterip,nodeport,loadbalancer,headless']],
];

const serviceTypes = (args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin', 'service-types.js'), ...args], { cwd: ROOT, encoding: 'utf-8' });

const idOf = (kind: string, namespace: string | undefined, name: string) =>
  `${kind} ${namespace ? `${namespace}/` : ''}${name}`;

/** The live object, or undefined when the cluster has none. */
async function live(kind: string, namespace: string | undefined, name: string): Promise<any> {
  const args = ['get', kind, name, '--ignore-not-found', '-o', 'json', ...(namespace ? ['-n', namespace] : [])];
  const text = await kubectlOk(args);
  return text.trim() ? JSON.parse(text) : undefined;
}

/** The value at a plan diff path such as `spec.ports[0].nodePort`. */
const valueAt = (object: any, at: string) =>
  at
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== '')
    .reduce((o, part) => o?.[part], object);

describe.each(EDITS)('%s', (_edit, settings) => {
  const rendered = path.join(tempDir('edit'), 'dist');
  let plan: any;
  let apply: { status: number | null; output: string };

  beforeAll(async () => {
    await applyClean(['-f', DIST]);
    plan = JSON.parse(serviceTypes(['plan', '--json', '--', ...settings]).stdout);
    const synth = serviceTypes(['synth', '--output', rendered, '--', ...settings]);
    expect(synth.status).toBe(0);
    const result = await kubectl(['apply', '-f', rendered]);
    apply = { status: result.status, output: `${result.stdout}${result.stderr}` };
  });

  // The next edit starts from dist/ again: its workloads and Services go (their node ports
  // with them); the namespaces stay until the end, as deleting one takes seconds.
  afterAll(async () => {
    for (const namespace of NAMESPACES) {
      await kubectlOk(['delete', 'deployments,services', '--all', '-n', namespace, '--wait', '--timeout=120s']);
    }
  }, 300_000);

  test('what the plan refuses the API server refuses, and nothing else', async () => {
    const refusedByPlan = plan.changes
      .filter((c: any) => c.verdict === 'refused')
      .map((c: any) => idOf(c.kind, c.namespace, c.name));
    const missing: string[] = [];
    for (const object of fs.readdirSync(rendered).flatMap((f) => readYaml(path.join(rendered, f)))) {
      const { kind, metadata } = object;
      if (!(await live(kind, metadata.namespace, metadata.name)))
        missing.push(idOf(kind, metadata.namespace, metadata.name));
    }
    expect(missing.sort()).toEqual(refusedByPlan.sort());
    expect(apply.status === 0).toBe(refusedByPlan.length === 0);
  });

  test("every update the plan lists reaches the cluster with the plan's values", async () => {
    for (const change of plan.changes.filter((c: any) => c.action === 'update')) {
      const object = await live(change.kind, change.namespace, change.name);
      for (const { path: at, after } of change.diff)
        expect({ at, value: valueAt(object, at) }).toEqual({ at, value: after });
    }
  });

  test('the objects the plan calls orphaned are the ones the apply leaves behind', async () => {
    const renderedIds = new Set(
      fs
        .readdirSync(rendered)
        .flatMap((f) => readYaml(path.join(rendered, f)))
        .map((o) => idOf(o.kind, o.metadata.namespace, o.metadata.name)),
    );
    const leftBehind: string[] = [];
    for (const object of fs.readdirSync(DIST).flatMap((f) => readYaml(path.join(DIST, f)))) {
      const { kind, metadata } = object;
      const id = idOf(kind, metadata.namespace, metadata.name);
      if (!renderedIds.has(id) && (await live(kind, metadata.namespace, metadata.name))) leftBehind.push(id);
    }
    const orphaned = plan.changes
      .filter((c: any) => c.action === 'orphan')
      .map((c: any) => idOf(c.kind, c.namespace, c.name));
    expect(leftBehind.sort()).toEqual(orphaned.sort());
  });
});
