import { MigrationInterface, QueryRunner } from 'typeorm';
import { TAXONOMY_2026_5 as TAXONOMY_V5 } from './data/taxonomy-2026.5';

/** The system barrier codes, in the order of their bit in `barrier_mask` (frozen here: the migration is self-contained). */
const CODES = ['NO_SERVICE', 'WAIT_LIST', 'ELIGIBILITY', 'CAPACITY', 'GEOGRAPHY', 'LANGUAGE', 'OTHER'];
const CONTEXTS = ['CLOSURE', 'LEAD_DECLINE', 'ACTION_NOT_DONE'];
const list = (codes: string[]): string => codes.map((c) => `'${c}'`).join(',');

/**
 * Issue 19, docs/evaluation.md section 5: system barriers, why a needed service could not be
 * connected, recorded by the table at closure, with a lead's decline or with an action not done.
 *
 * - `situation_system_barriers` (owned by `situations`): the situation and its table, the context,
 *   a code, an optional service code, the row it links to (the assignment declined, the action not
 *   done; none at closure), a note for OTHER only (de-identified, checked at write, erased with the
 *   situation's texts: so it may be null on OTHER after the erasure), who recorded it, for which
 *   agency, and when. One row per (situation, context, link, code, service), the table id in the key.
 * - `situations.barrier_mask`: one bit per code (CODES' order), any context, kept by a trigger on
 *   the barriers, so every writer keeps it without knowing of it; the report scan's covering index
 *   now includes it (an index-only scan for the I16 figures).
 * - reference data 2026.5: 2026.4 plus `systemBarriers` and `systemBarrierContexts`.
 */
export class SystemBarriers1765130000000 implements MigrationInterface {
  name = 'SystemBarriers1765130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('INSERT INTO taxonomy_versions (version, data) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING', [TAXONOMY_V5.version, JSON.stringify(TAXONOMY_V5)]);
    await q.query(`
      CREATE TABLE situation_system_barriers (
        id bigserial PRIMARY KEY,
        situation_id uuid NOT NULL,
        table_id uuid NOT NULL,
        context text NOT NULL CHECK (context IN (${list(CONTEXTS)})),
        code text NOT NULL CHECK (code IN (${list(CODES)})),
        service text,
        assignment_id bigint REFERENCES situation_assignments(id),
        action_id uuid REFERENCES situation_actions(id),
        note text,
        recorded_by uuid REFERENCES users(id),
        agency_id uuid REFERENCES agencies(id),
        recorded_at timestamptz NOT NULL,
        FOREIGN KEY (table_id, situation_id) REFERENCES situations (table_id, id),
        CONSTRAINT situation_system_barriers_link_check CHECK (
          (context = 'LEAD_DECLINE') = (assignment_id IS NOT NULL) AND (context = 'ACTION_NOT_DONE') = (action_id IS NOT NULL)),
        CONSTRAINT situation_system_barriers_note_check CHECK (note IS NULL OR code = 'OTHER'),
        CONSTRAINT situation_system_barriers_key UNIQUE NULLS NOT DISTINCT (table_id, situation_id, context, assignment_id, action_id, code, service)
      );
      CREATE INDEX situation_system_barriers_situation_idx ON situation_system_barriers (situation_id, id);

      ALTER TABLE situations ADD COLUMN barrier_mask integer NOT NULL DEFAULT 0;

      CREATE FUNCTION situation_barrier_mask() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        sid uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.situation_id ELSE NEW.situation_id END;
        mask integer;
      BEGIN
        SELECT coalesce(bit_or(1 << (array_position(ARRAY[${list(CODES)}]::text[], b.code) - 1)), 0) INTO mask
          FROM situation_system_barriers b WHERE b.situation_id = sid;
        UPDATE situations SET barrier_mask = mask WHERE id = sid AND barrier_mask IS DISTINCT FROM mask;
        RETURN NULL;
      END $$;
      CREATE TRIGGER situation_system_barriers_mask AFTER INSERT OR DELETE OR UPDATE OF code ON situation_system_barriers
        FOR EACH ROW EXECUTE FUNCTION situation_barrier_mask();

      DROP INDEX situations_report_idx;
      CREATE INDEX situations_report_idx ON situations (table_id, created_at)
        INCLUDE (report_dimensions, risk_category_mask, decided_at, mobilized_at, closed_at, barrier_mask);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX situations_report_idx;
      CREATE INDEX situations_report_idx ON situations (table_id, created_at)
        INCLUDE (report_dimensions, risk_category_mask, decided_at, mobilized_at, closed_at);
      DROP TRIGGER situation_system_barriers_mask ON situation_system_barriers;
      DROP FUNCTION situation_barrier_mask();
      DROP TABLE situation_system_barriers;
      ALTER TABLE situations DROP COLUMN barrier_mask;
    `);
    await q.query('DELETE FROM taxonomy_versions WHERE version = $1 AND NOT EXISTS (SELECT 1 FROM situations WHERE taxonomy_version = $1)', [TAXONOMY_V5.version]);
  }
}
