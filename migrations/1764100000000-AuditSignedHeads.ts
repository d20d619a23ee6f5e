import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed chain heads (issue #21): the hash chain uses no key, so a database-level writer could
 * append well-formed entries and move the head. From now on the server signs every head it writes
 * (Ed25519, key outside the database: `head_sig`), and verification requires a valid signature.
 *
 * Existing chains: their heads were written unsigned. `audit_legacy_heads` records, once, where
 * each chain stood at this upgrade; a head still exactly there may stay unsigned (verified by its
 * hash chain as before), and the first append after the upgrade signs it. The application role
 * may only read that table (database/prepare-database.ts), so it cannot declare a chain legacy.
 */
export class AuditSignedHeads1764100000000 implements MigrationInterface {
  name = 'AuditSignedHeads1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_chain_heads ADD COLUMN head_sig text;
      CREATE TABLE audit_legacy_heads (
        chain_id text PRIMARY KEY,
        seq bigint NOT NULL,
        head_hash text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO audit_legacy_heads (chain_id, seq, head_hash) SELECT chain_id, seq, head_hash FROM audit_chain_heads;
      CREATE TRIGGER audit_legacy_heads_no_update_delete BEFORE UPDATE OR DELETE ON audit_legacy_heads
        FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
      CREATE TRIGGER audit_legacy_heads_no_truncate BEFORE TRUNCATE ON audit_legacy_heads
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_legacy_heads; ALTER TABLE audit_chain_heads DROP COLUMN head_sig');
  }
}
