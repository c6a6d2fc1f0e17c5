// `npx cdk8s synth` with this project's cdk8s.yaml, in a copy of the project: it publishes
// into dist/ as `npm run synth` does, its validation plugin checks what the app rendered,
// and a failing or killed run leaves the previous dist/ in place.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support';
import { copyProject, Run, snapshotFolder, started, synth, workFiles } from './tooling-support';

jest.setTimeout(180_000);

let project: string;
let dist: string;
let cli: string;
/** The committed render, and one with other settings. */
const committed = snapshotFolder(path.join(ROOT, 'dist'));
let other: Record<string, string>;

beforeAll(() => {
  project = copyProject('cdk8s-synth');
  dist = path.join(project, 'dist');
  cli = path.join(project, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
  const outdir = path.join(tempDir('cdk8s-other'), 'dist');
  expect(synth(['--output', outdir, '--', '--set', 'namespace=cli-other']).status).toBe(0);
  other = snapshotFolder(outdir);
});

function cdk8sSynth(...args: string[]): Run {
  const result = spawnSync(process.execPath, [cli, 'synth', '--check-upgrade=false', ...args], {
    cwd: project,
    encoding: 'utf-8',
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Which render `dir` (default dist/) holds. */
function distHolds(dir = dist): 'committed' | 'other' | 'missing' | 'mixed' {
  if (!fs.existsSync(dir)) {
    return 'missing';
  }
  const files = JSON.stringify(snapshotFolder(dir));
  return files === JSON.stringify(committed) ? 'committed' : files === JSON.stringify(other) ? 'other' : 'mixed';
}

test('publishes into dist/ what npm run synth does, and the plugin checks the manifests the app rendered', () => {
  fs.rmSync(dist, { recursive: true });
  const result = cdk8sSynth();
  expect(result.status).toBe(0);
  expect(distHolds()).toBe('committed');
  expect(workFiles(dist)).toEqual([]);
  // The CLI lists and validates its scratch folder, which holds the same render and, for the
  // plugins' report, the construct metadata that never reaches dist/.
  const { 'construct-metadata.json': metadata, ...scratch } = snapshotFolder(path.join(project, 'cdk8s.out'));
  expect(scratch).toEqual(committed);
  expect(JSON.parse(metadata).resources['echo-nodeport']).toEqual({ path: 'nodeport/echo-nodeport/Resource' });
  expect(fs.readdirSync(dist)).not.toContain('construct-metadata.json');
  for (const file of Object.keys(committed)) {
    expect(result.stdout).toContain(`  - cdk8s.out/${file}`);
  }
  expect(result.stdout).toMatch(/Status +│ success/);
  expect(result.stdout).toMatch(/manifests +│ 7/);
  expect(result.stderr).toContain('Synthesized 7 manifest files into dist/');
});

describe('a failing cdk8s synth leaves dist/ as it was', () => {
  // [failure, the app command, a line of its report]
  const FAILURES: [string, string, string][] = [
    [
      'a bad setting',
      'node bin/service-types.js synth --cdk8s --app main.ts -- --set replicas=-1',
      'setting replicas -1 (from --set) must be an integer of 0 or more',
    ],
    [
      'manifests the Kubernetes schema rejects',
      'node bin/service-types.js synth --cdk8s --app __tests__/fixtures/apps/schema-fault.ts',
      '0001-app.yaml ConfigMap/settings (construct app/settings) /dataa: unknown field',
    ],
    [
      'an exception in the app',
      'node bin/service-types.js synth --cdk8s --app __tests__/fixtures/apps/throws.ts',
      'the database is down',
    ],
  ];

  test.each(FAILURES)('%s', (_failure, app, line) => {
    expect(distHolds()).toBe('committed');
    const result = cdk8sSynth('--app', app);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(line);
    expect(distHolds()).toBe('committed');
    expect(workFiles(dist)).toEqual([]);
  });
});

test('kill -9 of a cdk8s synth at any moment leaves a render of dist/ that the next cdk8s synth repairs', async () => {
  const KILLS = 6;
  const start = Date.now();
  expect(cdk8sSynth().status).toBe(0);
  const duration = Date.now() - start;
  for (let i = 0; i < KILLS; i++) {
    const before = distHolds();
    const delay = Math.round(((i + Math.random()) / KILLS) * duration);
    // The CLI, its shell and the app, as a terminal's Ctrl-\ or a CI timeout would kill them.
    const run = started(
      process.execPath,
      [
        cli,
        'synth',
        '--check-upgrade=false',
        '--app',
        'node bin/service-types.js synth --cdk8s --app main.ts -- --set namespace=cli-other',
      ],
      { cwd: project, detached: true },
    );
    setTimeout(() => {
      try {
        process.kill(-run.child.pid!, 'SIGKILL');
      } catch {
        // finished already
      }
    }, delay);
    await run.exited;
    const label = `killed after ${delay} ms of ${duration} ms`;
    const holds = distHolds();
    if (holds === 'missing') {
      const retired = workFiles(dist).filter((f) => f.includes('.synth-retired-'));
      expect({ label, retired: retired.map((f) => distHolds(path.join(project, f))) }).toEqual({
        label,
        retired: [before],
      });
    } else {
      expect({ label, holds }).toEqual({ label, holds: expect.stringMatching(/^(committed|other)$/) });
    }
    // The next synth, here a failing one, puts back dist/ before anything else.
    const next = cdk8sSynth('--app', 'node bin/service-types.js synth --cdk8s --app main.ts -- --set replicas=-1');
    expect({ label, status: next.status, workFiles: workFiles(dist) }).toEqual({ label, status: 1, workFiles: [] });
    expect({ label, holds: distHolds() }).toEqual({ label, holds: holds === 'missing' ? before : holds });
  }
});

test('the cdk8s CLI deletes the folder it renders into before the app runs, hence a scratch folder', () => {
  const folder = path.join(project, 'scratch-check');
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'keep.yaml'), 'kind: ConfigMap\n');
  const result = cdk8sSynth('--output', folder, '--app', `node -e "process.exit(3)"`);
  expect(result.status).not.toBe(0);
  expect(fs.existsSync(folder)).toBe(false);
});
