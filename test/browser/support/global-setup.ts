import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { MAIN_JS, ROOT } from '../../support/build';
import { cleanEnv, freePort, startServer, stopServer, tempDataDir, waitReady } from '../../support/server-process';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ENV_BASE_URL } from './env';

/**
 * Starts the BUILT server (`npm test` runs `npm run build` first; nothing is built here) on a free
 * port against a fresh database on DATABASE_URL's server, else its embedded one (migrated by the server itself at start),
 * with a bootstrap administrator. Answers the teardown: stop the server, drop the database.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(MAIN_JS) || !existsSync(join(ROOT, 'dist', 'web', 'index.html'))) {
    throw new Error('The browser suite runs against the built server and web app: run `npm run build` first.');
  }
  // A fresh database on DATABASE_URL's server; without DATABASE_URL, the server's own embedded
  // PostgreSQL under a temp DATA_DIR (as `npm start` does for a new user).
  const serverUrl = process.env.DATABASE_URL;
  const name = `st_browser_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  let databaseUrl: string | undefined;
  let appUrl: string | undefined;
  if (serverUrl) {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    // The application role is shared by every database of this server: when it exists, use it with
    // the password the Jest suites give it (test/support/test-database.ts), so that starting this
    // server does not change its password under a Jest run going on at the same time.
    const role = await admin.query(`SELECT 1 FROM pg_roles WHERE rolname = 'situation_app'`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    if (role.rowCount) {
      const app = new URL(url);
      app.username = 'situation_app';
      app.password = 'test-app-role-password';
      appUrl = app.toString();
    }
  }

  const port = await freePort();
  const dataDir = tempDataDir('st-browser-');
  const server = startServer(
    cleanEnv({
      DATABASE_URL: databaseUrl,
      DATABASE_APP_URL: appUrl,
      PORT: String(port),
      DATA_DIR: dataDir,
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'info', // waitReady watches for "server listening"
      // Every test signs in several people from one address.
      LOGIN_IP_LIMIT_PER_MINUTE: '10000',
      // argon2id at 1 MiB and one pass: every test creates and signs in seven invented users (the
      // standard cost is the default, refused nowhere; this profile is refused outside NODE_ENV=test)
      NODE_ENV: 'test',
      PASSWORD_HASH_PROFILE: 'test-only-fast',
    }),
    port,
  );
  const drop = async () => {
    if (serverUrl) {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await c.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitReady(server);
  } catch (err) {
    await stopServer(server);
    await drop();
    throw err;
  }
  process.env[ENV_BASE_URL] = `http://127.0.0.1:${port}`;
  // the run's database, for the few tests that set up what only time makes (issue 17: dormancy, erased texts)
  if (databaseUrl) process.env.ST_BROWSER_DATABASE_URL = databaseUrl;
  return async () => {
    await stopServer(server);
    await drop();
  };
}
