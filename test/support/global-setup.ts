import type { Config } from 'jest';
import { createTestDatabase, TestDatabase } from './test-database';

declare global {
  var __TEST_DB__: TestDatabase | undefined;
}

/**
 * Creates the suite's database once, and one copy of it per Jest worker: workers run their files in
 * parallel, each on its own database (test/support/worker-database.ts picks it). Workers read the
 * URLs from TEST_DATABASE_URL_<worker> and TEST_APP_DATABASE_URL_<worker>.
 */
export default async function globalSetup(globalConfig: { maxWorkers?: number } & Partial<Config>): Promise<void> {
  const workers = Math.max(1, globalConfig.maxWorkers ?? 1);
  const db = await createTestDatabase({ copies: workers });
  globalThis.__TEST_DB__ = db;
  process.env.TEST_DATABASE_URL = db.ownerUrl;
  process.env.TEST_APP_DATABASE_URL = db.appUrl;
  db.copies.forEach((copy, i) => {
    process.env[`TEST_DATABASE_URL_${i + 1}`] = copy.ownerUrl;
    process.env[`TEST_APP_DATABASE_URL_${i + 1}`] = copy.appUrl;
  });
}
