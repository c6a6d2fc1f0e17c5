// Mutation testing: `npm run mutation` (minutes; kept out of `npm test` and CI).
// Equivalent mutants, the ones no test can kill because they change no behaviour, are
// listed in docs/mutation-testing.md with the reason for each.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  packageManager: 'npm',
  testRunner: 'jest',
  // The project's own jest config, so tests are compiled by @swc/jest as in `npm test`. Five test
  // files are left out: layout.test.ts reads the sources as text, which Stryker rewrites with its
  // mutant switches; imports.test.ts regenerates imports/, which no mutant touches; and
  // cdk8s-conventions.test.ts, snapshots.test.ts and tutorial-parity.test.ts build their
  // constructs outside any test (while jest collects tests, or in beforeAll), which would make
  // every mutant they reach a static one that needs the whole suite (about 40 s) each. Jest's
  // --findRelatedTests finds no test from the sandbox, so every test is a candidate and
  // per-test coverage picks the ones each mutant needs.
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    enableFindRelatedTests: false,
    config: {
      testPathIgnorePatterns: [
        '/node_modules/',
        '/__tests__/layout\\.test\\.ts$',
        '/__tests__/imports\\.test\\.ts$',
        '/__tests__/cdk8s-conventions\\.test\\.ts$',
        '/__tests__/snapshots\\.test\\.ts$',
        '/__tests__/tutorial-parity\\.test\\.ts$',
      ],
    },
  },
  coverageAnalysis: 'perTest',
  mutate: ['lib/validation/**/*.ts', 'lib/services/**/*.ts'],
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: 90 },
};

export default config;
