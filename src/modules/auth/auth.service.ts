import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, Principal } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { AuthRepository } from './auth.repository';
import { PasswordHasher } from './password-hasher';
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
}

@Injectable()
export class AuthService {
  constructor(
    private readonly repo: AuthRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly cache: PrincipalCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks credentials. An unknown e-mail and a wrong password get the same answer after the same
   * work; a locked account is refused even with the right password. Never records the e-mail.
   */
  async login(email: string, password: string, requestId: string): Promise<LoginResult> {
    const now = this.clock.now();
    const user = await this.repo.credentials(email);
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    const actor: Actor = { userId: user?.id ?? null, agencyId: user?.agencyId ?? null, requestId };
    if (!user) {
      await this.audit.recordDenied(actor, { action: 'auth.login', details: { reason: 'unknown_account' } });
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS);
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
      await this.audit.recordDenied(actor, { action: 'auth.login', details: { reason: 'locked' } });
      throw new DomainError(ErrorCode.ACCOUNT_LOCKED);
    }
    if (!ok || !user.active) {
      const { locked } = ok ? { locked: false } : await this.repo.recordFailure(user.id, now);
      await this.audit.recordDenied(actor, { action: 'auth.login', details: { reason: ok ? 'inactive' : 'bad_password' } });
      if (locked) await this.audit.recordDenied(actor, { action: 'auth.lockout', details: { minutes: 15 } });
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS);
    }
    const jti = randomUUID();
    await this.db.transaction(async (m) => {
      await this.repo.recordSuccess(m, user.id, now);
      await this.audit.record(m, actor, { action: 'auth.login', details: {} });
    });
    const row = await this.repo.principal(user.id, jti);
    if (!row) throw new DomainError(ErrorCode.INVALID_CREDENTIALS);
    const payload: TokenPayload = { sub: user.id, jti, tv: row.tokenVersion };
    const accessToken = await this.jwt.signAsync(payload);
    const exp = Math.floor(now.getTime() / 1000) + this.config.jwtTtlSeconds;
    const { revoked: _r, active: _a, tokenVersion: _t, ...rest } = row;
    return { accessToken, expiresIn: this.config.jwtTtlSeconds, principal: { ...rest, jti, exp } };
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
    if (!row || !row.active || row.revoked || row.tokenVersion !== payload.tv) return null;
    return {
      id: row.id,
      email: row.email,
      displayName: row.displayName,
      agencyId: row.agencyId,
      isAdmin: row.isAdmin,
      roles: row.roles,
      jti: payload.jti,
      exp: payload.exp,
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
}
