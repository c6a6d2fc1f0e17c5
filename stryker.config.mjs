// Mutation testing: `npm run mutation` (minutes; kept out of `npm test` and CI).
// Equivalent mutants, the ones no test can kill because they change no behaviour, are
// listed in docs/mutation-testing.md with the reason for each.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  packageManager: 'npm',
  testRunner: 'jest',
  // The project's own jest config, so tests are compiled by @swc/jest as in `npm test`, but only
  // the test files that load lib/ in the test process: a mutant is switched on inside that
  // process, so tests that run the code in a child process (synth, plan, kubectl, the package,
  // most of schema-validation) cannot kill one, and would only add to the whole-suite run every
  // static mutant needs; some of them also fail in Stryker's sandbox, which links node_modules. Two
  // in-process files are left out as well: snapshots and tutorial-parity build their constructs
  // outside any test (while jest collects tests, or in beforeAll), which would make every mutant
  // they reach a static one. Per-test coverage picks the tests each mutant needs, and the test
  // sequencer runs only the files that hold them (`npm run mutation` records which file holds
  // each test first: scripts/mutation/test-files.js); the test runner stops a run at the first
  // file that fails, as one failing test kills a mutant. A new test file of lib/ belongs in
  // this list.
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    enableFindRelatedTests: false,
    config: {
      runner: '<rootDir>/scripts/mutation/test-runner.js',
      testSequencer: '<rootDir>/scripts/mutation/test-sequencer.js',
      testMatch: [
        'app-config',
        'cdk8s-conventions',
        'cluster-ip-service',
        'echo-server',
        'external-name-service',
        'formats',
        'gateway',
        'gateway-http-route',
        'gateway-reference-grant',
        'headless-service',
        'ingress',
        'ingress-checks',
        'ingress-updates',
        'load-balancer-service',
        'namespace',
        'node-port-service',
        'object-checks',
        'object-meta',
        'object-registry',
        'objects',
        'plan-diff',
        'plan-output',
        'plan-renders',
        'plan-rules',
        'service-checks',
        'service-options',
        'service-spec',
        'service-updates',
        'services',
        'synth',
        'validation',
        'verdicts',
        'warnings',
        'workload-checks',
        'workload-updates',
      ].map((name) => `<rootDir>/__tests__/${name}.test.ts`),
    },
  },
  coverageAnalysis: 'perTest',
  mutate: [
    'lib/validation/**/*.ts',
    'lib/services/**/*.ts',
    'lib/gateway/**/*.ts',
    'lib/ingress.ts',
    'lib/ingress.rules.ts',
    'lib/model/**/*.ts',
    'lib/synth.ts',
  ],
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // `npm run mutation -- --incremental` reuses the results of earlier runs kept here for the
  // code and tests that did not change, so a whole run can be made by parts.
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  thresholds: { high: 90, low: 80, break: 90 },
};

export default config;
