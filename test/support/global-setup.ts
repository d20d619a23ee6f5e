import { createTestDatabase, TestDatabase } from './test-database';

declare global {
  var __TEST_DB__: TestDatabase | undefined;
}

/** Creates the suite's database once; workers read its URL from TEST_DATABASE_URL. */
export default async function globalSetup(): Promise<void> {
  const db = await createTestDatabase();
  globalThis.__TEST_DB__ = db;
  process.env.TEST_DATABASE_URL = db.ownerUrl;
  process.env.TEST_APP_DATABASE_URL = db.appUrl;
}
