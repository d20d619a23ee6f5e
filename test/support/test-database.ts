import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startEmbeddedPostgres, EmbeddedDatabase } from '../../src/database/embedded-postgres';
import { ensureAppRole, runMigrations } from '../../src/database/prepare-database';

/**
 * The suite's database: a fresh database on DATABASE_URL's server when it is set (CI), else on an
 * embedded PostgreSQL kept under .test-data/ (a fresh clone with nothing installed). With
 * `copies`, that many more databases made from it as a template (migrated once, copied in
 * milliseconds): one per Jest worker, so that parallel workers never share a database.
 */
export interface TestDatabase {
  ownerUrl: string;
  /** the application role's URL: shared by every test app, so no test resets its password */
  appUrl: string;
  /** the copies' URLs, in order (empty without `copies`) */
  copies: { ownerUrl: string; appUrl: string }[];
  dropAndStop(): Promise<void>;
}

export const EMBEDDED_TEST_PASSWORD = 'embedded-test-only-password';

const withPath = (base: string, name: string): string => {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
};

export async function createTestDatabase(options: { copies?: number } = {}): Promise<TestDatabase> {
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
  const copyNames = Array.from({ length: options.copies ?? 0 }, (_, i) => `${name}_w${i + 1}`);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const ownerUrl = withPath(serverUrl, name);
    await runMigrations(ownerUrl);
    const appUrl = await ensureAppRole(ownerUrl, { secrets: { dbAppPassword: 'test-app-role-password' } as never });
    // A template must have no session open: runMigrations and ensureAppRole have closed theirs.
    for (const copy of copyNames) await admin.query(`CREATE DATABASE ${copy} TEMPLATE ${name}`);
    const copies = copyNames.map((copy) => ({ ownerUrl: withPath(serverUrl, copy), appUrl: withPath(appUrl, copy) }));
    // CREATE DATABASE … TEMPLATE copies the objects and their grants, not the database's own ACL.
    for (const copy of copies) await ensureAppRole(copy.ownerUrl, { secrets: { dbAppPassword: 'test-app-role-password' } as never });
    return {
      ownerUrl,
      appUrl,
      copies,
      async dropAndStop() {
        const c = new Client({ connectionString: serverUrl });
        await c.connect();
        for (const db of [...copyNames, name]) await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
        await c.end();
        await embedded?.stop();
      },
    };
  } finally {
    await admin.end();
  }
}
