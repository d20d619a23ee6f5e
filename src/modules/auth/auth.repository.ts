import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { TableRole } from '../../common/authz/roles';
import { affectedOf, rowsOf } from '../../common/database/query-result';

export interface CredentialRow {
  id: string;
  passwordHash: string;
  active: boolean;
  lockedUntil: Date | null;
  agencyId: string | null;
}

export interface PrincipalRow {
  id: string;
  email: string;
  displayName: string;
  agencyId: string | null;
  isAdmin: boolean;
  active: boolean;
  tokenVersion: number;
  revoked: boolean;
  roles: { tableId: string; role: TableRole }[];
}

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MINUTES = 15;
export const LOCKOUT_MINUTES = 15;

@Injectable()
export class AuthRepository {
  constructor(private readonly db: DataSource) {}

  async credentials(email: string): Promise<CredentialRow | null> {
    const rows: CredentialRow[] = await this.db.query(
      `SELECT id, password_hash AS "passwordHash", active, locked_until AS "lockedUntil", agency_id AS "agencyId"
       FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    return rows[0] ?? null;
  }

  /** Counts a failure in a 15-minute window and locks at the fifth, atomically. */
  async recordFailure(userId: string, now: Date): Promise<{ locked: boolean }> {
    const result: unknown = await this.db.query(
      `UPDATE users SET
         failed_login_count = CASE WHEN failed_login_window_start IS NULL
             OR failed_login_window_start < $2::timestamptz - make_interval(mins => $3) THEN 1 ELSE failed_login_count + 1 END,
         failed_login_window_start = CASE WHEN failed_login_window_start IS NULL
             OR failed_login_window_start < $2::timestamptz - make_interval(mins => $3) THEN $2::timestamptz ELSE failed_login_window_start END,
         locked_until = CASE WHEN failed_login_window_start >= $2::timestamptz - make_interval(mins => $3)
             AND failed_login_count + 1 >= $4 THEN $2::timestamptz + make_interval(mins => $5) ELSE locked_until END
       WHERE id = $1 RETURNING locked_until`,
      [userId, now, LOCKOUT_WINDOW_MINUTES, LOCKOUT_THRESHOLD, LOCKOUT_MINUTES],
    );
    const until = rowsOf<{ locked_until: Date | null }>(result)[0]?.locked_until;
    return { locked: !!until && until.getTime() > now.getTime() };
  }

  async recordSuccess(manager: EntityManager, userId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE users SET failed_login_count = 0, failed_login_window_start = NULL, locked_until = NULL, last_login_at = $2
       WHERE id = $1`,
      [userId, now],
    );
  }

  /** The whole principal in one query: user, standing, revocation and roles. */
  async principal(userId: string, jti: string): Promise<PrincipalRow | null> {
    const rows: PrincipalRow[] = await this.db.query(
      `SELECT u.id, u.email, u.display_name AS "displayName", u.agency_id AS "agencyId", u.is_admin AS "isAdmin",
              u.active, u.token_version AS "tokenVersion",
              EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $2) AS revoked,
              COALESCE((SELECT json_agg(json_build_object('tableId', ur.table_id, 'role', ur.role) ORDER BY ur.table_id, ur.role)
                        FROM user_roles ur WHERE ur.user_id = u.id), '[]'::json) AS roles
       FROM users u WHERE u.id = $1`,
      [userId, jti],
    );
    return rows[0] ?? null;
  }

  async revoke(manager: EntityManager, jti: string, userId: string, expiresAt: Date): Promise<void> {
    await manager.query('INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      jti, userId, expiresAt,
    ]);
  }

  async forgetExpiredRevocations(now: Date): Promise<number> {
    return affectedOf(await this.db.query('DELETE FROM revoked_tokens WHERE expires_at < $1', [now]));
  }
}
