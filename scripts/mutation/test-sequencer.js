// The jest test sequencer of mutation runs (stryker.config.mjs). When Stryker runs the tests
// that cover one mutant, it names them in jest's test name pattern; this sequencer keeps only
// the test files that hold one of them, as recorded by scripts/mutation/test-files.js, so jest
// does not load every other file only to find no test to run in it. Runs of every test (the
// first run, a static mutant) and patterns naming a test it has no record of get every file.
// The files that failed in the run before come first, then the quickest: the mutation test
// runner (test-runner.js) stops at the first file that fails, and the mutants Stryker runs one
// after another sit side by side in the code, so the file that killed the last one most often
// kills the next.
const fs = require('fs');
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

/** Which files hold each test, by the test's full name: written by test-files.js. */
const TEST_FILES_MAP = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'mutation', 'test-files.json');

/** @typedef {import('@jest/test-result').Test} Test */

/**
 * The files (relative to the project, `/`-separated) holding the tests `pattern` names, or
 * undefined when it names a test the record does not hold. Stryker writes the pattern as
 * `(name)|(name)...` of escaped full names, in which no bare `)|(` occurs.
 *
 * @param {string} pattern
 * @param {Record<string, string[]>} filesByTest
 * @returns {Set<string> | undefined}
 */
function filesNamedBy(pattern, filesByTest) {
  const names = Object.keys(filesByTest);
  const files = new Set();
  for (const alternative of pattern.replace(/^\(|\)$/g, '').split(')|(')) {
    const test = new RegExp(alternative, 'i');
    const named = names.filter((name) => test.test(name));
    if (named.length === 0) {
      return undefined;
    }
    named.forEach((name) => filesByTest[name].forEach((file) => files.add(file)));
  }
  return files;
}

/**
 * Test files in the order a run that stops at the first failure wants them: those that failed
 * last time first, then by their last duration, quickest first, those never timed last.
 *
 * @template {{ duration?: number }} T
 * @param {T[]} tests
 * @param {(test: T) => boolean} failedLastTime
 * @returns {T[]}
 */
function failedThenQuickest(tests, failedLastTime) {
  // Two files never timed compare as Infinity - Infinity, NaN: equal.
  return [...tests].sort(
    (a, b) =>
      Number(failedLastTime(b)) - Number(failedLastTime(a)) || (a.duration ?? Infinity) - (b.duration ?? Infinity) || 0,
  );
}

class MutationTestSequencer extends Sequencer {
  /** @param {ConstructorParameters<typeof Sequencer>[0]} context */
  constructor(context) {
    super(context);
    this.pattern = context.globalConfig.testNamePattern;
  }

  /** @param {Array<Test>} tests */
  sort(tests) {
    const files =
      this.pattern && fs.existsSync(TEST_FILES_MAP)
        ? filesNamedBy(this.pattern, JSON.parse(fs.readFileSync(TEST_FILES_MAP, 'utf-8')))
        : undefined;
    const relative = (/** @type {Test} */ test) =>
      path.relative(test.context.config.rootDir, test.path).split(path.sep).join('/');
    // jest's own order (failed first, then the slowest, for parallel workers) sets each duration.
    const kept = /** @type {Test[]} */ (super.sort(files ? tests.filter((test) => files.has(relative(test))) : tests));
    // hasFailed is public in jest's code, private only in its types.
    return failedThenQuickest(kept, (test) => this['hasFailed'](test));
  }
}

module.exports = MutationTestSequencer;
module.exports.TEST_FILES_MAP = TEST_FILES_MAP;
module.exports.filesNamedBy = filesNamedBy;
module.exports.failedThenQuickest = failedThenQuickest;
