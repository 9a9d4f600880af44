/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } },
    ],
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/fixtures/'],
  modulePathIgnorePatterns: [
    '<rootDir>/__tests__/fixtures/',
    '<rootDir>/dist/',
    // the ranking benchmark's caches: published packages (several versions of one name) and the emulator bundle
    '<rootDir>/bench/ranking/real/.cache/',
    '<rootDir>/bench/ranking/.emulator/',
  ],
  watchPathIgnorePatterns: ['<rootDir>/__tests__/fixtures/'],
  testTimeout: 60000,
};
