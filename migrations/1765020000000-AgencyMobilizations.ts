import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, Filter 4 per agency: each intervening agency of the current assignment (the lead and
 * each assisting agency) records its own mobilisation once, with the services it connected, and
 * may change them later. `superseded_at` marks the rows of a former assignment (a reassignment, or
 * the lead's decline, starts afresh): they stay as history, without standing. One current row per
 * situation and agency (a partial unique index: concurrent requests cannot record it twice).
 *
 * Situations mobilised before this migration: their mobilisation becomes the lead's row, the lead
 * being the one of the assignment in force when it was recorded (its MOBILIZE transition), recorded
 * by that transition's actor; superseded from the next assignment when there was one since.
 */
export class AgencyMobilizations1765020000000 implements MigrationInterface {
  name = 'AgencyMobilizations1765020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE situation_agency_mobilizations (
        id bigserial PRIMARY KEY,
        situation_id uuid NOT NULL REFERENCES situations(id),
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        role text NOT NULL CHECK (role IN ('LEAD','ASSISTING')),
        mobilized_at timestamptz NOT NULL,
        services jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(services) = 'array'),
        recorded_by uuid REFERENCES users(id),
        meeting_id uuid,
        superseded_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        FOREIGN KEY (table_id, meeting_id) REFERENCES meetings (table_id, id)
      )`);
    await q.query('CREATE UNIQUE INDEX situation_agency_mobilizations_current_idx ON situation_agency_mobilizations (situation_id, agency_id) WHERE superseded_at IS NULL');
    await q.query('CREATE INDEX situation_agency_mobilizations_situation_idx ON situation_agency_mobilizations (situation_id, id)');
    await q.query(`
      INSERT INTO situation_agency_mobilizations (situation_id, table_id, agency_id, role, mobilized_at, services, recorded_by, meeting_id, superseded_at, created_at, updated_at)
      SELECT s.id, s.table_id, coalesce(a.lead_agency_id, s.lead_agency_id), 'LEAD', s.mobilized_at, coalesce(s.services, '[]'::jsonb),
             t.actor_id, t.meeting_id, nxt.assigned_at, coalesce(t.at, s.mobilized_at), coalesce(t.at, s.mobilized_at)
      FROM situations s
      LEFT JOIN LATERAL (SELECT x.at, x.actor_id, x.meeting_id FROM situation_transitions x
                         WHERE x.situation_id = s.id AND x.action = 'MOBILIZE' ORDER BY x.id DESC LIMIT 1) t ON true
      LEFT JOIN LATERAL (SELECT y.lead_agency_id FROM situation_assignments y
                         WHERE y.situation_id = s.id AND y.assigned_at <= coalesce(t.at, s.mobilized_at) ORDER BY y.id DESC LIMIT 1) a ON true
      LEFT JOIN LATERAL (SELECT z.assigned_at FROM situation_assignments z
                         WHERE z.situation_id = s.id AND z.assigned_at > coalesce(t.at, s.mobilized_at) ORDER BY z.id LIMIT 1) nxt ON true
      WHERE s.mobilized_at IS NOT NULL AND coalesce(a.lead_agency_id, s.lead_agency_id) IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE situation_agency_mobilizations');
  }
}
