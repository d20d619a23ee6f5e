import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startEmbeddedPostgres, EmbeddedDatabase } from '../../src/database/embedded-postgres';
import { ensureAppRole, runMigrations } from '../../src/database/prepare-database';

/**
 * The suite's database: a fresh database on DATABASE_URL's server when it is set (CI), else on an
 * embedded PostgreSQL kept under .test-data/ (a fresh clone with nothing installed).
 */
export interface TestDatabase {
  ownerUrl: string;
  /** the application role's URL: shared by every test app, so no test resets its password */
  appUrl: string;
  dropAndStop(): Promise<void>;
}

export const EMBEDDED_TEST_PASSWORD = 'embedded-test-only-password';

export async function createTestDatabase(): Promise<TestDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: join(__dirname, '..', '..', '.test-data'),
      password: EMBEDDED_TEST_PASSWORD,
      database: 'postgres',
      stopReused: false,
    });
    serverUrl = embedded.url;
  }
  const name = `st_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const ownerUrl = url.toString();
  await runMigrations(ownerUrl);
  const appUrl = await ensureAppRole(ownerUrl, { secrets: { dbAppPassword: 'test-app-role-password' } as never });
  return {
    ownerUrl,
    appUrl,
    async dropAndStop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await c.end();
      await embedded?.stop();
    },
  };
}
