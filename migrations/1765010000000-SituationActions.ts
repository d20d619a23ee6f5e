import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each agency's part of the intervention (issue 16, Filters 3 and 4): actions agreed for a
 * situation, owned by its lead or an assisting agency, with a due date and a status (PLANNED, then
 * DONE or NOT_DONE with a reason code; both final), and the agencies' attempts to contact the
 * person (when, an outcome code, an optional note). Text is de-identified (checked at write);
 * codes are the taxonomy's (`labels.actionNotDoneReasons`, `labels.contactOutcomes`). An action or
 * an attempt may name the meeting it was agreed at (`meeting_id`, the table's own meeting).
 */
export class SituationActions1765010000000 implements MigrationInterface {
  name = 'SituationActions1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE situation_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        situation_id uuid NOT NULL REFERENCES situations(id),
        table_id uuid NOT NULL,
        owner_agency_id uuid NOT NULL REFERENCES agencies(id),
        description text NOT NULL,
        due_date date NOT NULL,
        status text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED','DONE','NOT_DONE')),
        reason_code text CHECK (reason_code IN ('PERSON_DECLINED','NOT_REACHED','NOT_ELIGIBLE','NO_CAPACITY','CIRCUMSTANCES_CHANGED','OTHER')),
        reason_note text,
        completed_at timestamptz,
        completed_by uuid REFERENCES users(id),
        completed_by_agency_id uuid REFERENCES agencies(id),
        meeting_id uuid,
        created_by uuid REFERENCES users(id),
        created_by_agency_id uuid REFERENCES agencies(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        FOREIGN KEY (table_id, meeting_id) REFERENCES meetings (table_id, id),
        CONSTRAINT situation_actions_reason_check CHECK ((status = 'NOT_DONE') = (reason_code IS NOT NULL)),
        CONSTRAINT situation_actions_completed_check CHECK ((status = 'PLANNED') = (completed_at IS NULL))
      );
      CREATE INDEX situation_actions_situation_idx ON situation_actions (situation_id, created_at, id);
      CREATE INDEX situation_actions_meeting_idx ON situation_actions (meeting_id) WHERE meeting_id IS NOT NULL;

      CREATE TABLE situation_contact_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        situation_id uuid NOT NULL REFERENCES situations(id),
        table_id uuid NOT NULL,
        agency_id uuid NOT NULL REFERENCES agencies(id),
        attempted_at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('REACHED','NO_ANSWER','MESSAGE_LEFT','DECLINED','WRONG_CONTACT_DETAILS','OTHER')),
        note text,
        meeting_id uuid,
        created_by uuid REFERENCES users(id),
        created_by_agency_id uuid REFERENCES agencies(id),
        created_at timestamptz NOT NULL,
        FOREIGN KEY (table_id, meeting_id) REFERENCES meetings (table_id, id)
      );
      CREATE INDEX situation_contact_attempts_situation_idx ON situation_contact_attempts (situation_id, attempted_at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE situation_contact_attempts; DROP TABLE situation_actions;');
  }
}
