import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail notifications (issue 16). `email_outbox`: one row per in-app notification that is also
 * to be sent by e-mail (a notification already has one recipient), written in the statement that
 * writes the notification; the sender claims due rows (`FOR UPDATE SKIP LOCKED`, so several
 * replicas send each once), marks them sent, or keeps them with an attempt count and the next
 * attempt's time. No address and no content is stored: the recipient's address is read when the
 * mail is sent, the text is built from the notification's kind and reference.
 * `notification_preferences`: the kinds a user does not want by e-mail (none: every kind), and the
 * language of their e-mails (none: English and French in one mail).
 */
export class EmailOutbox1764950000000 implements MigrationInterface {
  name = 'EmailOutbox1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_outbox (
        notification_id uuid PRIMARY KEY REFERENCES notifications(id),
        user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        sent_at timestamptz,
        cancelled_at timestamptz
      );
      CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE sent_at IS NULL AND cancelled_at IS NULL;

      CREATE TABLE notification_preferences (
        user_id uuid PRIMARY KEY REFERENCES users(id),
        email_off text[] NOT NULL DEFAULT '{}',
        language text CHECK (language IN ('en', 'fr')),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification_preferences; DROP TABLE email_outbox;');
  }
}
