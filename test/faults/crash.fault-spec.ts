import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { toMasterKey } from '../../src/modules/identity-vault/envelope-crypto';
import { openStoredRow, StoredVaultRow } from '../support/vault';
import { ensureBuilt } from '../support/build';
import {
  cleanEnv,
  connectOwner,
  fetchJson,
  freePort,
  isAlive,
  readPostmasterPid,
  runCli,
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
 * Crash safety. The compiled server runs on its own embedded PostgreSQL (temp DATA_DIR) under 30
 * concurrent client loops (intakes, decisions - some of them racing -, withdrawals, assignments,
 * identity writes) for 2-3 s (longer on a slow machine, up to 15 s, until a few identity writes were
 * acknowledged); it is killed with SIGKILL mid-load, restarted on the same DATA_DIR, and the
 * database is checked (as the owner, URL from DATA_DIR/secrets.json and DATA_DIR/pg-port):
 *   (a) every audit chain verifies (CLI `audit:verify` and GET /tables/:id/audit/verify);
 *   (b) every stored state change has its audit entry and every audit entry its change;
 *   (c) no situation is partly written;
 *   (d) every change a client got a 2xx for is there (and nothing a client got a 4xx for).
 * Three kill/restart cycles; the third also SIGKILLs the PostgreSQL postmaster (a power cut: the
 * next start goes through WAL crash recovery). Then a replica run: a second server on the same
 * database, clients spread over both (racing decisions reach different servers), one SIGKILLed
 * mid-load; the survivor serves on and the same checks hold through it.
 */

const ADMIN_EMAIL = 'crash-admin@example.test';
const ADMIN_PASSWORD = 'invented-crash-admin-passphrase-1187';
const PASSWORD = 'invented-crash-user-passphrase-5523';
const TEMPORARY_PASSWORD = 'invented-crash-temporary-passphrase-3391';
const JWT_SECRET = 'crash-fault-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const LOOPS = 30;
const RUNS = 3;
const MIN_IDENTITY_WRITES = 3;
const MASTER = toMasterKey(Buffer.from(TEST_MASTER_KEY, 'base64'));
const TRANSITION_AUDIT: Record<string, string> = {
  DECIDE_AER: 'situation.decide',
  DECIDE_NOT_AER: 'situation.decide',
  WITHDRAW: 'situation.withdraw',
  ASSIGN: 'situation.assign',
  MOBILIZE: 'situation.mobilize',
  CLOSE: 'situation.close',
};
const STATE_ACTIONS = ['situation.submit', ...new Set(Object.values(TRANSITION_AUDIT))];

type Status = 'SUBMITTED' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN' | 'ASSIGNED';

interface IdentitySent {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  address: string;
  legalAuthority: string;
}

/** What the clients were told about one situation. */
interface Tracked {
  id: string;
  run: number;
  /** the last status a 2xx confirmed */
  acked: Status;
  /** statuses a request without a definite answer (network error, 5xx) may have reached */
  maybe: Status[];
  /** statuses a request answered with 4xx tried and must therefore not have reached */
  refused: Status[];
  identity?: IdentitySent;
  identityMaybe: IdentitySent[];
}

interface Fixture {
  tableId: string;
  agencies: Record<'police' | 'health' | 'housing' | 'school', string>;
  admin: string;
  coordinator: string;
  reps: Record<'police' | 'health' | 'housing' | 'school', string>;
  privacy: string;
}

interface RunStats {
  acked: Record<'intake' | 'decision' | 'racingDecision' | 'withdrawal' | 'assignment' | 'identity', number>;
  refused409: number;
  unknown: number;
  serverErrors: number;
  inFlightAtKill: number;
  requests: number;
  loadMs: number;
}

describe('crash safety: kill -9 under load, restart, verify', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  let fixture: Fixture;
  const tracked = new Map<string, Tracked>();
  let unknownIntakes = 0;
  let seq = 0;

  beforeAll(async () => {
    ensureBuilt();
    dataDir = tempDataDir('st-crash-');
    server = await launch();
    await waitReady(server);
    fixture = await setUp(server.port);
  });

  afterAll(async () => {
    if (server?.running()) {
      const stopped = await stopServer(server);
      process.stdout.write(`crash: final SIGTERM stop: exit ${stopped.code ?? stopped.signal} in ${stopped.ms} ms\n`);
    }
    const leftover = await stopEmbeddedLeftover(dataDir);
    if (leftover) process.stdout.write('crash: the embedded PostgreSQL was still running after the server stopped; stopped it with pg_ctl\n');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (port: number): NodeJS.ProcessEnv =>
    cleanEnv({
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'info',
      RATE_LIMIT_ENABLED: 'false',
      JWT_SECRET,
      IDENTITY_MASTER_KEY: TEST_MASTER_KEY,
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    });

  const launch = async (): Promise<ServerProcess> => {
    const port = await freePort();
    return startServer(env(port), port);
  };

  const owner = (): Promise<Client> => connectOwner(dataDir);

  // ---- load -----------------------------------------------------------------------------------

  /**
   * Runs the client loops against `ports` (loop n on ports[n % ports.length], as a load balancer
   * spreads clients) and SIGKILLs `victim` mid-load.
   */
  async function drive(run: number, ports: number[], victim: ServerProcess, killAfterMs: number, alsoKillPostgres: boolean): Promise<RunStats> {
    const https = ports.map((p) => new Http(p));
    const stats: RunStats = {
      acked: { intake: 0, decision: 0, racingDecision: 0, withdrawal: 0, assignment: 0, identity: 0 },
      refused409: 0,
      unknown: 0,
      serverErrors: 0,
      inFlightAtKill: 0,
      requests: 0,
      loadMs: 0,
    };
    let killed = false;
    const f = fixture;

    /** Sends one request and classifies its answer: ok (2xx), refused (4xx), unknown (5xx or no answer). */
    const send = async (
      http: Http,
      method: string,
      path: string,
      token: string,
      body?: unknown,
    ): Promise<{ kind: 'ok' | 'refused' | 'unknown'; status?: number; body?: Record<string, unknown> }> => {
      stats.requests += 1;
      const res = await http.call(method, path, token, body);
      if ('error' in res) {
        stats.unknown += 1;
        return { kind: 'unknown' };
      }
      if (res.status >= 200 && res.status < 300) return { kind: 'ok', status: res.status, body: res.body };
      if (res.status >= 500) {
        stats.unknown += 1;
        if (!killed) stats.serverErrors += 1;
        return { kind: 'unknown', status: res.status };
      }
      if (res.status === 409) stats.refused409 += 1;
      else if (!killed) throw new Error(`unexpected ${res.status} on ${method} ${path}: ${JSON.stringify(res.body)}`);
      return { kind: 'refused', status: res.status, body: res.body };
    };

    /** Applies the answer of a request that tried to move `t` to `to`; true when it moved. */
    const settle = (t: Tracked, to: Status, kind: 'ok' | 'refused' | 'unknown'): boolean => {
      if (kind === 'ok') {
        t.acked = to;
        t.maybe = [];
        return true;
      }
      if (kind === 'unknown') t.maybe.push(to);
      else t.refused.push(to);
      return false;
    };

    const loop = async (n: number): Promise<void> => {
      const http = https[n % https.length];
      while (!killed) {
        const originating = n % 2 === 0 ? 'police' : 'school';
        const intake = await send(http, 'POST', `/api/v1/tables/${f.tableId}/situations`, f.reps[originating], {
          ...MEETS,
          narrative: `${MEETS.narrative} Crash run ${run}, loop ${n}.`,
        });
        if (intake.kind !== 'ok') {
          if (intake.kind === 'unknown') unknownIntakes += 1;
          continue;
        }
        stats.acked.intake += 1;
        const t: Tracked = { id: intake.body!.id as string, run, acked: 'SUBMITTED', maybe: [], refused: [], identityMaybe: [] };
        tracked.set(t.id, t);
        if (killed) break;

        const roll = Math.random();
        if (roll < 0.1) {
          const w = await send(http, 'POST', `/api/v1/situations/${t.id}/withdraw`, f.reps[originating]);
          if (settle(t, 'WITHDRAWN', w.kind)) stats.acked.withdrawal += 1;
          continue;
        }
        if (roll < 0.25) {
          // Two coordinators' clicks at once: exactly one decision may win.
          const [aer, notAer] = await Promise.all([
            send(http, 'POST', `/api/v1/situations/${t.id}/decision`, f.coordinator, { outcome: 'AER', rationale: 'Meets the threshold.' }),
            // with two servers, the second click reaches the other one
            send(https[(n + 1) % https.length], 'POST', `/api/v1/situations/${t.id}/decision`, f.coordinator, {
              outcome: 'NOT_AER',
              rationale: 'The table finds a single agency can respond to this.',
            }),
          ]);
          if (aer.kind === 'ok' && notAer.kind === 'ok') throw new Error(`both racing decisions on ${t.id} succeeded`);
          const a = settle(t, 'ACCEPTED', aer.kind);
          const r = settle(t, 'REJECTED', notAer.kind);
          if (a || r) stats.acked.racingDecision += 1;
          if (!a) continue;
        } else {
          const outcome = roll < 0.35 ? 'NOT_AER' : 'AER';
          const d = await send(http, 'POST', `/api/v1/situations/${t.id}/decision`, f.coordinator, {
            outcome,
            rationale: outcome === 'AER' ? 'Meets the threshold.' : 'The table finds a single agency can respond to this.',
          });
          const moved = settle(t, outcome === 'AER' ? 'ACCEPTED' : 'REJECTED', d.kind);
          if (moved) stats.acked.decision += 1;
          if (!moved || outcome === 'NOT_AER') continue;
        }
        if (killed) break;

        const assign = await send(http, 'POST', `/api/v1/situations/${t.id}/assignment`, f.coordinator, {
          leadAgencyId: f.agencies.housing,
          assistingAgencyIds: [f.agencies.health],
        });
        if (!settle(t, 'ASSIGNED', assign.kind)) continue;
        stats.acked.assignment += 1;

        const writes = Math.random() < 0.3 ? 2 : 1;
        for (let w = 0; w < writes && !killed; w += 1) {
          seq += 1;
          const identity: IdentitySent = {
            givenName: `Given${run}n${seq}`,
            familyName: `Family${n}x${seq}`,
            dateOfBirth: '1970-01-01',
            address: `${seq} Invented Street`,
            legalAuthority: 'MFIPPA_S32_H',
          };
          // the lead agency writes first; a second write comes from the originating agency
          const res = await send(http, 'PUT', `/api/v1/situations/${t.id}/identity`, w === 0 ? f.reps.housing : f.reps[originating], identity);
          if (res.kind === 'ok') {
            t.identity = identity;
            t.identityMaybe = [];
            stats.acked.identity += 1;
          } else if (res.kind === 'unknown') {
            t.identityMaybe.push(identity);
            break;
          } else {
            throw new Error(`identity write refused: ${res.status} ${JSON.stringify(res.body)}`);
          }
        }
      }
    };

    const started = Date.now();
    const failures: unknown[] = [];
    const loops = Array.from({ length: LOOPS }, (_, n) => loop(n).catch((err: unknown) => void failures.push(err)));
    await sleep(killAfterMs);
    // On a loaded machine 2-3 s may not reach the identity writes: give the loops up to 15 s for a few.
    while (stats.acked.identity < MIN_IDENTITY_WRITES && Date.now() - started < 15_000 && failures.length === 0) await sleep(100);
    // kill at a random moment of the last 400 ms window, not right after an acknowledgement
    await sleep(Math.floor(Math.random() * 400));
    killed = true;
    stats.inFlightAtKill = https.reduce((n, h) => n + h.inFlight, 0);
    victim.child.kill('SIGKILL');
    const postmasterPid = readPostmasterPid(dataDir);
    if (alsoKillPostgres && postmasterPid) process.kill(postmasterPid, 'SIGKILL');
    stats.loadMs = Date.now() - started;
    await Promise.all(loops);
    await victim.exited;
    if (failures.length) throw failures[0];
    return stats;
  }

  // ---- checks ----------------------------------------------------------------------------------

  interface Verified {
    chains: number;
    entriesChecked: number;
    apiChecked: number;
    situations: number;
    submitEntries: number;
    transitions: number;
    transitionEntries: number;
    assignments: number;
    assignEntries: number;
    identities: number;
    identityWriteEntries: number;
    decrypted: number;
    ackedFound: number;
    ackedIdentitiesFound: number;
    maybeApplied: number;
    maybeNotApplied: number;
  }

  async function verify(port: number): Promise<Verified> {
    const db = await owner();
    try {
      // (a) the audit chains, by the operations CLI (same environment as the server) and by the API
      const cli = await runCli(['audit:verify'], { ...env(port), LOG_LEVEL: 'warn' });
      if (cli.code !== 0) throw new Error(`audit:verify exited ${cli.code}:\n${cli.stdout}\n${cli.stderr}`);
      const report = JSON.parse(cli.stdout) as { valid: boolean; chains: { chainId: string; valid: boolean; checked: number }[] };
      expect(report.valid).toBe(true);
      expect(report.chains.map((c) => c.chainId)).toEqual(expect.arrayContaining(['system', fixture.tableId]));
      const api = await new Http(port).call('GET', `/api/v1/tables/${fixture.tableId}/audit/verify`, fixture.privacy);
      expect('status' in api && api.status).toBe(200);
      const apiBody = (api as { body: Record<string, unknown> }).body as { valid: boolean; checked: number };
      expect(apiBody.valid).toBe(true);
      const heads = await db.query<{ chain_id: string; seq: string; n: string }>(
        `SELECT h.chain_id, h.seq::text AS seq, (SELECT count(*) FROM audit_entries e WHERE e.chain_id = h.chain_id)::text AS n FROM audit_chain_heads h`,
      );
      for (const h of heads.rows) expect({ chain: h.chain_id, seq: h.seq }).toEqual({ chain: h.chain_id, seq: h.n });

      // (b) state changes <-> audit entries
      const noSubmitEntry = await db.query(
        `SELECT s.id, coalesce(a.n, 0) AS n FROM situations s
         LEFT JOIN (SELECT situation_id, count(*) AS n FROM audit_entries WHERE action = 'situation.submit' AND outcome = 'SUCCESS' GROUP BY situation_id) a
           ON a.situation_id = s.id
         WHERE coalesce(a.n, 0) <> 1`,
      );
      expect(noSubmitEntry.rows).toEqual([]);
      const orphanSubmitEntries = await db.query(
        `SELECT a.chain_id, a.seq FROM audit_entries a LEFT JOIN situations s ON s.id = a.situation_id
         WHERE a.action = 'situation.submit' AND a.outcome = 'SUCCESS' AND s.id IS NULL`,
      );
      expect(orphanSubmitEntries.rows).toEqual([]);

      const transitions = await db.query<{ situation_id: string; action: string; from_status: string | null; to_status: string }>(
        'SELECT situation_id, action, from_status, to_status FROM situation_transitions',
      );
      const entries = await db.query<{ situation_id: string; action: string; details: string }>(
        `SELECT situation_id, action, details FROM audit_entries WHERE outcome = 'SUCCESS' AND action = ANY($1::text[])`,
        [STATE_ACTIONS],
      );
      const fromTransitions = new Map<string, number>();
      for (const t of transitions.rows) {
        // The intake's transition row (action SUBMIT) is the one without a from-status.
        const action = t.from_status === null ? 'situation.submit' : TRANSITION_AUDIT[t.action];
        expect(action).toBeDefined();
        bump(fromTransitions, `${t.situation_id}|${action}|${t.to_status}`);
      }
      const fromEntries = new Map<string, number>();
      for (const e of entries.rows) {
        const to = e.action === 'situation.submit' ? 'SUBMITTED' : (JSON.parse(e.details) as { to?: string }).to;
        bump(fromEntries, `${e.situation_id}|${e.action}|${to}`);
      }
      expect(diff(fromTransitions, fromEntries)).toEqual({ onlyInStore: [], onlyInAudit: [] });

      const assignments = await db.query<{ situation_id: string; n: string }>('SELECT situation_id, count(*)::text AS n FROM situation_assignments GROUP BY situation_id');
      const assignEntries = await db.query<{ situation_id: string; n: string }>(
        `SELECT situation_id, count(*)::text AS n FROM audit_entries WHERE action = 'situation.assign' AND outcome = 'SUCCESS' GROUP BY situation_id`,
      );
      const countsOf = (rows: { situation_id: string; n: string }[]) => new Map(rows.map((r) => [r.situation_id, Number(r.n)]));
      expect(diff(countsOf(assignments.rows), countsOf(assignEntries.rows))).toEqual({ onlyInStore: [], onlyInAudit: [] });

      const vaultWithoutEntry = await db.query(
        `SELECT v.situation_id FROM identity_vault v
         WHERE NOT EXISTS (SELECT 1 FROM audit_entries a WHERE a.action = 'identity.write' AND a.outcome = 'SUCCESS' AND a.situation_id = v.situation_id)`,
      );
      expect(vaultWithoutEntry.rows).toEqual([]);
      const entryWithoutVault = await db.query(
        `SELECT a.chain_id, a.seq FROM audit_entries a
         WHERE a.action = 'identity.write' AND a.outcome = 'SUCCESS' AND NOT EXISTS (SELECT 1 FROM identity_vault v WHERE v.situation_id = a.situation_id)`,
      );
      expect(entryWithoutVault.rows).toEqual([]);

      // (c) nothing partly written
      const partial = await db.query<{ id: string; status: string; problem: string }>(`
        WITH t AS (
          SELECT situation_id, count(*) AS n, (array_agg(to_status ORDER BY id DESC))[1] AS last_to FROM situation_transitions GROUP BY situation_id
        ), a AS (SELECT situation_id, count(*) AS n FROM situation_assignments GROUP BY situation_id)
        SELECT s.id, s.status, p.problem FROM situations s
        LEFT JOIN t ON t.situation_id = s.id
        LEFT JOIN a ON a.situation_id = s.id
        CROSS JOIN LATERAL (VALUES
          (CASE WHEN t.n IS NULL THEN 'no transition row' END),
          (CASE WHEN t.last_to IS DISTINCT FROM s.status THEN 'last transition is not the current status' END),
          (CASE WHEN s.version <> coalesce(t.n, 0) THEN 'version does not count the transitions' END),
          (CASE WHEN s.status = 'SUBMITTED' AND (s.decided_at IS NOT NULL OR s.decision_outcome IS NOT NULL OR s.lead_agency_id IS NOT NULL OR s.narrative IS NULL) THEN 'submitted with later fields' END),
          (CASE WHEN s.status = 'ACCEPTED' AND (s.decided_at IS NULL OR s.decided_by IS NULL OR s.decision_outcome IS DISTINCT FROM 'AER' OR s.lead_agency_id IS NOT NULL) THEN 'accepted without its decision' END),
          (CASE WHEN s.status = 'REJECTED' AND (s.decided_at IS NULL OR s.decision_outcome IS DISTINCT FROM 'NOT_AER' OR s.narrative IS NOT NULL OR s.risk_factors IS NOT NULL) THEN 'rejected without its decision or not reduced to a stub' END),
          (CASE WHEN s.status = 'WITHDRAWN' AND (s.withdrawn_at IS NULL OR s.decided_at IS NOT NULL OR s.narrative IS NOT NULL) THEN 'withdrawn without withdrawn_at or not a stub' END),
          (CASE WHEN s.status = 'ASSIGNED' AND (s.lead_agency_id IS NULL OR s.lead_sector IS NULL OR s.assigned_at IS NULL OR s.decision_outcome IS DISTINCT FROM 'AER' OR s.decided_at IS NULL OR a.n IS NULL) THEN 'assigned without its lead agency, decision or assignment row' END),
          (CASE WHEN s.status IN ('SUBMITTED','ACCEPTED','REJECTED','WITHDRAWN') AND a.n IS NOT NULL THEN 'assignment row before assignment' END),
          (CASE WHEN EXISTS (SELECT 1 FROM identity_vault v WHERE v.situation_id = s.id) AND s.status NOT IN ('ASSIGNED','MOBILIZED','CLOSED') THEN 'identity before assignment' END)
        ) AS p(problem)
        WHERE p.problem IS NOT NULL`);
      expect(partial.rows).toEqual([]);
      const counters = await db.query(
        `SELECT c.table_id, c.year, c.last, (SELECT count(*) FROM situations s WHERE s.table_id = c.table_id AND s.reference LIKE '%-' || c.year || '-%')::int AS n
         FROM situation_reference_counters c`,
      );
      for (const c of counters.rows) expect({ table: c.table_id, last: c.last }).toEqual({ table: c.table_id, last: c.n });

      // Every stored identity opens with the master key and the KEKs of DATA_DIR/identity-keks (wrapped
      // key, ciphertexts, row MAC and bindings intact: no KEK lost or half-written by the crash).
      const vault = await db.query<StoredVaultRow>('SELECT * FROM identity_vault WHERE purged_at IS NULL');
      const opened = new Map<string, Record<string, string>>();
      for (const v of vault.rows) opened.set(v.situation_id, (await openStoredRow(v, MASTER.key, join(dataDir, 'identity-keks'))) as Record<string, string>);

      // (d) what clients were told
      const rows = await db.query<{ id: string; status: Status }>('SELECT id, status FROM situations');
      const stored = new Map(rows.rows.map((r) => [r.id, r.status]));
      let ackedFound = 0;
      let ackedIdentitiesFound = 0;
      let maybeApplied = 0;
      let maybeNotApplied = 0;
      const problems: string[] = [];
      for (const t of tracked.values()) {
        const status = stored.get(t.id);
        if (!status) {
          problems.push(`${t.id}: acknowledged intake missing`);
          continue;
        }
        ackedFound += 1;
        if (status !== t.acked && !t.maybe.includes(status)) problems.push(`${t.id}: ${status}, acknowledged ${t.acked}, maybe [${t.maybe.join(',')}]`);
        if (t.refused.includes(status) && status !== t.acked) problems.push(`${t.id}: ${status} although that request was refused`);
        if (t.maybe.length) {
          if (status === t.acked) maybeNotApplied += 1;
          else maybeApplied += 1;
        }
        const identity = opened.get(t.id);
        if (t.identity) {
          const candidates = [t.identity, ...t.identityMaybe];
          if (!identity) problems.push(`${t.id}: acknowledged identity missing`);
          else if (!candidates.some((c) => sameIdentity(identity, c))) problems.push(`${t.id}: stored identity is neither the acknowledged nor an unanswered write`);
          else ackedIdentitiesFound += 1;
        } else if (identity && !t.identityMaybe.some((c) => sameIdentity(identity, c))) {
          problems.push(`${t.id}: an identity no client wrote`);
        }
      }
      expect(problems).toEqual([]);
      // Intakes nobody heard back about may or may not be there; nothing else is.
      expect(stored.size).toBeGreaterThanOrEqual(tracked.size);
      expect(stored.size).toBeLessThanOrEqual(tracked.size + unknownIntakes);

      return {
        chains: report.chains.length,
        entriesChecked: report.chains.reduce((n, c) => n + c.checked, 0),
        apiChecked: apiBody.checked,
        situations: stored.size,
        submitEntries: entries.rows.filter((e) => e.action === 'situation.submit').length,
        transitions: transitions.rowCount ?? 0,
        transitionEntries: entries.rowCount ?? 0,
        assignments: assignments.rows.reduce((n, r) => n + Number(r.n), 0),
        assignEntries: assignEntries.rows.reduce((n, r) => n + Number(r.n), 0),
        identities: vault.rowCount ?? 0,
        identityWriteEntries: Number((await db.query(`SELECT count(*) AS n FROM audit_entries WHERE action = 'identity.write' AND outcome = 'SUCCESS'`)).rows[0].n),
        decrypted: opened.size,
        ackedFound,
        ackedIdentitiesFound,
        maybeApplied,
        maybeNotApplied,
      };
    } finally {
      await db.end();
    }
  }

  /** A sample of acknowledged identities read back through the API by the lead agency. */
  async function readBackIdentities(port: number, sample: number): Promise<number> {
    const http = new Http(port);
    let read = 0;
    for (const t of [...tracked.values()].filter((x) => x.identity && x.identityMaybe.length === 0).slice(-sample)) {
      const res = await http.call('GET', `/api/v1/situations/${t.id}/identity?purposeCode=OTHER&purpose=crash-test%20read%20back`, fixture.reps.housing);
      expect('status' in res && res.status).toBe(200);
      expect((res as { body: object }).body).toMatchObject({ givenName: t.identity!.givenName, familyName: t.identity!.familyName, address: t.identity!.address });
      read += 1;
    }
    return read;
  }

  for (let run = 1; run <= RUNS; run += 1) {
    it(`crash run ${run}: SIGKILL mid-load${run === RUNS ? ' (PostgreSQL too)' : ''}, restart on the same DATA_DIR, everything consistent`, async () => {
      expect(server?.running()).toBe(true);
      const alsoKillPostgres = run === RUNS;
      const killAfter = 1800 + Math.floor(Math.random() * 600);
      const orphan = readPostmasterPid(dataDir);
      const stats = await drive(run, [server!.port], server!, killAfter, alsoKillPostgres);
      expect(stats.acked.intake).toBeGreaterThan(0);
      expect(stats.serverErrors).toBe(0);
      // The orphaned PostgreSQL lives on after the server's SIGKILL, unless it was killed too.
      if (alsoKillPostgres) expect(await waitGone(orphan!)).toBe(true);
      else expect(orphan !== null && isAlive(orphan)).toBe(true);

      const restartStarted = Date.now();
      server = await launch();
      await waitReady(server);
      const restartMs = Date.now() - restartStarted;
      const reused = orphan !== null && readPostmasterPid(dataDir) === orphan;
      expect(reused).toBe(!alsoKillPostgres);

      const v = await verify(server.port);
      const readBack = await readBackIdentities(server.port, 5);
      const a = stats.acked;
      process.stdout.write(
        [
          `crash run ${run}: ${LOOPS} loops for ${stats.loadMs} ms, ${stats.requests} requests, SIGKILL server${alsoKillPostgres ? ' + postmaster' : ''} with ${stats.inFlightAtKill} in flight`,
          `  acknowledged this run: ${a.intake} intakes, ${a.decision} decisions + ${a.racingDecision} racing pairs (409s: ${stats.refused409}), ${a.withdrawal} withdrawals, ${a.assignment} assignments, ${a.identity} identity writes; unanswered: ${stats.unknown}`,
          `  restart: ready in ${restartMs} ms, ${alsoKillPostgres ? 'PostgreSQL crash-recovered' : `orphaned PostgreSQL (pid ${orphan}) reused`}`,
          `  (a) audit: CLI audit:verify exit 0, ${v.chains} chains, ${v.entriesChecked} entries valid; API verify valid (${v.apiChecked} checked); heads = entry counts`,
          `  (b) ${v.situations} situations <-> ${v.submitEntries} situation.submit entries; ${v.transitions} transitions <-> ${v.transitionEntries} state-change entries (multiset equal); ${v.assignments} assignment rows <-> ${v.assignEntries} situation.assign entries; ${v.identities} identity rows <-> ${v.identityWriteEntries} identity.write entries`,
          `  (c) 0 partly written situations (status fields, last transition, version = transition count, reference counters); ${v.decrypted}/${v.identities} identities decrypt with the master key`,
          `  (d) ${v.ackedFound}/${tracked.size} acknowledged situations in their acknowledged state, ${v.ackedIdentitiesFound} acknowledged identities stored as written; unanswered changes: ${v.maybeApplied} committed, ${v.maybeNotApplied} not; ${readBack} identities read back through the API`,
        ].join('\n') + '\n',
      );
    });
  }

  it('replica run: two servers on one database behind a round-robin client, SIGKILL one mid-load; the other serves on, nothing acknowledged is lost', async () => {
    expect(server?.running()).toBe(true);
    // A second server on the same DATA_DIR reuses the running PostgreSQL (and the same secrets), as a replica.
    const replica = await launch();
    await waitReady(replica);
    const stats = await drive(RUNS + 1, [server!.port, replica.port], replica, 1800 + Math.floor(Math.random() * 600), false);
    expect(stats.acked.intake).toBeGreaterThan(0);
    expect(stats.serverErrors).toBe(0);
    // the survivor never stopped: it answers at once, and the checks run through it
    expect(server!.running()).toBe(true);
    const me = await new Http(server!.port).call('GET', '/api/v1/auth/me', fixture.coordinator);
    expect('status' in me && me.status).toBe(200);
    const v = await verify(server!.port);
    const readBack = await readBackIdentities(server!.port, 5);
    process.stdout.write(
      [
        `crash replica run: ${LOOPS} loops over 2 servers for ${stats.loadMs} ms, ${stats.requests} requests, SIGKILL one server with ${stats.inFlightAtKill} in flight (both servers)`,
        `  acknowledged: ${stats.acked.intake} intakes, ${stats.acked.decision} decisions + ${stats.acked.racingDecision} racing pairs, ${stats.acked.assignment} assignments, ${stats.acked.identity} identity writes; unanswered: ${stats.unknown}`,
        `  (a)-(d) through the surviving server: ${v.chains} chains valid, ${v.ackedFound}/${tracked.size} acknowledged situations in their acknowledged state, ${v.ackedIdentitiesFound} acknowledged identities as written; ${readBack} read back`,
      ].join('\n') + '\n',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// helpers

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function diff(store: Map<string, number>, audit: Map<string, number>): { onlyInStore: string[]; onlyInAudit: string[] } {
  const onlyInStore = [...store].filter(([k, n]) => (audit.get(k) ?? 0) < n).map(([k, n]) => `${k} x${n - (audit.get(k) ?? 0)}`);
  const onlyInAudit = [...audit].filter(([k, n]) => (store.get(k) ?? 0) < n).map(([k, n]) => `${k} x${n - (store.get(k) ?? 0)}`);
  return { onlyInStore, onlyInAudit };
}

function sameIdentity(stored: Record<string, string>, sent: IdentitySent): boolean {
  return stored.givenName === sent.givenName && stored.familyName === sent.familyName && stored.dateOfBirth === sent.dateOfBirth && stored.address === sent.address;
}

async function waitGone(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

async function setUp(port: number): Promise<Fixture> {
  const http = new Http(port);
  const ok = async (method: string, path: string, token: string | undefined, body: unknown, expected: number): Promise<Record<string, unknown>> => {
    const res = await http.call(method, path, token, body);
    if ('error' in res || res.status !== expected) throw new Error(`${method} ${path}: ${'error' in res ? res.error : `${res.status} ${JSON.stringify(res.body)}`}`);
    return res.body;
  };
  const login = async (email: string, password: string) => (await ok('POST', '/api/v1/auth/login', undefined, { email, password }, 200)).accessToken as string;
  const admin = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
  const agencies = {} as Fixture['agencies'];
  const sectors = { police: 'POLICE', health: 'HEALTH', housing: 'HOUSING', school: 'EDUCATION' } as const;
  const table = (await ok('POST', '/api/v1/tables', admin, { name: 'Crash Table', code: 'CRASH' }, 201)).id as string;
  for (const [key, sector] of Object.entries(sectors)) {
    agencies[key as keyof typeof sectors] = (await ok('POST', '/api/v1/agencies', admin, { name: `Crash ${key}`, sector }, 201)).id as string;
    await ok('POST', `/api/v1/tables/${table}/agencies`, admin, { agencyId: agencies[key as keyof typeof sectors] }, 201);
  }
  let n = 0;
  const member = async (agency: keyof typeof sectors, role: string): Promise<string> => {
    const email = `crash-${agency}-${(n += 1)}@example.test`;
    // The administrator's password is temporary: the user signs in with it and chooses PASSWORD.
    const user = await ok('POST', '/api/v1/users', admin, { email, displayName: 'Crash User', password: TEMPORARY_PASSWORD, agencyId: agencies[agency] }, 201);
    await ok('POST', `/api/v1/tables/${table}/roles`, admin, { userId: user.id, role }, 201);
    const first = await login(email, TEMPORARY_PASSWORD);
    await ok('POST', '/api/v1/auth/password', first, { currentPassword: TEMPORARY_PASSWORD, newPassword: PASSWORD }, 204);
    return first;
  };
  return {
    tableId: table,
    agencies,
    admin,
    coordinator: await member('health', 'COORDINATOR'),
    reps: {
      police: await member('police', 'AGENCY_REP'),
      health: await member('health', 'AGENCY_REP'),
      housing: await member('housing', 'AGENCY_REP'),
      school: await member('school', 'AGENCY_REP'),
    },
    privacy: await member('housing', 'PRIVACY_OFFICER'),
  };
}

/** fetch with a timeout; counts requests in flight. */
class Http {
  inFlight = 0;
  constructor(readonly port: number) {}

  async call(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> } | { error: string }> {
    this.inFlight += 1;
    try {
      return await fetchJson(this.port, method, path, { token, body, timeoutMs: 20_000 });
    } catch (err) {
      return { error: (err as Error).message };
    } finally {
      this.inFlight -= 1;
    }
  }
}
