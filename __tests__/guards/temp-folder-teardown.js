'use strict';
// Jest's globalTeardown: removes the run's temporary folder (temp-folder-setup.js) and fails
// the run when a test left anything in it, naming what, since tests must leave nothing behind.
const fs = require('fs');

module.exports = async () => {
  const dir = process.env.SERVICE_TYPES_TEST_TMPDIR;
  if (dir === undefined) {
    return;
  }
  const left = fs.readdirSync(dir).sort();
  fs.rmSync(dir, { recursive: true, force: true });
  if (left.length > 0) {
    const shown = left.slice(0, 10).join(', ') + (left.length > 10 ? `, and ${left.length - 10} more` : '');
    throw new Error(`the tests left ${left.length} entries in the temporary folder: ${shown}`);
  }
};
