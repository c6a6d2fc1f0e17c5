'use strict';
// Jest's globalSetup: every test worker, and every process a test starts, gets a temporary
// folder of this run (TMPDIR, which os.tmpdir() reads), so that temp-folder-teardown.js can
// tell what the run left behind from what other programs put in the system's folder.
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'service-types-test-'));
  process.env.SERVICE_TYPES_TEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
  // ts-node's compile cache (v8-compile-cache-lib) keeps a folder in the temporary folder for
  // good; the commands the tests run need no cache that outlives them.
  process.env.DISABLE_V8_COMPILE_CACHE = '1';
};
