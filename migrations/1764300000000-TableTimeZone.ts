import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each table's time zone (IANA name), in which report periods (months, quarters, years) begin
 * and end. Set at creation only: moving a table's period boundaries afterwards would let two
 * reports of "the same" month be subtracted.
 */
export class TableTimeZone1764300000000 implements MigrationInterface {
  name = 'TableTimeZone1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE situation_tables ADD COLUMN time_zone text NOT NULL DEFAULT 'America/Toronto' CHECK (length(time_zone) BETWEEN 1 AND 64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE situation_tables DROP COLUMN time_zone');
  }
}
