import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Minutes approved at the next meeting, and the published agenda (issue 16).
 * `meeting_minutes`: one row per approved meeting, written once by the coordinator's approval at
 * the table's next meeting (`approved_at_meeting_id`): the minutes document as it was approved
 * (a JSON snapshot of the de-identified minutes: references, codes, agency names, de-identified
 * notes and rationales), never recomputed afterwards. Approved minutes are immutable: a trigger
 * refuses UPDATE, DELETE and TRUNCATE to every role, the owner included.
 * `meetings.agenda_published_at/_by`: the agenda was published (once) and the members notified.
 */
export class MeetingMinutes1765050000000 implements MigrationInterface {
  name = 'MeetingMinutes1765050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE meetings ADD COLUMN agenda_published_at timestamptz, ADD COLUMN agenda_published_by uuid REFERENCES users(id);

      CREATE TABLE meeting_minutes (
        meeting_id uuid PRIMARY KEY,
        table_id uuid NOT NULL,
        document jsonb NOT NULL,
        approved_at timestamptz NOT NULL,
        approved_by uuid NOT NULL REFERENCES users(id),
        approved_by_name text NOT NULL CHECK (length(approved_by_name) BETWEEN 1 AND 120),
        approved_at_meeting_id uuid NOT NULL,
        FOREIGN KEY (table_id, meeting_id) REFERENCES meetings (table_id, id),
        FOREIGN KEY (table_id, approved_at_meeting_id) REFERENCES meetings (table_id, id),
        CHECK (approved_at_meeting_id <> meeting_id)
      );

      CREATE FUNCTION meeting_minutes_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'approved minutes are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER meeting_minutes_no_update_delete BEFORE UPDATE OR DELETE ON meeting_minutes
        FOR EACH ROW EXECUTE FUNCTION meeting_minutes_immutable();
      CREATE TRIGGER meeting_minutes_no_truncate BEFORE TRUNCATE ON meeting_minutes
        FOR EACH STATEMENT EXECUTE FUNCTION meeting_minutes_immutable();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE meeting_minutes;
      DROP FUNCTION meeting_minutes_immutable();
      ALTER TABLE meetings DROP COLUMN agenda_published_by, DROP COLUMN agenda_published_at;
    `);
  }
}
