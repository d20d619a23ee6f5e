import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A third outcome of Filter 2: deferred, more information needed (issue 16). A deferred referral
 * goes back to its originating agency with the table's question (`information_needed`,
 * de-identified); the agency answers by editing the referral, which returns it to SUBMITTED.
 * Each table says after how many days a deferral still unanswered is flagged
 * (`deferral_limit_days`, 1 to 90, default 14); `deferral_notified_at` marks the one
 * notification of an overdue deferral (cleared when it is deferred again). Earlier versions of an
 * edited referral are kept as EDIT transitions (their codes only, in `details`).
 */
export class Deferral1764800000000 implements MigrationInterface {
  name = 'Deferral1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE situations DROP CONSTRAINT situations_status_check');
    await q.query(
      `ALTER TABLE situations ADD CONSTRAINT situations_status_check
       CHECK (status IN ('SUBMITTED','DEFERRED','ACCEPTED','REJECTED','WITHDRAWN','ASSIGNED','MOBILIZED','CLOSED'))`,
    );
    await q.query(
      `ALTER TABLE situations ADD COLUMN information_needed text, ADD COLUMN deferred_at timestamptz,
         ADD COLUMN deferred_by uuid REFERENCES users(id), ADD COLUMN deferral_notified_at timestamptz`,
    );
    await q.query(`CREATE INDEX situations_deferred_idx ON situations (deferred_at) WHERE status = 'DEFERRED'`);
    await q.query(`ALTER TABLE situation_tables ADD COLUMN deferral_limit_days int NOT NULL DEFAULT 14 CHECK (deferral_limit_days BETWEEN 1 AND 90)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE situation_tables DROP COLUMN deferral_limit_days');
    await q.query('DROP INDEX situations_deferred_idx');
    await q.query('ALTER TABLE situations DROP COLUMN information_needed, DROP COLUMN deferred_at, DROP COLUMN deferred_by, DROP COLUMN deferral_notified_at');
    await q.query('ALTER TABLE situations DROP CONSTRAINT situations_status_check');
    await q.query(
      `ALTER TABLE situations ADD CONSTRAINT situations_status_check
       CHECK (status IN ('SUBMITTED','ACCEPTED','REJECTED','WITHDRAWN','ASSIGNED','MOBILIZED','CLOSED'))`,
    );
  }
}
