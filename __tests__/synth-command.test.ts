import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support';

function synth(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'synth.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf-8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file below `dir` with its content, to prove a folder was not touched. */
function snapshotFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) {
      files[name] = fs.readFileSync(file, 'utf-8');
    }
  }
  return files;
}

/** An output folder holding a previous synth's manifest and a stray file. */
function previousOutput(): string {
  const outdir = path.join(tempDir('synth-out'), 'dist');
  fs.mkdirSync(outdir);
  fs.writeFileSync(path.join(outdir, '0000-namespace.yaml'), 'kind: Namespace\n');
  fs.writeFileSync(path.join(outdir, 'stale.yaml'), 'kind: ConfigMap\n');
  return outdir;
}

function leftovers(outdir: string): string[] {
  return fs.readdirSync(path.dirname(outdir)).filter((f) => f.startsWith('.dist-'));
}

// [failure, synth arguments, lines the report must contain]
const FAILURES: [string, string[], string[]][] = [
  [
    'invalid construct props',
    ['--app', '__tests__/fixtures/apps/invalid-settings.ts'],
    [
      'Synthesis failed: 2 invalid settings',
      "  - EchoServer 'app/echo-server': replicas -1 must be an integer from 0 to 2147483647 [deployment/replicas]",
      "  - NodePortService 'nodeport/echo-nodeport': nodePort 40080 is outside the node port range 30000-32767",
    ],
  ],
  [
    'bad configuration',
    ['--set', 'replicas=-1', '--set', 'services=ingress'],
    [
      'Synthesis failed: invalid configuration (2 problems)',
      '  - setting replicas -1 (from --set) must be an integer of 0 or more',
      '  - setting services ["ingress"] (from --set) must be a list of',
    ],
  ],
  [
    'an exception in the app',
    ['--app', '__tests__/fixtures/apps/throws.ts'],
    ['Synthesis failed: cannot render 7 charts: the database is down'],
  ],
  [
    'manifests the Kubernetes schema rejects',
    ['--app', '__tests__/fixtures/apps/schema-fault.ts'],
    [
      'Synthesis failed: 2 schema violations against Kubernetes 1.27.0',
      '  - 0001-app.yaml Deployment/echo-server /spec/replicas: must be integer',
      '  - 0001-app.yaml ConfigMap/settings /dataa: unknown field',
    ],
  ],
];

describe.each(FAILURES)('npm run synth with %s', (_failure, args, lines) => {
  const outdir = previousOutput();
  const before = snapshotFolder(outdir);
  const result = synth(...args, '--output', outdir);

  test('exits non-zero', () => {
    expect(result.status).toBe(1);
  });

  test('lists every error, without a stack trace', () => {
    for (const line of lines) {
      expect(result.stderr).toContain(line);
    }
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('leaves the previous output byte-identical and no staging folder behind', () => {
    expect(snapshotFolder(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });
});

describe('a successful npm run synth', () => {
  const outdir = previousOutput();
  const result = synth('--output', outdir);

  test('replaces the output completely, removing stale files', () => {
    expect(result.status).toBe(0);
    expect(fs.readdirSync(outdir)).not.toContain('stale.yaml');
    expect(fs.readdirSync(outdir)).toHaveLength(7);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('writes what the committed dist/ holds', () => {
    expect(snapshotFolder(outdir)).toEqual(snapshotFolder(path.join(ROOT, 'dist')));
  });
});

test('an edit to a TypeScript source shows in the next synth with no extra command', () => {
  const app = path.join(ROOT, '__tests__', 'fixtures', 'apps', 'edited-by-test.ts');
  const outdir = path.join(tempDir('synth-edit'), 'dist');
  const write = (replicas: number) =>
    fs.writeFileSync(
      app,
      `import { ServiceTypesApp } from '../../../app';\nnew ServiceTypesApp({ replicas: ${replicas} }).synth();\n`,
    );
  try {
    write(3);
    expect(synth('--app', app, '--output', outdir).status).toBe(0);
    expect(fs.readFileSync(path.join(outdir, '0001-app.yaml'), 'utf-8')).toContain('replicas: 3');
    write(5);
    expect(synth('--app', app, '--output', outdir).status).toBe(0);
    expect(fs.readFileSync(path.join(outdir, '0001-app.yaml'), 'utf-8')).toContain('replicas: 5');
  } finally {
    fs.rmSync(app, { force: true });
  }
});
