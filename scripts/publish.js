'use strict';
// Replacing an output folder by a new render so that, whenever the synth is killed, the
// folder holds the old render or the new one, never a mix. The render is made in a staging
// folder beside the output; then the output is renamed aside ("retired") and the staging
// folder renamed into its place. Between those two renames there is no output folder: a
// synth killed there leaves the old render under its retired name, and the next synth into
// the folder renames it back before anything else.
//
// Both run under the synth lock (synth-lock.js), so any staging or retired folder they
// find was left by a synth that was killed.
const fs = require('fs');
const path = require('path');
const { synthWorkFiles } = require('./constants');

/**
 * Puts back the output a killed synth left retired, if the output is missing, and removes
 * every other work file killed synths left beside the output.
 *
 * @param {string} outdir absolute path
 * @returns {boolean} whether the output was put back
 */
function recover(outdir) {
  const work = synthWorkFiles(outdir);
  const dir = path.dirname(outdir);
  const prefix = path.basename(work.prefix);
  const leftovers = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .map((name) => path.join(dir, name))
    .filter((file) => file !== work.lock);
  // Only one can exist when the output is missing: the synth that retired it was killed
  // before it could rename its render in, and every later synth starts by restoring it.
  const retired = leftovers.find((file) => file.startsWith(work.retiredPrefix));
  const restored = retired !== undefined && !fs.existsSync(outdir);
  if (restored) {
    fs.renameSync(retired, outdir);
  }
  for (const file of leftovers.filter((f) => !(restored && f === retired))) {
    fs.rmSync(file, { recursive: true, force: true });
  }
  return restored;
}

/**
 * Replaces `outdir` by `staging`, or leaves `outdir` as it was and throws.
 *
 * @param {string} staging a complete render beside `outdir`
 * @param {string} outdir absolute path
 * @param {() => void} verifyLock throws unless this synth still holds the lock
 * @returns {string | undefined} a warning when the old render could not be removed
 */
function publish(staging, outdir, verifyLock) {
  const retired = synthWorkFiles(outdir).retired(process.pid);
  verifyLock();
  const replacing = fs.existsSync(outdir);
  if (replacing) {
    fs.renameSync(outdir, retired);
  }
  try {
    fs.renameSync(staging, outdir);
  } catch (error) {
    if (replacing) {
      fs.renameSync(retired, outdir);
    }
    throw error;
  }
  if (replacing) {
    try {
      fs.rmSync(retired, { recursive: true, force: true });
    } catch (error) {
      return `the previous render in ${retired} could not be removed (${/** @type {Error} */ (error).message}); the next synth removes it`;
    }
  }
  return undefined;
}

module.exports = { publish, recover };
