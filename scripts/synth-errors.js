'use strict';
// Turns what a failed cdk8s app throws into lines an operator can act on: the list of
// validation errors, or one message, without a stack trace unless asked for.

const PREFIX = 'Validation failed with the following errors:\n';

/** The messages of a cdk8s validation failure, or undefined for any other error. */
function validationMessages(error) {
  const message = String((error && error.message) || error);
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
  constructor(kubernetesVersion, violations) {
    super(`${violations.length} schema violations`);
    this.kubernetesVersion = kubernetesVersion;
    this.violations = violations;
  }
}

/** Prints why synthesis failed to stderr. */
function reportFailure(error, out = process.stderr) {
  const messages = validationMessages(error);
  if (error instanceof SchemaViolations) {
    const n = error.violations.length;
    out.write(
      `Synthesis failed: ${n} schema violation${n === 1 ? '' : 's'} against Kubernetes ${error.kubernetesVersion}\n`,
    );
    for (const v of error.violations) {
      out.write(`  - ${v.file} ${v.object} ${v.path}: ${v.message}\n`);
    }
  } else if (error && Array.isArray(error.problems)) {
    out.write(`Synthesis failed: ${error.message}\n`);
    for (const p of error.problems) {
      out.write(`  - ${p}\n`);
    }
  } else if (messages) {
    out.write(`Synthesis failed: ${messages.length} invalid setting${messages.length === 1 ? '' : 's'}\n`);
    for (const m of messages) {
      out.write(`  - ${m}\n`);
    }
  } else if (process.env.SERVICE_TYPES_DEBUG) {
    out.write(`Synthesis failed: ${(error && error.stack) || error}\n`);
  } else {
    out.write(`Synthesis failed: ${(error && error.message) || error}\n`);
    out.write('  (set SERVICE_TYPES_DEBUG=1 to see the stack trace)\n');
  }
}

module.exports = { reportFailure, SchemaViolations, validationMessages };
