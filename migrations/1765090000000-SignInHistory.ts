import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sign-in history of a table's users (issue 17, section 3), for the table's privacy officer.
 *
 * `role_grant_periods` (owned by `users`): when each role was held, `[granted_at, revoked_at)`.
 * `user_roles` keeps only the current grants (a revocation deletes the row), so a trigger on it
 * opens a period at each INSERT and closes it at each DELETE, whatever writes it. Backfilled with
 * the current grants (open) and the revocations the table's audit chains record (`role.revoke`
 * after its `role.grant`; a revocation whose grant the chain does not hold is skipped: the officer
 * sees less, never more).
 *
 * `audit_entries_sign_in_idx`: the sign-in events of the system chain (sign-ins, failures,
 * lockouts, password changes, sign-outs, and an administrator's deactivation or password reset
 * of a user) by the user they are about (the actor, or the `userId` of a `user.update`), time and
 * seq: a user's events of a grant period are one index range. The user is read from the details
 * text with a regular expression, never a cast, so that no stored text can make an append fail.
 */
export class SignInHistory1765090000000 implements MigrationInterface {
  name = 'SignInHistory1765090000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE role_grant_periods (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        role text NOT NULL CHECK (role IN ('COORDINATOR','AGENCY_REP','PRIVACY_OFFICER','ANALYST')),
        granted_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CHECK (revoked_at IS NULL OR revoked_at >= granted_at)
      );
      CREATE UNIQUE INDEX role_grant_periods_open_key ON role_grant_periods (user_id, table_id, role) WHERE revoked_at IS NULL;
      CREATE INDEX role_grant_periods_table_idx ON role_grant_periods (table_id, user_id);

      INSERT INTO role_grant_periods (user_id, table_id, role, granted_at)
        SELECT user_id, table_id, role, granted_at FROM user_roles;

      INSERT INTO role_grant_periods (user_id, table_id, role, granted_at, revoked_at)
        SELECT u.id, t.id, r.details::jsonb ->> 'role', g.at, r.at
        FROM audit_entries r
        JOIN users u ON u.id::text = r.details::jsonb ->> 'userId'
        JOIN situation_tables t ON t.id = r.table_id
        CROSS JOIN LATERAL (
          SELECT e.at FROM audit_entries e
          WHERE e.chain_id = r.chain_id AND e.seq < r.seq AND e.action = 'role.grant' AND e.outcome = 'SUCCESS'
            AND e.details::jsonb ->> 'userId' = r.details::jsonb ->> 'userId' AND e.details::jsonb ->> 'role' = r.details::jsonb ->> 'role'
          ORDER BY e.seq DESC LIMIT 1
        ) g
        WHERE r.action = 'role.revoke' AND r.outcome = 'SUCCESS' AND r.table_id IS NOT NULL AND g.at <= r.at
          AND r.details::jsonb ->> 'role' IN ('COORDINATOR','AGENCY_REP','PRIVACY_OFFICER','ANALYST');

      CREATE FUNCTION role_grant_periods_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO role_grant_periods (user_id, table_id, role, granted_at) VALUES (NEW.user_id, NEW.table_id, NEW.role, NEW.granted_at);
          RETURN NEW;
        END IF;
        UPDATE role_grant_periods SET revoked_at = greatest(now(), granted_at)
          WHERE user_id = OLD.user_id AND table_id = OLD.table_id AND role = OLD.role AND revoked_at IS NULL;
        RETURN OLD;
      END $$;
      CREATE TRIGGER user_roles_grant_periods AFTER INSERT OR DELETE ON user_roles
        FOR EACH ROW EXECUTE FUNCTION role_grant_periods_follow();

      CREATE INDEX audit_entries_sign_in_idx ON audit_entries (
        (CASE WHEN action = 'user.update' THEN substring(details FROM '"userId":"([0-9a-f-]{36})"') ELSE actor_id::text END), at, seq)
        WHERE chain_id = 'system' AND action IN ('auth.login', 'auth.lockout', 'auth.password.change', 'auth.logout', 'user.update');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX audit_entries_sign_in_idx;
      DROP TRIGGER user_roles_grant_periods ON user_roles;
      DROP FUNCTION role_grant_periods_follow();
      DROP TABLE role_grant_periods;
    `);
  }
}
