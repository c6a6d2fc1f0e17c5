#!/usr/bin/env node
'use strict';
// `npm run plan`: what `kubectl apply -f dist/` would change, before anyone applies. Renders
// the app into a temporary folder (never into dist/), compares it object by object with the
// previous render (dist/ as committed at HEAD, or --against a folder or git revision), and
// gives each change a verdict by the Kubernetes 1.27 update rules: refused, orphaned,
// disruptive or safe. Exits 0 when nothing changes, 2 when something does and nothing is
// refused, 1 when a change is refused or the plan cannot be made.
const path = require('path');
const { parseArgs } = require('util');
const { DEFAULT_OUTPUT, DEFAULT_PLAN_REF } = require('./constants');
const { readManifests, PlanInputError } = require('./plan/manifests');
const { exitCode, formatJson, formatText } = require('./plan/output');
const { readPrevious } = require('./plan/previous');
const { RenderFailed, renderApp } = require('./plan/render');
const { planChanges } = require('./plan/verdicts');

const USAGE = `usage: npm run plan -- [--against <folder | revision | revision:folder>] [--json]
                       [--env <name>] [--config <file>] [--set <setting>=<value>]...

  --against  the previous render: a folder of manifests if one has that name, else the
             folder ${DEFAULT_OUTPUT}/ (or the one after the colon) as committed at a git
             revision; default ${DEFAULT_OUTPUT}/ at ${DEFAULT_PLAN_REF}
  --json     print the plan as JSON
  --env, --config, --set
             the app's settings, as for npm run synth

Exit code: 0 no changes, 2 changes and none refused, 1 a change refused or no plan made.
`;

// The app's own options, passed to synth in the order given: later ones take precedence.
const APP_OPTIONS = ['env', 'config', 'set'];

/**
 * @param {string[]} argv
 */
function parseCommandLine(argv) {
  const { values, tokens } = parseArgs({
    args: argv,
    options: {
      against: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      env: { type: 'string', multiple: true },
      config: { type: 'string', multiple: true },
      set: { type: 'string', multiple: true },
    },
    strict: true,
    allowPositionals: false,
    tokens: true,
  });
  const appArgs = tokens.flatMap((token) =>
    token.kind === 'option' && APP_OPTIONS.includes(token.name) ? [`--${token.name}`, String(token.value)] : [],
  );
  return { against: values.against, json: values.json === true, help: values.help === true, appArgs };
}

/**
 * Why no plan was made, as lines for stderr.
 * @param {unknown} error
 * @returns {{ message: string, problems: string[] }}
 */
function explain(error) {
  if (error instanceof RenderFailed) {
    return {
      message: 'the app could not be rendered, so nothing was compared',
      problems: error.report.split('\n').filter((line) => line.trim().length > 0),
    };
  }
  if (error instanceof PlanInputError) {
    return { message: error.message, problems: error.problems };
  }
  const failure = /** @type {Error} */ (error);
  return { message: (process.env.SERVICE_TYPES_DEBUG && failure.stack) || failure.message, problems: [] };
}

/**
 * @param {string[]} argv
 * @returns {Promise<number>}
 */
async function main(argv) {
  let options;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    process.stderr.write(`plan: ${/** @type {Error} */ (error).message}\n${USAGE}`);
    return 1;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const cwd = process.cwd();
  try {
    const previous = readPrevious(options.against, { cwd, root: path.resolve(__dirname, '..') });
    // The previous render is parsed while the app renders.
    const rendering = renderApp(options.appArgs, { cwd });
    let before;
    try {
      before = readManifests(previous.files, previous.label);
    } catch (error) {
      await rendering.catch(() => undefined);
      throw error;
    }
    const after = readManifests(await rendering, 'the new render');
    const plan = planChanges(before, after);
    process.stdout.write(options.json ? formatJson(plan, previous.label) : formatText(plan, previous.label));
    return exitCode(plan);
  } catch (error) {
    const { message, problems } = explain(error);
    process.stderr.write(`plan: ${message}\n${problems.map((line) => `  ${line}\n`).join('')}`);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ error: message, problems, exitCode: 1 }, null, 2)}\n`);
    }
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
