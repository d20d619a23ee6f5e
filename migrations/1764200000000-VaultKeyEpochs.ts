import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity vault format v2 (issue #21):
 * - `format`: 'v1' (data key wrapped by the master key; every existing row) or 'v2' (data key
 *   wrapped by a key-encryption key kept outside the database, `kek_id`);
 * - `row_version`: bound into the associated data and the row MAC, counted up by every write and
 *   recorded in the write's audit entry, so an older row restored over a newer one is refused;
 * - `row_mac`: HMAC over the row (version, write time, fields, legal authority, writer) under a
 *   key derived from the data key.
 * v1 rows stay readable and are upgraded by `identity:rotate-key` or when their situation closes.
 */
export class VaultKeyEpochs1764200000000 implements MigrationInterface {
  name = 'VaultKeyEpochs1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE identity_vault
        ADD COLUMN format text NOT NULL DEFAULT 'v1' CHECK (format IN ('v1','v2')),
        ADD COLUMN kek_id text,
        ADD COLUMN row_version integer NOT NULL DEFAULT 1 CHECK (row_version >= 1),
        ADD COLUMN row_mac bytea;
      ALTER TABLE identity_vault DROP CONSTRAINT identity_vault_check;
      ALTER TABLE identity_vault ADD CONSTRAINT identity_vault_live_check CHECK (
        (purged_at IS NULL) = (wrapped_key IS NOT NULL AND ciphertexts IS NOT NULL
          AND CASE format WHEN 'v1' THEN master_key_id IS NOT NULL ELSE kek_id IS NOT NULL AND row_mac IS NOT NULL END));
      CREATE INDEX identity_vault_kek_idx ON identity_vault (kek_id) WHERE purged_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX identity_vault_kek_idx;
      ALTER TABLE identity_vault DROP CONSTRAINT identity_vault_live_check;
      ALTER TABLE identity_vault DROP COLUMN row_mac, DROP COLUMN row_version, DROP COLUMN kek_id, DROP COLUMN format;
      ALTER TABLE identity_vault ADD CONSTRAINT identity_vault_check
        CHECK ((purged_at IS NULL) = (wrapped_key IS NOT NULL AND ciphertexts IS NOT NULL AND master_key_id IS NOT NULL));
    `);
  }
}
