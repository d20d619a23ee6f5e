import { MigrationInterface, QueryRunner } from 'typeorm';
import { EQUITY_2026_1 } from './data/equity-2026.1';

/** Frozen here: the migration is self-contained. */
const STAGES = ['RECORDED', 'POLICE_LED', 'CLOSED_RISK_LOWERED', 'CLOSED_STILL_AER', 'CLOSED_OTHER'];
const QUESTIONS = ['INDIGENOUS_IDENTITY', 'RACE', 'RELIGION', 'ETHNIC_ORIGIN', 'GENDER_IDENTITY'];
const NOT_ASKED_REASONS = ['NOT_REACHED', 'NOT_SAFE_OR_APPROPRIATE', 'OTHER'];
const list = (codes: string[]): string => codes.map((c) => `'${c}'`).join(',');

/**
 * Issue 19, docs/evaluation.md section 6: the voluntary equity (sociodemographic) data. All three
 * tables are owned by the `identity-vault` module: the answers are sealed under the identity's own
 * data key and purged with it, so they live inside the privacy boundary.
 *
 * - `equity_reference_versions`: the questions, codes, labels and notice, versioned apart from the
 *   taxonomy (2026.1 seeded here); an answer keeps the version it was given under (`notice_version`).
 * - `equity_responses`: one row per situation (its PRIMARY person), apart from `identity_vault`:
 *   asked or not and why, who answered (SELF or AUTHORIZED_PERSON), the answers as one AES-256-GCM
 *   ciphertext under the situation's data key (`key_version`: the identity row version whose key
 *   seals it), the referral's local month and the stages its answers are counted at (both derivable
 *   from the situation), the recording agency and user, and when. The answers' row needs the
 *   identity's: a foreign key to the identity row, whose purge deletes this row in its transaction.
 * - `equity_tallies`: counts only, per (table, referral month, question, reporting category, stage);
 *   a row brought to 0 is deleted in the same statement, so the table keeps no trace of a withdrawn answer.
 * - `situation_tables.equity_contact_title`, `equity_contact_email`: who answers the person's
 *   questions, named in the notice (ARA s. 7(4)(c), section 6.3); the questions are refused until set.
 *
 * Row protection is the rest of the schema's: every row carries its table id, the composite foreign
 * key ties it to its situation at that table, and every query is scoped by table (the application's
 * role holds no bypass; there is no row-level security policy elsewhere in the schema to mirror).
 */
export class EquityData1765170000000 implements MigrationInterface {
  name = 'EquityData1765170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE equity_reference_versions (
        version text PRIMARY KEY,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE equity_responses (
        situation_id uuid PRIMARY KEY REFERENCES identity_vault(situation_id),
        table_id uuid NOT NULL,
        notice_version text NOT NULL REFERENCES equity_reference_versions(version),
        asked boolean NOT NULL,
        not_asked_reason text CHECK (not_asked_reason IN (${list(NOT_ASKED_REASONS)})),
        answered_by text CHECK (answered_by IN ('SELF', 'AUTHORIZED_PERSON')),
        ciphertext text,
        key_version integer,
        referral_month text NOT NULL CHECK (referral_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        tallied_stages text[] NOT NULL CHECK (tallied_stages <@ ARRAY[${list(STAGES)}]::text[]),
        recorded_by uuid REFERENCES users(id),
        recorded_by_agency uuid NOT NULL REFERENCES agencies(id),
        recorded_at timestamptz NOT NULL,
        FOREIGN KEY (table_id, situation_id) REFERENCES situations (table_id, id),
        CONSTRAINT equity_responses_asked_check CHECK (
          asked = (not_asked_reason IS NULL) AND asked = (answered_by IS NOT NULL)
          AND asked = (ciphertext IS NOT NULL) AND (ciphertext IS NULL) = (key_version IS NULL))
      );
      CREATE INDEX equity_responses_table_idx ON equity_responses (table_id);

      CREATE TABLE equity_tallies (
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        referral_month text NOT NULL CHECK (referral_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        question text NOT NULL CHECK (question IN (${list(QUESTIONS)})),
        category text NOT NULL CHECK (category ~ '^[A-Z][A-Z_]{1,63}$'),
        stage text NOT NULL CHECK (stage IN (${list(STAGES)})),
        count integer NOT NULL CHECK (count >= 0),
        PRIMARY KEY (table_id, referral_month, question, category, stage)
      );

      ALTER TABLE situation_tables
        ADD COLUMN equity_contact_title text CHECK (length(equity_contact_title) BETWEEN 1 AND 200),
        ADD COLUMN equity_contact_email text CHECK (length(equity_contact_email) BETWEEN 3 AND 254);
    `);
    await q.query('INSERT INTO equity_reference_versions (version, data) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING', [
      EQUITY_2026_1.version,
      JSON.stringify(EQUITY_2026_1),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE situation_tables DROP COLUMN equity_contact_email, DROP COLUMN equity_contact_title;
      DROP TABLE equity_tallies;
      DROP TABLE equity_responses;
      DROP TABLE equity_reference_versions;
    `);
  }
}
