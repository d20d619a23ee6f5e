import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sectors whose involvement a situation needs, named by the originating agency at intake and
 * adjustable by the table at its decision (issue 16): the threshold's SECTORS criterion counts
 * them. No backfill: a referral made before names none (NULL), and its criterion keeps counting the
 * category → sectors map as it did, its explanation saying so (source CATEGORY_MAP). Backfilling
 * from that map would write the very over-count the issue is about (two categories of one mandate
 * as three sectors, "other" as a sector) and present it as what the agency said it needs.
 */
export class SectorsNeeded1764900000000 implements MigrationInterface {
  name = 'SectorsNeeded1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE situations ADD COLUMN sectors_needed text[] CHECK (sectors_needed IS NULL OR cardinality(sectors_needed) >= 1)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE situations DROP COLUMN sectors_needed');
  }
}
