import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agenda's overdue section: accepted or assigned situations whose 48-hour clock (from the
 * latest assignment, else the decision) has run out, oldest first, and how many there are. The
 * clock is an expression of two columns, so no index had it: each agenda read filtered every open
 * situation of the table in the heap (8 ms on a 25,000-situation table, twice). This partial index
 * holds the clock in order, with both columns for an index-only count.
 *
 * The clock's start is the latest assignment, else the decision, for ASSIGNED and ACCEPTED alike,
 * once an ACCEPTED situation has no assignment start left (see up()).
 */
export class AgendaLateIndex1765120000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // A declined lead left the assignment's start on a situation back to ACCEPTED, where the domain's
    // clock counts from the decision (mobilization-clock.ts) but COALESCE read the assignment: cleared,
    // as a decline now does.
    await q.query(`UPDATE situations SET last_assigned_at = NULL WHERE status = 'ACCEPTED' AND last_assigned_at IS NOT NULL`);
    await q.query(
      `CREATE INDEX situations_agenda_late_idx ON situations (table_id, (COALESCE(last_assigned_at, decided_at)), id)
       INCLUDE (last_assigned_at, decided_at) WHERE status IN ('ACCEPTED', 'ASSIGNED')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX situations_agenda_late_idx');
  }
}
