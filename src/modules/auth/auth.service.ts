import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, Principal } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { Metrics } from '../../common/observability/metrics';
import { ErrorCode } from '../../common/errors/error-codes';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { AuthRepository, LOCKOUT_MINUTES } from './auth.repository';
import { JWT_CLOCK_SKEW_SECONDS } from './jwt-options';
import { PasswordHasher } from './password-hasher';
import { PasswordRules } from './password-rules';
import { PrincipalCache } from './principal-cache';

export interface TokenPayload {
  sub: string;
  jti: string;
  tv: number;
}

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  principal: Principal;
  passwordChangeRequired: boolean;
}

/**
 * The e-mail as sign-in attempts are counted and accounts are looked up: trimmed, lower case. The
 * lookup compares `lower(email)` with this very string, so every input that finds an account has
 * the same attempt key, and the answers depend on the key alone, never on whether an account
 * exists (no case-folding difference between JavaScript and PostgreSQL to play with).
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

@Injectable()
export class AuthService {
  /** HMAC key for `login_attempts` keys, derived from JWT_SECRET (a new secret starts the counts again). */
  private readonly attemptKeySecret: Buffer;

  constructor(
    private readonly repo: AuthRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly cache: PrincipalCache,
    private readonly rules: PasswordRules,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.attemptKeySecret = Buffer.from(hkdfSync('sha256', config.secrets.jwtSecret, 'situation-table', 'login-attempts v1', 32));
  }

  /** The key attempts on this e-mail are counted under; the address itself is never stored. */
  attemptKey(email: string): Buffer {
    return createHmac('sha256', this.attemptKeySecret).update(normaliseEmail(email)).digest();
  }

  /**
   * Checks credentials. The attempt is claimed (counted, atomically) before the password is
   * checked, per normalised e-mail whether or not an account has it: at most 5 checks per
   * 15-minute window, then 429 for 15 minutes even with the right password, and the same answers
   * and the same work for an unknown address. Never records the e-mail.
   */
  async login(email: string, password: string, requestId: string): Promise<LoginResult> {
    const now = this.clock.now();
    const key = this.attemptKey(email);
    const [claim, user] = await Promise.all([this.repo.claimAttempt(key, now), this.repo.credentials(normaliseEmail(email))]);
    const actor: Actor = { userId: user?.id ?? null, agencyId: user?.agencyId ?? null, requestId };
    if (!claim.allowed) {
      this.metrics.loginFailures.inc({ reason: 'locked' });
      await this.audit.recordDenied(actor, { action: 'auth.login', details: { reason: 'locked' } });
      throw new DomainError(ErrorCode.ACCOUNT_LOCKED);
    }
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !ok || !user.active) {
      const locked = await this.repo.lockIfExhausted(key, now);
      // One reason for every refused credential: the metric tells nothing of which accounts exist.
      this.metrics.loginFailures.inc({ reason: 'credentials' });
      if (locked) this.metrics.lockouts.inc();
      await this.audit.recordDenied(actor, { action: 'auth.login', details: { reason: !user ? 'unknown_account' : ok ? 'inactive' : 'bad_password' } });
      if (locked) await this.audit.recordDenied(actor, { action: 'auth.lockout', details: { minutes: LOCKOUT_MINUTES } });
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS);
    }
    const jti = randomUUID();
    await this.db.transaction(async (m) => {
      await this.repo.clearAttempts(m, key);
      await this.repo.recordSuccess(m, user.id, now);
      await this.audit.record(m, actor, { action: 'auth.login', details: user.passwordChangeRequired ? { passwordChangeRequired: true } : {} });
    });
    const row = await this.repo.principal(user.id, jti);
    if (!row) throw new DomainError(ErrorCode.INVALID_CREDENTIALS);
    const payload: TokenPayload = { sub: user.id, jti, tv: row.tokenVersion };
    const accessToken = await this.jwt.signAsync(payload);
    const exp = Math.floor(now.getTime() / 1000) + this.config.jwtTtlSeconds;
    const { revoked: _r, active: _a, tokenVersion: _t, keptJti: _k, keptTokenVersion: _kt, ...rest } = row;
    return { accessToken, expiresIn: this.config.jwtTtlSeconds, principal: { ...rest, jti, exp }, passwordChangeRequired: row.passwordChangeRequired };
  }

  /**
   * The signed-in user chooses their own password: the current one is checked as a sign-in attempt
   * is (counted, locked out after 5), the new one against the password rules; every other token of
   * the user is revoked, this session goes on, and a temporary password stops being one.
   */
  async changePassword(principal: Principal, actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const now = this.clock.now();
    const user = await this.repo.credentialsById(principal.id);
    if (!user || !user.active) throw new DomainError(ErrorCode.UNAUTHENTICATED);
    await this.rules.check(newPassword, user, 'newPassword');
    const key = this.attemptKey(user.email);
    const claim = await this.repo.claimAttempt(key, now);
    if (!claim.allowed) {
      await this.audit.recordDenied(actor, { action: 'auth.password.change', details: { reason: 'locked' } });
      throw new DomainError(ErrorCode.ACCOUNT_LOCKED);
    }
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      const locked = await this.repo.lockIfExhausted(key, now);
      await this.audit.recordDenied(actor, { action: 'auth.password.change', details: { reason: 'bad_password' } });
      if (locked) await this.audit.recordDenied(actor, { action: 'auth.lockout', details: { minutes: LOCKOUT_MINUTES } });
      throw DomainError.validation([{ field: 'currentPassword', problem: 'is not your current password' }]);
    }
    if (currentPassword === newPassword) throw DomainError.validation([{ field: 'newPassword', problem: 'must differ from the current password' }]);
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.transaction(async (m) => {
      await this.repo.setOwnPassword(m, user.id, passwordHash, principal.jti);
      await this.repo.clearAttempts(m, key);
      await this.cache.announce(m, user.id);
      await this.audit.record(m, actor, { action: 'auth.password.change', details: { wasTemporary: user.passwordChangeRequired } });
    });
    this.cache.forget(user.id);
  }

  /** Turns a verified token into the principal, or null when it no longer holds. */
  async principalFor(payload: TokenPayload & { exp: number }): Promise<Principal | null> {
    if (typeof payload?.sub !== 'string' || typeof payload.jti !== 'string') return null;
    let row = this.cache.get(payload.sub, payload.jti);
    if (!row) {
      const since = this.cache.generation(payload.sub);
      row = (await this.repo.principal(payload.sub, payload.jti)) ?? undefined;
      if (row) this.cache.set(payload.sub, payload.jti, row, since);
    }
    if (!row || !row.active || row.revoked) return null;
    const current = row.tokenVersion === payload.tv || (row.keptJti === payload.jti && row.keptTokenVersion === payload.tv);
    if (!current) return null;
    return {
      id: row.id,
      email: row.email,
      displayName: row.displayName,
      agencyId: row.agencyId,
      isAdmin: row.isAdmin,
      roles: row.roles,
      jti: payload.jti,
      exp: payload.exp,
      passwordChangeRequired: row.passwordChangeRequired,
      pendingUndertakings: row.pendingUndertakings,
      regionIds: row.regionIds,
    };
  }

  async logout(principal: Principal, actor: Actor): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.repo.revoke(m, principal.jti, principal.id, new Date(principal.exp * 1000));
      await this.cache.announce(m, principal.id);
      await this.audit.record(m, actor, { action: 'auth.logout' });
    });
    this.cache.forget(principal.id);
  }

  /** Revocations are kept until their token's `exp` plus the verification skew has passed. */
  forgetExpiredRevocations(now: Date): Promise<number> {
    return this.repo.forgetExpiredRevocations(now, JWT_CLOCK_SKEW_SECONDS);
  }

  forgetStaleLoginAttempts(now: Date): Promise<number> {
    return this.repo.forgetStaleAttempts(now);
  }
}
