import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19, performance: what the indicators' scan computed from a situation's times on every read,
 * kept on the row by PostgreSQL (stored generated columns, computed when the row is written), so
 * that the scan reads them out of `situations_report_idx` instead of evaluating a dozen time
 * comparisons and five differences per row (a quarter of the database's part of the read).
 *
 * - `report_flags`: the flags of indicator-scan.ts FLAGS that do not depend on the as-of time
 *   (1 decision time, 4 mobilised within 48 hours of the decision, 16 of the assignment start,
 *   32 assignment time, 64 mobilisation time, 256 mobilised with a decision time, 512 closed).
 * - `report_decision_known_at`, `report_assignment_known_at`: the two that do (I6's populations):
 *   a situation counts once the as-of time is 48 hours past this instant; -infinity when it is
 *   mobilised (known at once), NULL without the start.
 * - `report_*_seconds`: the five durations, in seconds, NULL when a time is missing.
 *
 * The expressions are the ones IndicatorRepository evaluated (an interval compares 1 day as 24 hours,
 * so `a - b <= '48 hours'` is `a <= b + '48 hours'`); the indicators' reference tests hold the two to
 * the same figures. The covering index holds these instead of the raw times.
 */
export class ReportTimes1765220000000 implements MigrationInterface {
  name = 'ReportTimes1765220000000';

  async up(q: QueryRunner): Promise<void> {
    const start = 'coalesce(mobilization_assigned_at, last_assigned_at, decided_at)';
    const seconds = (to: string, from: string) => `date_part('epoch', ${to} - ${from})`;
    await q.query(`
      ALTER TABLE situations
        ADD COLUMN report_flags int2 GENERATED ALWAYS AS (
          (CASE WHEN decided_at IS NOT NULL THEN 1 ELSE 0 END
           + CASE WHEN mobilized_at - decided_at <= interval '48 hours' THEN 4 ELSE 0 END
           + CASE WHEN mobilized_at - ${start} <= interval '48 hours' THEN 16 ELSE 0 END
           + CASE WHEN first_assigned_at IS NOT NULL AND decided_at IS NOT NULL THEN 32 ELSE 0 END
           + CASE WHEN mobilized_at IS NOT NULL AND mobilization_assigned_at IS NOT NULL THEN 64 ELSE 0 END
           + CASE WHEN mobilized_at IS NOT NULL AND decided_at IS NOT NULL THEN 256 ELSE 0 END
           + CASE WHEN closed_at IS NOT NULL THEN 512 ELSE 0 END)::int2) STORED,
        ADD COLUMN report_decision_known_at timestamptz GENERATED ALWAYS AS (
          CASE WHEN decided_at IS NULL THEN NULL WHEN mobilized_at IS NOT NULL THEN '-infinity'::timestamptz ELSE decided_at END) STORED,
        ADD COLUMN report_assignment_known_at timestamptz GENERATED ALWAYS AS (
          CASE WHEN ${start} IS NULL THEN NULL WHEN mobilized_at IS NOT NULL THEN '-infinity'::timestamptz ELSE ${start} END) STORED,
        ADD COLUMN report_decision_seconds float8 GENERATED ALWAYS AS (${seconds('decided_at', 'created_at')}) STORED,
        ADD COLUMN report_assignment_seconds float8 GENERATED ALWAYS AS (${seconds('first_assigned_at', 'decided_at')}) STORED,
        ADD COLUMN report_mobilization_seconds float8 GENERATED ALWAYS AS (${seconds('mobilized_at', 'mobilization_assigned_at')}) STORED,
        ADD COLUMN report_decision_to_mobilization_seconds float8 GENERATED ALWAYS AS (${seconds('mobilized_at', 'decided_at')}) STORED,
        ADD COLUMN report_open_seconds float8 GENERATED ALWAYS AS (${seconds('closed_at', 'created_at')}) STORED;
      DROP INDEX situations_report_idx;
      CREATE INDEX situations_report_idx ON situations (table_id, created_at)
        INCLUDE (report_dimensions, risk_category_mask, barrier_mask, report_flags, report_decision_known_at, report_assignment_known_at,
                 report_decision_seconds, report_assignment_seconds, report_mobilization_seconds, report_decision_to_mobilization_seconds,
                 report_open_seconds, assisting_agency_ids);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX situations_report_idx;
      ALTER TABLE situations
        DROP COLUMN report_flags, DROP COLUMN report_decision_known_at, DROP COLUMN report_assignment_known_at,
        DROP COLUMN report_decision_seconds, DROP COLUMN report_assignment_seconds, DROP COLUMN report_mobilization_seconds,
        DROP COLUMN report_decision_to_mobilization_seconds, DROP COLUMN report_open_seconds;
      CREATE INDEX situations_report_idx ON situations (table_id, created_at)
        INCLUDE (report_dimensions, risk_category_mask, barrier_mask, decided_at, first_assigned_at, last_assigned_at,
                 mobilization_assigned_at, mobilized_at, closed_at, assisting_agency_ids);
    `);
  }
}
