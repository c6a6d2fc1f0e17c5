'use strict';
// The names and places the tooling and the schema validation share. The schema validation
// ships in the npm package and requires this file, so it is listed in package.json `files`.
const path = require('path');

/** This project's root: the folder holding package.json, scripts/ and schema-validation/. */
const PROJECT_ROOT = path.resolve(__dirname, '..');

/** The Kubernetes version of the generated imports and of the vendored schema. */
const K8S_VERSION = '1.27.0';

/** The vendored Kubernetes OpenAPI definitions. */
const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schemas', 'k8s', `v${K8S_VERSION}`, '_definitions.json');

/**
 * The `.cache/service-types` folder for a copy of the package at `packageRoot`: in the
 * outermost node_modules folder above it, where other tools keep their caches. In this
 * repository that is its own node_modules/; installed as a dependency (nested, hoisted or
 * pnpm-style) it is the consuming project's node_modules/, never a folder inside the package.
 *
 * @param {string} [packageRoot]
 * @returns {string}
 */
function cacheRoot(packageRoot = PROJECT_ROOT) {
  const parts = path.resolve(packageRoot).split(path.sep);
  const outermost = parts.indexOf('node_modules');
  const nodeModules =
    outermost === -1 ? path.join(packageRoot, 'node_modules') : parts.slice(0, outermost + 1).join(path.sep);
  return path.join(nodeModules, '.cache', 'service-types');
}

/** Compiled schema validators, kept between runs (schema-validation/compiled-cache.js). */
const SCHEMA_CACHE = path.join(cacheRoot(), 'schema');

/** Compiled app bundles, kept between synths (scripts/app-bundle.js). */
const BUNDLE_CACHE = path.join(cacheRoot(), 'bundles');

/** Where `npm run synth` renders, and the app it renders, unless told otherwise. */
const DEFAULT_OUTPUT = 'dist';
const DEFAULT_APP = 'main.ts';

/**
 * The folder `cdk8s synth` empties and renders into (`output:` in cdk8s.yaml). The app
 * command publishes into dist/ itself and leaves a copy here for the CLI's validation plugins.
 */
const CDK8S_SCRATCH = 'cdk8s.out';

/** How long a synth waits for another synth into the same folder, unless `--wait` says otherwise. */
const DEFAULT_LOCK_WAIT_SECONDS = 60;

/**
 * The work files of a synth into `outdir`, all beside it and named after it, so that a
 * synth into `dist` and one into `out/dev` never meet: `.dist.synth-lock` while a synth
 * runs, and `.dist.synth-staging-<pid>` and `.dist.synth-retired-<pid>` during one.
 *
 * @param {string} outdir absolute path of the output folder
 */
function synthWorkFiles(outdir) {
  const prefix = path.join(path.dirname(outdir), `.${path.basename(outdir)}.synth-`);
  return {
    /** Every work file starts with this path. */
    prefix,
    lock: `${prefix}lock`,
    /** A lock being taken over from a killed synth (synth-lock.js). @param {number} pid */
    claimedLock: (pid) => `${prefix}lock-claimed-${pid}`,
    /** @param {number} pid */
    staging: (pid) => `${prefix}staging-${pid}`,
    retiredPrefix: `${prefix}retired-`,
    /** @param {number} pid */
    retired: (pid) => `${prefix}retired-${pid}`,
  };
}

module.exports = {
  BUNDLE_CACHE,
  CDK8S_SCRATCH,
  DEFAULT_APP,
  DEFAULT_LOCK_WAIT_SECONDS,
  DEFAULT_OUTPUT,
  K8S_VERSION,
  PROJECT_ROOT,
  SCHEMA_CACHE,
  SCHEMA_FILE,
  cacheRoot,
  synthWorkFiles,
};
