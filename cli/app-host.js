'use strict';
// The thread a TypeScript cdk8s app runs in for the `service-types` command. Started ahead
// of need (`prestart`, from bin/service-types.js, before the command itself loads), it
// loads the project's cdk8s while the command reads the project and compiles the app; the
// command then sends it what to run (`run`). The app gets a thread of its own: its own
// process.argv and process.env, set before it loads, and it dies with the command, whatever
// ends it, so a killed synth leaves no app behind still writing.
//
// In the thread, it passes the warnings the app's service-types constructs raise to the
// command (which prints each once and fails on them with --strict), and it stops an app
// that would write its manifests somewhere other than the folder the command gave it
// (CDK8S_OUTDIR): the command publishes only what it rendered and checked.
const path = require('path');
const { isMainThread, parentPort, Worker, workerData } = require('worker_threads');

/** @typedef {{ app: string, argv: string[], env: Record<string, string | undefined> }} RunMessage */

if (isMainThread) {
  /** @type {{ root: string, worker: Worker } | undefined} */
  let ahead;

  /** @param {string} root */
  const start = (root) => {
    // The app's thread takes none of the command's Node options (a `--require` of its own, say).
    const worker = new Worker(__filename, { workerData: { root }, execArgv: [], stdout: true, stderr: true });
    // Waiting for an app to run keeps no command alive.
    worker.unref();
    return worker;
  };

  /**
   * Starts the thread for an app of the project in `root` before the command needs it.
   *
   * @param {string} root
   */
  exports.prestart = (root) => {
    ahead = { root, worker: start(root) };
  };

  /**
   * Runs the compiled app `app` with `argv` and `env` in a thread of its own: the one
   * started ahead for `root`, or a new one. Returns the thread; it exits when the app has.
   *
   * @param {string} root
   * @param {RunMessage} message
   */
  exports.run = (root, message) => {
    let worker;
    if (ahead?.root === root) {
      worker = ahead.worker;
      ahead = undefined;
    } else {
      exports.discard();
      worker = start(root);
    }
    worker.ref();
    worker.postMessage(message);
    return worker;
  };

  /** Stops the thread started ahead, when no compiled app is to run. */
  exports.discard = () => {
    if (ahead !== undefined) {
      void ahead.worker.terminate();
      ahead = undefined;
    }
  };
} else {
  if (process.env.SERVICE_TYPES_DEBUG) {
    // Stack traces then point into the TypeScript sources rather than the bundle.
    process.setSourceMapsEnabled(true);
  }
  /** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('service-types.warning-reporter')] = (
    /** @type {unknown} */ warning,
  ) => parentPort?.postMessage({ type: 'warning', warning });

  /**
   * The cdk8s an app at `from` loads, as its `require('cdk8s')` resolves it; undefined when
   * it has none (then there is nothing to guard).
   *
   * @param {string} from
   * @returns {any}
   */
  const cdk8sFrom = (from) => {
    try {
      return require(require.resolve('cdk8s', { paths: [from] }));
    } catch {
      return undefined;
    }
  };
  // Loaded while the command still prepares the app: the project's own, which the app most likely loads.
  cdk8sFrom(workerData.root);

  parentPort?.once('message', (/** @type {RunMessage} */ { app, argv, env }) => {
    for (const name of Object.keys(process.env).filter((n) => !(n in env))) {
      delete process.env[name];
    }
    Object.assign(process.env, env);
    process.argv = [process.execPath, app, ...argv];
    guardOutput(cdk8sFrom(path.dirname(app)), /** @type {string} */ (env.CDK8S_OUTDIR));
    // As `node <app>` runs it: the app is the thread's main module (`require.main === module`).
    require('module').runMain();
  });

  /**
   * Refuses, in the app's cdk8s, to write manifests outside `outdir`.
   *
   * @param {any} cdk8s
   * @param {string} outdir
   */
  const guardOutput = (cdk8s, outdir) => {
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
  };
}
