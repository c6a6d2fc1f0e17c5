// Runs a cdk8s app so that it renders into a folder the command chose (CDK8S_OUTDIR), and
// tells what it rendered: the files, the construct path of each object (from cdk8s's
// construct metadata, which is read and removed, never published), the warnings of the
// service-types constructs, and, when the app fails, why, without a stack trace.
import { spawn } from 'child_process';
import type { Worker } from 'worker_threads';
import * as fs from 'fs';
import * as path from 'path';
import type { ValidationWarning } from '../lib';
import { appBundle } from './bundle';
import { PACKAGE_ROOT, schemaValidation } from './package';
import { AppCommand, Project } from './project';
import { Problems, validationHeadline, validationMessages } from './report';

/** The thread a TypeScript app runs in: see app-host.js. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const appHost = require(path.join(PACKAGE_ROOT, 'cli', 'app-host.js')) as {
  run(root: string, message: { app: string; argv: string[]; env: NodeJS.ProcessEnv }): Worker;
  discard(): void;
};
/** The file cdk8s writes when CDK8S_RECORD_CONSTRUCT_METADATA is true. */
const CONSTRUCT_METADATA = 'construct-metadata.json';

/** The app could not be rendered; `problems` says why, all at once. */
export class RenderFailed extends Problems {
  constructor(headline: string, problems: readonly string[] = []) {
    super(headline, problems);
    this.name = 'RenderFailed';
  }
}

/** What an app rendered. */
export interface Rendered {
  /** The manifest files, relative to the folder, sorted. */
  readonly files: readonly string[];
  /** The construct path of each object, by `metadata.name`, from cdk8s's construct metadata. */
  readonly constructPaths: ReadonlyMap<string, string>;
  /** The warnings the app's service-types constructs raised, each once. */
  readonly warnings: readonly ValidationWarning[];
}

/** Every file below `dir`, relative to it, sorted. */
export function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => fs.statSync(path.join(dir, name)).isFile())
    .sort();
}

/** How deep below the project folder the command looks for what the app wrote outside its output. */
const WATCH_DEPTH = 2;

/**
 * Size and time of the files near the top of the project, and the time of each folder there
 * (a file created or removed inside a folder changes it): what an app that writes outside its
 * output most likely touches (`notes.txt`, a folder of its own, an `outdir` beside `dist/`),
 * read in milliseconds whatever the size of the project.
 */
function watch(root: string, skip: (file: string) => boolean, outdir: string): Map<string, string> {
  const seen = new Map<string, string>();
  // The folders above the output change when the output appears in them: their files still count.
  const above = (dir: string) => !path.relative(dir, outdir).startsWith('..');
  const visit = (dir: string, depth: number) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.name === 'node_modules' || entry.name === '.git' || skip(file)) {
        continue;
      }
      const stat = fs.lstatSync(file);
      if (!(entry.isDirectory() && above(file))) {
        seen.set(
          file.slice(root.length + 1),
          entry.isDirectory() ? `folder ${stat.mtimeMs}` : `${stat.size} ${stat.mtimeMs}`,
        );
      }
      if (entry.isDirectory() && depth < WATCH_DEPTH) {
        visit(file, depth + 1);
      }
    }
  };
  visit(root, 1);
  return seen;
}

/** The files of `after` that are new or changed since `before`. */
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after]
    .filter(([file, state]) => before.get(file) !== state)
    .map(([file]) => (before.has(file) ? `${file} (changed)` : `${file} (new)`))
    .sort();
}

const quote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

interface Report {
  readonly type: 'warning';
  readonly warning: ValidationWarning;
}

/** How the app's run ended, and what it said. */
interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly reports: readonly Report[];
  /** What a TypeScript app threw. */
  readonly thrown?: Error & { readonly problems?: unknown };
}

/** Collects a stream into a string. */
function collect(stream: NodeJS.ReadableStream | null | undefined): () => string {
  const chunks: Buffer[] = [];
  stream?.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  return () => Buffer.concat(chunks).toString('utf-8');
}

/**
 * Runs a TypeScript app, compiled, in a worker thread (app-host.js): its own `process.argv`
 * and `process.env`, what it throws passed back whole. A thread ends with the command,
 * whatever ends it: a killed synth leaves no app behind still writing.
 */
async function runCompiled(
  project: Project,
  app: Extract<AppCommand, { kind: 'typescript' }>,
  argv: string[],
  env: NodeJS.ProcessEnv,
  whileRunning: () => void,
  stop: AbortSignal | undefined,
): Promise<Run> {
  const bundle = await appBundle(app.entry, project.root);
  const worker = appHost.run(project.root, { app: bundle, argv, env });
  const stdout = collect(worker.stdout);
  const stderr = collect(worker.stderr);
  const reports: Report[] = [];
  let thrown: Run['thrown'];
  worker.on('message', (report: Report) => reports.push(report));
  worker.on('error', (error: Error) => (thrown = error));
  const exited = new Promise<number>((resolve) => worker.on('exit', resolve));
  stop?.addEventListener('abort', () => void worker.terminate());
  try {
    whileRunning();
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const code = await exited;
  return { code: thrown === undefined ? code : 1, signal: null, stdout: stdout(), stderr: stderr(), reports, thrown };
}

/** Runs any other app command through the shell, as the cdk8s CLI does. */
async function runCommand(
  project: Project,
  command: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  whileRunning: () => void,
  stop: AbortSignal | undefined,
): Promise<Run> {
  appHost.discard();
  const child = spawn([command, ...argv.map(quote)].join(' '), {
    cwd: project.root,
    env,
    shell: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, s) => resolve([c, s]));
  });
  stop?.addEventListener('abort', () => child.kill('SIGTERM'));
  try {
    whileRunning();
  } catch (error) {
    child.kill('SIGTERM');
    await closed;
    throw error;
  }
  const [code, signal] = await closed;
  return { code, signal, stdout: stdout(), stderr: stderr(), reports: [] };
}

/** Why the app failed: what a TypeScript app threw, or what any other command printed. */
function failure(run: Run): RenderFailed {
  const { thrown } = run;
  if (thrown !== undefined) {
    const messages = validationMessages(thrown.message);
    if (messages !== undefined) {
      return new RenderFailed(validationHeadline(messages), messages);
    }
    if (Array.isArray(thrown.problems) && thrown.problems.length > 0) {
      return new RenderFailed(thrown.message, thrown.problems.map(String));
    }
    return new RenderFailed(process.env.SERVICE_TYPES_DEBUG && thrown.stack ? thrown.stack : thrown.message);
  }
  const how = run.signal !== null ? `was stopped by ${run.signal}` : `exited with code ${run.code}`;
  // Stack frames tell a chart author nothing about the manifests; the debug variable keeps them.
  const lines = run.stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && (process.env.SERVICE_TYPES_DEBUG || !/^\s+at /.test(line)));
  return new RenderFailed(`the app ${how}`, lines);
}

/**
 * Runs the project's app with `appArgs`, rendering into `outdir` (absolute, absent or empty),
 * and reports what it rendered. Throws a {@link RenderFailed} when the app fails, prints to
 * standard output, writes outside `outdir`, or renders nothing.
 *
 * @param options.keep files beside the project that the app may write (the command's own work files)
 * @param options.whileRunning work to do while the app renders, in parallel with it; what it
 *   throws stops the app and is thrown
 * @param options.signal stops the app when aborted
 */
export async function renderApp(
  project: Project,
  appArgs: readonly string[],
  outdir: string,
  options: {
    readonly keep?: (file: string) => boolean;
    readonly whileRunning?: () => void;
    readonly signal?: AbortSignal;
  } = {},
): Promise<Rendered> {
  const keep = options.keep ?? (() => false);
  const whileRunning = options.whileRunning ?? (() => undefined);
  const skip = (file: string) => file === outdir || keep(file);
  const before = watch(project.root, skip, outdir);
  const env = { ...process.env, CDK8S_OUTDIR: outdir, CDK8S_RECORD_CONSTRUCT_METADATA: 'true' };
  const { app } = project;
  const run =
    app.kind === 'typescript'
      ? await runCompiled(project, app, [...app.args, ...appArgs], env, whileRunning, options.signal)
      : await runCommand(project, app.command, [...appArgs], env, whileRunning, options.signal);
  if (run.code !== 0) {
    throw failure(run);
  }
  const problems: string[] = [];
  const printed = run.stdout.trim();
  if (printed !== '') {
    problems.push(
      `the app printed to standard output (${printed.split('\n')[0]}); ` +
        'a cdk8s app writes manifests to its output folder and messages to standard error',
    );
  }
  const outside = changed(before, watch(project.root, skip, outdir));
  if (outside.length > 0) {
    problems.push(
      `the app wrote outside its output folder: ${outside.join(', ')}; ` +
        'a cdk8s app writes only into the folder in CDK8S_OUTDIR',
    );
  }
  const constructPaths = readConstructMetadata(outdir);
  const files = filesBelow(outdir);
  if (problems.length === 0 && files.length === 0) {
    problems.push('the app rendered no manifests');
  }
  if (problems.length > 0) {
    throw new RenderFailed(`the app's render cannot be used`, problems);
  }
  if (run.stderr.trim() !== '') {
    process.stderr.write(run.stderr);
  }
  return {
    files,
    constructPaths,
    warnings: run.reports.map((r) => r.warning),
  };
}

/**
 * Reads cdk8s's construct metadata from `outdir` (as the validation plugin reads it) and
 * removes the file: kubectl would apply it as a manifest.
 */
function readConstructMetadata(outdir: string): Map<string, string> {
  const metadata = schemaValidation().readConstructMetadata(outdir);
  fs.rmSync(path.join(outdir, CONSTRUCT_METADATA), { force: true });
  return new Map(Object.entries(metadata).map(([name, { path: constructPath }]) => [name, constructPath]));
}
