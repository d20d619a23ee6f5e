import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The meeting's agenda as items and its attendance by person (issue 16). An item is a situation on
 * a meeting's agenda: its place (`position`), its status (LISTED, DISCUSSED, DEFERRED to the next
 * meeting, REMOVED), how it came (AUTO from the computed sections, ADDED by the coordinator,
 * DEFERRED from the previous meeting), who marked it discussed and when. Items are written when the
 * coordinator first edits the agenda, records attendance or closes the meeting; before that the
 * agenda's items are computed. Attendees are the members of the table who attended, with the
 * agency and sector they sat for and their display name as it was (the minutes keep it).
 */
export class MeetingAgenda1765040000000 implements MigrationInterface {
  name = 'MeetingAgenda1765040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_agenda_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id),
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        situation_id uuid NOT NULL REFERENCES situations(id),
        position integer NOT NULL CHECK (position > 0),
        status text NOT NULL DEFAULT 'LISTED' CHECK (status IN ('LISTED','DISCUSSED','DEFERRED','REMOVED')),
        origin text NOT NULL CHECK (origin IN ('AUTO','ADDED','DEFERRED')),
        deferred_from_meeting_id uuid REFERENCES meetings(id),
        deferred_to_meeting_id uuid REFERENCES meetings(id),
        discussed_at timestamptz,
        discussed_by uuid REFERENCES users(id),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (meeting_id, situation_id),
        CONSTRAINT meeting_agenda_items_deferred_check CHECK ((status = 'DEFERRED') = (deferred_to_meeting_id IS NOT NULL)),
        CONSTRAINT meeting_agenda_items_discussed_check CHECK ((status = 'DISCUSSED') = (discussed_at IS NOT NULL))
      );
      CREATE INDEX meeting_agenda_items_order_idx ON meeting_agenda_items (meeting_id, position, id);
      CREATE TABLE meeting_attendees (
        meeting_id uuid NOT NULL REFERENCES meetings(id),
        user_id uuid NOT NULL REFERENCES users(id),
        display_name text NOT NULL,
        agency_id uuid NOT NULL REFERENCES agencies(id),
        sector text NOT NULL,
        PRIMARY KEY (meeting_id, user_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE meeting_attendees; DROP TABLE meeting_agenda_items;');
  }
}
