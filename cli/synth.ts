// `service-types synth`: renders the project's app into its output folder all or nothing.
// The output must be absent or hold only what an earlier synth wrote (output/guard.ts).
// A synth renders into a staging folder of its own beside the output while it takes its turn
// (output/lock.ts: synths into one folder take turns) and repairs what a killed synth left
// (output/publish.ts); it then checks every object (checks.ts), and only then replaces the
// output. On any failure the output is left as it was and the exit code is 1.
//
// --cdk8s is how `cdk8s synth` runs the command (cdk8s.yaml `app:`): the CLI has emptied the
// folder it passes in CDK8S_OUTDIR, a scratch folder; the render is published into the
// output as above and copied there too, with its construct metadata, for the CLI's
// validation plugins.
import * as fs from 'fs';
import * as path from 'path';
import { parseWithAppArguments } from './args';
import { checkRender, findingLine, prepareChecks } from './checks';
import { checkOutputContents, checkOutputLocation } from './output/guard';
import { lockOutput, OutputLock } from './output/lock';
import { publish, recover } from './output/publish';
import { readWritten, recordWritten } from './output/record';
import { synthWorkFiles } from './output/work-files';
import { schemaConstants } from './package';
import { DEFAULT_OUTPUT, Project, PROJECT_FILE, ProjectOverrides, readProject } from './project';
import { renderApp } from './render';
import { plural, Problems, shownPath, UserError } from './report';

/** How long a synth waits for another synth into the same folder, unless --wait says otherwise. */
export const DEFAULT_LOCK_WAIT_SECONDS = 60;

export const SYNTH_USAGE = `usage: service-types synth [--app <command>] [--output <dir>] [--strict] [--wait <seconds>]
                           [--node-port-range <min-max>] [-- app arguments]

  --app      the app command (default: app: in cdk8s.yaml); a TypeScript entry
             (main.ts, npx ts-node main.ts) is compiled with esbuild
  --output   the output folder (default: output: in cdk8s.yaml, else dist)
  --strict   fail on every warning the constructs raise that nothing acknowledges
  --wait     how long to wait for another synth into the same folder (default ${DEFAULT_LOCK_WAIT_SECONDS})
  --node-port-range
             the cluster's --service-node-port-range, which node ports are checked against (default 30000-32767)
  -- ...     arguments for the app, such as -- --env prod
`;

const OPTIONS = {
  app: { type: 'string' },
  output: { type: 'string' },
  wait: { type: 'string', default: String(DEFAULT_LOCK_WAIT_SECONDS) },
  strict: { type: 'boolean', default: false },
  cdk8s: { type: 'boolean', default: false },
  'node-port-range': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The synth command line. */
export interface SynthOptions {
  readonly app?: string;
  readonly output?: string;
  readonly wait: number;
  readonly strict: boolean;
  readonly cdk8s: boolean;
  readonly nodePortRange?: string;
  readonly help: boolean;
  readonly appArgs: readonly string[];
}

/** Parses `synth`'s arguments: its options, then the app's arguments after `--`. */
export function parseSynthArgs(argv: readonly string[]): SynthOptions {
  const { values, appArgs } = parseWithAppArguments(argv, OPTIONS);
  const range = values['node-port-range'];
  if (range !== undefined && !/^\d+-\d+$/.test(range)) {
    throw new UserError(`--node-port-range ${JSON.stringify(range)} must be a port range such as 30000-32767`);
  }
  for (const name of ['app', 'output', 'wait'] as const) {
    if (values[name] === '') {
      throw new UserError(`--${name} needs a value`);
    }
  }
  const wait = Number(values.wait);
  if (!Number.isFinite(wait) || wait < 0 || values.wait!.trim() === '') {
    throw new UserError(`--wait ${JSON.stringify(values.wait)} must be a number of seconds, 0 or more`);
  }
  return {
    app: values.app,
    output: values.output,
    wait,
    strict: values.strict === true,
    cdk8s: values.cdk8s === true,
    nodePortRange: values['node-port-range'],
    help: values.help === true,
    appArgs,
  };
}

/**
 * What a cdk8s.yaml app command that runs this very command (`service-types synth --cdk8s
 * --app main.ts`, as `cdk8s synth` runs it) names as app and output; undefined for any other.
 */
function delegatedTo(command: string): ProjectOverrides | undefined {
  const line = command.trim().split(/\s+/);
  const at = line.indexOf('synth');
  if (at < 1 || !/service-types(?:\.js)?$/.test(line[at - 1]) || !line.includes('--cdk8s')) {
    return undefined;
  }
  const own = parseSynthArgs(line.slice(at + 1));
  if (own.app === undefined) {
    throw new UserError(
      `${PROJECT_FILE} runs service-types synth --cdk8s without --app: name the app there with --app`,
    );
  }
  return { app: own.app, output: own.output ?? DEFAULT_OUTPUT };
}

/** The project in `cwd` as every subcommand sees it, with the command line's overrides. */
export function projectIn(cwd: string, overrides: ProjectOverrides = {}): Project {
  return readProject(cwd, overrides, delegatedTo);
}

/** Creates the folders above `outdir` that are missing; `remove` takes back those still empty. */
function createParent(outdir: string) {
  const parent = path.dirname(outdir);
  const first = fs.mkdirSync(parent, { recursive: true });
  return {
    remove() {
      if (first === undefined) {
        return;
      }
      for (let dir = parent; dir.length >= first.length; dir = path.dirname(dir)) {
        try {
          fs.rmdirSync(dir);
        } catch {
          return; // no longer empty: another synth renders there now
        }
      }
    },
  };
}

/** Where messages go: `cdk8s synth` keeps the app's standard output to itself. */
interface Streams {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

/**
 * Renders `project` into `staging` and checks it: every file a YAML manifest, every object
 * valid, and with `strict` no warning left unacknowledged. Returns the files and the construct paths.
 */
async function renderChecked(
  project: Project,
  options: SynthOptions,
  staging: string,
  streams: Streams,
  whileRunning: () => void,
) {
  const work = synthWorkFiles(project.outdir);
  const rendered = await renderApp(project, options.appArgs, staging, {
    // The command's own: its work files, and the output, which it repairs while the app renders.
    keep: (file) => file.startsWith(work.prefix) || file === project.outdir,
    whileRunning: () => {
      whileRunning();
      prepareChecks();
    },
  });
  const others = rendered.files.filter((f) => !/\.ya?ml$/.test(f));
  if (others.length > 0) {
    throw new Problems(`the app wrote ${others.join(', ')} besides its manifests`, [
      'the output holds YAML manifests only: kubectl apply -f would read any .json file there as a manifest too',
    ]);
  }
  const { fileProblems, findings } = checkRender(staging, rendered.files, {
    constructPaths: rendered.constructPaths,
    nodePortRange: options.nodePortRange,
  });
  if (fileProblems.length > 0) {
    throw new Problems(`the app rendered ${plural(fileProblems.length, 'file problem')}`, fileProblems);
  }
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const schemaOnly = errors.every((f) => f.checkedBy === 'schema');
    throw new Problems(
      schemaOnly
        ? `${plural(errors.length, 'schema violation')} against Kubernetes ${schemaConstants.K8S_VERSION}`
        : `${plural(errors.length, 'error')} in the rendered objects, which the Kubernetes ${schemaConstants.K8S_VERSION} API server refuses`,
      errors.map(findingLine),
    );
  }
  // The constructs' own warnings, then those of the library's rules on objects others built.
  const warnings = [
    ...rendered.warnings.map((w) => w.message),
    ...findings.filter((f) => f.severity === 'warning').map(findingLine),
  ];
  if (options.strict && warnings.length > 0) {
    throw new Problems(
      plural(warnings.length, 'strict-mode warning'),
      warnings.map((w) => `${w} (a warning, failing because warnings are strict)`),
    );
  }
  warnings.forEach((w) => streams.err.write(`Warning: ${w}\n`));
  return rendered;
}

/** Runs `service-types synth`; resolves when the output is published, throws otherwise. */
export async function synth(options: SynthOptions, cwd: string, streams: Streams): Promise<void> {
  const project = projectIn(cwd, options);
  const { outdir, output } = project;
  checkOutputLocation(outdir, output, project.root);
  const cliOutdir = options.cdk8s ? process.env.CDK8S_OUTDIR : undefined;
  if (options.cdk8s && !cliOutdir) {
    throw new UserError('--cdk8s is for the app command of cdk8s.yaml: cdk8s synth sets CDK8S_OUTDIR');
  }
  const say = options.cdk8s ? streams.err : streams.out;
  const createdFolders = createParent(outdir);
  const staging = synthWorkFiles(outdir).staging(process.pid);
  let lock: OutputLock | undefined;
  let published = false;
  try {
    // The app renders into a staging folder of this process's own while the output is locked
    // and repaired: only publishing needs the lock.
    const rendered = await renderChecked(project, options, staging, streams, () => {
      lock = lockOutput(outdir, {
        shown: output,
        waitSeconds: options.wait,
        onWait: (pid) =>
          streams.err.write(`Waiting for another synth into ${output} (process ${pid || 'starting'})...\n`),
      });
      const recovery = recover(outdir);
      if (recovery.restored) {
        streams.err.write(`Restored ${output} from the render a killed synth had set aside.\n`);
      }
      recovery.stuck.forEach((problem) => streams.err.write(`Warning: ${problem}\n`));
    });
    checkOutputContents(outdir, output, { written: readWritten(outdir), rendered: rendered.files });
    if (cliOutdir !== undefined && path.resolve(cliOutdir) !== outdir) {
      copyForCli(staging, rendered.files, rendered.constructPaths, path.resolve(cliOutdir));
    }
    const warning = publish(staging, outdir, lock!.verify);
    published = true;
    const unrecorded = recordWritten(outdir, rendered.files);
    [warning, unrecorded].forEach((w) => w !== undefined && streams.err.write(`Warning: ${w}\n`));
    say.write(`Synthesized ${plural(rendered.files.length, 'manifest file')} into ${shownPath(outdir)}/\n`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    lock?.release();
    if (!published) {
      createdFolders.remove();
    }
  }
}

/** Copies the render, and its construct metadata, into the folder `cdk8s synth` passed, for its plugins. */
function copyForCli(from: string, files: readonly string[], constructPaths: ReadonlyMap<string, string>, to: string) {
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
  const resources = Object.fromEntries([...constructPaths].map(([name, p]) => [name, { path: p }]));
  fs.writeFileSync(path.join(to, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources }));
}
