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

describe('npm run synth with invalid settings', () => {
  const outdir = previousOutput();
  const before = snapshotFolder(outdir);
  const result = synth('--app', '__tests__/fixtures/apps/invalid-settings.ts', '--output', outdir);

  test('exits non-zero', () => {
    expect(result.status).toBe(1);
  });

  test('lists every error, each naming construct, property, value and what is allowed', () => {
    expect(result.stderr).toContain('Synthesis failed: 2 invalid settings');
    expect(result.stderr).toContain("  - EchoServer 'app/echo-server': replicas -1 must be an integer of 0 or more");
    expect(result.stderr).toContain(
      "  - NodePortService 'nodeport/echo-nodeport': nodePort 40080 is outside the node port range 30000-32767",
    );
  });

  test('prints no stack trace', () => {
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('leaves the previous output byte-identical and no staging folder behind', () => {
    expect(snapshotFolder(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });
});

describe('npm run synth when the app throws', () => {
  const outdir = previousOutput();
  const before = snapshotFolder(outdir);
  const result = synth('--app', '__tests__/fixtures/apps/throws.ts', '--output', outdir);

  test('exits non-zero with the message and no stack trace', () => {
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Synthesis failed: cannot render 7 charts: the database is down');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('leaves the previous output untouched', () => {
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
