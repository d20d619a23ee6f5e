import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: reopening a closed situation, and the 48-hour clock from the assignment.
 *
 * - `situation_tables.reopen_limit_days` (0 to 365, default 30; 0: never): how many days after
 *   its closure a coordinator may reopen a situation (while its identity is not purged).
 * - `situations.last_assigned_at`: the latest (re)assignment, from which the clock counts
 *   (`assigned_at` stays the first one); filled from the assignment history.
 * - `situations.overdue_warned_at`: the one 24-hour warning to the lead agency
 *   (`overdue_notified_at` stays the one 48-hour alert). A reassignment clears both marks.
 */
export class ReopenClock1764870000000 implements MigrationInterface {
  name = 'ReopenClock1764870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE situation_tables ADD COLUMN reopen_limit_days int NOT NULL DEFAULT 30 CHECK (reopen_limit_days BETWEEN 0 AND 365)`);
    await q.query('ALTER TABLE situations ADD COLUMN last_assigned_at timestamptz, ADD COLUMN overdue_warned_at timestamptz');
    await q.query(
      `UPDATE situations s SET last_assigned_at = coalesce((SELECT max(a.assigned_at) FROM situation_assignments a WHERE a.situation_id = s.id), s.assigned_at)
       WHERE s.assigned_at IS NOT NULL`,
    );
    // Situations already alerted under the former rule are not warned again.
    await q.query('UPDATE situations SET overdue_warned_at = overdue_notified_at WHERE overdue_notified_at IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE situations DROP COLUMN last_assigned_at, DROP COLUMN overdue_warned_at');
    await q.query('ALTER TABLE situation_tables DROP COLUMN reopen_limit_days');
  }
}
