import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19, docs/evaluation.md R12: a region's reads and changes go to a chain of its own,
 * `region:<id>`, as a table's go to its table's. A region created from now on gets its chain's head
 * in the transaction that creates it (RegionService.create); this gives one to every region that
 * exists already, at the genesis. What those regions recorded before stays on the system chain,
 * where it was written and where its hashes hold it.
 */
export class RegionAuditChains1765210000000 implements MigrationInterface {
  name = 'RegionAuditChains1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO audit_chain_heads (chain_id, seq, head_hash)
      SELECT 'region:' || id::text, 0, repeat('0', 64) FROM regions
      ON CONFLICT (chain_id) DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Only the heads of chains that hold nothing: an entry is never left without its head.
    await q.query(`DELETE FROM audit_chain_heads WHERE chain_id LIKE 'region:%' AND seq = 0`);
  }
}
