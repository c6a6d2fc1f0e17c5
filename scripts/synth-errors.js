'use strict';
// Turns what a failed synth throws into lines an operator can act on: a headline and the
// list of problems, or one message, without a stack trace unless asked for.

const PREFIX = 'Validation failed with the following errors:\n';
// The ending lib/validation/problems.ts gives a warning that strict mode turns into an error.
const STRICT_WARNING = '(a warning, failing because warnings are strict)';
/**
 * @param {number} n
 * @param {string} word
 */
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The messages of a cdk8s validation failure, or undefined for any other error.
 *
 * @param {unknown} error
 */
function validationMessages(error) {
  const message = error instanceof Error ? error.message : String(error);
  if (!message.startsWith(PREFIX)) {
    return undefined;
  }
  return message
    .slice(PREFIX.length)
    .split('\n  ')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      // cdk8s prefixes "[construct/path] "; our messages already name the construct and path.
      const match = /^\[([^\]]*)\] (.*)$/s.exec(line);
      return match && match[2].includes(`'${match[1]}'`) ? match[2] : line;
    });
}

/** Rendered manifests that the Kubernetes schema rejects. */
class SchemaViolations extends Error {
  /**
   * @param {string} kubernetesVersion
   * @param {readonly import('../schema-validation').FileViolation[]} violations
   */
  constructor(kubernetesVersion, violations) {
    super(`${plural(violations.length, 'schema violation')} against Kubernetes ${kubernetesVersion}`);
    /** @readonly */
    this.problems = violations.map((v) => `${v.file} ${v.object} ${v.path}: ${v.message}`);
  }
}

/**
 * The headline and problem list of a failure, or undefined when it is a single error.
 *
 * @param {unknown} error
 * @returns {{ headline: string, problems: readonly string[] } | undefined}
 */
function problemList(error) {
  const messages = validationMessages(error);
  if (messages) {
    const warnings = messages.filter((m) => m.endsWith(STRICT_WARNING)).length;
    const counts = [
      ...(messages.length > warnings ? [plural(messages.length - warnings, 'invalid setting')] : []),
      ...(warnings > 0 ? [plural(warnings, 'strict-mode warning')] : []),
    ];
    return { headline: counts.join(' and '), problems: messages };
  }
  if (error instanceof Error && 'problems' in error && Array.isArray(error.problems)) {
    return { headline: error.message, problems: error.problems };
  }
  return undefined;
}

/**
 * Prints why synthesis failed.
 *
 * @param {unknown} error
 * @param {{ write(text: string): unknown }} [out]
 */
function reportFailure(error, out = process.stderr) {
  const list = problemList(error);
  if (list) {
    out.write(`Synthesis failed: ${list.headline}\n`);
    for (const p of list.problems) {
      out.write(`  - ${p}\n`);
    }
  } else if (process.env.SERVICE_TYPES_DEBUG) {
    out.write(`Synthesis failed: ${(error instanceof Error && error.stack) || error}\n`);
  } else {
    out.write(`Synthesis failed: ${error instanceof Error ? error.message : error}\n`);
    out.write('  (set SERVICE_TYPES_DEBUG=1 to see the stack trace)\n');
  }
}

module.exports = { reportFailure, SchemaViolations };
