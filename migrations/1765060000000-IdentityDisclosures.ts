import { MigrationInterface, QueryRunner } from 'typeorm';
import { TAXONOMY_2026_4 } from './data/taxonomy-2026.4';

/**
 * Legal authority, notice and consent, per disclosure (issue 17, section 1).
 * Reference data 2026.4: the legal authorities with their conditions (statute, section, sectors,
 * notice, consent, retired); new situations record it, earlier versions stay for theirs.
 * `identity_disclosures` (owned by the `disclosures` module): one row per identity write, what
 * the law asks of it. Field NAMES only, never a value; agencies and users by id. Notice: due date
 * (disclosed_at + the authority's days) and when and how it was given; consent: the agency that
 * obtained it, when, its scope code. `notice_overdue_alerted_at` is the alert's claim (once, across
 * replicas).
 */
export class IdentityDisclosures1765060000000 implements MigrationInterface {
  name = 'IdentityDisclosures1765060000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('INSERT INTO taxonomy_versions (version, data) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING', [TAXONOMY_2026_4.version, JSON.stringify(TAXONOMY_2026_4)]);
    await q.query(`
      CREATE TABLE identity_disclosures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        table_id uuid NOT NULL,
        situation_id uuid NOT NULL,
        identity_version int NOT NULL CHECK (identity_version > 0),
        legal_authority text NOT NULL CHECK (legal_authority ~ '^[A-Z0-9_]{1,60}$'),
        taxonomy_version text NOT NULL,
        disclosing_agency_id uuid NOT NULL REFERENCES agencies(id),
        receiving_agency_ids uuid[] NOT NULL DEFAULT '{}',
        fields text[] NOT NULL,
        disclosed_at timestamptz NOT NULL,
        disclosed_by uuid NOT NULL REFERENCES users(id),
        notice_method_required text,
        notice_due_at timestamptz,
        notice_given_at timestamptz,
        notice_method text,
        notice_recorded_by uuid REFERENCES users(id),
        notice_recorded_at timestamptz,
        notice_overdue_alerted_at timestamptz,
        consent_required boolean NOT NULL,
        consent_agency_id uuid REFERENCES agencies(id),
        consent_obtained_at timestamptz,
        consent_scope text,
        consent_recorded_by uuid REFERENCES users(id),
        consent_recorded_at timestamptz,
        FOREIGN KEY (table_id, situation_id) REFERENCES situations (table_id, id),
        CHECK ((notice_method_required IS NULL) = (notice_due_at IS NULL)),
        CHECK ((notice_given_at IS NULL) = (notice_method IS NULL)),
        CHECK ((consent_agency_id IS NULL) = (consent_obtained_at IS NULL) AND (consent_obtained_at IS NULL) = (consent_scope IS NULL)),
        CHECK (NOT consent_required OR consent_obtained_at IS NOT NULL)
      );
      CREATE INDEX identity_disclosures_table_idx ON identity_disclosures (table_id, disclosed_at, id);
      CREATE INDEX identity_disclosures_situation_idx ON identity_disclosures (situation_id, disclosed_at);
      CREATE INDEX identity_disclosures_notice_due_idx ON identity_disclosures (notice_due_at)
        WHERE notice_given_at IS NULL AND notice_overdue_alerted_at IS NULL AND notice_due_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE identity_disclosures');
    await q.query('DELETE FROM taxonomy_versions WHERE version = $1 AND NOT EXISTS (SELECT 1 FROM situations WHERE taxonomy_version = $1)', [TAXONOMY_2026_4.version]);
  }
}
