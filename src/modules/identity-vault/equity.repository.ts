import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '../../common/database/query-result';
import type { EquityStage, TallyChange } from './equity';

/** A situation's equity record as stored: the answers sealed, never opened here. */
export interface EquityRow {
  situationId: string;
  tableId: string;
  noticeVersion: string;
  asked: boolean;
  notAskedReason: string | null;
  answeredBy: string | null;
  ciphertext: string | null;
  keyVersion: number | null;
  referralMonth: string;
  talliedStages: EquityStage[];
  recordedBy: string | null;
  recordedByAgency: string;
  recordedAt: Date;
}

/** What decides the stages a situation's answers are counted at (equity.ts `stagesOf`). */
export interface EquityStageRow {
  status: string;
  leadSector: string | null;
  conclusion: string | null;
  situationType: string;
  createdAt: Date;
}

const COLUMNS = `situation_id AS "situationId", table_id AS "tableId", notice_version AS "noticeVersion", asked, not_asked_reason AS "notAskedReason",
  answered_by AS "answeredBy", ciphertext, key_version AS "keyVersion", referral_month AS "referralMonth", tallied_stages AS "talliedStages",
  recorded_by AS "recordedBy", recorded_by_agency AS "recordedByAgency", recorded_at AS "recordedAt"`;

/** A quarter's frozen equity counts at one table (docs/evaluation.md 6.6, R9). */
export interface EquitySnapshotRow {
  tableId: string;
  quarter: string;
  /** I17's population: accepted PERSON or FAMILY situations referred in the quarter whose subject was written */
  population: number;
  /** `question|category|stage` to a count */
  counts: Record<string, number>;
  frozenAt: Date;
}

/** The only code that reads or writes `equity_responses`, `equity_tallies`, `equity_snapshots` and `equity_reference_versions`. */
@Injectable()
export class EquityRepository {
  async find(m: EntityManager | DataSource, situationId: string, tableId: string, lock = false): Promise<EquityRow | null> {
    const rows: EquityRow[] = await m.query(`SELECT ${COLUMNS} FROM equity_responses WHERE situation_id = $1 AND table_id = $2${lock ? ' FOR UPDATE' : ''}`, [
      situationId,
      tableId,
    ]);
    return rows[0] ?? null;
  }

  async upsert(m: EntityManager, r: EquityRow): Promise<void> {
    await m.query(
      `INSERT INTO equity_responses (situation_id, table_id, notice_version, asked, not_asked_reason, answered_by, ciphertext, key_version,
                                     referral_month, tallied_stages, recorded_by, recorded_by_agency, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (situation_id) DO UPDATE SET notice_version = EXCLUDED.notice_version, asked = EXCLUDED.asked,
         not_asked_reason = EXCLUDED.not_asked_reason, answered_by = EXCLUDED.answered_by, ciphertext = EXCLUDED.ciphertext,
         key_version = EXCLUDED.key_version, tallied_stages = EXCLUDED.tallied_stages, recorded_by = EXCLUDED.recorded_by,
         recorded_by_agency = EXCLUDED.recorded_by_agency, recorded_at = EXCLUDED.recorded_at`,
      [
        r.situationId,
        r.tableId,
        r.noticeVersion,
        r.asked,
        r.notAskedReason,
        r.answeredBy,
        r.ciphertext,
        r.keyVersion,
        r.referralMonth,
        r.talliedStages,
        r.recordedBy,
        r.recordedByAgency,
        r.recordedAt,
      ],
    );
  }

  async remove(m: EntityManager, situationId: string, tableId: string): Promise<void> {
    await m.query('DELETE FROM equity_responses WHERE situation_id = $1 AND table_id = $2', [situationId, tableId]);
  }

  /** The purge: these situations' answers deleted (the identity's data key goes in the same transaction). Returns those that had some. */
  async removeAll(m: EntityManager, situationIds: string[]): Promise<Set<string>> {
    const gone = rowsOf<{ situation_id: string }>(await m.query('DELETE FROM equity_responses WHERE situation_id = ANY($1::uuid[]) RETURNING situation_id', [situationIds]));
    return new Set(gone.map((r) => r.situation_id));
  }

  /** The answers sealed again under a new data key (an identity write, a re-encryption). */
  async rekey(m: EntityManager, situationId: string, ciphertext: string, keyVersion: number): Promise<void> {
    await m.query('UPDATE equity_responses SET ciphertext = $2, key_version = $3 WHERE situation_id = $1 AND ciphertext IS NOT NULL', [situationId, ciphertext, keyVersion]);
  }

  async setStages(m: EntityManager, situationId: string, stages: EquityStage[]): Promise<void> {
    await m.query('UPDATE equity_responses SET tallied_stages = $2 WHERE situation_id = $1', [situationId, stages]);
  }

  /**
   * Applies the changes to one table's month: additions by upsert, subtractions by update (a count
   * it would take below 0, or a row it does not find, is a bug: the CHECK or the count refuses it);
   * a count brought to 0 is deleted in the same transaction.
   */
  async applyTallies(m: EntityManager, tableId: string, month: string, changes: TallyChange[]): Promise<void> {
    if (changes.length === 0) return;
    // one writer of a table-month's counts at a time: two corrections crossing (WHITE→BLACK, BLACK→WHITE)
    // would otherwise lock the same rows in opposite orders and deadlock
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('equity_tallies|' || $1 || '|' || $2, 0))`, [tableId, month]);
    const cols = (cs: TallyChange[]) => [cs.map((c) => c.question), cs.map((c) => c.category), cs.map((c) => c.stage), cs.map((c) => c.delta)];
    const up = changes.filter((c) => c.delta > 0);
    const down = changes.filter((c) => c.delta < 0);
    if (up.length) {
      await m.query(
        `INSERT INTO equity_tallies AS t (table_id, referral_month, question, category, stage, count)
         SELECT $1, $2, c.question, c.category, c.stage, c.delta FROM unnest($3::text[], $4::text[], $5::text[], $6::int[]) AS c(question, category, stage, delta)
         ON CONFLICT (table_id, referral_month, question, category, stage) DO UPDATE SET count = t.count + EXCLUDED.count`,
        [tableId, month, ...cols(up)],
      );
    }
    if (down.length) {
      const done = rowsOf<{ n: number }>(
        await m.query(
          `UPDATE equity_tallies t SET count = t.count + c.delta
           FROM unnest($3::text[], $4::text[], $5::text[], $6::int[]) AS c(question, category, stage, delta)
           WHERE t.table_id = $1 AND t.referral_month = $2 AND t.question = c.question AND t.category = c.category AND t.stage = c.stage
           RETURNING 1 AS n`,
          [tableId, month, ...cols(down)],
        ),
      );
      if (done.length !== down.length) throw new Error('equity tallies out of step: a count to subtract from is missing');
      await m.query('DELETE FROM equity_tallies WHERE table_id = $1 AND referral_month = $2 AND count = 0', [tableId, month]);
    }
  }

  /** The situation's stage facts, read in the caller's transaction. */
  async stageFacts(m: EntityManager | DataSource, situationId: string, tableId: string): Promise<EquityStageRow | null> {
    const rows: EquityStageRow[] = await m.query(
      `SELECT status, lead_sector AS "leadSector", conclusion, situation_type AS "situationType", created_at AS "createdAt"
       FROM situations WHERE id = $1 AND table_id = $2`,
      [situationId, tableId],
    );
    return rows[0] ?? null;
  }

  /** The reference versions stored (to check the one in force is seeded). */
  async referenceVersions(m: EntityManager | DataSource): Promise<string[]> {
    return (await m.query('SELECT version FROM equity_reference_versions ORDER BY version')).map((r: { version: string }) => r.version);
  }

  /**
   * Freezes a table's quarter, once: its population and its months' tallies read in one statement
   * (one snapshot of the database), stored as they are; a quarter already frozen is left as it was
   * (two servers freezing it at once store one row).
   */
  async freeze(m: EntityManager | DataSource, tableId: string, quarter: string, from: Date, to: Date, months: readonly string[], now: Date): Promise<void> {
    await m.query(
      `INSERT INTO equity_snapshots (table_id, quarter, population, counts, frozen_at)
       SELECT $1, $2,
         (SELECT count(*)::int FROM situations s JOIN identity_vault v ON v.situation_id = s.id
           WHERE s.table_id = $1 AND s.decision_outcome = 'AER' AND s.situation_type IN ('PERSON', 'FAMILY') AND s.created_at >= $3 AND s.created_at < $4),
         COALESCE((SELECT jsonb_object_agg(c.k, c.n) FROM (
           SELECT question || '|' || category || '|' || stage AS k, sum(count)::int AS n
           FROM equity_tallies WHERE table_id = $1 AND referral_month = ANY($5::text[]) GROUP BY 1) c), '{}'::jsonb),
         $6
       ON CONFLICT (table_id, quarter) DO NOTHING`,
      [tableId, quarter, from, to, months, now],
    );
  }

  /** The frozen quarters among those asked, of the tables asked. */
  async snapshots(m: EntityManager | DataSource, tableIds: readonly string[], quarters: readonly string[]): Promise<EquitySnapshotRow[]> {
    if (tableIds.length === 0 || quarters.length === 0) return [];
    return m.query(
      `SELECT table_id AS "tableId", quarter, population, counts, frozen_at AS "frozenAt" FROM equity_snapshots
       WHERE table_id = ANY($1::uuid[]) AND quarter = ANY($2::text[])`,
      [tableIds, quarters],
    );
  }
}
