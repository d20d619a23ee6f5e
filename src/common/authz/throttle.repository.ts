import { ThrottlerStorage } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { preparedRows } from '../database/query-result';

/**
 * One round trip: count a hit in the key's window (a new window once the last has expired), and
 * block the key for `blockDuration` once the window holds more than `limit` hits. The window and
 * the block are read from the database's clock, the same for every server.
 */
const HIT_SQL = `
  INSERT INTO throttle_buckets AS b (key, hits, expires_at, blocked_until)
  VALUES ($1, 1, now() + make_interval(secs => $2 / 1000.0), CASE WHEN 1 > $3 THEN now() + make_interval(secs => $4 / 1000.0) END)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN b.expires_at <= now() THEN 1 ELSE b.hits + 1 END,
    expires_at = CASE WHEN b.expires_at <= now() THEN now() + make_interval(secs => $2 / 1000.0) ELSE b.expires_at END,
    blocked_until = CASE
      WHEN b.blocked_until > now() THEN b.blocked_until
      WHEN (CASE WHEN b.expires_at <= now() THEN 1 ELSE b.hits + 1 END) > $3 THEN now() + make_interval(secs => $4 / 1000.0)
    END
  RETURNING hits,
    ceil(extract(epoch FROM expires_at - now()))::int AS "ttl",
    coalesce(blocked_until > now(), false) AS "blocked",
    greatest(ceil(extract(epoch FROM blocked_until - now())), 0)::int AS "blockTtl"`;

/**
 * Rate-limit counters in PostgreSQL (table throttle_buckets, migration ThrottleBuckets), so that
 * every server behind a load balancer counts against the same limits: N replicas do not give a
 * client N times the limit, and a restart does not reset a lockout window.
 */
export class PgThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly db: DataSource) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): ReturnType<ThrottlerStorage['increment']> {
    const [row] = await preparedRows<{ hits: number; ttl: number; blocked: boolean; blockTtl: number }>(this.db, 'throttle.hit', HIT_SQL, [
      `${throttlerName}:${key}`,
      ttl,
      limit,
      blockDuration,
    ]);
    return { totalHits: row.hits, timeToExpire: Math.max(row.ttl, 0), isBlocked: row.blocked, timeToBlockExpire: row.blocked ? row.blockTtl : 0 };
  }

  /** Drops windows long over (the scheduled cleanup); returns how many. */
  async forgetExpired(): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `DELETE FROM throttle_buckets WHERE expires_at < now() - interval '1 minute' AND (blocked_until IS NULL OR blocked_until < now()) RETURNING 1`,
    );
    return rows.length;
  }
}
