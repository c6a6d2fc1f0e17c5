/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', {}] },
  // Kept with the project rather than in the system's temporary folder.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  // Tests leave nothing in the temporary folder: the run gets its own and fails on leftovers.
  globalSetup: '<rootDir>/__tests__/guards/temp-folder-setup.js',
  globalTeardown: '<rootDir>/__tests__/guards/temp-folder-teardown.js',
};
