import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureBuilt } from '../support/build';
import {
  cleanEnv,
  connectOwner,
  fetchJson,
  freePort,
  isAlive,
  pgCtlRun,
  readPostmasterPid,
  ServerProcess,
  sleep,
  startServer,
  stopEmbeddedLeftover,
  stopServer,
  tempDataDir,
  waitReady,
} from '../support/server-process';
import { MEETS } from '../support/situations';
import { TEST_MASTER_KEY } from '../support/test-app';

/**
 * Database outage. The compiled server runs on its own embedded PostgreSQL (temp DATA_DIR); the
 * PostgreSQL under it is stopped with the package's pg_ctl (`-m immediate`, a crash as far as the
 * server can tell). While it is down: /health/ready answers 503 within 2 s, authenticated API calls
 * answer 503 with the contract's error shape within 3 s each (alone and in a burst larger than the
 * pool), /health/live stays 200, and no write attempted meanwhile leaves a row. PostgreSQL is then
 * started again with the same flags the server gives it, and the same server process must recover
 * by itself: /health/ready 200 and API calls 2xx again within a bounded time. A second server
 * process on the same database goes through the outage too; afterwards its LISTEN connection (the
 * principal cache's invalidation) must be back, so a token revoked through one server is refused by
 * the other.
 */

const ADMIN_EMAIL = 'outage-admin@example.test';
const ADMIN_PASSWORD = 'invented-outage-admin-passphrase-4410';
const PASSWORD = 'invented-outage-user-passphrase-9061';
const TEMPORARY_PASSWORD = 'invented-outage-temporary-passphrase-2284';
const JWT_SECRET = 'outage-fault-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const READY_503_WITHIN_MS = 2000;
const API_503_WITHIN_MS = 3000;
const RECOVERY_WITHIN_MS = 30_000;
/** How long PostgreSQL stays down: about what a restart, a minor upgrade or a failover takes. */
const OUTAGE_MS = Number(process.env.OUTAGE_SECONDS ?? 10) * 1000;
const OUTAGE_MARKER = 'Outage write attempt marker.';
const IDENTITY = { givenName: 'Outagina', familyName: 'Downtimer', legalAuthority: 'MFIPPA_S32_H' };

interface Fixture {
  tableId: string;
  agencies: Record<'police' | 'health' | 'housing', string>;
  admin: string;
  coordinator: string;
  police: string;
  housing: string;
  privacy: string;
  coordinatorEmail: string;
  /** a SUBMITTED situation (for a decision during the outage) and an ASSIGNED one (for an identity write) */
  submitted: string;
  assigned: string;
}

type Answer = { status: number; body: Record<string, unknown>; ms: number } | { error: string; ms: number };

describe('database outage: 503 fast, recovery without a restart', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  /** a second server process on the same embedded database (started after the first one) */
  let second: ServerProcess | undefined;
  let f: Fixture;
  let pgPort: number;
  let before: { situations: number; transitions: number; audit: number; vault: number };
  let outageEnded = false;

  beforeAll(async () => {
    ensureBuilt();
    dataDir = tempDataDir('st-outage-');
    const launch = async (): Promise<ServerProcess> => {
      const port = await freePort();
      const env = cleanEnv({
        DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: 'info',
        RATE_LIMIT_ENABLED: 'false',
        JWT_SECRET,
        IDENTITY_MASTER_KEY: TEST_MASTER_KEY,
        BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
        BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      });
      return startServer(env, port);
    };
    server = await launch();
    await waitReady(server);
    // The second process finds the first one's PostgreSQL running and reuses it.
    second = await launch();
    await waitReady(second);
    pgPort = Number(readFileSync(join(dataDir, 'pg-port'), 'utf8').trim());
    f = await setUp(new Http(server.port));
    before = await counts();
  });

  afterAll(async () => {
    if (!outageEnded && dataDir) await pgCtlStart(dataDir, pgPort).catch(() => undefined);
    if (server?.running()) await stopServer(server);
    if (second?.running()) await stopServer(second);
    await stopEmbeddedLeftover(dataDir);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const owner = (): Promise<Client> => connectOwner(dataDir);

  /** Connections to the cluster by application_name (as the owner: superuser slots stay free). */
  const activity = async (): Promise<Record<string, number>> => {
    let db: Client;
    try {
      db = await owner();
    } catch (err) {
      return { [`owner cannot connect either: ${(err as Error).message}`]: -1 };
    }
    try {
      const rows = await db.query<{ app: string; n: number }>(
        `SELECT coalesce(nullif(application_name, ''), '(none)') AS app, count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' GROUP BY 1`,
      );
      return Object.fromEntries(rows.rows.map((r) => [r.app, r.n]));
    } finally {
      await db.end();
    }
  };

  const counts = async () => {
    const db = await owner();
    try {
      const n = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
      return {
        situations: await n('SELECT count(*) AS n FROM situations'),
        transitions: await n('SELECT count(*) AS n FROM situation_transitions'),
        audit: await n('SELECT count(*) AS n FROM audit_entries'),
        vault: await n('SELECT count(*) AS n FROM identity_vault'),
      };
    } finally {
      await db.end();
    }
  };

  /** The calls a client makes, reads and writes, each authenticated. */
  const apiCalls = (): { name: string; method: string; path: string; token?: string; body?: unknown }[] => [
    { name: 'GET /auth/me', method: 'GET', path: '/api/v1/auth/me', token: f.coordinator },
    { name: 'GET /taxonomy', method: 'GET', path: '/api/v1/taxonomy', token: f.police },
    { name: 'GET /tables/:id/situations', method: 'GET', path: `/api/v1/tables/${f.tableId}/situations`, token: f.coordinator },
    { name: 'GET /situations/:id', method: 'GET', path: `/api/v1/situations/${f.submitted}`, token: f.coordinator },
    {
      name: 'POST /tables/:id/situations (intake)',
      method: 'POST',
      path: `/api/v1/tables/${f.tableId}/situations`,
      token: f.police,
      body: { ...MEETS, narrative: `${MEETS.narrative} ${OUTAGE_MARKER}` },
    },
    {
      name: 'POST /situations/:id/decision',
      method: 'POST',
      path: `/api/v1/situations/${f.submitted}/decision`,
      token: f.coordinator,
      body: { outcome: 'AER', rationale: 'Meets the threshold.' },
    },
    { name: 'PUT /situations/:id/identity', method: 'PUT', path: `/api/v1/situations/${f.assigned}/identity`, token: f.housing, body: IDENTITY },
    { name: 'GET /situations/:id/identity', method: 'GET', path: `/api/v1/situations/${f.assigned}/identity?purposeCode=OTHER&purpose=outage%20check`, token: f.housing },
    { name: 'GET /tables/:id/audit/verify', method: 'GET', path: `/api/v1/tables/${f.tableId}/audit/verify`, token: f.privacy },
    { name: 'POST /auth/login', method: 'POST', path: '/api/v1/auth/login', body: { email: f.coordinatorEmail, password: PASSWORD } },
  ];

  it('with PostgreSQL stopped: /health/ready 503 within 2 s, API 503 within 3 s with the error shape, /health/live 200, nothing written', async () => {
    const http = new Http(server!.port);
    const stopStarted = Date.now();
    await pgCtlStopImmediate(dataDir);
    const stopMs = Date.now() - stopStarted;

    const ready: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const r = await http.call('GET', '/health/ready');
      expect('status' in r ? r.status : r.error).toBe(503);
      expect(r.ms).toBeLessThan(READY_503_WITHIN_MS);
      ready.push(r.ms);
    }
    const live = await http.call('GET', '/health/live');
    expect('status' in live && live.status).toBe(200);
    expect(live.ms).toBeLessThan(1000);
    const secondReady = await new Http(second!.port).call('GET', '/health/ready');
    expect('status' in secondReady ? secondReady.status : secondReady.error).toBe(503);
    expect(secondReady.ms).toBeLessThan(READY_503_WITHIN_MS);
    const secondApi = await new Http(second!.port).call('GET', `/api/v1/tables/${f.tableId}/situations`, f.coordinator);
    expect('status' in secondApi ? secondApi.status : secondApi.error).toBe(503);
    expect(secondApi.ms).toBeLessThan(API_503_WITHIN_MS);

    const latencies: string[] = [];
    for (const c of apiCalls()) {
      const r = await http.call(c.method, c.path, c.token, c.body);
      expect({ call: c.name, status: 'status' in r ? r.status : r.error }).toEqual({ call: c.name, status: 503 });
      expect({ call: c.name, ms: r.ms < API_503_WITHIN_MS }).toEqual({ call: c.name, ms: true });
      expect((r as { body: object }).body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'SERVICE_UNAVAILABLE',
        message: expect.any(String),
        requestId: expect.any(String),
      });
      latencies.push(`${c.name} ${r.ms} ms`);
    }

    // A burst larger than the pool (20): every request still answers 503 quickly, none hangs.
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const c = apiCalls()[i % 4];
        return http.call(c.method, c.path, c.token, c.body);
      }),
    );
    expect(burst.map((r) => ('status' in r ? r.status : r.error))).toEqual(Array(40).fill(503));
    const burstMax = Math.max(...burst.map((r) => r.ms));
    expect(burstMax).toBeLessThan(API_503_WITHIN_MS);

    // Still quick at the end of the outage (nothing waits on a dead connection).
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - stopStarted)));
    const later = await http.call('GET', `/api/v1/tables/${f.tableId}/situations`, f.coordinator);
    expect('status' in later && later.status).toBe(503);
    expect(later.ms).toBeLessThan(API_503_WITHIN_MS);
    const readyLater = await http.call('GET', '/health/ready');
    expect('status' in readyLater && readyLater.status).toBe(503);
    expect(readyLater.ms).toBeLessThan(READY_503_WITHIN_MS);

    process.stdout.write(
      [
        `outage: pg_ctl stop -m immediate took ${stopMs} ms`,
        `  /health/ready 503 in ${ready.join(', ')} ms (then ${readyLater.ms} ms after ${Math.round((Date.now() - stopStarted) / 1000)} s down); /health/live 200 in ${live.ms} ms; second server: ready 503 in ${secondReady.ms} ms, API 503 in ${secondApi.ms} ms`,
        `  API 503: ${latencies.join('; ')}`,
        `  burst of 40 concurrent: all 503, slowest ${burstMax} ms; API at the end of the outage: ${later.ms} ms`,
      ].join('\n') + '\n',
    );
  });

  it('PostgreSQL started again: the same server process recovers by itself, nothing half-written', async () => {
    const http = new Http(server!.port);
    const serverPid = server!.child.pid;
    const issued = Date.now();
    await pgCtlStart(dataDir, pgPort);
    outageEnded = true;
    const dbUp = Date.now();

    let firstReady = -1;
    let polls = 0;
    while (Date.now() - dbUp < RECOVERY_WITHIN_MS) {
      polls += 1;
      const r = await http.call('GET', '/health/ready');
      if ('status' in r && r.status === 200) {
        firstReady = Date.now();
        break;
      }
      await sleep(50);
    }
    if (firstReady < 0) {
      throw new Error(
        `the server did not recover within ${RECOVERY_WITHIN_MS} ms of PostgreSQL accepting connections again (outage ${OUTAGE_MS} ms); ` +
          `connections by application: ${JSON.stringify(await activity())}`,
      );
    }

    let firstApi = -1;
    let me: Answer | undefined;
    while (Date.now() - dbUp < RECOVERY_WITHIN_MS) {
      me = await http.call('GET', '/api/v1/auth/me', f.coordinator);
      if ('status' in me && me.status === 200) {
        firstApi = Date.now();
        break;
      }
      await sleep(50);
    }
    expect(firstApi).toBeGreaterThan(0);
    expect(server!.running()).toBe(true);
    expect(server!.child.pid).toBe(serverPid);
    let secondReadyAt = -1;
    while (Date.now() - dbUp < RECOVERY_WITHIN_MS) {
      const r = await new Http(second!.port).call('GET', '/health/ready');
      if ('status' in r && r.status === 200) {
        secondReadyAt = Date.now();
        break;
      }
      await sleep(50);
    }
    expect(secondReadyAt).toBeGreaterThan(0);
    expect(second!.running()).toBe(true);

    // Nothing attempted during the outage was written, half or whole.
    const db = await owner();
    try {
      expect(await counts()).toEqual(before);
      const marker = await db.query('SELECT id FROM situations WHERE narrative LIKE $1', [`%${OUTAGE_MARKER}%`]);
      expect(marker.rows).toEqual([]);
      const submitted = await db.query<{ status: string; version: number; decided_at: Date | null }>('SELECT status, version, decided_at FROM situations WHERE id = $1', [
        f.submitted,
      ]);
      expect(submitted.rows[0]).toEqual({ status: 'SUBMITTED', version: 1, decided_at: null });
      const vault = await db.query('SELECT 1 FROM identity_vault WHERE situation_id = $1', [f.assigned]);
      expect(vault.rowCount).toBe(0);
    } finally {
      await db.end();
    }

    // Reads and writes work again, through every layer.
    const calls: string[] = [];
    const expectOk = async (name: string, method: string, path: string, token: string | undefined, body: unknown, status: number) => {
      const r = await http.call(method, path, token, body);
      expect({ call: name, status: 'status' in r ? r.status : r.error }).toEqual({ call: name, status });
      calls.push(`${name} ${status} in ${r.ms} ms`);
      return (r as { body: Record<string, unknown> }).body;
    };
    await expectOk('GET /tables/:id/situations', 'GET', `/api/v1/tables/${f.tableId}/situations`, f.coordinator, undefined, 200);
    const created = await expectOk('POST intake', 'POST', `/api/v1/tables/${f.tableId}/situations`, f.police, { ...MEETS, narrative: `${MEETS.narrative} After the outage.` }, 201);
    await expectOk('POST decision', 'POST', `/api/v1/situations/${f.submitted}/decision`, f.coordinator, { outcome: 'AER', rationale: 'Meets the threshold.' }, 200);
    await expectOk('PUT identity', 'PUT', `/api/v1/situations/${f.assigned}/identity`, f.housing, IDENTITY, 204);
    const identity = await expectOk('GET identity', 'GET', `/api/v1/situations/${f.assigned}/identity?purposeCode=OTHER&purpose=outage%20check`, f.housing, undefined, 200);
    expect(identity).toMatchObject({ givenName: IDENTITY.givenName, familyName: IDENTITY.familyName });
    await expectOk('POST login', 'POST', '/api/v1/auth/login', undefined, { email: f.coordinatorEmail, password: PASSWORD }, 200);
    const verify = await expectOk('GET audit/verify', 'GET', `/api/v1/tables/${f.tableId}/audit/verify`, f.privacy, undefined, 200);
    expect(verify.valid).toBe(true);
    expect(created.status).toBe('SUBMITTED');

    const after = await counts();
    expect(after.situations).toBe(before.situations + 1);
    expect(after.vault).toBe(before.vault + 1);
    const idle = await owner();
    try {
      const stuck = await idle.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'situation_app' AND state = 'idle in transaction'`);
      expect(stuck.rows[0].n).toBe(0);
    } finally {
      await idle.end();
    }

    process.stdout.write(
      [
        `outage recovery: pg_ctl start -w took ${dbUp - issued} ms; first /health/ready 200 ${firstReady - dbUp} ms after PostgreSQL accepted connections (${polls} polls, ${firstReady - issued} ms after the start command); first authenticated 200 ${firstApi - dbUp} ms after`,
        `  same server process (pid ${serverPid}); second server ready ${secondReadyAt - dbUp} ms after; ${calls.join('; ')}`,
        `  during the outage: 0 rows written (situations ${before.situations}, transitions ${before.transitions}, audit entries ${before.audit}, identities ${before.vault} unchanged)`,
      ].join('\n') + '\n',
    );
  });

  it('after the outage a token revoked through one server is refused by the other (LISTEN connections back)', async () => {
    // Both processes' principal caches listen again, one LISTEN connection each: the outage leaked
    // none (a leak fills max_connections and the pools can no longer connect).
    let connections: Record<string, number> = {};
    const waitStarted = Date.now();
    while (Date.now() - waitStarted < 15_000) {
      connections = await activity();
      if ((connections['situation-table-listen'] ?? 0) >= 2) break;
      await sleep(100);
    }
    const listeners = connections['situation-table-listen'] ?? 0;
    expect({ listen: listeners, connections }).toEqual({ listen: 2, connections });

    const a = new Http(server!.port);
    const b = new Http(second!.port);
    const session = await a.call('POST', '/api/v1/auth/login', undefined, { email: f.coordinatorEmail, password: PASSWORD });
    expect('status' in session && session.status).toBe(200);
    const token = (session as { body: Record<string, unknown> }).body.accessToken as string;
    for (let i = 0; i < 2; i += 1) {
      const me = await b.call('GET', '/api/v1/auth/me', token);
      expect('status' in me && me.status).toBe(200); // the second answer may come from b's cache
    }
    const out = await a.call('POST', '/api/v1/auth/logout', token);
    expect('status' in out && out.status).toBe(204);
    const revokedAt = Date.now();
    const answers: number[] = [];
    for (;;) {
      const me = await b.call('GET', '/api/v1/auth/me', token);
      answers.push('status' in me ? me.status : -1);
      if (answers[answers.length - 1] === 401 || Date.now() - revokedAt > 2000) break;
      await sleep(20);
    }
    expect(answers[answers.length - 1]).toBe(401);
    process.stdout.write(
      `outage, second server: ${listeners} LISTEN connections back ${Date.now() - waitStarted} ms into the check; revoked token refused by the other server after ${answers.length} request(s) (${answers.join(', ')})\n`,
    );
  });

  it('both servers stop on SIGTERM afterwards; no PostgreSQL is left running', async () => {
    const first = await stopServer(server!);
    const pid = readPostmasterPid(dataDir);
    const afterFirst = pid !== null && isAlive(pid);
    const other = await stopServer(second!);
    const afterSecond = pid !== null && isAlive(pid);
    process.stdout.write(
      [
        `outage shutdown: first server (started the embedded PostgreSQL; it was restarted under it by pg_ctl) SIGTERM -> exit ${first.code ?? first.signal} in ${first.ms} ms; PostgreSQL ${afterFirst ? `still running (pid ${pid})` : 'stopped'}`,
        `  second server (reused the running PostgreSQL) SIGTERM -> exit ${other.code ?? other.signal} in ${other.ms} ms; PostgreSQL ${afterSecond ? `still running (pid ${pid})` : 'stopped'}`,
      ].join('\n') + '\n',
    );
    // Both exit within the grace period (a hang would have needed SIGKILL).
    expect(first.signal).toBeNull();
    expect(other.signal).toBeNull();
    expect(server!.running() || second!.running()).toBe(false);
    await stopEmbeddedLeftover(dataDir);
    expect(pid === null || !isAlive(pid)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// helpers

async function setUp(http: Http): Promise<Fixture> {
  const ok = async (method: string, path: string, token: string | undefined, body: unknown, expected: number): Promise<Record<string, unknown>> => {
    const res = await http.call(method, path, token, body);
    if ('error' in res || res.status !== expected) throw new Error(`${method} ${path}: ${'error' in res ? res.error : `${res.status} ${JSON.stringify(res.body)}`}`);
    return res.body;
  };
  const login = async (email: string, password: string) => (await ok('POST', '/api/v1/auth/login', undefined, { email, password }, 200)).accessToken as string;
  const admin = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
  const sectors = { police: 'POLICE', health: 'HEALTH', housing: 'HOUSING' } as const;
  const tableId = (await ok('POST', '/api/v1/tables', admin, { name: 'Outage Table', code: 'OUT' }, 201)).id as string;
  const agencies = {} as Fixture['agencies'];
  for (const [key, sector] of Object.entries(sectors)) {
    agencies[key as keyof typeof sectors] = (await ok('POST', '/api/v1/agencies', admin, { name: `Outage ${key}`, sector }, 201)).id as string;
    await ok('POST', `/api/v1/tables/${tableId}/agencies`, admin, { agencyId: agencies[key as keyof typeof sectors] }, 201);
  }
  const member = async (agency: keyof typeof sectors, role: string, email: string): Promise<string> => {
    // The administrator's password is temporary: the user signs in with it and chooses PASSWORD.
    const user = await ok('POST', '/api/v1/users', admin, { email, displayName: 'Outage User', password: TEMPORARY_PASSWORD, agencyId: agencies[agency] }, 201);
    await ok('POST', `/api/v1/tables/${tableId}/roles`, admin, { userId: user.id, role }, 201);
    const first = await login(email, TEMPORARY_PASSWORD);
    await ok('POST', '/api/v1/auth/password', first, { currentPassword: TEMPORARY_PASSWORD, newPassword: PASSWORD }, 204);
    return first;
  };
  const coordinatorEmail = 'outage-coordinator@example.test';
  const coordinator = await member('health', 'COORDINATOR', coordinatorEmail);
  const police = await member('police', 'AGENCY_REP', 'outage-police@example.test');
  const housing = await member('housing', 'AGENCY_REP', 'outage-housing@example.test');
  const privacy = await member('housing', 'PRIVACY_OFFICER', 'outage-privacy@example.test');
  const submitted = (await ok('POST', `/api/v1/tables/${tableId}/situations`, police, MEETS, 201)).id as string;
  const assigned = (await ok('POST', `/api/v1/tables/${tableId}/situations`, police, MEETS, 201)).id as string;
  await ok('POST', `/api/v1/situations/${assigned}/decision`, coordinator, { outcome: 'AER', rationale: 'Meets the threshold.' }, 200);
  await ok('POST', `/api/v1/situations/${assigned}/assignment`, coordinator, { leadAgencyId: agencies.housing, assistingAgencyIds: [agencies.health] }, 200);
  return { tableId, agencies, admin, coordinator, police, housing, privacy, coordinatorEmail, submitted, assigned };
}

class Http {
  constructor(readonly port: number) {}

  async call(method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
    const started = Date.now();
    try {
      // longer than any bound asserted here: a hang shows as a slow answer, not a client abort
      const res = await fetchJson(this.port, method, path, { token, body, timeoutMs: 30_000 });
      return { ...res, ms: Date.now() - started };
    } catch (err) {
      return { error: (err as Error).message, ms: Date.now() - started };
    }
  }
}

// ---- PostgreSQL control with the embedded package's pg_ctl --------------------------------------

async function pgCtlStopImmediate(dataDir: string): Promise<void> {
  await pgCtlRun(['-D', join(dataDir, 'pg'), 'stop', '-m', 'immediate', '-w', '-t', '30']);
}

/**
 * Starts the cluster the way src/database/embedded-postgres.ts does (`-p <port> -c
 * listen_addresses=127.0.0.1 -c unix_socket_directories=`). The server log goes to a file in the
 * data directory: pg_ctl's own output pipe would stay open in the postmaster.
 */
async function pgCtlStart(dataDir: string, port: number): Promise<void> {
  const pgDir = join(dataDir, 'pg');
  await pgCtlRun(['-D', pgDir, '-l', join(pgDir, 'outage-restart.log'), '-o', `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=`, '-w', '-t', '60', 'start']);
}
