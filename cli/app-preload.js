'use strict';
// Loaded first (`--require`) into the worker thread that runs a TypeScript app for the
// `service-types` command. It passes the warnings the app's service-types constructs raise
// to the command (which prints each once and fails on them with --strict), and it stops an
// app that would write its manifests somewhere other than the folder the command gave it
// (CDK8S_OUTDIR): the command publishes only what it rendered and checked, and an app with
// an `outdir` of its own would write past it.
const path = require('path');
const { parentPort, workerData } = require('worker_threads');

if (process.env.SERVICE_TYPES_DEBUG) {
  // Stack traces then point into the TypeScript sources rather than the bundle.
  process.setSourceMapsEnabled(true);
}

/** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('service-types.warning-reporter')] = (
  /** @type {unknown} */ warning,
) => parentPort?.postMessage({ type: 'warning', warning });

// The cdk8s the app loads: resolved from the app's own file, as its `require('cdk8s')` is.
const outdir = process.env.CDK8S_OUTDIR;
// The compiled app: process.argv names it only once the preload has run.
const app = /** @type {{ app?: string } | undefined} */ (workerData)?.app;
if (outdir !== undefined && app !== undefined) {
  let cdk8s;
  try {
    cdk8s = require(require.resolve('cdk8s', { paths: [path.dirname(app)] }));
  } catch {
    cdk8s = undefined; // the app does not load cdk8s from its node_modules: nothing to guard
  }
  const refuse = (/** @type {string} */ where) => {
    throw new Error(
      `the app writes its manifests to ${where}, not to the folder service-types renders into; ` +
        'leave `outdir` out of `new App(...)` so that cdk8s takes it from CDK8S_OUTDIR',
    );
  };
  const inside = (/** @type {string} */ file) => !path.relative(outdir, file).startsWith('..');
  const synth = cdk8s?.App?.prototype?.synth;
  if (typeof synth === 'function') {
    cdk8s.App.prototype.synth = function synthIntoTheGivenFolder() {
      if (path.resolve(this.outdir) !== path.resolve(outdir)) {
        refuse(this.outdir);
      }
      return synth.call(this);
    };
  }
  // What every synthesis writes through, App.synth() and service-types' synth(app) alike.
  const save = cdk8s?.Yaml?.save;
  if (typeof save === 'function') {
    cdk8s.Yaml.save = function saveIntoTheGivenFolder(/** @type {string} */ file, /** @type {unknown[]} */ docs) {
      if (!inside(path.resolve(file))) {
        refuse(path.dirname(file));
      }
      return save.call(this, file, docs);
    };
  }
}
