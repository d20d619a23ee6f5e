import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lead agency's answer (issue 16, Filters 3 and 4): it accepts the lead or declines it with a
 * reason (CAPACITY, MANDATE, CONFLICT, OTHER) and a de-identified note; a decline returns the
 * situation to ACCEPTED without a lead. `lead_assigned_at` is when the current lead was given (the
 * 24-hour clock); `lead_answer` is null while it is pending; `lead_answer_agency_id` keeps who
 * answered (after a decline the lead is gone); `lead_answer_notified_at` marks the one notification
 * of an unanswered lead. Leads given before this migration are pending from their assignment time
 * and marked notified (no burst of notifications at deployment; the flag still shows).
 */
export class LeadAnswer1764860000000 implements MigrationInterface {
  name = 'LeadAnswer1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE situations
         ADD COLUMN lead_assigned_at timestamptz,
         ADD COLUMN lead_answer text CHECK (lead_answer IN ('ACCEPTED','DECLINED')),
         ADD COLUMN lead_answer_agency_id uuid REFERENCES agencies(id),
         ADD COLUMN lead_answer_reason text CHECK (lead_answer_reason IN ('CAPACITY','MANDATE','CONFLICT','OTHER')),
         ADD COLUMN lead_answer_note text,
         ADD COLUMN lead_answered_at timestamptz,
         ADD COLUMN lead_answered_by uuid REFERENCES users(id),
         ADD COLUMN lead_answer_notified_at timestamptz,
         ADD CONSTRAINT situations_lead_decline_reason_check CHECK (lead_answer IS DISTINCT FROM 'DECLINED' OR lead_answer_reason IS NOT NULL)`,
    );
    await q.query(`UPDATE situations SET lead_assigned_at = assigned_at, lead_answer_notified_at = now() WHERE lead_agency_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX situations_lead_answer_pending_idx ON situations (lead_assigned_at)
       WHERE status = 'ASSIGNED' AND lead_answer IS NULL AND lead_answer_notified_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX situations_lead_answer_pending_idx');
    await q.query(
      `ALTER TABLE situations DROP CONSTRAINT situations_lead_decline_reason_check, DROP COLUMN lead_assigned_at, DROP COLUMN lead_answer,
         DROP COLUMN lead_answer_agency_id, DROP COLUMN lead_answer_reason, DROP COLUMN lead_answer_note, DROP COLUMN lead_answered_at,
         DROP COLUMN lead_answered_by, DROP COLUMN lead_answer_notified_at`,
    );
  }
}
