// The database floor: the SQL transaction an audited read or an intake performs, run directly
// through `pg` at the load's concurrency, without HTTP, Nest or TypeORM.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { canonicalEntry } from '../src/modules/audit/audit-hash';
import { appendInTransaction } from '../src/modules/audit/audit.repository';
import { BENCH_HEAD_AUTHORITY } from './audit-keys';
import { FIND_SQL as READ_SQL, SUBMIT_SQL, submitParams } from '../src/modules/situations/situation.repository';
import { TAXONOMY_V1 } from '../src/modules/taxonomy/data/taxonomy.v1';
import { categoriesOf } from '../src/modules/taxonomy/taxonomy.catalogue';
import { percentile } from './stats';

/** The server's own append (lock the head, link and sign in Node, insert), as the intake and the one-append floor use it. */
export { appendInTransaction };

export interface Actor {
  userId: string;
  agencyId: string;
}

export interface FloorResult {
  name: string;
  clients: number;
  seconds: number;
  transactions: number;
  tps: number;
  p50: number;
  p99: number;
  errors: number;
  errorSamples: string[];
}

/** The audit append exactly as AuditService.record builds it. */
async function append(c: Client, actor: Actor, tableId: string, action: string, situationId: string | null, details: Record<string, unknown>): Promise<void> {
  const row = canonicalEntry({
    chainId: tableId,
    at: new Date(),
    actorId: actor.userId,
    actorAgencyId: actor.agencyId,
    tableId,
    action,
    outcome: 'SUCCESS',
    situationId,
    purpose: null,
    requestId: randomUUID(),
    details,
  });
  await appendInTransaction((text, values) => c.query(text, values).then((r) => r.rows), row, BENCH_HEAD_AUTHORITY);
}

/** BEGIN; SELECT the situation; audit append; COMMIT. */
export function readTransaction(tableId: string, ids: readonly string[], actor: Actor): (c: Client, n: number) => Promise<void> {
  return async (c, n) => {
    const id = ids[n % ids.length];
    await c.query('BEGIN');
    const found = await c.query(READ_SQL, [id, tableId]);
    if (found.rowCount !== 1) throw new Error('situation not found');
    await append(c, actor, tableId, 'situation.read', id, {});
    await c.query('COMMIT');
  };
}

/** BEGIN; the intake statement (counter, situation, SUBMIT transition); audit append; COMMIT. */
export function intakeTransaction(
  table: { id: string; code: string },
  bodies: readonly Record<string, unknown>[],
  actor: Actor & { sector: string },
): (c: Client, n: number) => Promise<void> {
  return async (c, n) => {
    const b = bodies[n % bodies.length] as {
      situationType: string;
      ageBand: string;
      gender: string;
      riskFactors: { code: string }[];
      protectiveFactors: string[];
      studyFlags: string[];
      narrative: string;
    };
    const now = new Date();
    await c.query('BEGIN');
    const inserted = await c.query<{ id: string; reference: string }>(
      SUBMIT_SQL,
      submitParams({
        tableId: table.id,
        tableCode: table.code,
        year: now.getUTCFullYear(),
        taxonomyVersion: TAXONOMY_V1.version,
        situationType: b.situationType,
        ageBand: b.ageBand,
        gender: b.gender,
        riskFactors: b.riskFactors,
        riskCategories: categoriesOf(b.riskFactors.map((f) => f.code)),
        protectiveFactors: b.protectiveFactors,
        studyFlags: b.studyFlags,
        affectedPersons: null,
        narrative: b.narrative,
        imminentHarm: true,
        agencyExhaustedOptions: true,
        originatingAgencyId: actor.agencyId,
        originatingSector: actor.sector,
        submittedBy: actor.userId,
        createdAt: now,
      }),
    );
    const { id, reference } = inserted.rows[0];
    await append(c, actor, table.id, 'situation.submit', id, { reference, riskFactors: b.riskFactors.length, meetsThreshold: true });
    await c.query('COMMIT');
  };
}

/** Runs `tx` on `clients` dedicated connections for `seconds`; a warm-up run first when asked. */
export async function runFloor(name: string, url: string, clients: number, seconds: number, tx: (c: Client, n: number) => Promise<void>, warmupSeconds = 0): Promise<FloorResult> {
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new Client({ connectionString: url, application_name: 'st-bench-floor' });
      await c.connect();
      return c;
    }),
  );
  try {
    const rollback = (c: Client) =>
      c.query('ROLLBACK').then(
        () => undefined,
        () => undefined,
      );
    if (warmupSeconds > 0) await drive(connections, warmupSeconds, tx, rollback);
    return summarize(name, clients, await drive(connections, seconds, tx, rollback));
  } finally {
    await Promise.all(connections.map((c) => c.end().catch(() => undefined)));
  }
}

export interface DriveResult {
  latencies: number[];
  count: number;
  seconds: number;
  errors: number;
  errorSamples: string[];
}

export function summarize(name: string, clients: number, r: DriveResult): FloorResult {
  const sorted = r.latencies.sort((a, b) => a - b);
  return {
    name,
    clients,
    seconds: r.seconds,
    transactions: r.count,
    tps: r.count / r.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors: r.errors,
    errorSamples: r.errorSamples,
  };
}

/** One loop per worker context until the time is up, timing each call of `tx`. */
export async function drive<T>(workers: readonly T[], seconds: number, tx: (w: T, n: number) => Promise<void>, onError?: (w: T) => Promise<void>): Promise<DriveResult> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let n = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    workers.map(async (w) => {
      while (performance.now() < deadline) {
        const start = performance.now();
        try {
          await tx(w, n++);
          latencies.push(performance.now() - start);
        } catch (err) {
          errors += 1;
          if (errorSamples.length < 5) errorSamples.push((err as Error).message);
          await onError?.(w);
        }
      }
    }),
  );
  return { latencies, count: latencies.length, seconds: (performance.now() - t0) / 1000, errors, errorSamples };
}
