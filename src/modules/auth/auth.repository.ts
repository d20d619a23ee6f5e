import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { TableRole } from '../../common/authz/roles';
import { affectedOf, rowsOf } from '../../common/database/query-result';

export interface CredentialRow {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  active: boolean;
  agencyId: string | null;
  passwordChangeRequired: boolean;
}

export interface PrincipalRow {
  id: string;
  email: string;
  displayName: string;
  agencyId: string | null;
  isAdmin: boolean;
  active: boolean;
  tokenVersion: number;
  /** the session that chose the current password keeps working under this older token version */
  keptJti: string | null;
  keptTokenVersion: number | null;
  passwordChangeRequired: boolean;
  revoked: boolean;
  roles: { tableId: string; role: TableRole }[];
  /** tables of the user's roles whose current confidentiality agreement they have not accepted */
  pendingUndertakings: { tableId: string; version: number }[];
  /** the regions of the user's REGIONAL_ANALYST role */
  regionIds: string[];
}

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MINUTES = 15;
export const LOCKOUT_MINUTES = 15;

/** What claiming a sign-in attempt found: go on and check the password, or refuse (locked). */
export type AttemptClaim = { allowed: true; attempt: number } | { allowed: false };

@Injectable()
export class AuthRepository {
  constructor(private readonly db: DataSource) {}

  /** The account whose lower-cased e-mail is exactly `normalisedEmail` (see AuthService.normaliseEmail). */
  async credentials(normalisedEmail: string): Promise<CredentialRow | null> {
    const rows: CredentialRow[] = await this.db.query(
      `SELECT id, email, display_name AS "displayName", password_hash AS "passwordHash", active, agency_id AS "agencyId",
              password_change_required AS "passwordChangeRequired"
       FROM users WHERE lower(email) = $1`,
      [normalisedEmail],
    );
    return rows[0] ?? null;
  }

  async credentialsById(userId: string): Promise<CredentialRow | null> {
    const rows: CredentialRow[] = await this.db.query(
      `SELECT id, email, display_name AS "displayName", password_hash AS "passwordHash", active, agency_id AS "agencyId",
              password_change_required AS "passwordChangeRequired"
       FROM users WHERE id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /**
   * Claims one sign-in attempt for `key` (an HMAC of the normalised e-mail, known or not) before
   * the password is checked, in one statement: the row lock serialises concurrent attempts, so at
   * most LOCKOUT_THRESHOLD are let through per window and every later one is refused unchecked.
   * A window older than LOCKOUT_WINDOW_MINUTES (and no running lock) starts again at 1.
   */
  async claimAttempt(key: Buffer, now: Date): Promise<AttemptClaim> {
    const result: unknown = await this.db.query(
      `INSERT INTO login_attempts AS a (key, window_start, attempts) VALUES ($1, $2, 1)
       ON CONFLICT (key) DO UPDATE SET
         window_start = CASE WHEN a.window_start <= $2::timestamptz - make_interval(mins => $3) AND (a.locked_until IS NULL OR a.locked_until <= $2)
                             THEN $2::timestamptz ELSE a.window_start END,
         attempts = CASE WHEN a.window_start <= $2::timestamptz - make_interval(mins => $3) AND (a.locked_until IS NULL OR a.locked_until <= $2)
                         THEN 1 ELSE LEAST(a.attempts + 1, 1000000) END,
         locked_until = CASE WHEN a.locked_until <= $2 THEN NULL ELSE a.locked_until END
       RETURNING attempts, locked_until`,
      [key, now, LOCKOUT_WINDOW_MINUTES],
    );
    const row = rowsOf<{ attempts: number; locked_until: Date | null }>(result)[0];
    if (!row || (row.locked_until && row.locked_until.getTime() > now.getTime()) || row.attempts > LOCKOUT_THRESHOLD) return { allowed: false };
    return { allowed: true, attempt: row.attempts };
  }

  /**
   * After a failed check: once the window holds LOCKOUT_THRESHOLD attempts, locks the key for
   * LOCKOUT_MINUTES. True when this call set the lock (the caller audits it once).
   */
  async lockIfExhausted(key: Buffer, now: Date): Promise<boolean> {
    const n = affectedOf(
      await this.db.query(
        `UPDATE login_attempts SET locked_until = $2::timestamptz + make_interval(mins => $3)
         WHERE key = $1 AND attempts >= $4 AND (locked_until IS NULL OR locked_until <= $2)`,
        [key, now, LOCKOUT_MINUTES, LOCKOUT_THRESHOLD],
      ),
    );
    return n === 1;
  }

  /** After a successful check: the window starts again. */
  async clearAttempts(manager: EntityManager, key: Buffer): Promise<void> {
    await manager.query('DELETE FROM login_attempts WHERE key = $1', [key]);
  }

  /** Forgets windows that ended and locks that ran out. */
  async forgetStaleAttempts(now: Date): Promise<number> {
    return affectedOf(
      await this.db.query(`DELETE FROM login_attempts WHERE window_start < $1::timestamptz - make_interval(mins => $2) AND (locked_until IS NULL OR locked_until < $1)`, [
        now,
        LOCKOUT_WINDOW_MINUTES,
      ]),
    );
  }

  async recordSuccess(manager: EntityManager, userId: string, now: Date): Promise<void> {
    await manager.query('UPDATE users SET last_login_at = $2 WHERE id = $1', [userId, now]);
  }

  /**
   * Sets the password the user chose: no longer temporary; every token of the user is revoked
   * (token version bumped) except the session `keepJti` that made the change.
   */
  async setOwnPassword(manager: EntityManager, userId: string, passwordHash: string, keepJti: string): Promise<void> {
    await manager.query(
      `UPDATE users SET password_hash = $2, password_change_required = false, kept_jti = $3,
              kept_token_version = token_version, token_version = token_version + 1, updated_at = now()
       WHERE id = $1`,
      [userId, passwordHash, keepJti],
    );
  }

  /** The whole principal in one query: user, standing, revocation, table roles and region roles. */
  async principal(userId: string, jti: string): Promise<PrincipalRow | null> {
    const rows: PrincipalRow[] = await this.db.query(
      `SELECT u.id, u.email, u.display_name AS "displayName", u.agency_id AS "agencyId", u.is_admin AS "isAdmin",
              u.active, u.token_version AS "tokenVersion", u.kept_jti AS "keptJti", u.kept_token_version AS "keptTokenVersion",
              u.password_change_required AS "passwordChangeRequired",
              EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $2) AS revoked,
              COALESCE((SELECT json_agg(json_build_object('tableId', ur.table_id, 'role', ur.role) ORDER BY ur.table_id, ur.role)
                        FROM user_roles ur WHERE ur.user_id = u.id), '[]'::json) AS roles,
              COALESCE((SELECT json_agg(json_build_object('tableId', a.table_id, 'version', a.version) ORDER BY a.table_id)
                        FROM (SELECT DISTINCT ON (ta.table_id) ta.table_id, ta.version FROM table_agreements ta
                              WHERE ta.table_id IN (SELECT ur.table_id FROM user_roles ur WHERE ur.user_id = u.id)
                              ORDER BY ta.table_id, ta.version DESC) a
                        WHERE NOT EXISTS (SELECT 1 FROM agreement_acceptances x WHERE x.table_id = a.table_id AND x.version = a.version AND x.user_id = u.id)),
                       '[]'::json) AS "pendingUndertakings",
              ARRAY(SELECT rr.region_id::text FROM user_region_roles rr WHERE rr.user_id = u.id AND rr.role = 'REGIONAL_ANALYST' ORDER BY rr.region_id) AS "regionIds"
       FROM users u WHERE u.id = $1`,
      [userId, jti],
    );
    return rows[0] ?? null;
  }

  async revoke(manager: EntityManager, jti: string, userId: string, expiresAt: Date): Promise<void> {
    await manager.query('INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [jti, userId, expiresAt]);
  }

  /**
   * Forgets revocations of tokens that can no longer be accepted: verification allows
   * `skewSeconds` past `exp`, so a revocation is kept until `exp` plus that skew has passed.
   */
  async forgetExpiredRevocations(now: Date, skewSeconds: number): Promise<number> {
    return affectedOf(await this.db.query('DELETE FROM revoked_tokens WHERE expires_at < $1::timestamptz - make_interval(secs => $2)', [now, skewSeconds]));
  }
}
