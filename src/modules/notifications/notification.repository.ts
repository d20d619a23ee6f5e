import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { affectedOf } from '../../common/database/query-result';

export interface NotificationRow {
  id: string;
  kind: string;
  tableId: string | null;
  situationId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

@Injectable()
export class NotificationRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * One notification per user of the given agencies (null: any agency) holding one of `roles` at the
   * table; once per dedupe key. With `email`, the same statement queues each new notification in the
   * e-mail outbox, except for users who turned its kind off: the two stand or fall together.
   */
  async notifyAgencies(input: {
    tableId: string;
    /** null: a notification about the table (a meeting), not about a situation */
    situationId: string | null;
    agencyIds: string[] | null;
    roles: string[];
    kind: string;
    payload: object;
    dedupeKey: string;
    email: { at: Date } | null;
  }): Promise<number> {
    return affectedOf(
      await this.db.query(
        `WITH n AS (
           INSERT INTO notifications (user_id, table_id, situation_id, kind, payload, dedupe_key)
           SELECT DISTINCT u.id, $1::uuid, $2::uuid, $5, $6::jsonb, $7
           FROM users u JOIN user_roles r ON r.user_id = u.id AND r.table_id = $1 AND r.role = ANY($4::text[])
           WHERE u.active AND ($3::uuid[] IS NULL OR u.agency_id = ANY($3::uuid[]))
           ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id, user_id
         ), queued AS (
           INSERT INTO email_outbox (notification_id, user_id, created_at, next_attempt_at)
           SELECT n.id, n.user_id, $9, $9 FROM n
           WHERE $8::boolean AND NOT EXISTS (SELECT 1 FROM notification_preferences p WHERE p.user_id = n.user_id AND $5 = ANY(p.email_off))
         )
         SELECT id FROM n`,
        [
          input.tableId,
          input.situationId,
          input.agencyIds,
          input.roles,
          input.kind,
          JSON.stringify(input.payload),
          input.dedupeKey,
          input.email !== null,
          input.email?.at ?? new Date(0),
        ],
      ),
    );
  }

  /** One notification to one user, written in the caller's transaction (it stands or falls with the change). */
  async notifyUser(m: EntityManager, input: { userId: string; kind: string; payload: object }): Promise<void> {
    await m.query('INSERT INTO notifications (user_id, kind, payload) VALUES ($1, $2, $3::jsonb)', [input.userId, input.kind, JSON.stringify(input.payload)]);
  }

  page(userId: string, after: [string, string] | null, limit: number, unreadOnly: boolean): Promise<NotificationRow[]> {
    const params: unknown[] = [userId, limit + 1];
    let where = 'user_id = $1';
    if (unreadOnly) where += ' AND read_at IS NULL';
    if (after) {
      params.push(after[0], after[1]);
      where += ` AND (created_at, id) < ($3::timestamptz, $4::uuid)`;
    }
    return this.db.query(
      `SELECT id, kind, table_id AS "tableId", situation_id AS "situationId", payload, created_at AS "createdAt", read_at AS "readAt"
       FROM notifications WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
  }

  async markRead(userId: string, id: string, at: Date): Promise<boolean> {
    return affectedOf(await this.db.query('UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2', [id, userId, at])) === 1;
  }
}
