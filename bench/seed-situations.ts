// 100,000 situations in every state through bulk SQL, with fields consistent with their status.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { categoriesOf } from '../src/modules/taxonomy/taxonomy.catalogue';
import { TAXONOMY_V1 } from '../src/modules/taxonomy/data/taxonomy.v1';
import { BulkWriter, bulkInsertSql, Column, withoutSecondaryIndexes } from './bulk';
import { BenchConfig } from './config';
import { between, CODES, Corpus, intBetween, narrative, pick, pickDistinct, riskFactors, Rng, seededRng, weighted } from './data';
import { fmt, say } from './log';
import type { Fixture } from './seed';

export const STATUSES = ['SUBMITTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'ASSIGNED', 'MOBILIZED', 'CLOSED'] as const;
export type Status = (typeof STATUSES)[number];

export interface SeededSituations {
  total: number;
  byStatus: Record<string, number>;
  /** situation ids per table, in the order of fixture.tables */
  idsByTable: string[][];
  /** creation times of the big table's situations, aligned with idsByTable[0] */
  bigCreatedAt: Date[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BATCH = 5000;
const RETENTION_DAYS = 90;
const pickStatus = weighted<Status>({ SUBMITTED: 4, ACCEPTED: 4, REJECTED: 14, WITHDRAWN: 4, ASSIGNED: 10, MOBILIZED: 16, CLOSED: 48 });
/** how long ago situations of each status were created (ms) */
const AGE: Record<Status, [number, number]> = {
  SUBMITTED: [HOUR, 10 * DAY],
  ACCEPTED: [3 * DAY, 30 * DAY],
  ASSIGNED: [4 * DAY, 90 * DAY],
  MOBILIZED: [6 * DAY, 200 * DAY],
  CLOSED: [20 * DAY, 360 * DAY],
  REJECTED: [2 * DAY, 360 * DAY],
  WITHDRAWN: [2 * DAY, 360 * DAY],
};

const COLUMNS: Column[] = [
  { name: 'id', type: 'uuid' },
  { name: 'table_id', type: 'uuid' },
  { name: 'reference', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'version', type: 'int4' },
  { name: 'taxonomy_version', type: 'text' },
  { name: 'situation_type', type: 'text' },
  { name: 'age_band', type: 'text' },
  { name: 'gender', type: 'text' },
  { name: 'risk_factors', type: 'jsonb' },
  { name: 'risk_categories', type: 'text[]' },
  { name: 'protective_factors', type: 'jsonb' },
  { name: 'study_flags', type: 'jsonb' },
  { name: 'affected_persons', type: 'jsonb' },
  { name: 'narrative', type: 'text' },
  { name: 'imminent_harm', type: 'bool' },
  { name: 'agency_exhausted_options', type: 'bool' },
  { name: 'originating_agency_id', type: 'uuid' },
  { name: 'originating_sector', type: 'text' },
  { name: 'submitted_by', type: 'uuid' },
  { name: 'decision_outcome', type: 'text' },
  { name: 'decision_rationale', type: 'text' },
  { name: 'decision_against_advice', type: 'bool' },
  { name: 'decided_by', type: 'uuid' },
  { name: 'decided_at', type: 'timestamptz' },
  { name: 'withdrawn_at', type: 'timestamptz' },
  { name: 'lead_agency_id', type: 'uuid' },
  { name: 'lead_sector', type: 'text' },
  { name: 'assisting_agency_ids', type: 'uuid[]' },
  { name: 'assigned_at', type: 'timestamptz' },
  { name: 'mobilized_at', type: 'timestamptz' },
  { name: 'services', type: 'jsonb' },
  { name: 'conclusion', type: 'text' },
  { name: 'consent_status', type: 'text' },
  { name: 'closed_at', type: 'timestamptz' },
  { name: 'identity_purge_at', type: 'timestamptz' },
  { name: 'identity_purged_at', type: 'timestamptz' },
  { name: 'overdue_notified_at', type: 'timestamptz' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
];
const INSERT_SQL = bulkInsertSql('situations', COLUMNS);

interface Draft {
  id: string;
  status: Status;
  createdAt: Date;
  values: Omit<Record<string, unknown>, 'reference'>;
}

/** Situations per table: the big table's share first, the rest spread evenly. */
export function tableCounts(cfg: BenchConfig): number[] {
  if (cfg.tables === 1) return [cfg.situations];
  const big = Math.round(cfg.situations * cfg.bigTableShare);
  const rest = cfg.situations - big;
  const each = Math.floor(rest / (cfg.tables - 1));
  return [big, ...Array.from({ length: cfg.tables - 1 }, (_, i) => each + (i < rest - each * (cfg.tables - 1) ? 1 : 0))];
}

export async function seedSituations(owners: Client[], cfg: BenchConfig, f: Fixture, corpus: Corpus): Promise<SeededSituations> {
  return withoutSecondaryIndexes(owners[0], 'situations', () => insertSituations(owners, cfg, f, corpus), say);
}

async function insertSituations(owners: Client[], cfg: BenchConfig, f: Fixture, corpus: Corpus): Promise<SeededSituations> {
  const writer = new BulkWriter(owners);
  const r = seededRng(20261122);
  const now = Date.now();
  const counts = tableCounts(cfg);
  const byStatus: Record<string, number> = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  const idsByTable: string[][] = [];
  let bigCreatedAt: Date[] = [];
  let inserted = 0;
  let lastReport = 0;
  say(`seeding ${fmt(cfg.situations)} situations (${fmt(counts[0])} at the big table) with multi-row INSERT, ${fmt(BATCH)} rows a statement`);
  for (let t = 0; t < f.tables.length; t++) {
    const table = f.tables[t];
    const drafts = Array.from({ length: counts[t] }, () => draft(r, f, now, corpus));
    drafts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const rows = withReferences(drafts, table.code).map(({ d, reference }) => rowOf(d, table.id, reference));
    await setCounters(owners[0], table.id, drafts);
    for (let i = 0; i < rows.length; i += BATCH) {
      await writer.write(INSERT_SQL, rows.slice(i, i + BATCH));
      inserted += Math.min(BATCH, rows.length - i);
      if (inserted - lastReport >= 20_000 || inserted === cfg.situations) {
        say(`  situations: ${fmt(inserted)} / ${fmt(cfg.situations)}`);
        lastReport = inserted;
      }
    }
    for (const d of drafts) byStatus[d.status] += 1;
    idsByTable.push(drafts.map((d) => d.id));
    if (t === 0) bigCreatedAt = drafts.map((d) => d.createdAt);
  }
  await writer.flush();
  return { total: inserted, byStatus, idsByTable, bigCreatedAt };
}

/** References in creation order, numbered per year as the server numbers them (CODE-YYYY-NNNN). */
function withReferences(drafts: Draft[], code: string): { d: Draft; reference: string }[] {
  const next = new Map<number, number>();
  return drafts.map((d) => {
    const year = d.createdAt.getUTCFullYear();
    const n = (next.get(year) ?? 0) + 1;
    next.set(year, n);
    return { d, reference: `${code}-${year}-${String(n).padStart(4, '0')}` };
  });
}

/** The reference counters continue after the seeded numbers, so intakes never collide with them. */
async function setCounters(owner: Client, tableId: string, drafts: Draft[]): Promise<void> {
  const perYear = new Map<number, number>();
  for (const d of drafts) perYear.set(d.createdAt.getUTCFullYear(), (perYear.get(d.createdAt.getUTCFullYear()) ?? 0) + 1);
  for (const [year, last] of perYear) {
    await owner.query(
      `INSERT INTO situation_reference_counters (table_id, year, last) VALUES ($1, $2, $3)
       ON CONFLICT (table_id, year) DO UPDATE SET last = GREATEST(situation_reference_counters.last, EXCLUDED.last)`,
      [tableId, year, last],
    );
  }
}

function rowOf(d: Draft, tableId: string, reference: string): object {
  return { ...d.values, id: d.id, table_id: tableId, reference };
}

/** A later moment: prev + a random delay, kept before now. */
function later(r: Rng, prev: Date, lo: number, hi: number, now: number): Date {
  const cap = now - 10 * 60_000;
  let t = prev.getTime() + between(r, lo, hi);
  if (t > cap) t = prev.getTime() + Math.max(0, cap - prev.getTime()) * r();
  return new Date(Math.floor(t));
}

function draft(r: Rng, f: Fixture, now: number, corpus: Corpus): Draft {
  const status = pickStatus(r);
  const createdAt = new Date(Math.floor(now - between(r, ...AGE[status])));
  const originIndex = Math.floor(r() * f.agencies.length);
  const origin = f.agencies[originIndex];
  const v: Record<string, unknown> = {
    status,
    taxonomy_version: TAXONOMY_V1.version,
    situation_type: pick(r, ['PERSON', 'PERSON', 'PERSON', 'FAMILY', 'FAMILY', 'GROUP', 'LOCATION']),
    originating_agency_id: origin.id,
    originating_sector: origin.sector,
    submitted_by: f.reps[originIndex].id,
    created_at: createdAt,
  };
  const stub = status === 'REJECTED' || status === 'WITHDRAWN';
  if (!stub) {
    v.age_band = pick(r, CODES.ageBands);
    v.gender = pick(r, CODES.genders);
    v.risk_factors = riskFactors(r);
    // As the intake stores them (SituationService.create); erased with the factors on rejection or withdrawal.
    v.risk_categories = categoriesOf((v.risk_factors as { code: string }[]).map((x) => x.code));
    v.protective_factors = pickDistinct(r, CODES.protectiveFactors, intBetween(r, 0, 2));
    v.study_flags = r() < 0.2 ? [pick(r, CODES.studyFlags)] : [];
    v.affected_persons =
      v.situation_type === 'FAMILY'
        ? { childrenInHome: { count: intBetween(r, 1, 3), ageBands: pickDistinct(r, ['0-5', '6-11', '12-15', '16-17'], intBetween(r, 1, 2)) }, otherAdults: intBetween(r, 0, 2) }
        : null;
    v.narrative = narrative(r, corpus.clean, intBetween(r, 150, 700));
    v.imminent_harm = true;
    v.agency_exhausted_options = true;
  }
  let version = 1;
  let last = createdAt;
  if (status === 'WITHDRAWN') {
    v.withdrawn_at = last = later(r, createdAt, HOUR, 3 * DAY, now);
    version += 1;
  }
  if (status !== 'SUBMITTED' && status !== 'WITHDRAWN') {
    const decided = (last = later(r, createdAt, HOUR, 7 * DAY, now));
    v.decided_at = decided;
    v.decided_by = f.coordinator.id;
    v.decision_outcome = status === 'REJECTED' ? 'NOT_AER' : 'AER';
    v.decision_rationale = status === 'REJECTED' ? 'A single agency can respond to this situation.' : 'Meets the threshold: several sectors are needed.';
    v.decision_against_advice = false;
    version += 1;
    // A situation is closed only once assigned (domain.md): every CLOSED one was assigned first.
    const assigned = status === 'ASSIGNED' || status === 'MOBILIZED' || status === 'CLOSED';
    const mobilized = status === 'MOBILIZED' || (status === 'CLOSED' && r() < 0.8);
    if (assigned) {
      const lead = pick(r, f.agencies);
      v.lead_agency_id = lead.id;
      v.lead_sector = lead.sector;
      const others = f.agencies.filter((a) => a.id !== lead.id);
      v.assisting_agency_ids = pickDistinct(r, others, intBetween(r, 0, 2)).map((a) => a.id);
      v.assigned_at = last = later(r, last, 2 * HOUR, 48 * HOUR, now);
      version += 1;
    }
    if (mobilized) {
      v.mobilized_at = last = later(r, last, 2 * HOUR, 72 * HOUR, now);
      v.services = pickDistinct(r, CODES.services, intBetween(r, 1, 3));
      version += 1;
    }
    if (status === 'CLOSED') {
      const closed = (last = later(r, last, 3 * DAY, 120 * DAY, now));
      v.closed_at = closed;
      v.conclusion = pick(r, CODES.conclusions);
      v.consent_status = pick(r, CODES.consentStatuses);
      const purgeAt = new Date(closed.getTime() + RETENTION_DAYS * DAY);
      v.identity_purge_at = purgeAt;
      if (purgeAt.getTime() < now) v.identity_purged_at = purgeAt;
      version += 1;
    }
    // The 48-hour clock has already notified the ones that waited longer.
    const mobilizedAt = (v.mobilized_at as Date | undefined)?.getTime() ?? (v.closed_at as Date | undefined)?.getTime() ?? now;
    if (status !== 'REJECTED' && mobilizedAt - decided.getTime() > 48 * HOUR) v.overdue_notified_at = new Date(decided.getTime() + 48 * HOUR + 5 * 60_000);
  }
  v.version = version;
  v.updated_at = last;
  if (v.assisting_agency_ids === undefined) v.assisting_agency_ids = [];
  return { id: randomUUID(), status, createdAt, values: v };
}
