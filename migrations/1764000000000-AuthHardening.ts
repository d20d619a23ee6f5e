import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #13 (separation of duties, lockout) on the schema:
 *
 * - `login_attempts`: sign-in attempts counted per normalised e-mail address, known or not, keyed
 *   by an HMAC of the address (an unknown address is never stored in clear). An attempt is claimed
 *   here before the password is checked, so concurrent guesses cannot outrun the threshold. It
 *   replaces the counters on `users`, which only existed for known accounts (their lockout answer
 *   told which addresses exist).
 * - `users.password_change_required`: a password set by an administrator is temporary.
 * - `users.kept_jti`, `kept_token_version`: the one session that chose a new password survives the
 *   token-version bump that revokes the user's other tokens.
 * - An administrator holds no table role: a trigger refuses a role for an admin, and making a user
 *   with roles an admin. Both lock the user row, so a grant and a promotion racing each other
 *   cannot both pass.
 */
export class AuthHardening1764000000000 implements MigrationInterface {
  name = 'AuthHardening1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_attempts (
        key bytea PRIMARY KEY CHECK (length(key) = 32),
        window_start timestamptz NOT NULL,
        attempts int NOT NULL CHECK (attempts >= 0),
        locked_until timestamptz
      );
      CREATE INDEX login_attempts_window_idx ON login_attempts (window_start);

      ALTER TABLE users
        DROP COLUMN failed_login_count,
        DROP COLUMN failed_login_window_start,
        DROP COLUMN locked_until,
        ADD COLUMN password_change_required boolean NOT NULL DEFAULT false,
        ADD COLUMN kept_jti uuid,
        ADD COLUMN kept_token_version int;

      CREATE FUNCTION user_roles_refuse_admin() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT is_admin FROM users WHERE id = NEW.user_id FOR SHARE) THEN
          RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'admin_holds_no_table_role',
            MESSAGE = 'an administrator cannot hold a table role';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER user_roles_refuse_admin BEFORE INSERT OR UPDATE ON user_roles
        FOR EACH ROW EXECUTE FUNCTION user_roles_refuse_admin();

      CREATE FUNCTION users_refuse_admin_with_roles() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.is_admin AND EXISTS (SELECT 1 FROM user_roles WHERE user_id = NEW.id) THEN
          RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'admin_holds_no_table_role',
            MESSAGE = 'a user holding table roles cannot become an administrator';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER users_refuse_admin_with_roles BEFORE INSERT OR UPDATE OF is_admin ON users
        FOR EACH ROW EXECUTE FUNCTION users_refuse_admin_with_roles();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER users_refuse_admin_with_roles ON users;
      DROP FUNCTION users_refuse_admin_with_roles();
      DROP TRIGGER user_roles_refuse_admin ON user_roles;
      DROP FUNCTION user_roles_refuse_admin();
      ALTER TABLE users
        DROP COLUMN kept_token_version,
        DROP COLUMN kept_jti,
        DROP COLUMN password_change_required,
        ADD COLUMN failed_login_count int NOT NULL DEFAULT 0,
        ADD COLUMN failed_login_window_start timestamptz,
        ADD COLUMN locked_until timestamptz;
      DROP TABLE login_attempts;
    `);
  }
}
