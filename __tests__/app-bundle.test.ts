// The compiled-app cache of the synth command: a bundle is reused only for exactly the same
// inputs, so a copied or edited project always renders its own code.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support';
import { copyProject, editKeepingSizeAndTime, synth } from './tooling-support';

jest.setTimeout(120_000);

const replicasIn = (dist: string) =>
  /replicas: (\d+)/.exec(fs.readFileSync(path.join(dist, '0001-app.yaml'), 'utf-8'))![1];

let project: string;
let tutorial: string;
let bundleCache: string;

/** Sets the tutorial's replicas in the copy, keeping the file's size and modification time. */
function setReplicas(replicas: number): void {
  const current = /replicas: \d/.exec(fs.readFileSync(tutorial, 'utf-8'))![0];
  editKeepingSizeAndTime(tutorial, current, `replicas: ${replicas}`);
}

/** The compiled main.ts bundles in the copy's cache. */
function bundles(): string[] {
  return fs.readdirSync(bundleCache).filter((f) => f.startsWith('main_ts.') && f.endsWith('.cjs'));
}

/** The bundles copied from the original's cache with the project. */
let copied: string[];

beforeAll(() => {
  // The original has rendered, and so cached its bundle, before it is copied, as in the field.
  expect(synth(['--output', path.join(tempDir('bundle-original'), 'dist')]).status).toBe(0);
  project = copyProject('bundle');
  tutorial = path.join(project, 'lib', 'demo', 'tutorial.ts');
  bundleCache = path.join(project, 'node_modules', '.cache', 'service-types', 'bundles');
  copied = bundles();
});

test('a copied project, edited without changing the size or time of the file, renders its own code', () => {
  expect(synth([], { project }).status).toBe(0);
  expect(replicasIn(path.join(project, 'dist'))).toBe('2');
  setReplicas(5);
  const result = synth([], { project });
  expect(result.status).toBe(0);
  expect(replicasIn(path.join(project, 'dist'))).toBe('5');
  // The original is untouched and still renders its own code.
  expect(replicasIn(path.join(ROOT, 'dist'))).toBe('2');
});

test('npx cdk8s synth in the edited copy renders the copy too', () => {
  const cli = path.join(project, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
  setReplicas(7);
  const result = spawnSync(process.execPath, [cli, 'synth', '--check-upgrade=false'], {
    cwd: project,
    encoding: 'utf-8',
  });
  expect(result.status).toBe(0);
  expect(replicasIn(path.join(project, 'dist'))).toBe('7');
  expect(replicasIn(path.join(project, 'cdk8s.out'))).toBe('7');
});

test('a new file that an import now resolves to is compiled in', () => {
  const dir = path.join(project, 'shadow');
  fs.mkdirSync(path.join(dir, 'replicas'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'replicas', 'index.ts'), 'export const REPLICAS = 3;\n');
  fs.writeFileSync(
    path.join(dir, 'main.ts'),
    "import { ServiceTypesApp } from '../app';\nimport { REPLICAS } from './replicas';\nnew ServiceTypesApp({ replicas: REPLICAS }).synth();\n",
  );
  const outdir = path.join(dir, 'dist');
  expect(synth(['--app', 'shadow/main.ts', '--output', outdir], { project }).status).toBe(0);
  expect(replicasIn(outdir)).toBe('3');
  // `./replicas` now resolves to replicas.ts rather than replicas/index.ts, which is unchanged.
  fs.writeFileSync(path.join(dir, 'replicas.ts'), 'export const REPLICAS = 4;\n');
  expect(synth(['--app', 'shadow/main.ts', '--output', outdir], { project }).status).toBe(0);
  expect(replicasIn(outdir)).toBe('4');
});

test('a change to tsconfig.json, which esbuild reads, gets a bundle of its own', () => {
  expect(synth([], { project }).status).toBe(0);
  const before = bundles();
  const tsconfig = path.join(project, 'tsconfig.json');
  fs.writeFileSync(tsconfig, fs.readFileSync(tsconfig, 'utf-8').replace('"ES2022"', '"ES2021"'));
  expect(synth([], { project }).status).toBe(0);
  expect(bundles().filter((f) => !before.includes(f))).toHaveLength(1);
});

test('each project keeps only its newest four bundles of an entry', () => {
  for (const replicas of [1, 2, 3, 4, 5, 6]) {
    setReplicas(replicas);
    expect(synth([], { project }).status).toBe(0);
    expect(replicasIn(path.join(project, 'dist'))).toBe(String(replicas));
  }
  // The bundles copied with the project are older than these six, so they went first.
  expect(bundles()).toHaveLength(4);
  expect(bundles().filter((f) => copied.includes(f))).toEqual([]);
  expect(fs.readdirSync(bundleCache).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

test('a synth killed at each file-system change of its build leaves nothing the next synth does not clean up or rebuild', () => {
  const build = (env: NodeJS.ProcessEnv = {}) =>
    spawnSync(
      process.execPath,
      ['-r', path.join(ROOT, '__tests__', 'fixtures', 'preload', 'kill-at-step.js'), 'bin/service-types.js', 'synth'],
      { cwd: project, encoding: 'utf-8', env: { ...process.env, ...env } },
    );
  fs.rmSync(bundleCache, { recursive: true, force: true });
  const counted = build();
  expect(counted.status).toBe(0);
  const steps = Number(/file-system changes: (\d+)/.exec(counted.stderr)![1]);
  // The cache folder, and the map, the code and the index, each written aside and renamed,
  // then the synth's own changes.
  expect(steps).toBeGreaterThanOrEqual(7);
  for (let step = 1; step <= steps; step++) {
    setReplicas(step % 10);
    expect(build({ KILL_AT_STEP: String(step) }).signal).toBe('SIGKILL');
    const label = `build killed before change ${step} of ${steps}`;
    const result = synth([], { project });
    expect({ label, status: result.status, replicas: replicasIn(path.join(project, 'dist')) }).toEqual({
      label,
      status: 0,
      replicas: String(step % 10),
    });
    const cached = fs.readdirSync(bundleCache);
    expect({ label, temporary: cached.filter((f) => f.endsWith('.tmp')) }).toEqual({ label, temporary: [] });
    const withoutMap = cached.filter((f) => f.endsWith('.cjs') && !cached.includes(`${f}.map`));
    expect({ label, withoutMap }).toEqual({ label, withoutMap: [] });
  }
});
