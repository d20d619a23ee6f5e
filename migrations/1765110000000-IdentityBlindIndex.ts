import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The blind index of individual access requests (issue 17): for each person of a situation's
 * subject with names and a date of birth, an HMAC-SHA-256 token under a key kept outside the
 * database (identity-vault/blind-index-keys.ts), with that key's id. Tokens only: no name, no date,
 * no role. Owned by the identity-vault module; the rows of a situation are replaced at every
 * identity write and deleted when its identity is purged. A trigger refuses a token for a purged
 * identity row, so that a purged situation can never be found again.
 */
export class IdentityBlindIndex1765110000000 implements MigrationInterface {
  name = 'IdentityBlindIndex1765110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity_blind_index (
        situation_id uuid NOT NULL REFERENCES identity_vault(situation_id),
        table_id uuid NOT NULL,
        key_id text NOT NULL CHECK (key_id ~ '^bi\\.[0-9a-f]{16}$'),
        token bytea NOT NULL CHECK (octet_length(token) = 32),
        PRIMARY KEY (situation_id, key_id, token)
      );
      CREATE INDEX identity_blind_index_lookup_idx ON identity_blind_index (table_id, token);

      CREATE FUNCTION identity_blind_index_live() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM identity_vault v WHERE v.situation_id = NEW.situation_id AND v.table_id = NEW.table_id AND v.purged_at IS NULL) THEN
          RAISE EXCEPTION 'a blind index token needs a live identity row of the same table' USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER identity_blind_index_live BEFORE INSERT OR UPDATE ON identity_blind_index
        FOR EACH ROW EXECUTE FUNCTION identity_blind_index_live();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE identity_blind_index;
      DROP FUNCTION identity_blind_index_live();
    `);
  }
}
