import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Duplicate referrals (issue 16): a coordinator closes a referral awaiting the decision as a
 * duplicate of another referral of the same table. A new terminal status `DUPLICATE` (a stub, like
 * REJECTED and WITHDRAWN), and the link `duplicate_of_id` to the original, set exactly when the
 * status is DUPLICATE, never to itself; `duplicate_marked_at` is when it was marked. The original's
 * duplicates are found through a partial index. Reports count DUPLICATE rows from their columns
 * (report_dimensions is NULL for a status the ReportScan encoding does not list, as for DEFERRED).
 */
export class DuplicateReferrals1765000000000 implements MigrationInterface {
  name = 'DuplicateReferrals1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE situations DROP CONSTRAINT situations_status_check');
    await q.query(
      `ALTER TABLE situations ADD CONSTRAINT situations_status_check
       CHECK (status IN ('SUBMITTED','DEFERRED','ACCEPTED','REJECTED','WITHDRAWN','ASSIGNED','MOBILIZED','CLOSED','DUPLICATE'))`,
    );
    await q.query(
      `ALTER TABLE situations ADD COLUMN duplicate_of_id uuid REFERENCES situations(id), ADD COLUMN duplicate_marked_at timestamptz,
         ADD CONSTRAINT situations_duplicate_link_check CHECK ((status = 'DUPLICATE') = (duplicate_of_id IS NOT NULL) AND duplicate_of_id IS DISTINCT FROM id)`,
    );
    await q.query('CREATE INDEX situations_duplicate_of_idx ON situations (duplicate_of_id) WHERE duplicate_of_id IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX situations_duplicate_of_idx');
    await q.query('ALTER TABLE situations DROP CONSTRAINT situations_duplicate_link_check');
    await q.query('ALTER TABLE situations DROP COLUMN duplicate_of_id, DROP COLUMN duplicate_marked_at');
    await q.query(`UPDATE situations SET status = 'WITHDRAWN' WHERE status = 'DUPLICATE'`);
    await q.query('ALTER TABLE situations DROP CONSTRAINT situations_status_check');
    await q.query(
      `ALTER TABLE situations ADD CONSTRAINT situations_status_check
       CHECK (status IN ('SUBMITTED','DEFERRED','ACCEPTED','REJECTED','WITHDRAWN','ASSIGNED','MOBILIZED','CLOSED'))`,
    );
  }
}
