/**
 * Tests against a real Kubernetes control plane (scripts/cluster.js), one for the whole run;
 * run by `npm run test:cluster`, not `npm test`. The files share that control plane, so they
 * run one after another, in the order of __tests__/cluster/sequencer.js.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.cluster.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', {}] },
  globalSetup: '<rootDir>/__tests__/cluster/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/cluster/global-teardown.ts',
  maxWorkers: 1,
  testSequencer: '<rootDir>/__tests__/cluster/sequencer.js',
  testTimeout: 180000,
};
