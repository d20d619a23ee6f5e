import { MigrationInterface, QueryRunner } from 'typeorm';
import { TAXONOMY_2026_1 as TAXONOMY_V1 } from './data/taxonomy-2026.1';

/**
 * The situation workflow: situations and their transitions, meetings, assignments, updates,
 * the identity vault (ciphertext only), notifications, and the versioned reference data.
 */
export class Situations1763780000000 implements MigrationInterface {
  name = 'Situations1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE taxonomy_versions (
        version text PRIMARY KEY,
        data jsonb NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        scheduled_for timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind IN ('REGULAR','EMERGENCY')),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','CLOSED')),
        attendance uuid[] NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        closed_by uuid REFERENCES users(id),
        UNIQUE (table_id, id)
      );
      CREATE INDEX meetings_table_idx ON meetings (table_id, scheduled_for, id);

      CREATE TABLE situation_reference_counters (
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        year int NOT NULL,
        last int NOT NULL,
        PRIMARY KEY (table_id, year)
      );

      CREATE TABLE situations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        reference text NOT NULL,
        status text NOT NULL CHECK (status IN ('SUBMITTED','ACCEPTED','REJECTED','WITHDRAWN','ASSIGNED','MOBILIZED','CLOSED')),
        version int NOT NULL DEFAULT 1,
        taxonomy_version text NOT NULL REFERENCES taxonomy_versions(version),
        situation_type text NOT NULL,
        age_band text,
        gender text,
        risk_factors jsonb,
        protective_factors jsonb,
        study_flags jsonb,
        affected_persons jsonb,
        narrative text,
        imminent_harm boolean,
        agency_exhausted_options boolean,
        originating_agency_id uuid NOT NULL REFERENCES agencies(id),
        originating_sector text NOT NULL,
        submitted_by uuid REFERENCES users(id),
        decision_outcome text CHECK (decision_outcome IN ('AER','NOT_AER')),
        decision_rationale text,
        decision_against_advice boolean,
        decision_meeting_id uuid,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        withdrawn_at timestamptz,
        lead_agency_id uuid REFERENCES agencies(id),
        lead_sector text,
        assisting_agency_ids uuid[] NOT NULL DEFAULT '{}',
        assigned_at timestamptz,
        mobilized_at timestamptz,
        services jsonb,
        conclusion text,
        consent_status text,
        closure_note text,
        closed_at timestamptz,
        identity_purge_at timestamptz,
        identity_purged_at timestamptz,
        overdue_notified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (table_id, reference),
        UNIQUE (table_id, id),
        FOREIGN KEY (table_id, decision_meeting_id) REFERENCES meetings (table_id, id)
      );
      CREATE INDEX situations_table_created_idx ON situations (table_id, created_at, id);
      CREATE INDEX situations_table_status_idx ON situations (table_id, status, created_at, id);
      CREATE INDEX situations_purge_idx ON situations (identity_purge_at) WHERE identity_purged_at IS NULL AND identity_purge_at IS NOT NULL;

      CREATE TABLE situation_transitions (
        id bigserial PRIMARY KEY,
        situation_id uuid NOT NULL REFERENCES situations(id),
        table_id uuid NOT NULL,
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_id uuid REFERENCES users(id),
        actor_agency_id uuid REFERENCES agencies(id),
        meeting_id uuid,
        at timestamptz NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        FOREIGN KEY (table_id, meeting_id) REFERENCES meetings (table_id, id)
      );
      CREATE INDEX situation_transitions_situation_idx ON situation_transitions (situation_id, id);
      CREATE INDEX situation_transitions_meeting_idx ON situation_transitions (meeting_id, id) WHERE meeting_id IS NOT NULL;

      CREATE TABLE situation_assignments (
        id bigserial PRIMARY KEY,
        situation_id uuid NOT NULL REFERENCES situations(id),
        table_id uuid NOT NULL,
        lead_agency_id uuid NOT NULL REFERENCES agencies(id),
        lead_sector text NOT NULL,
        assisting jsonb NOT NULL DEFAULT '[]',
        assigned_by uuid REFERENCES users(id),
        assigned_at timestamptz NOT NULL,
        meeting_id uuid,
        previous_lead_agency_id uuid,
        FOREIGN KEY (table_id, meeting_id) REFERENCES meetings (table_id, id)
      );
      CREATE INDEX situation_assignments_situation_idx ON situation_assignments (situation_id, id);

      CREATE TABLE situation_updates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        situation_id uuid NOT NULL REFERENCES situations(id),
        table_id uuid NOT NULL,
        note text NOT NULL,
        author_id uuid REFERENCES users(id),
        author_agency_id uuid REFERENCES agencies(id),
        meeting_id uuid,
        created_at timestamptz NOT NULL,
        FOREIGN KEY (table_id, meeting_id) REFERENCES meetings (table_id, id)
      );
      CREATE INDEX situation_updates_situation_idx ON situation_updates (situation_id, created_at);
      CREATE INDEX situation_updates_meeting_idx ON situation_updates (meeting_id) WHERE meeting_id IS NOT NULL;

      -- Identity vault: ciphertext only (AES-256-GCM under a per-situation data key, itself wrapped by
      -- the master key). Purge destroys the wrapped key and every ciphertext.
      CREATE TABLE identity_vault (
        situation_id uuid PRIMARY KEY REFERENCES situations(id),
        table_id uuid NOT NULL,
        wrapped_key bytea,
        master_key_id text,
        ciphertexts jsonb,
        legal_authority text NOT NULL,
        written_by uuid REFERENCES users(id),
        written_by_agency uuid REFERENCES agencies(id),
        written_at timestamptz NOT NULL,
        purged_at timestamptz,
        CHECK ((purged_at IS NULL) = (wrapped_key IS NOT NULL AND ciphertexts IS NOT NULL AND master_key_id IS NOT NULL))
      );
      CREATE INDEX identity_vault_table_idx ON identity_vault (table_id);

      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        table_id uuid REFERENCES situation_tables(id),
        situation_id uuid REFERENCES situations(id),
        kind text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        dedupe_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        UNIQUE (user_id, dedupe_key)
      );
      CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id);
    `);
    await q.query('INSERT INTO taxonomy_versions (version, data) VALUES ($1, $2)', [TAXONOMY_V1.version, JSON.stringify(TAXONOMY_V1)]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE notifications; DROP TABLE identity_vault; DROP TABLE situation_updates; DROP TABLE situation_assignments;
      DROP TABLE situation_transitions; DROP TABLE situations; DROP TABLE situation_reference_counters; DROP TABLE meetings;
      DROP TABLE taxonomy_versions;
    `);
  }
}
