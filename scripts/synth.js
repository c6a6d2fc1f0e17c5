#!/usr/bin/env node
'use strict';
// `npm run synth`: renders the app into its output folder (dist/ by default) all or nothing.
//
//   node scripts/synth.js [--output <dir>] [--app <file.ts>] [--wait <seconds>] [--cdk8s] [app arguments]
//
// Every argument that is not one of these goes to the app untouched (--env, --config,
// --set: see app/config.ts). The output must be absent, empty or hold nothing but YAML
// manifests (output-guard.js). Synths into the same folder take turns (synth-lock.js);
// a synth first repairs what a killed one left (publish.js), renders into a staging folder
// beside the output, checks every manifest against the Kubernetes schema, and only then
// replaces the output. On any failure the output is left as it was and the exit code is 1.
//
// --cdk8s is how `cdk8s synth` runs this file (cdk8s.yaml `app:`): the CLI has emptied the
// folder it passes in CDK8S_OUTDIR, a scratch folder; the render is published into the
// output as above and copied there too, for the CLI's validation plugins.
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const { SchemaValidator, findManifests, validateFile } = require('../schema-validation');
const { appBundle } = require('./app-bundle');
const {
  DEFAULT_APP,
  DEFAULT_LOCK_WAIT_SECONDS,
  DEFAULT_OUTPUT,
  PROJECT_ROOT,
  SCHEMA_CACHE,
  synthWorkFiles,
} = require('./constants');
const { checkOutput } = require('./output-guard');
const { publish, recover } = require('./publish');
const { reportFailure, SchemaViolations } = require('./synth-errors');
const { lockOutput } = require('./synth-lock');

const USAGE =
  'usage: node scripts/synth.js [--output <dir>] [--app <file.ts>] [--wait <seconds>] [--cdk8s] [app arguments]';

const OPTIONS = /** @type {const} */ ({
  output: { type: 'string', default: DEFAULT_OUTPUT },
  app: { type: 'string', default: DEFAULT_APP },
  wait: { type: 'string', default: String(DEFAULT_LOCK_WAIT_SECONDS) },
  cdk8s: { type: 'boolean', default: false },
});

/**
 * Splits the command line into this program's options and the app's arguments, which
 * keep their order and form.
 *
 * @param {string[]} argv
 */
function parseCommandLine(argv) {
  const { values, tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, tokens: true });
  const own = new Set();
  for (const token of tokens) {
    if (token.kind === 'option' && Object.hasOwn(OPTIONS, token.name)) {
      own.add(token.index);
      if (token.value !== undefined && !token.inlineValue) {
        own.add(token.index + 1);
      }
    }
  }
  /** @param {string} name */
  const text = (name) => {
    const value = values[name];
    if (typeof value !== 'string' || value === '') {
      throw new Error(`--${name} needs a value; ${USAGE}`);
    }
    return value;
  };
  const wait = Number(text('wait'));
  if (!Number.isFinite(wait) || wait < 0) {
    throw new Error(`--wait ${JSON.stringify(values.wait)} must be a number of seconds, 0 or more`);
  }
  return {
    output: text('output'),
    app: text('app'),
    wait,
    cdk8s: values.cdk8s === true,
    appArgs: argv.filter((_, i) => !own.has(i)),
  };
}

/**
 * `dir` relative to the working folder when inside it, else absolute.
 *
 * @param {string} dir
 */
function shown(dir) {
  const relative = path.relative(process.cwd(), dir);
  return relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative || '.';
}

/**
 * Runs the compiled app in this process, rendering into `outdir`.
 *
 * @param {string} bundle
 * @param {string} outdir
 * @param {readonly string[]} appArgs
 */
function render(bundle, outdir, appArgs) {
  if (process.env.SERVICE_TYPES_DEBUG) {
    // Stack traces then point into the TypeScript sources rather than the bundle.
    process.setSourceMapsEnabled(true);
  }
  process.env.CDK8S_OUTDIR = outdir;
  // The output holds manifests only: kubectl would try to apply a construct-metadata.json.
  delete process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
  process.argv = [process.argv[0], bundle, ...appArgs];
  require(bundle);
}

/**
 * Every file below `dir`, relative to it.
 *
 * @param {string} dir
 * @returns {string[]}
 */
function filesBelow(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesBelow(file).map((f) => path.join(entry.name, f)) : [entry.name];
  });
}

/**
 * The manifests of a finished render, relative to `dir`, after checking that it holds
 * nothing else and that Kubernetes would accept every object.
 *
 * @param {string} dir
 */
function checkRender(dir) {
  const files = fs.existsSync(dir) ? filesBelow(dir) : [];
  const manifests = files.filter((f) => /\.ya?ml$/.test(f)).sort();
  if (manifests.length === 0) {
    throw new Error('the app rendered no manifests');
  }
  const others = files.filter((f) => !manifests.includes(f));
  if (others.length > 0) {
    throw new Error(`the app wrote ${others.join(', ')} besides its manifests; the output holds YAML manifests only`);
  }
  const validator = new SchemaValidator({ cacheDir: SCHEMA_CACHE });
  const violations = findManifests([dir])
    .flatMap((file) => validateFile(validator, file))
    .map((v) => ({ ...v, file: path.relative(dir, v.file) }));
  if (violations.length > 0) {
    throw new SchemaViolations(validator.kubernetesVersion, violations);
  }
  return manifests;
}

/**
 * Copies the render for `cdk8s synth`'s validation plugins into the folder the CLI passed.
 *
 * @param {string} from
 * @param {readonly string[]} manifests
 * @param {string} to
 */
function copyForCli(from, manifests, to) {
  for (const manifest of manifests) {
    fs.mkdirSync(path.dirname(path.join(to, manifest)), { recursive: true });
    fs.copyFileSync(path.join(from, manifest), path.join(to, manifest));
  }
}

/**
 * Creates the folders above `outdir` that are missing; `remove` takes back those still empty.
 *
 * @param {string} outdir
 */
function createParent(outdir) {
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

/** @param {string[]} argv */
async function main(argv) {
  const options = parseCommandLine(argv);
  const outdir = path.resolve(options.output);
  checkOutput(outdir, options.output, PROJECT_ROOT);
  const cliOutdir = options.cdk8s ? process.env.CDK8S_OUTDIR : undefined;
  if (options.cdk8s && !cliOutdir) {
    throw new Error('--cdk8s is for the app command of cdk8s.yaml: cdk8s synth sets CDK8S_OUTDIR');
  }
  // `cdk8s synth` keeps the app's standard output to itself.
  const say = options.cdk8s ? process.stderr : process.stdout;
  const createdFolders = createParent(outdir);
  let published = false;
  const lock = lockOutput(outdir, {
    shown: options.output,
    waitSeconds: options.wait,
    onWait: (pid) =>
      process.stderr.write(`Waiting for another synth into ${options.output} (process ${pid || 'starting'})...\n`),
  });
  try {
    if (recover(outdir)) {
      process.stderr.write(`Restored ${options.output} from the render a killed synth had set aside.\n`);
    }
    const bundle = await appBundle(options.app);
    const staging = synthWorkFiles(outdir).staging(process.pid);
    try {
      render(bundle, staging, options.appArgs);
      const manifests = checkRender(staging);
      if (cliOutdir !== undefined && path.resolve(cliOutdir) !== outdir) {
        copyForCli(staging, manifests, path.resolve(cliOutdir));
      }
      const warning = publish(staging, outdir, lock.verify);
      published = true;
      if (warning !== undefined) {
        process.stderr.write(`Warning: ${warning}\n`);
      }
      say.write(
        `Synthesized ${manifests.length} manifest file${manifests.length === 1 ? '' : 's'} into ${shown(outdir)}/\n`,
      );
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  } finally {
    lock.release();
    if (!published) {
      createdFolders.remove();
    }
  }
}

main(process.argv.slice(2)).catch((error) => {
  reportFailure(error);
  process.exitCode = 1;
});
