'use strict';
// Writing a file whole or not at all, for the caches of the schema validation and of the
// tooling. Readers (another synth, a later run) see the old contents or the new ones, never
// a partial file, even when the writer is killed; the temporary file such a writer leaves
// is removed by a later writer into the same folder.
const fs = require('fs');
const path = require('path');
const { isRunning } = require('./processes');

/** `<file>.<pid>-<n>.tmp` */
const TEMP = /\.(\d+)-\d+\.tmp$/;
let counter = 0;

/**
 * Writes `contents` to a temporary file beside `file`, then renames it over `file`. Creates
 * the folder when missing; on failure removes the temporary file and rethrows.
 *
 * @param {string} file
 * @param {string | NodeJS.ArrayBufferView} contents
 */
function writeFileAtomic(file, contents) {
  const temp = `${file}.${process.pid}-${counter++}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, contents);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Removes the temporary files that writers killed mid-write left in `dir`; those of
 * writers still running are theirs to finish.
 *
 * @param {string} dir
 */
function removeAbandonedTemps(dir) {
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch {
    return; // no folder, no temporary files
  }
  for (const name of names) {
    const match = TEMP.exec(name);
    if (match && !isRunning(Number(match[1]))) {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}

module.exports = { removeAbandonedTemps, writeFileAtomic };
