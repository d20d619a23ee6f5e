import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters shared by every server on the database (common/authz/throttle.repository.ts):
 * one row per limited key and window. UNLOGGED: counters need no crash safety (a crash resets
 * them, as a restart of a single server did), and skip the WAL on the hot path.
 */
export class ThrottleBuckets1764500000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE throttle_buckets (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        expires_at timestamptz NOT NULL,
        blocked_until timestamptz
      );
      CREATE INDEX throttle_buckets_expiry_idx ON throttle_buckets (expires_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE throttle_buckets');
  }
}
