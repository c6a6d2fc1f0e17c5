'use strict';
// Loaded first (`--require`) into the worker thread that runs a TypeScript app for the
// `service-types` command. It passes the warnings the app's service-types constructs raise
// to the command (which prints each once and fails on them with --strict), and it stops an
// app that would write its manifests somewhere other than the folder the command gave it
// (CDK8S_OUTDIR): the command publishes only what it rendered and checked, and an app with
// an `outdir` of its own would write past it.
const path = require('path');
const { parentPort } = require('worker_threads');

if (process.env.SERVICE_TYPES_DEBUG) {
  // Stack traces then point into the TypeScript sources rather than the bundle.
  process.setSourceMapsEnabled(true);
}

/** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('service-types.warning-reporter')] = (
  /** @type {unknown} */ warning,
) => parentPort?.postMessage({ type: 'warning', warning });

// The cdk8s the app loads: resolved from the app's own file, as its `require('cdk8s')` is.
const outdir = process.env.CDK8S_OUTDIR;
const app = process.argv[1];
if (outdir !== undefined && app !== undefined) {
  let cdk8s;
  try {
    cdk8s = require(require.resolve('cdk8s', { paths: [path.dirname(app)] }));
  } catch {
    cdk8s = undefined; // the app does not load cdk8s from its node_modules: nothing to guard
  }
  const synth = cdk8s?.App?.prototype?.synth;
  if (typeof synth === 'function') {
    cdk8s.App.prototype.synth = function synthIntoTheGivenFolder() {
      if (path.resolve(this.outdir) !== path.resolve(outdir)) {
        throw new Error(
          `the app writes its manifests to ${this.outdir}, not to the folder service-types renders into; ` +
            'leave `outdir` out of `new App(...)` so that cdk8s takes it from CDK8S_OUTDIR',
        );
      }
      return synth.call(this);
    };
  }
}
