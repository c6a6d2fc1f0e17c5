// Writes which test file holds each test, for scripts/mutation/test-sequencer.js, before
// `npm run mutation` starts Stryker. Stryker tells jest which tests cover a mutant by their
// names only, and jest loads every listed test file to find them; with the files known, a
// mutant's run loads only the files that hold its tests.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { TEST_FILES_MAP } = require('./test-sequencer');

const ROOT = path.join(__dirname, '..', '..');

async function main() {
  const { default: config } = await import(path.join(ROOT, 'stryker.config.mjs'));
  const files = config.jest.config.testMatch.map((/** @type {string} */ pattern) => pattern.replace('<rootDir>/', ''));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-test-files-'));
  try {
    const output = path.join(scratch, 'results.json');
    const run = spawnSync(
      process.execPath,
      [
        require.resolve('jest/bin/jest'),
        '--ci',
        '--silent',
        '--json',
        `--outputFile=${output}`,
        '--runTestsByPath',
        ...files,
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (run.status !== 0) throw new Error('the tests that mutation runs use do not pass');
    const results = JSON.parse(fs.readFileSync(output, 'utf-8'));
    /** @type {Record<string, string[]>} */
    const filesByTest = {};
    for (const suite of results.testResults) {
      const file = path.relative(ROOT, suite.name).split(path.sep).join('/');
      for (const test of suite.assertionResults) (filesByTest[test.fullName] ??= []).push(file);
    }
    fs.mkdirSync(path.dirname(TEST_FILES_MAP), { recursive: true });
    fs.writeFileSync(TEST_FILES_MAP, JSON.stringify(filesByTest));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`mutation: ${error.message}`);
  process.exit(1);
});
