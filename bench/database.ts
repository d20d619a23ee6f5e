// The benchmark's database: a fresh database (and application role) on DATABASE_URL's server, or
// the embedded PostgreSQL the server starts under a fresh DATA_DIR.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export interface BenchDatabase {
  kind: 'external' | 'embedded';
  /** environment the server needs for this database */
  serverEnv: Record<string, string>;
  /** owner URL (bulk seeding); known once the server has started for the embedded kind */
  ownerUrl(): string;
  /** the application role's URL (the database floor runs as the server's role) */
  appUrl(): string;
  /** reads the embedded cluster's URLs once the server has created it */
  afterServerStart(dataDir: string): void;
  drop(): Promise<void>;
}

function withPath(url: string, database: string, user?: { name: string; password: string }): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user) {
    u.username = encodeURIComponent(user.name);
    u.password = encodeURIComponent(user.password);
  }
  return u.toString();
}

/**
 * On an existing server: a database st_bench_<stamp> and a login role of its own for the
 * application, so the run never changes the password of a role other databases use.
 */
export async function createExternalDatabase(serverUrl: string): Promise<BenchDatabase> {
  const stamp = `${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const name = `st_bench_${stamp}`;
  const role = { name: `st_bench_app_${stamp}`, password: randomBytes(18).toString('base64url') };
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
    await admin.query(`CREATE ROLE ${admin.escapeIdentifier(role.name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${admin.escapeLiteral(role.password)}`);
  } finally {
    await admin.end();
  }
  const ownerUrl = withPath(serverUrl, name);
  const appUrl = withPath(serverUrl, name, role);
  return {
    kind: 'external',
    serverEnv: { DATABASE_URL: ownerUrl, DATABASE_APP_URL: appUrl },
    ownerUrl: () => ownerUrl,
    appUrl: () => appUrl,
    afterServerStart: () => undefined,
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(role.name)}`);
      } finally {
        await c.end();
      }
    },
  };
}

/** The embedded cluster: its owner password and port are in DATA_DIR once the server created it. */
export function embeddedDatabase(): BenchDatabase {
  let ownerUrl = '';
  let appUrl = '';
  return {
    kind: 'embedded',
    serverEnv: {},
    ownerUrl: () => ownerUrl,
    appUrl: () => appUrl,
    afterServerStart(dataDir: string) {
      const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { dbOwnerPassword: string; dbAppPassword: string };
      const port = Number(readFileSync(join(dataDir, 'pg-port'), 'utf8').trim());
      const base = `postgres://127.0.0.1:${port}/situation_table`;
      ownerUrl = withPath(base, 'situation_table', { name: 'postgres', password: secrets.dbOwnerPassword });
      appUrl = withPath(base, 'situation_table', { name: 'situation_app', password: secrets.dbAppPassword });
    },
    // The cluster goes away with its DATA_DIR once the server has stopped it.
    drop: async () => undefined,
  };
}

export async function postgresVersion(url: string): Promise<string> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const rows = await c.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return rows.rows[0].v;
  } finally {
    await c.end();
  }
}
