// Fault-injection scripts (`npm run test:faults`): each spec builds the server if stale, starts the
// compiled server on its own embedded PostgreSQL under a temp DATA_DIR, breaks it (kill -9, database
// outage) and checks what survives. No global database setup: the machine PostgreSQL and the suite's
// database are never touched. The transform is the root config's (swc for the ESM-only NestJS 12).
const root = require('../../jest.config.js');
const { transform, transformIgnorePatterns, moduleFileExtensions, testEnvironment } = root.projects[0];

module.exports = {
  displayName: 'faults',
  rootDir: '../..',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  transform,
  transformIgnorePatterns,
  moduleFileExtensions,
  testEnvironment,
  testTimeout: 300000,
};
