import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { affectedOf } from '../../common/database/query-result';

/** A situation an access request search found: its reference, status and dates, never identity. */
export interface AccessRequestMatchRow {
  situationId: string;
  reference: string;
  status: string;
  situationType: string;
  createdAt: Date;
  closedAt: Date | null;
  identityPurgeAt: Date | null;
}

/** The only code that reads or writes the identity_blind_index table (tokens only). */
@Injectable()
export class BlindIndexRepository {
  /** Replaces the tokens of a situation (inside the identity write's transaction). */
  async replace(m: EntityManager, situationId: string, tableId: string, keyId: string, tokens: Buffer[]): Promise<void> {
    await m.query('DELETE FROM identity_blind_index WHERE situation_id = $1', [situationId]);
    if (tokens.length === 0) return;
    await m.query(
      `INSERT INTO identity_blind_index (situation_id, table_id, key_id, token)
       SELECT $1, $2, $3, t FROM unnest($4::bytea[]) AS t ON CONFLICT DO NOTHING`,
      [situationId, tableId, keyId, tokens],
    );
  }

  /** Removes the tokens of these situations (their identities are being shredded). */
  async remove(m: EntityManager, situationIds: string[]): Promise<void> {
    await m.query('DELETE FROM identity_blind_index WHERE situation_id = ANY($1::uuid[])', [situationIds]);
  }

  /**
   * The situations of this table whose tokens are among `tokens`, with a live identity (a purged
   * one has no token left; the join says so again), newest first.
   */
  async matches(m: EntityManager | DataSource, tableId: string, tokens: Buffer[]): Promise<AccessRequestMatchRow[]> {
    if (tokens.length === 0) return [];
    return m.query(
      `SELECT s.id AS "situationId", s.reference, s.status, s.situation_type AS "situationType", s.created_at AS "createdAt",
              s.closed_at AS "closedAt", s.identity_purge_at AS "identityPurgeAt"
       FROM situations s
       WHERE s.table_id = $1 AND s.identity_purged_at IS NULL
         AND s.id IN (SELECT b.situation_id FROM identity_blind_index b JOIN identity_vault v ON v.situation_id = b.situation_id AND v.purged_at IS NULL
                      WHERE b.table_id = $1 AND b.token = ANY($2::bytea[]))
       ORDER BY s.created_at DESC, s.id LIMIT 200`,
      [tableId, tokens],
    );
  }

  /**
   * I14 (docs/evaluation.md): marks a situation `REPEAT` when another situation of its table
   * shares one of `tokens` and was referred in the 12 months before it, else `NEW` (a REPEAT stays
   * one); and marks `REPEAT` every situation sharing a token referred in the 12 months after it.
   * One statement; only the markers are written (no link between the situations, no token).
   */
  async markRepeats(m: EntityManager, tableId: string, situationId: string, tokens: Buffer[]): Promise<void> {
    await m.query(
      `WITH me AS (SELECT id, created_at FROM situations WHERE id = $1 AND table_id = $2),
            other AS (
              SELECT DISTINCT o.id, o.created_at FROM identity_blind_index b JOIN situations o ON o.id = b.situation_id
              WHERE b.table_id = $2 AND b.token = ANY($3::bytea[]) AND b.situation_id <> $1),
            found AS (
              SELECT me.id AS situation_id,
                     CASE WHEN EXISTS (SELECT 1 FROM other WHERE other.created_at < me.created_at AND other.created_at >= me.created_at - interval '12 months')
                          THEN 'REPEAT' ELSE 'NEW' END AS marker
              FROM me
              UNION ALL
              SELECT other.id, 'REPEAT' FROM other, me WHERE other.created_at > me.created_at AND other.created_at < me.created_at + interval '12 months')
       INSERT INTO situation_repeat_markers (situation_id, marker) SELECT situation_id, marker FROM found
       ON CONFLICT (situation_id) DO UPDATE SET marker = 'REPEAT' WHERE EXCLUDED.marker = 'REPEAT'`,
      [situationId, tableId, tokens],
    );
  }

  /** Drops every token not made with `keyId` (after every live row was indexed under it). */
  async dropOtherKeys(m: EntityManager | DataSource, keyId: string): Promise<number> {
    return affectedOf(await m.query('DELETE FROM identity_blind_index WHERE key_id <> $1', [keyId]));
  }
}
