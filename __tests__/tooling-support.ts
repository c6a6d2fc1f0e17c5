// Helpers for the tests of the synth command and its tooling: running it, copying the
// project, and reading folders to prove what a run did or did not touch.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support';

export interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `service-types <args>` of `project` (default: this one) to completion, in `cwd`
 * (default: the project).
 */
export function command(
  args: readonly string[],
  options: { project?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Run {
  const project = options.project ?? ROOT;
  const result = spawnSync(process.execPath, [path.join(project, 'bin', 'service-types.js'), ...args], {
    cwd: options.cwd ?? project,
    encoding: 'utf-8',
    env: { ...process.env, ...options.env },
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `service-types synth <args>` of `project` (default: this one) there, to completion. */
export function synth(args: readonly string[], options: { project?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  return command(['synth', ...args], options);
}

/** Starts a process and resolves when it has exited (and so has been reaped). */
export function started(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; detached?: boolean },
): { child: ChildProcess; exited: Promise<Run> } {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: options.detached ?? false,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<Run>((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })),
  );
  return { child, exited };
}

/** Every file below `dir`, by path relative to it, with its contents. */
export function snapshotFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) {
      files[name] = fs.readFileSync(file, 'utf-8');
    }
  }
  return files;
}

/** The names, kinds, sizes and modification times of the entries of `dir`: enough to see it was not touched. */
export function listing(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const stat = fs.lstatSync(path.join(dir, name));
      return `${name} ${stat.isDirectory() ? 'dir' : stat.size} ${stat.mtimeMs}`;
    });
}

/** A synth's lock and work files beside `outdir`, by name. */
export function workFiles(outdir: string): string[] {
  return fs.readdirSync(path.dirname(outdir)).filter((f) => f.startsWith(`.${path.basename(outdir)}.synth-`));
}

/**
 * A copy of this project in a temporary folder, as `cp -r` would make it: the sources and
 * the bundle and schema caches of node_modules/.cache are copied with their timestamps;
 * the installed packages are linked rather than copied, for speed.
 */
export function copyProject(prefix: string): string {
  const copy = path.join(tempDir(prefix), 'project');
  const skipped = new Set(['node_modules', '.git', 'build', 'coverage', 'docs', 'cdk8s.out']);
  fs.mkdirSync(copy);
  for (const entry of fs.readdirSync(ROOT)) {
    if (!skipped.has(entry) && !entry.startsWith('.dist.')) {
      fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true, preserveTimestamps: true });
    }
  }
  const modules = path.join(ROOT, 'node_modules');
  fs.mkdirSync(path.join(copy, 'node_modules'));
  for (const entry of fs.readdirSync(modules)) {
    const from = path.join(modules, entry);
    const to = path.join(copy, 'node_modules', entry);
    if (entry === '.cache') {
      fs.cpSync(from, to, { recursive: true, preserveTimestamps: true });
    } else {
      fs.symlinkSync(from, to);
    }
  }
  return copy;
}

/**
 * Replaces `from` by `to` in a file of `project`, keeping its size and modification time,
 * so that only its contents tell the edit.
 */
export function editKeepingSizeAndTime(file: string, from: string, to: string): void {
  expect(to.length).toBe(from.length);
  const { mtime } = fs.statSync(file);
  const source = fs.readFileSync(file, 'utf-8');
  expect(source).toContain(from);
  fs.writeFileSync(file, source.replace(from, to));
  fs.utimesSync(file, mtime, mtime);
}
