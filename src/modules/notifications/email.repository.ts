import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '../../common/database/query-result';

/** A claimed outbox row with what its mail needs: the kind, the reference, the recipient's address and standing. */
export interface ClaimedEmail {
  notificationId: string;
  attempts: number;
  kind: string;
  situationId: string | null;
  reference: string | null;
  /** a meeting's notification: the meeting and its date (YYYY-MM-DD in the table's time zone) */
  meetingId: string | null;
  meetingDate: string | null;
  email: string;
  active: boolean;
  language: string | null;
}

export interface PreferencesRow {
  emailOff: string[];
  language: string | null;
}

/** The e-mail outbox and each user's choice of e-mails (tables of the notifications module). */
@Injectable()
export class EmailRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Claims up to `limit` due rows for this sender: rows another sender holds are skipped, and each
   * claimed row is leased until `leaseUntil` (its attempt counted), so no two senders send one row.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedEmail[]> {
    return rowsOf<ClaimedEmail>(
      await this.db.query(
        `UPDATE email_outbox o SET attempts = o.attempts + 1, next_attempt_at = $2
         FROM (SELECT notification_id FROM email_outbox
               WHERE sent_at IS NULL AND cancelled_at IS NULL AND next_attempt_at <= $1
               ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) due, notifications n, users u
         LEFT JOIN notification_preferences p ON p.user_id = u.id
         WHERE o.notification_id = due.notification_id AND n.id = o.notification_id AND u.id = o.user_id
         RETURNING o.notification_id AS "notificationId", o.attempts, n.kind, n.situation_id AS "situationId",
                   n.payload->>'reference' AS reference,
                   n.payload->>'meetingId' AS "meetingId", n.payload->>'date' AS "meetingDate", u.email, u.active, p.language`,
        [now, leaseUntil, limit],
      ),
    );
  }

  async markSent(notificationId: string, at: Date): Promise<void> {
    await this.db.query('UPDATE email_outbox SET sent_at = $2, last_error = NULL WHERE notification_id = $1', [notificationId, at]);
  }

  async markFailed(notificationId: string, nextAttemptAt: Date, error: string): Promise<void> {
    await this.db.query('UPDATE email_outbox SET next_attempt_at = $2, last_error = $3 WHERE notification_id = $1', [notificationId, nextAttemptAt, error]);
  }

  /** Not to be sent (recipient deactivated, address refused for good): kept, with why. */
  async cancel(notificationId: string, at: Date, reason: string): Promise<void> {
    await this.db.query('UPDATE email_outbox SET cancelled_at = $2, last_error = $3 WHERE notification_id = $1', [notificationId, at, reason]);
  }

  async preferences(userId: string): Promise<PreferencesRow> {
    const rows = await this.db.query<PreferencesRow[]>('SELECT email_off AS "emailOff", language FROM notification_preferences WHERE user_id = $1', [userId]);
    return rows[0] ?? { emailOff: [], language: null };
  }

  async savePreferences(m: EntityManager, userId: string, prefs: PreferencesRow, at: Date): Promise<void> {
    await m.query(
      `INSERT INTO notification_preferences (user_id, email_off, language, updated_at) VALUES ($1, $2::text[], $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET email_off = EXCLUDED.email_off, language = EXCLUDED.language, updated_at = EXCLUDED.updated_at`,
      [userId, prefs.emailOff, prefs.language, at],
    );
  }
}
