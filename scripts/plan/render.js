'use strict';
// Renders the app as `npm run synth` would, but into a fresh temporary folder: the plan
// never writes into dist/. The folder is removed however the render ends, including when
// the plan is interrupted while the render runs.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { readFolder } = require('./previous');

/** @typedef {import('./manifests').ManifestFile} ManifestFile */

const COMMAND = path.join(__dirname, '..', '..', 'bin', 'service-types.js');
const SIGNALS = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);

/** The app could not be rendered; `report` is what synth printed about it. */
class RenderFailed extends Error {
  /** @param {string} report */
  constructor(report) {
    super('the app could not be rendered');
    this.name = 'RenderFailed';
    this.report = report;
  }
}

/**
 * Renders the app with `appArgs` (--env, --config, --set) and returns its manifest files.
 * @param {string[]} appArgs
 * @param {{ cwd: string }} options `cwd` resolves --config files, as for synth
 * @returns {Promise<ManifestFile[]>}
 */
async function renderApp(appArgs, { cwd }) {
  // Interrupted: stop the render and, once it can no longer write, remove its folder and end
  // the way the signal would have. Signal listeners run from the event loop, after the
  // synchronous setup below, so by then the folder and the render exist.
  /** @type {NodeJS.Signals | undefined} */
  let interruptedBy;
  /** @type {import('child_process').ChildProcess | undefined} */
  let child;
  /** @param {NodeJS.Signals} signal */
  const interrupt = (signal) => {
    interruptedBy = signal;
    child?.kill(signal);
  };
  SIGNALS.forEach((signal) => process.once(signal, interrupt));
  /** @type {string | undefined} */
  let temp;
  try {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'service-types-plan-'));
    const output = path.join(temp, 'render');
    const render = spawn(process.execPath, [COMMAND, 'synth', '--output', output, '--', ...appArgs], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = render;
    /** @type {Buffer[]} */
    const stderr = [];
    render.stderr.on('data', (chunk) => stderr.push(chunk));
    const code = await new Promise((resolve, reject) => {
      render.on('error', reject);
      render.on('close', resolve);
    });
    if (interruptedBy) {
      fs.rmSync(temp, { recursive: true, force: true });
      process.exit(128 + os.constants.signals[interruptedBy]);
    }
    if (code !== 0) {
      throw new RenderFailed(Buffer.concat(stderr).toString('utf-8'));
    }
    return readFolder(output);
  } finally {
    SIGNALS.forEach((signal) => process.off(signal, interrupt));
    if (temp) {
      fs.rmSync(temp, { recursive: true, force: true });
    }
  }
}

module.exports = { RenderFailed, renderApp };
