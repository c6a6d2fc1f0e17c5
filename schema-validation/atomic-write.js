'use strict';
// Writing a file whole or not at all, for the caches of the schema validation and of the
// tooling. Readers (another synth, a later run) see the old contents or the new ones, never
// a partial file, even when the writer is killed; the temporary file such a writer leaves
// is removed by a later writer into the same folder.
const fs = require('fs');
const path = require('path');

/** `<file>.<pid>-<n>.tmp` */
const TEMP = /\.\d+-\d+\.tmp$/;
/** A write takes milliseconds: a temporary file this old belongs to a writer that was killed. */
const ABANDONED_AFTER_MS = 60_000;
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
 * Removes the temporary files that writers killed mid-write left in `dir`.
 *
 * @param {string} dir
 */
function removeAbandonedTemps(dir) {
  const now = Date.now();
  for (const name of fs.readdirSync(dir).filter((n) => TEMP.test(n))) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > ABANDONED_AFTER_MS) {
        fs.rmSync(file, { force: true });
      }
    } catch {
      // renamed into place meanwhile
    }
  }
}

module.exports = { removeAbandonedTemps, writeFileAtomic };
