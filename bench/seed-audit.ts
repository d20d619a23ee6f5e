// A million audit entries that form valid hash chains, hashed exactly as the server hashes them
// (canonicalPayload, entryHash), bulk-inserted, with each chain head moved to its last entry and signed.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { canonicalDetails, canonicalPayload, entryHash } from '../src/modules/audit/audit-hash';
import { BENCH_AUDIT_KEYS } from './audit-keys';
import { BulkWriter, bulkInsertSql, Column, withoutSecondaryIndexes } from './bulk';
import { BenchConfig } from './config';
import { CODES, intBetween, pick, Rng, seededRng, weighted } from './data';
import { fmt, say } from './log';
import type { Fixture, Member } from './seed';
import type { SeededSituations } from './seed-situations';

const BATCH = 5000;
const DAY = 86_400_000;
const COLUMNS: Column[] = [
  { name: 'chain_id', type: 'text' },
  { name: 'seq', type: 'int8' },
  { name: 'at', type: 'timestamptz' },
  { name: 'actor_id', type: 'uuid' },
  { name: 'actor_agency_id', type: 'uuid' },
  { name: 'table_id', type: 'uuid' },
  { name: 'action', type: 'text' },
  { name: 'outcome', type: 'text' },
  { name: 'situation_id', type: 'uuid' },
  { name: 'purpose', type: 'text' },
  { name: 'request_id', type: 'text' },
  { name: 'details', type: 'text' },
  { name: 'prev_hash', type: 'text' },
  { name: 'hash', type: 'text' },
];
type Row = Record<(typeof COLUMNS)[number]['name'], unknown>;
const INSERT_SQL = bulkInsertSql('audit_entries', COLUMNS);

const ACTIONS = {
  'situation.read': 50,
  'situation.threshold.read': 6,
  'situation.list': 4,
  'identity.read': 8,
  'situation.submit': 5,
  'situation.decide': 4,
  'situation.assign': 3,
  'situation.mobilize': 2,
  'situation.close': 2,
  'situation.update': 3,
  'identity.write': 1,
  'meeting.agenda.read': 3,
  'meeting.minutes.read': 1,
  'audit.search': 1,
  'report.summary': 1,
} as const;
type Action = keyof typeof ACTIONS;
const pickAction = weighted<Action>(ACTIONS);
const PURPOSES = ['care coordination', 'safety planning with the lead agency', 'outreach visit preparation', 'confirm the assignment'];
const IDENTITY_FIELDS = ['address', 'dateOfBirth', 'familyName', 'givenName', 'phone'];

interface Chain {
  tableId: string;
  code: string;
  situationIds: string[];
  /** entries to add */
  count: number;
  seq: number;
  head: string;
}

export async function seedAudit(clients: Client[], cfg: BenchConfig, f: Fixture, s: SeededSituations): Promise<{ bigChain: number; total: number }> {
  const heads = await clients[0].query<{ chain_id: string; seq: string; head_hash: string }>(
    'SELECT chain_id, seq::text AS seq, head_hash FROM audit_chain_heads WHERE chain_id = ANY($1::text[])',
    [f.tables.map((t) => t.id)],
  );
  const headOf = new Map(heads.rows.map((h) => [h.chain_id, h]));
  const chains: Chain[] = f.tables.map((t, i) => {
    const head = headOf.get(t.id);
    if (!head) throw new Error(`table ${t.code} has no audit chain head`);
    const seq = Number(head.seq);
    return { tableId: t.id, code: t.code, situationIds: s.idsByTable[i], count: i === 0 ? Math.max(0, cfg.auditEntries - seq) : cfg.otherChainEntries, seq, head: head.head_hash };
  });
  const total = chains.reduce((n, c) => n + c.count, 0);
  say(`seeding ${fmt(total)} audit entries: the big table's chain up to ${fmt(cfg.auditEntries)} entries, ${fmt(cfg.otherChainEntries)} more on each other chain`);
  await withoutSecondaryIndexes(clients[0], 'audit_entries', () => insertChains(clients, f, chains, total), say);
  return { bigChain: chains[0].seq, total };
}

async function insertChains(clients: Client[], f: Fixture, chains: Chain[], total: number): Promise<void> {
  const r = seededRng(8785);
  const writer = new BulkWriter(clients);
  let done = 0;
  let lastReport = 0;
  for (const chain of chains) {
    const timeline = timelineOf(chain.count, r);
    for (let i = 0; i < chain.count; i += BATCH) {
      // Hashing the next batch overlaps with the database inserting the previous ones.
      const rows = entries(r, f, chain, Math.min(BATCH, chain.count - i), timeline);
      await writer.write(INSERT_SQL, rows);
      done += rows.length;
      if (done - lastReport >= 100_000 || done === total) {
        say(`  audit entries: ${fmt(done)} / ${fmt(total)}`);
        lastReport = done;
      }
    }
    await writer.flush();
    // Signed as the server signs every head it writes (the server then builds on it).
    await clients[0].query('UPDATE audit_chain_heads SET seq = $2, head_hash = $3, head_sig = $4 WHERE chain_id = $1', [
      chain.tableId,
      chain.seq,
      chain.head,
      BENCH_AUDIT_KEYS.signHead(chain.tableId, String(chain.seq), chain.head),
    ]);
  }
}

/** Increasing timestamps over the past year, up to a quarter of an hour ago. */
function timelineOf(count: number, r: Rng): () => string {
  const end = Date.now() - 15 * 60_000;
  const start = end - 360 * DAY;
  const step = count > 0 ? (end - start) / count : 0;
  let i = 0;
  return () => new Date(Math.floor(start + i++ * step + r() * step * 0.9)).toISOString();
}

/** The next `n` entries of the chain, hashed in order; advances chain.seq and chain.head. */
function entries(r: Rng, f: Fixture, chain: Chain, n: number, nextAt: () => string): Row[] {
  const rows: Row[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const action = pickAction(r);
    const e = entryFor(r, f, chain, action);
    const seq = chain.seq + 1;
    const at = nextAt();
    const payload = {
      chainId: chain.tableId,
      at,
      actorId: e.actor.id,
      actorAgencyId: e.actor.agencyId,
      tableId: chain.tableId,
      action,
      outcome: e.outcome,
      situationId: e.situationId,
      purpose: e.purpose,
      requestId: randomUUID(),
      details: e.details,
    };
    const hash = entryHash(chain.head, seq, canonicalPayload(payload));
    rows[k] = {
      chain_id: chain.tableId,
      seq,
      at,
      actor_id: payload.actorId,
      actor_agency_id: payload.actorAgencyId,
      table_id: chain.tableId,
      action,
      outcome: e.outcome,
      situation_id: e.situationId,
      purpose: e.purpose,
      request_id: payload.requestId,
      details: canonicalDetails(e.details),
      prev_hash: chain.head,
      hash,
    };
    chain.seq = seq;
    chain.head = hash;
  }
  return rows;
}

interface EntryShape {
  actor: Pick<Member, 'id' | 'agencyId'>;
  outcome: 'SUCCESS' | 'DENIED';
  situationId: string | null;
  purpose: string | null;
  details: Record<string, unknown>;
}

/** Who did what, with the details the services record for that action (ids, codes, counts). */
function entryFor(r: Rng, f: Fixture, chain: Chain, action: Action): EntryShape {
  const caseActor = r() < 0.3 ? f.coordinator : pick(r, f.reps);
  const situation = () => (chain.situationIds.length ? pick(r, chain.situationIds) : null);
  const base = { actor: caseActor, outcome: 'SUCCESS' as const, situationId: situation(), purpose: null, details: {} };
  switch (action) {
    case 'situation.read':
    case 'situation.threshold.read':
      return base;
    case 'situation.list': {
      const ids = Array.from({ length: Math.min(20, chain.situationIds.length) }, () => pick(r, chain.situationIds));
      return { ...base, situationId: null, details: { status: null, count: ids.length, ids } };
    }
    case 'identity.read':
      return r() < 0.02
        ? { ...base, outcome: 'DENIED', purpose: pick(r, PURPOSES), details: { reason: 'FORBIDDEN' } }
        : { ...base, purpose: pick(r, PURPOSES), details: { fields: IDENTITY_FIELDS } };
    case 'situation.submit':
      return {
        ...base,
        details: { reference: `${chain.code}-2026-${String(intBetween(r, 1, 9999)).padStart(4, '0')}`, riskFactors: intBetween(r, 3, 6), meetsThreshold: r() < 0.8 },
      };
    case 'situation.decide':
      return { ...base, actor: f.coordinator, details: { from: 'SUBMITTED', to: 'ACCEPTED', version: 2, meetingId: null, outcome: 'AER', againstAdvice: false } };
    case 'situation.assign':
      return {
        ...base,
        actor: f.coordinator,
        details: { from: 'ACCEPTED', to: 'ASSIGNED', version: 3, meetingId: f.meetingId, leadAgencyId: pick(r, f.agencies).id, assistingAgencyIds: [pick(r, f.agencies).id] },
      };
    case 'situation.mobilize':
      return { ...base, details: { from: 'ASSIGNED', to: 'MOBILIZED', version: 4, meetingId: null, services: [pick(r, CODES.services)] } };
    case 'situation.close':
      return {
        ...base,
        actor: f.coordinator,
        details: { from: 'MOBILIZED', to: 'CLOSED', version: 5, meetingId: null, conclusion: pick(r, CODES.conclusions), consentStatus: pick(r, CODES.consentStatuses) },
      };
    case 'situation.update':
      return { ...base, details: { updateId: randomUUID() } };
    case 'identity.write':
      return { ...base, details: { fields: IDENTITY_FIELDS, legalAuthority: pick(r, CODES.legalAuthorities) } };
    case 'meeting.agenda.read':
      return { ...base, situationId: null, details: { meetingId: f.meetingId, updates: intBetween(r, 5, 60), newSituations: intBetween(r, 0, 15), overdue: intBetween(r, 0, 5) } };
    case 'meeting.minutes.read':
      return { ...base, situationId: null, details: { meetingId: f.meetingId } };
    case 'audit.search':
      return { ...base, actor: f.privacy, situationId: null, details: { filter: { situationId: situation() }, returned: intBetween(r, 1, 50) } };
    case 'report.summary':
      return { ...base, actor: f.analyst, situationId: null, details: { from: '2025-11-22T00:00:00.000Z', to: '2026-11-22T00:00:00.000Z' } };
  }
}
