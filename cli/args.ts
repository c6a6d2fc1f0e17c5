// The command line of a subcommand that runs the app: its own options, checked strictly by
// util.parseArgs, then the app's arguments after `--`, passed on untouched.
import { parseArgs, ParseArgsConfig } from 'util';
import { UserError } from './report';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `argv` against `options`; a positional before `--` is an error, those after it are the app's. */
export function parseWithAppArguments<T extends Options>(
  argv: readonly string[],
  options: T,
): {
  values: ReturnType<typeof parseArgs<{ options: T; strict: true; allowPositionals: true; tokens: true }>>['values'];
  appArgs: string[];
} {
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options,
    allowPositionals: true,
    strict: true,
    tokens: true,
  });
  const terminator = tokens.find((t) => t.kind === 'option-terminator');
  const stray = tokens.find((t) => t.kind === 'positional' && (terminator === undefined || t.index < terminator.index));
  if (stray !== undefined) {
    throw new UserError(`unexpected argument ${JSON.stringify(argv[stray.index])}; app arguments go after --`);
  }
  return { values, appArgs: positionals };
}
