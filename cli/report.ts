// Turns what a failed command run throws into lines a person can act on: a headline and the
// list of problems, or one message, never a stack trace unless SERVICE_TYPES_DEBUG asks.
import * as path from 'path';

const VALIDATION_PREFIX = 'Validation failed with the following errors:\n';
// The ending lib/validation/problems.ts gives a warning that strict mode turns into an error.
const STRICT_WARNING = '(a warning, failing because warnings are strict)';
/** Longest line printed whole; longer ones (a 50 MB setting, say) are cut. */
const MAX_LINE = 2000;

/** `file` relative to `cwd` when it is inside it, else absolute: how paths are shown. */
export function shownPath(file: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative || '.';
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `line`, cut to {@link MAX_LINE} characters with a note of how much was left out. */
export function cut(line: string): string {
  return line.length <= MAX_LINE ? line : `${line.slice(0, MAX_LINE)}… (${line.length - MAX_LINE} more characters)`;
}

/** A failure that is a list of problems: the report is the headline and one line per problem. */
export class Problems extends Error {
  constructor(
    headline: string,
    public readonly problems: readonly string[],
  ) {
    super(headline);
    this.name = 'Problems';
  }
}

/** An expected failure with one message (bad input, a busy lock): never a stack trace. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * The messages of a cdk8s validation failure (`App.synth` throwing "Validation failed with
 * the following errors"), or undefined for any other message.
 */
export function validationMessages(message: string): string[] | undefined {
  if (!message.startsWith(VALIDATION_PREFIX)) {
    return undefined;
  }
  return message
    .slice(VALIDATION_PREFIX.length)
    .split('\n  ')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      // cdk8s prefixes "[construct/path] "; our messages already name the construct and path.
      const match = /^\[([^\]]*)\] (.*)$/s.exec(line);
      return match && match[2].includes(`'${match[1]}'`) ? match[2] : line;
    });
}

/** The headline of a cdk8s validation failure: how many invalid settings and strict-mode warnings. */
export function validationHeadline(messages: readonly string[]): string {
  const warnings = messages.filter((m) => m.endsWith(STRICT_WARNING)).length;
  return [
    ...(messages.length > warnings ? [plural(messages.length - warnings, 'invalid setting')] : []),
    ...(warnings > 0 ? [plural(warnings, 'strict-mode warning')] : []),
  ].join(' and ');
}

/** Errors whose message is the whole story: no stack trace helps with them. */
const EXPECTED = new Set(['Problems', 'UserError', 'LockBusy', 'OutputRefused', 'CompileFailed', 'RenderFailed']);

/**
 * The lines that say why a command failed: `<heading>: <headline>` (`Synthesis failed: ...`)
 * and one line per problem. A stack trace only for an unexpected error, and only with
 * SERVICE_TYPES_DEBUG set.
 */
export function failureReport(heading: string, error: unknown): string {
  const failure = error instanceof Error ? error : new Error(String(error));
  const problems = (failure as { problems?: unknown }).problems;
  const validation = validationMessages(failure.message);
  const lines: string[] = [];
  if (validation !== undefined) {
    lines.push(`${heading}: ${validationHeadline(validation)}`, ...validation.map((p) => `  - ${cut(p)}`));
  } else if (Array.isArray(problems) && problems.length > 0) {
    lines.push(`${heading}: ${failure.message}`, ...problems.map((p) => `  - ${cut(String(p))}`));
  } else if (process.env.SERVICE_TYPES_DEBUG && !EXPECTED.has(failure.name)) {
    lines.push(`${heading}: ${failure.stack ?? failure.message}`);
  } else {
    lines.push(`${heading}: ${cut(failure.message)}`);
    if (!EXPECTED.has(failure.name)) {
      lines.push('  (set SERVICE_TYPES_DEBUG=1 to see the stack trace)');
    }
  }
  return `${lines.join('\n')}\n`;
}
