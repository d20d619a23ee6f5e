import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19, docs/evaluation.md I14: repeat referrals, counted and never listed.
 *
 * - `situation_repeat_markers` (owned by `identity-vault`): one row per situation whose identity
 *   holds at least one indexed person, with its marker: `REPEAT` when one of its persons had been
 *   referred to the same table in the 12 months before it (found through the blind index, at the
 *   identity write), else `NEW`. Only the marker: no link to the other situation, no token. It
 *   stays after the identity's purge (it says nothing of who), and goes with the situation.
 * - No backfill: identities written before this migration have no marker (the indicator's
 *   population is the situations that have one).
 */
export class RepeatReferrals1765150000000 implements MigrationInterface {
  name = 'RepeatReferrals1765150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE situation_repeat_markers (
        situation_id uuid PRIMARY KEY REFERENCES situations(id) ON DELETE CASCADE,
        marker text NOT NULL CHECK (marker IN ('NEW', 'REPEAT'))
      )
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE situation_repeat_markers');
  }
}
