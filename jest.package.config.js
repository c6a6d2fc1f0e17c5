/** End-to-end tests of the packed npm package; run by `npm run test:package`, not `npm test`. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', {}] },
  testTimeout: 300000,
};
