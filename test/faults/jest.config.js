// Fault-injection scripts (`npm run test:faults`): each spec builds the server if stale, starts the
// compiled server on its own embedded PostgreSQL under a temp DATA_DIR, breaks it (kill -9, database
// outage) and checks what survives. No global database setup: the machine PostgreSQL and the suite's
// database are never touched.
//
// The swc transform is a copy of the root jest.config.js (NestJS 12 ships ESM-only files, which swc
// turns into CommonJS here); keep the two in step.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'commonjs', ignoreDynamic: false },
  },
];

module.exports = {
  displayName: 'faults',
  rootDir: '../..',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  transform: { '^.+\\.(t|j)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|canonicalize)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  testTimeout: 300000,
};
