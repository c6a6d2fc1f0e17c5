#!/usr/bin/env node
'use strict';
// `npm run synth`: renders the app into dist/ all or nothing. The app writes into a fresh
// staging folder beside dist/; only a complete, successful synth replaces dist/, in two
// renames, after every manifest passed the Kubernetes schema check. On any failure dist/
// is left exactly as it was and the exit code is non-zero.
//
// Options: --output <dir> (default dist), --app <file.ts> (default main.ts); further
// arguments are passed to the app (see lib/config.ts).
//
// `cdk8s synth` runs this file with --in-place: the CLI has already emptied its output
// folder and passes it in CDK8S_OUTDIR, so the app writes there directly.
const fs = require('fs');
const path = require('path');
const { appBundle } = require('./app-bundle');
const { reportFailure, SchemaViolations } = require('./synth-errors');
const { SchemaValidator, validateFile } = require('../schema-validation');
const { SCHEMA_CACHE } = require('../schema-validation/cache-dir');

function parseArgs(argv) {
  const options = { output: 'dist', app: 'main.ts', inPlace: false, appArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--output' || arg === '--app') {
      options[arg.slice(2)] = argv[++i];
    } else if (arg === '--in-place') {
      options.inPlace = true;
    } else {
      options.appArgs.push(arg);
    }
  }
  return options;
}

function runApp(bundle, outdir, appArgs) {
  if (process.env.SERVICE_TYPES_DEBUG) {
    // Stack traces then point into the TypeScript sources rather than the bundle.
    process.setSourceMapsEnabled(true);
  }
  process.env.CDK8S_OUTDIR = outdir;
  process.argv = [process.argv[0], bundle, ...appArgs];
  require(bundle);
}

function yamlFiles(dir) {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));
}

/** Refuses manifests that the Kubernetes API would reject, before they can reach dist/. */
function checkSchema(dir) {
  const validator = new SchemaValidator({ cacheDir: SCHEMA_CACHE });
  const violations = yamlFiles(dir)
    .sort()
    .flatMap((f) => validateFile(validator, path.join(dir, f)))
    .map((v) => ({ ...v, file: path.basename(v.file) }));
  if (violations.length > 0) {
    throw new SchemaViolations(validator.kubernetesVersion, violations);
  }
}

function synthAtomically(bundle, outdir, appArgs) {
  const staging = path.join(path.dirname(outdir), `.dist-staging-${process.pid}`);
  const retired = path.join(path.dirname(outdir), `.dist-retired-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    runApp(bundle, staging, appArgs);
    if (!fs.existsSync(staging) || yamlFiles(staging).length === 0) {
      throw new Error('the app rendered no manifests');
    }
    checkSchema(staging);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const hadOutput = fs.existsSync(outdir);
  if (hadOutput) {
    fs.renameSync(outdir, retired);
  }
  try {
    fs.renameSync(staging, outdir);
  } catch (error) {
    if (hadOutput) {
      fs.renameSync(retired, outdir);
    }
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  fs.rmSync(retired, { recursive: true, force: true });
  return yamlFiles(outdir);
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  try {
    const bundle = appBundle(options.app);
    if (options.inPlace) {
      runApp(bundle, process.env.CDK8S_OUTDIR || path.resolve(options.output), options.appArgs);
      return;
    }
    const outdir = path.resolve(options.output);
    const files = synthAtomically(bundle, outdir, options.appArgs);
    process.stdout.write(
      `Synthesized ${files.length} manifest file${files.length === 1 ? '' : 's'} into ${path.relative(process.cwd(), outdir) || '.'}/\n`,
    );
  } catch (error) {
    reportFailure(error);
    process.exitCode = 1;
  }
}

main();
