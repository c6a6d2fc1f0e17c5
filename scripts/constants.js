'use strict';
// The names and places the tooling shares, in one module: those the shipped schema
// validation needs too are defined in schema-validation/constants.js and re-exported here.
const path = require('path');
const {
  GATEWAY_API_CRD_FILES,
  GATEWAY_API_VERSION,
  K8S_VERSION,
  PACKAGE_ROOT,
  SCHEMA_CACHE,
  SCHEMA_FILE,
  cacheRoot,
} = require('../schema-validation/constants');

/** This project's root: the folder holding package.json, scripts/ and schema-validation/. */
const PROJECT_ROOT = PACKAGE_ROOT;

/** Compiled app bundles, kept between synths (scripts/app-bundle.js). */
const BUNDLE_CACHE = path.join(cacheRoot(), 'bundles');

/** Where `npm run synth` renders, and the app it renders, unless told otherwise. */
const DEFAULT_OUTPUT = 'dist';
const DEFAULT_APP = 'main.ts';

/** The Kubernetes minor release whose update rules `npm run plan` follows, such as `1.27`. */
const KUBERNETES_MINOR = K8S_VERSION.split('.').slice(0, 2).join('.');

/** How the render is applied; the plan's rules follow what this command does. */
const APPLY_COMMAND = `kubectl apply -f ${DEFAULT_OUTPUT}/`;

/** The git revision whose committed render `npm run plan` compares with by default. */
const DEFAULT_PLAN_REF = 'HEAD';

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
  APPLY_COMMAND,
  BUNDLE_CACHE,
  DEFAULT_APP,
  DEFAULT_LOCK_WAIT_SECONDS,
  DEFAULT_OUTPUT,
  DEFAULT_PLAN_REF,
  GATEWAY_API_CRD_FILES,
  GATEWAY_API_VERSION,
  K8S_VERSION,
  KUBERNETES_MINOR,
  PROJECT_ROOT,
  SCHEMA_CACHE,
  SCHEMA_FILE,
  synthWorkFiles,
};
