import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../support/build';
import { cleanEnv, freePort, ServerProcess, startServer, stopEmbeddedLeftover, stopServer, tempDataDir, waitReady } from '../support/server-process';
import { TEST_AUDIT_SIGNING_KEY, TEST_MASTER_KEY } from '../support/test-app';

/**
 * `npm start` with no DATABASE_URL: the compiled server starts its own PostgreSQL under DATA_DIR,
 * migrates, creates the bootstrap admin, serves, stops cleanly on SIGTERM, and starts again on the
 * same directory. Production refuses to start without strong secrets.
 */
jest.setTimeout(180_000);

const ADMIN_EMAIL = 'bootstrap-admin@example.test';
const ADMIN_PASSWORD = 'invented-bootstrap-passphrase-7301';

describe('npm start on the embedded database', () => {
  let dataDir: string;
  const servers: ServerProcess[] = [];

  beforeAll(() => {
    ensureBuilt();
    dataDir = tempDataDir('st-start-');
  });
  afterAll(async () => {
    for (const s of servers) if (s.running()) await stopServer(s);
    await stopEmbeddedLeftover(dataDir);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const launch = async (): Promise<ServerProcess> => {
    const port = await freePort();
    const server = startServer(
      cleanEnv({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info', BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL, BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD }),
      port,
    );
    servers.push(server);
    return server;
  };

  const listening = (server: ServerProcess): { startMs: number; databaseMs: number } => {
    const line = server.logs().find((l) => l.msg === 'server listening');
    expect(line).toBeDefined();
    expect(typeof line!.startMs).toBe('number');
    expect(typeof line!.databaseMs).toBe('number');
    return { startMs: line!.startMs as number, databaseMs: line!.databaseMs as number };
  };

  const stopsCleanly = async (server: ServerProcess): Promise<void> => {
    const stopped = await stopServer(server, 20_000);
    expect({ code: stopped.code, signal: stopped.signal }).toEqual({ code: 0, signal: null });
    expect(stopped.ms).toBeLessThan(20_000);
    // The embedded PostgreSQL stopped with it (no orphan holding postmaster.pid).
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
  };

  const secretValues = (): string[] => {
    const stored = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    return Object.values(stored);
  };

  it('first start: initialises the database, serves, signs the bootstrap admin in, stops on SIGTERM', async () => {
    const server = await launch();
    const ready = await waitReady(server, { timeoutMs: 60_000, pollMs: 200 });
    expect(ready.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, migrations: { status: 'up' } } });
    expect(server.logs().find((l) => l.msg === 'embedded PostgreSQL ready')).toMatchObject({ embedded: true });
    expect(server.logs().some((l) => l.msg === 'bootstrap administrator created')).toBe(true);

    const login = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const session = (await login.json()) as { accessToken: string; user: { isAdmin: boolean; email: string } };
    expect(session.user).toMatchObject({ isAdmin: true, email: ADMIN_EMAIL });
    const me = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/me`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(me.status).toBe(200);

    const docs = await fetch(`http://127.0.0.1:${server.port}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(await docs.text()).toMatch(/swagger/i);
    const spec = await fetch(`http://127.0.0.1:${server.port}/docs-json`);
    expect(spec.status).toBe(200);
    const paths = Object.keys(((await spec.json()) as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/health/ready']));

    const first = listening(server);
    process.stdout.write(`embedded start, first (fresh DATA_DIR): startMs=${first.startMs} databaseMs=${first.databaseMs}\n`);

    // Secrets were generated once, kept private, and never logged.
    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret?: string };
    expect(stored.jwtSecret?.length).toBeGreaterThanOrEqual(32);
    expect(server.output()).toContain('JWT_SECRET not set');

    await stopsCleanly(server);
    const output = server.output();
    for (const secret of secretValues()) expect(output).not.toContain(secret);
    expect(output).not.toContain(ADMIN_PASSWORD);
    expect(output).not.toContain(session.accessToken);
  });

  it('second start on the same DATA_DIR: reuses the cluster and the secrets, stops on SIGTERM', async () => {
    const before = readFileSync(join(dataDir, 'secrets.json'), 'utf8');
    const server = await launch();
    const ready = await waitReady(server, { timeoutMs: 60_000, pollMs: 200 });
    expect(ready.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, migrations: { status: 'up' } } });
    // The admin exists already: not created twice, and the same password still works.
    expect(server.logs().some((l) => l.msg === 'bootstrap administrator created')).toBe(false);
    const login = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toBe(before);
    expect(server.output()).not.toContain('JWT_SECRET not set');

    const second = listening(server);
    process.stdout.write(`embedded start, second (initialised DATA_DIR): startMs=${second.startMs} databaseMs=${second.databaseMs}\n`);

    await stopsCleanly(server);
    const output = server.output();
    for (const secret of secretValues()) expect(output).not.toContain(secret);
    expect(output).not.toContain(ADMIN_PASSWORD);
  });
});

describe('production start without strong secrets', () => {
  let dataDir: string;

  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'st-prod-'));
  });
  afterAll(async () => {
    await stopEmbeddedLeftover(dataDir);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['missing', undefined],
    ['weak', 'secret'],
    ['too short', 'k3Y!x9#q'],
  ])('refuses to start with a %s JWT_SECRET and says so', async (_label, jwtSecret) => {
    const port = await freePort();
    const server = startServer(cleanEnv({ NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(port), JWT_SECRET: jwtSecret, IDENTITY_MASTER_KEY: TEST_MASTER_KEY }), port);
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000).unref());
    const result = await Promise.race([server.exited, timer]);
    if (result === 'timeout') await stopServer(server);
    expect(result).not.toBe('timeout');
    const { code, signal } = result as { code: number | null; signal: NodeJS.Signals | null };
    expect(signal).toBeNull();
    expect(code).not.toBe(0);
    expect(server.output()).toMatch(/JWT_SECRET/);
    if (jwtSecret) expect(server.output()).not.toContain(`"${jwtSecret}"`);
    // It stopped before touching the database or writing secrets.
    expect(existsSync(join(dataDir, 'pg'))).toBe(false);
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
  });

  it('from a private directory (mode 0700) with no DATABASE_URL: as root one clear line saying why and what to set, no stack trace; as anyone else it starts', async () => {
    const privateDir = mkdtempSync(join(tmpdir(), 'st-private-'));
    chmodSync(privateDir, 0o700);
    const port = await freePort();
    const server = startServer(cleanEnv({ DATA_DIR: join(privateDir, 'data'), PORT: String(port) }), port);
    try {
      if (typeof process.getuid === 'function' && process.getuid() === 0) {
        const result = await Promise.race([server.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000).unref())]);
        expect(result).not.toBe('timeout');
        expect((result as { code: number | null }).code).not.toBe(0);
        const failure = server
          .output()
          .split('\n')
          .filter((l) => l.startsWith('startup failed'));
        expect(failure).toHaveLength(1);
        expect(failure[0]).toContain(`cannot enter ${privateDir} (mode 700)`);
        expect(failure[0]).toMatch(/set DATA_DIR .* or set DATABASE_URL/);
        expect(server.output()).not.toMatch(/\n\s+at /);
        expect(existsSync(join(privateDir, 'data', 'pg'))).toBe(false);
      } else {
        await waitReady(server);
        await stopServer(server);
      }
    } finally {
      if (server.running()) await stopServer(server);
      rmSync(privateDir, { recursive: true, force: true });
    }
  });

  it('a replica given only DATABASE_APP_URL (no owner credentials): no embedded database, no migration, serves and is ready on a migrated database', async () => {
    const appUrl = process.env.TEST_APP_DATABASE_URL;
    if (!appUrl) throw new Error('TEST_APP_DATABASE_URL is not set: run the suite through jest (global setup)');
    const dir = tempDataDir('st-replica-');
    const port = await freePort();
    const server = startServer(
      cleanEnv({ DATABASE_APP_URL: appUrl, DATA_DIR: dir, PORT: String(port), IDENTITY_MASTER_KEY: TEST_MASTER_KEY, AUDIT_SIGNING_KEY: TEST_AUDIT_SIGNING_KEY }),
      port,
    );
    try {
      const ready = await waitReady(server);
      expect(ready.body).toMatchObject({ status: 'ok' });
      const line = server.logs().find((l) => l.msg === 'database ready');
      expect(line).toMatchObject({ embedded: false });
      expect(existsSync(join(dir, 'pg'))).toBe(false);
    } finally {
      await stopServer(server);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
