// The `service-types` command: `service-types <synth | validate | plan> [options]`, for any
// cdk8s project. Each subcommand parses its own arguments with util.parseArgs; a mistake
// is reported with the usage, before anything runs.
import type { PlanCommandOptions } from './plan/command';
import { failureReport } from './report';
import { parseSynthArgs, synth, SynthOptions, SYNTH_USAGE } from './synth';
import { parseValidateArgs, validate, ValidateOptions, VALIDATE_USAGE } from './validate';

export const USAGE = `usage: service-types <command> [options]

  synth      render the cdk8s app into its output folder, all or nothing, after checking every object
  validate   check manifest files against the Kubernetes 1.27 schema, the Gateway API CRDs and the library's rules
  plan       what kubectl apply of a fresh render would change, and which changes Kubernetes refuses

service-types <command> --help shows a command's options.
`;

/** Where the command writes. */
export interface Io {
  readonly cwd: string;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

/** A subcommand: its usage, its parser (which throws on a mistake) and what it runs. */
interface Subcommand<O extends { readonly help: boolean }> {
  readonly usage: string;
  parse(args: readonly string[]): O;
  run(options: O, io: Io): Promise<number>;
}

/** Runs `run`, reporting what it throws under `heading` with exit code 1. */
async function reported(heading: string, io: Io, run: () => Promise<number> | number): Promise<number> {
  try {
    return await run();
  } catch (error) {
    io.err.write(failureReport(heading, error));
    return 1;
  }
}

/**
 * The plan, loaded when asked for: it loads the library's Kubernetes model, which synth and
 * validate load only once the app is running.
 */
function planCommand(): typeof import('./plan/command') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./plan/command') as typeof import('./plan/command');
}

const SUBCOMMANDS: Record<string, Subcommand<{ readonly help: boolean }>> = {
  synth: {
    usage: SYNTH_USAGE,
    parse: parseSynthArgs,
    run: (options, io) =>
      reported('Synthesis failed', io, async () => {
        await synth(options as SynthOptions, io.cwd, io);
        return 0;
      }),
  },
  validate: {
    usage: VALIDATE_USAGE,
    parse: parseValidateArgs,
    run: (options, io) => reported('validate', io, () => validate(options as ValidateOptions, io.cwd, io.out)),
  },
  plan: {
    get usage() {
      return planCommand().PLAN_USAGE;
    },
    parse: (args) => planCommand().parsePlanArgs(args),
    run: (options, io) => planCommand().plan(options as PlanCommandOptions, io.cwd, io),
  },
};

/** Runs one subcommand with `io`; resolves to the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    (command === undefined ? io.err : io.out).write(USAGE);
    return command === undefined ? 1 : 0;
  }
  const subcommand = Object.hasOwn(SUBCOMMANDS, command) ? SUBCOMMANDS[command] : undefined;
  if (subcommand === undefined) {
    io.err.write(`service-types: unknown command ${JSON.stringify(command)}\n${USAGE}`);
    return 1;
  }
  let options;
  try {
    options = subcommand.parse(args);
  } catch (error) {
    io.err.write(`${command}: ${(error as Error).message}\n${subcommand.usage}`);
    return 1;
  }
  if (options.help) {
    io.out.write(subcommand.usage);
    return 0;
  }
  return subcommand.run(options, io);
}
