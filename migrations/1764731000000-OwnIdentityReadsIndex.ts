import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "My identity reads" (GET /auth/me/identity-reads) lists one user's `identity.read` entries across
 * the chains of their tables, newest first. This partial index holds identity reads only, by actor
 * and time, so the list reads that user's reads and nothing else whatever the size of the trail.
 */
export class OwnIdentityReadsIndex1764731000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_entries_identity_reads_idx ON audit_entries (actor_id, at) WHERE action = 'identity.read'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX audit_entries_identity_reads_idx');
  }
}
