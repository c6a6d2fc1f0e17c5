// The jest test runner of mutation runs (stryker.config.mjs): jest's own, except that a run in
// band stops after the first test file that fails. Stryker needs one failing test to call a
// mutant killed (it does not ask for every killing test unless `disableBail` is set), but jest
// offers no bail to a program that calls it (its bail ends the process), so every killed static
// mutant used to run every listed test file. The mutation test sequencer puts the files that
// failed last first, where the next mutant of the same code is most likely to fail too.
const TestRunner = require('jest-runner').default;

/** @typedef {import('@jest/test-result').Test} Test */
/** @typedef {import('@jest/test-result').TestResult} TestResult */

class BailingTestRunner extends TestRunner {
  /** @param {ConstructorParameters<typeof TestRunner>} args */
  constructor(...args) {
    super(...args);
    this.failed = false;
    this.on('test-file-success', ([, /** @type {TestResult} */ result]) => {
      if (result.numFailingTests > 0 || result.testExecError) this.failed = true;
    });
    this.on('test-file-failure', () => {
      this.failed = true;
    });
  }

  /** @param {Parameters<TestRunner['runTests']>} args */
  async runTests(...args) {
    const [tests, watcher, options] = args;
    if (!options.serial) return super.runTests(...args);
    for (const test of tests) {
      if (this.failed) return;
      await super.runTests([test], watcher, options);
    }
  }
}

module.exports = BailingTestRunner;
