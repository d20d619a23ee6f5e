import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '../../common/database/query-result';
import type { AnomalyThresholds } from './anomaly-rules';

export interface ThresholdsRow extends AnomalyThresholds {
  updatedAt: Date;
  updatedBy: string | null;
  updatedByName: string | null;
  version: number;
}

const COLUMNS = `t.max_reads_per_hour AS "maxReadsPerHour", t.office_start_hour AS "officeStartHour", t.office_end_hour AS "officeEndHour",
  t.closed_days AS "closedDays", t.max_refusals AS "maxRefusals", t.max_guesses AS "maxGuesses", t.updated_at AS "updatedAt",
  t.updated_by AS "updatedBy", (SELECT u.display_name FROM users u WHERE u.id = t.updated_by) AS "updatedByName", t.version`;

/** The audit module's `anomaly_thresholds`: one row per table that set its own (none: the defaults). */
@Injectable()
export class AnomalyThresholdsRepository {
  constructor(private readonly db: DataSource) {}

  async find(m: EntityManager | DataSource | null, tableId: string, lock = false): Promise<ThresholdsRow | null> {
    const rows: ThresholdsRow[] = await (m ?? this.db).query(`SELECT ${COLUMNS} FROM anomaly_thresholds t WHERE t.table_id = $1${lock ? ' FOR UPDATE' : ''}`, [tableId]);
    return rows[0] ?? null;
  }

  /** Inserts the table's first row (version 1); null if another writer stored one first. */
  async insert(m: EntityManager, tableId: string, t: AnomalyThresholds, by: string | null, at: Date): Promise<boolean> {
    const rows = rowsOf<{ tableId: string }>(
      await m.query(
        `INSERT INTO anomaly_thresholds (table_id, max_reads_per_hour, office_start_hour, office_end_hour, closed_days, max_refusals, max_guesses, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (table_id) DO NOTHING RETURNING table_id AS "tableId"`,
        [tableId, t.maxReadsPerHour, t.officeStartHour, t.officeEndHour, t.closedDays, t.maxRefusals, t.maxGuesses, at, by],
      ),
    );
    return rows.length === 1;
  }

  /** Replaces the row at `version`; false if it moved. */
  async update(m: EntityManager, tableId: string, version: number, t: AnomalyThresholds, by: string | null, at: Date): Promise<boolean> {
    const rows = rowsOf<{ tableId: string }>(
      await m.query(
        `UPDATE anomaly_thresholds SET max_reads_per_hour = $3, office_start_hour = $4, office_end_hour = $5, closed_days = $6, max_refusals = $7,
           max_guesses = $8, updated_at = $9, updated_by = $10, version = version + 1
         WHERE table_id = $1 AND version = $2 RETURNING table_id AS "tableId"`,
        [tableId, version, t.maxReadsPerHour, t.officeStartHour, t.officeEndHour, t.closedDays, t.maxRefusals, t.maxGuesses, at, by],
      ),
    );
    return rows.length === 1;
  }
}
