import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ConfigurationError } from '../config/environment';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';

export const APP_DB_ROLE = 'situation_app';
const MIGRATION_LOCK = 7_364_021_993;

export interface PreparedDatabase {
  /** Owner connection: migrations, grants, maintenance CLI (absent on a replica given only DATABASE_APP_URL). */
  ownerUrl?: string;
  /** Runtime connection as the non-owner application role. */
  appUrl: string;
  embedded?: EmbeddedDatabase;
}

/**
 * Gets a database ready for the server: starts the embedded PostgreSQL when no DATABASE_URL is
 * given, applies pending migrations as the owner (under an advisory lock, so concurrent starts are
 * safe), then makes sure the application role exists with exactly the rights it needs.
 */
export async function prepareDatabase(config: AppConfig, log: (m: string) => void = () => undefined, owner: 'server' | 'cli' = 'server'): Promise<PreparedDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let ownerUrl = config.databaseUrl;
  // A replica holding only the application role's credentials: no migration, no grant, no embedded
  // database; the deployment migrates with the owner's (`migration:run`), and /health/ready stays
  // 503 until every migration this build knows is applied.
  if (!ownerUrl && config.databaseAppUrl && owner === 'server') {
    log("DATABASE_APP_URL without DATABASE_URL: running as the application role only (migrations are the deployment's)");
    return { ownerUrl: undefined, appUrl: config.databaseAppUrl };
  }
  if (!ownerUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, password: config.secrets.dbOwnerPassword, log, stopReused: owner === 'server' });
    ownerUrl = embedded.url;
  }
  try {
    await runMigrations(ownerUrl, log);
    const appUrl = await ensureAppRole(ownerUrl, config);
    return { ownerUrl, appUrl, embedded };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

export async function runMigrations(ownerUrl: string, log: (m: string) => void = () => undefined): Promise<string[]> {
  const lock = new Client({ connectionString: ownerUrl, application_name: 'situation-table-migrate' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ds = new DataSource(dataSourceOptions(ownerUrl, 2, 'situation-table-migrate'));
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      for (const m of applied) log(`applied migration ${m.name}`);
      return applied.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

/**
 * The application never connects as the owner: it uses DATABASE_APP_URL's role, or a
 * `situation_app` role created here. That role may read and write business tables, may only
 * insert into and read the audit trail, and cannot alter the schema.
 */
export async function ensureAppRole(ownerUrl: string, config: Pick<AppConfig, 'databaseAppUrl' | 'secrets'>): Promise<string> {
  const owner = new Client({ connectionString: ownerUrl, application_name: 'situation-table-grants' });
  await owner.connect();
  try {
    let role = APP_DB_ROLE;
    let appUrl: string;
    if (config.databaseAppUrl) {
      role = decodeURIComponent(new URL(config.databaseAppUrl).username);
      appUrl = config.databaseAppUrl;
    } else {
      const me = await owner.query<{ can: boolean }>('SELECT rolsuper OR rolcreaterole AS can FROM pg_roles WHERE rolname = current_user');
      if (!me.rows[0]?.can) {
        throw new ConfigurationError('The DATABASE_URL role cannot create the application role: create one (see README, "Database roles") and set DATABASE_APP_URL');
      }
      const password = owner.escapeLiteral(config.secrets.dbAppPassword);
      await owner.query(`
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_DB_ROLE}') THEN
            CREATE ROLE ${APP_DB_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
          END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$`);
      await owner.query(`ALTER ROLE ${APP_DB_ROLE} WITH LOGIN PASSWORD ${password}`);
      const url = new URL(ownerUrl);
      url.username = APP_DB_ROLE;
      url.password = encodeURIComponent(config.secrets.dbAppPassword);
      appUrl = url.toString();
    }
    await applyGrants(owner, role);
    return appUrl;
  } finally {
    await owner.end();
  }
}

async function applyGrants(owner: Client, role: string): Promise<void> {
  const r = owner.escapeIdentifier(role);
  const isOwner = await owner.query<{ same: boolean }>('SELECT current_user = $1 AS same', [role]);
  if (isOwner.rows[0]?.same) return; // a single-role deployment: documented as not recommended
  const db = (await owner.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
  await owner.query(`
    GRANT CONNECT ON DATABASE ${owner.escapeIdentifier(db)} TO ${r};
    GRANT USAGE ON SCHEMA public TO ${r};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM ${r};
    REVOKE DELETE, TRUNCATE ON audit_chain_heads FROM ${r};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_legacy_heads FROM ${r};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${r};
    REVOKE UPDATE, DELETE, TRUNCATE ON annual_reports, region_annual_reports FROM ${r};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON equity_reference_versions FROM ${r};
    REVOKE UPDATE, TRUNCATE ON report_changes FROM ${r};
  `);
}
