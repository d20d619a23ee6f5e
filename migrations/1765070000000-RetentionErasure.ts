import { MigrationInterface, QueryRunner } from 'typeorm';
import { TAXONOMY_2026_4 as TAXONOMY_V4 } from './data/taxonomy-2026.4';

/**
 * Issue 17, section 2: retention that leaves no person-level history.
 *
 * - `situations.texts_erased_at`: when the purge erased every free text of the situation (its
 *   narrative, rationale, deferral question, notes, updates, actions, contact attempts, the texts of
 *   its transitions and of the approved minutes that list it). The coded record stays.
 * - `situations.last_activity_at`: the latest activity on the situation (a transition, a status
 *   update, an action planned or marked, a contact attempt), kept by triggers on those tables of the
 *   situations module, so every writer keeps it without knowing of it; it also clears the dormancy
 *   flag. `dormant_flagged_at`: when the dormancy job flagged it to the coordinators.
 * - `situation_tables.dormancy_flag_days` and `dormancy_close_days`: the table's dormancy periods;
 *   the identity retention's default becomes 365 days (one year after the last use).
 * - approved minutes stay immutable, except the erasure of a purged situation's texts: an UPDATE
 *   that changes nothing but `document`, in a transaction that declared it (`app.retention_erasure`).
 * - reference data 2026.4: 2026.3 plus the conclusion DORMANT (closed by the system after the
 *   table's dormancy periods).
 */
export class RetentionErasure1765070000000 implements MigrationInterface {
  name = 'RetentionErasure1765070000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('INSERT INTO taxonomy_versions (version, data) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING', [TAXONOMY_V4.version, JSON.stringify(TAXONOMY_V4)]);
    await q.query(`
      ALTER TABLE situation_tables
        ALTER COLUMN identity_retention_days SET DEFAULT 365,
        ADD COLUMN dormancy_flag_days integer NOT NULL DEFAULT 60 CHECK (dormancy_flag_days BETWEEN 14 AND 365),
        ADD COLUMN dormancy_close_days integer NOT NULL DEFAULT 120 CHECK (dormancy_close_days BETWEEN 28 AND 730),
        ADD CONSTRAINT situation_tables_dormancy_order_check CHECK (dormancy_close_days > dormancy_flag_days);

      ALTER TABLE situations
        ADD COLUMN texts_erased_at timestamptz,
        ADD COLUMN last_activity_at timestamptz,
        ADD COLUMN dormant_flagged_at timestamptz;

      UPDATE situations s SET last_activity_at = GREATEST(
        s.created_at,
        (SELECT max(t.at) FROM situation_transitions t WHERE t.situation_id = s.id),
        (SELECT max(u.created_at) FROM situation_updates u WHERE u.situation_id = s.id),
        (SELECT max(a.updated_at) FROM situation_actions a WHERE a.situation_id = s.id),
        (SELECT max(c.created_at) FROM situation_contact_attempts c WHERE c.situation_id = s.id));

      CREATE FUNCTION situations_first_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.last_activity_at := COALESCE(NEW.last_activity_at, NEW.created_at);
        RETURN NEW;
      END $$;
      CREATE TRIGGER situations_first_activity BEFORE INSERT ON situations
        FOR EACH ROW EXECUTE FUNCTION situations_first_activity();

      CREATE FUNCTION situation_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        at timestamptz;
      BEGIN
        IF TG_TABLE_NAME = 'situation_transitions' THEN
          -- the intake's SUBMIT is inserted with its situation (one statement): created_at already counts
          IF NEW.action = 'SUBMIT' THEN RETURN NULL; END IF;
          at := NEW.at;
        ELSIF TG_TABLE_NAME = 'situation_actions' THEN
          at := NEW.updated_at;
        ELSE
          at := NEW.created_at;
        END IF;
        UPDATE situations SET last_activity_at = GREATEST(last_activity_at, at), dormant_flagged_at = NULL
          WHERE id = NEW.situation_id;
        RETURN NULL;
      END $$;
      CREATE TRIGGER situation_transitions_activity AFTER INSERT ON situation_transitions
        FOR EACH ROW EXECUTE FUNCTION situation_activity();
      CREATE TRIGGER situation_updates_activity AFTER INSERT ON situation_updates
        FOR EACH ROW EXECUTE FUNCTION situation_activity();
      CREATE TRIGGER situation_actions_activity AFTER INSERT OR UPDATE OF status, due_date ON situation_actions
        FOR EACH ROW EXECUTE FUNCTION situation_activity();
      CREATE TRIGGER situation_contact_attempts_activity AFTER INSERT ON situation_contact_attempts
        FOR EACH ROW EXECUTE FUNCTION situation_activity();

      CREATE INDEX situations_dormancy_idx ON situations (last_activity_at)
        WHERE status IN ('SUBMITTED','DEFERRED','ACCEPTED','ASSIGNED','MOBILIZED');
      CREATE INDEX situations_texts_due_idx ON situations (identity_purged_at)
        WHERE texts_erased_at IS NULL;

      CREATE OR REPLACE FUNCTION meeting_minutes_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('app.retention_erasure', true) = 'on'
           AND NEW.meeting_id = OLD.meeting_id AND NEW.table_id = OLD.table_id AND NEW.approved_at = OLD.approved_at
           AND NEW.approved_by = OLD.approved_by AND NEW.approved_by_name = OLD.approved_by_name
           AND NEW.approved_at_meeting_id = OLD.approved_at_meeting_id THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'approved minutes are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION meeting_minutes_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'approved minutes are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      DROP TRIGGER situation_transitions_activity ON situation_transitions;
      DROP TRIGGER situation_updates_activity ON situation_updates;
      DROP TRIGGER situation_actions_activity ON situation_actions;
      DROP TRIGGER situation_contact_attempts_activity ON situation_contact_attempts;
      DROP TRIGGER situations_first_activity ON situations;
      DROP FUNCTION situation_activity();
      DROP FUNCTION situations_first_activity();
      ALTER TABLE situations DROP COLUMN texts_erased_at, DROP COLUMN last_activity_at, DROP COLUMN dormant_flagged_at;
      ALTER TABLE situation_tables DROP COLUMN dormancy_flag_days, DROP COLUMN dormancy_close_days,
        ALTER COLUMN identity_retention_days SET DEFAULT 90;
    `);
    await q.query('DELETE FROM taxonomy_versions WHERE version = $1 AND NOT EXISTS (SELECT 1 FROM situations WHERE taxonomy_version = $1)', [TAXONOMY_V4.version]);
  }
}
