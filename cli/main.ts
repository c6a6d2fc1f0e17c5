// The `service-types` command: `service-types <synth | validate | plan> [options]`, for any
// cdk8s project. Each subcommand parses its own arguments with util.parseArgs; a mistake
// is reported with the usage, before anything runs.
import { parsePlanArgs, plan, PLAN_USAGE } from './plan/command';
import { failureReport } from './report';
import { parseSynthArgs, synth, SYNTH_USAGE } from './synth';
import { parseValidateArgs, validate, VALIDATE_USAGE } from './validate';

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

/** Runs one subcommand with `io`; resolves to the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'synth': {
      let options;
      try {
        options = parseSynthArgs(args);
      } catch (error) {
        io.err.write(`synth: ${(error as Error).message}\n${SYNTH_USAGE}`);
        return 1;
      }
      if (options.help) {
        io.out.write(SYNTH_USAGE);
        return 0;
      }
      try {
        await synth(options, io.cwd, { out: io.out, err: io.err });
        return 0;
      } catch (error) {
        io.err.write(failureReport('Synthesis failed', error));
        return 1;
      }
    }
    case 'validate': {
      let options;
      try {
        options = parseValidateArgs(args);
      } catch (error) {
        io.err.write(`validate: ${(error as Error).message}\n${VALIDATE_USAGE}`);
        return 1;
      }
      if (options.help) {
        io.out.write(VALIDATE_USAGE);
        return 0;
      }
      try {
        return validate(options, io.cwd, io.out);
      } catch (error) {
        io.err.write(failureReport('validate', error));
        return 1;
      }
    }
    case 'plan': {
      let options;
      try {
        options = parsePlanArgs(args);
      } catch (error) {
        io.err.write(`plan: ${(error as Error).message}\n${PLAN_USAGE}`);
        return 1;
      }
      if (options.help) {
        io.out.write(PLAN_USAGE);
        return 0;
      }
      return plan(options, io.cwd, { out: io.out, err: io.err });
    }
    case undefined:
    case '--help':
    case '-h':
      (command === undefined ? io.err : io.out).write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      io.err.write(`service-types: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return 1;
  }
}
