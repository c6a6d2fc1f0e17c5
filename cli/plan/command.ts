// `service-types plan`: what `kubectl apply -f <output>/` would change, before anyone
// applies. Renders the project's app into a temporary folder (never into the output),
// compares it object by object with the previous render (the output folder as committed at
// HEAD, or --against a folder or git revision), and gives each change a verdict by the
// Kubernetes 1.27 rules (lib/model): refused, orphaned, disruptive, safe or unchecked.
// Exits 0 when nothing changes, 2 when something does and nothing is refused, 1 when a
// change is refused or the plan cannot be made.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseWithAppArguments } from '../args';
import { checkRender, findingLine } from '../checks';
import { isRunning } from '../package';
import { exitCode, formatJson, formatText, planChanges, PlanInputError, readManifests, readPrevious } from './index';
import { DEFAULT_PLAN_REF } from './previous';
import { renderApp, RenderFailed } from '../render';
import { cut, plural, UserError } from '../report';
import { projectIn } from '../synth';

export const PLAN_USAGE = `usage: service-types plan [--against <folder | revision | revision:folder>] [--json]
                         [--app <command>] [--output <dir>] [-- app arguments]

  --against  the previous render: a folder of manifests if one has that name, else the
             output folder (or the one after the colon) as committed at a git revision;
             default: the output folder at ${DEFAULT_PLAN_REF}
  --json     print the plan as JSON
  --app, --output
             the app and its output folder, as for service-types synth
  -- ...     arguments for the app, such as -- --set replicas=3

Exit code: 0 no changes, 2 changes and none refused, 1 a change refused or no plan made.
`;

/** The plan command line. */
export interface PlanCommandOptions {
  readonly against?: string;
  readonly json: boolean;
  readonly app?: string;
  readonly output?: string;
  readonly help: boolean;
  readonly appArgs: readonly string[];
}

export function parsePlanArgs(argv: readonly string[]): PlanCommandOptions {
  const { values, appArgs } = parseWithAppArguments(argv, {
    against: { type: 'string' },
    json: { type: 'boolean', default: false },
    app: { type: 'string' },
    output: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  return {
    against: values.against,
    json: values.json === true,
    app: values.app,
    output: values.output,
    help: values.help === true,
    appArgs,
  };
}

/** The prefix of a plan's temporary folder, with the id of the process that made it. */
const TEMP_PREFIX = 'service-types-plan-';

/**
 * Removes the temporary folders of plans that were killed (kill -9 leaves them): each is
 * named after its process, and a folder whose process is gone is nobody's.
 */
function removeDeadPlans(): void {
  const temp = os.tmpdir();
  for (const name of fs.readdirSync(temp).filter((n) => n.startsWith(TEMP_PREFIX))) {
    const pid = Number(name.slice(TEMP_PREFIX.length).split('-')[0]);
    if (!isRunning(pid)) {
      fs.rmSync(path.join(temp, name), { recursive: true, force: true });
    }
  }
}

/** Renders the app into a temporary folder and reads its manifests; the folder is always removed. */
async function renderForPlan(options: PlanCommandOptions, cwd: string) {
  const project = projectIn(cwd, options);
  removeDeadPlans();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  // Interrupted: stop the app, remove the folder, then end the way the signal would have.
  const stop = new AbortController();
  let interruptedBy: NodeJS.Signals | undefined;
  const interrupt = (signal: NodeJS.Signals) => {
    interruptedBy = signal;
    stop.abort();
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  signals.forEach((signal) => process.once(signal, interrupt));
  try {
    const outdir = path.join(temp, 'render');
    const rendered = await renderApp(project, options.appArgs, outdir, { signal: stop.signal });
    // The library's rules are the plan's to judge: an object they refuse is a refused change.
    const manifests = rendered.files.filter((f) => /\.ya?ml$/.test(f) && !f.includes(path.sep));
    const checked = checkRender(outdir, manifests, {
      constructPaths: rendered.constructPaths,
      libraryRules: false,
    });
    const problems = [...checked.fileProblems, ...checked.findings.map(findingLine)];
    if (problems.length > 0) {
      throw new RenderFailed(`the render breaks ${plural(problems.length, 'schema rule')}`, problems);
    }
    return { project, files: checked.files };
  } finally {
    signals.forEach((signal) => process.off(signal, interrupt));
    fs.rmSync(temp, { recursive: true, force: true });
    if (interruptedBy !== undefined) {
      process.exit(128 + os.constants.signals[interruptedBy]);
    }
  }
}

/** Why no plan was made: a message and the problems behind it. */
function explain(error: unknown): { message: string; problems: readonly string[] } {
  if (error instanceof RenderFailed) {
    return {
      message: 'the app could not be rendered, so nothing was compared',
      problems: [error.message, ...error.problems].map(cut),
    };
  }
  if (error instanceof PlanInputError) {
    return { message: error.message, problems: error.problems.map(cut) };
  }
  const failure = error as Error;
  const expected = failure instanceof UserError || !process.env.SERVICE_TYPES_DEBUG;
  return { message: cut(expected ? failure.message : (failure.stack ?? failure.message)), problems: [] };
}

/** Runs `service-types plan`; resolves to the exit code. */
export async function plan(
  options: PlanCommandOptions,
  cwd: string,
  streams: { readonly out: NodeJS.WritableStream; readonly err: NodeJS.WritableStream },
): Promise<number> {
  try {
    const project = projectIn(cwd, options);
    const output = path.relative(project.root, project.outdir) || '.';
    const previous = readPrevious(options.against, { cwd, root: project.root, output });
    const before = readManifests(previous.files, previous.label);
    const { files } = await renderForPlan(options, cwd);
    const after = readManifests(files, 'the new render');
    const result = planChanges(before, after, { output });
    streams.out.write(options.json ? formatJson(result, previous.label) : formatText(result, previous.label));
    return exitCode(result);
  } catch (error) {
    const { message, problems } = explain(error);
    streams.err.write(`plan: ${message}\n${problems.map((line) => `  ${line}\n`).join('')}`);
    if (options.json) {
      streams.out.write(`${JSON.stringify({ error: message, problems, exitCode: 1 }, null, 2)}\n`);
    }
    return 1;
  }
}
