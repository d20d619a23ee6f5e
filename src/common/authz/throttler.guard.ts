import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerException, ThrottlerGuard, ThrottlerModuleOptions, ThrottlerRequest, ThrottlerStorage, getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { RATE_CLASS, RateClass } from './access-rule';
import { PgThrottlerStorage } from './throttle.repository';
import { AppRequest } from './request-context';

/**
 * Per-minute limits per class: login per client address, others per user (or address). `refused`
 * counts the access guard's refusals of one user across every route: past it, every further
 * refusal answers 429 (a prober learns nothing more and fills no chain).
 */
export const RATE_LIMITS = { default: 1200, sensitive: 60, refused: 30 } as const;
const MINUTE = 60_000;

/**
 * Rate limits (api.md, RATE_LIMIT_ENABLED): login per IP (LOGIN_IP_LIMIT_PER_MINUTE, default 60),
 * identity reads and exports per user (stricter), every other route per user (generous).
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !this.config.rateLimitEnabled || context.getType() !== 'http';
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const cls = this.reflector.getAllAndOverride<RateClass | undefined>(RATE_CLASS, [props.context.getHandler(), props.context.getClass()]) ?? 'default';
    const limit = cls === 'login' ? this.config.loginIpLimitPerMinute : RATE_LIMITS[cls];
    return super.handleRequest({ ...props, limit, throttler: { ...props.throttler, name: cls } });
  }

  /**
   * Counts a request the access guard refuses, as the request it is (toward its route's limit,
   * which this guard would otherwise never see) and toward the user's refusal limit. Throws 429
   * (ThrottlerException) past either; a refusal is counted the same whether the resource exists or
   * not, so the 429 tells nothing about existence.
   */
  async countRefusal(context: ExecutionContext, tracker: string): Promise<void> {
    if (await this.shouldSkip(context)) return;
    await this.canActivate(context);
    const { isBlocked } = await this.storageService.increment(`refused:${tracker}`, MINUTE, RATE_LIMITS.refused, MINUTE, 'refused');
    if (isBlocked) throw new ThrottlerException();
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const r = req as unknown as AppRequest;
    return r.user?.id ? `user:${r.user.id}` : `ip:${r.ip}`;
  }

  /** Drops ended rate-limit windows from the shared counters (the scheduled cleanup); returns how many. */
  forgetExpiredWindows(): Promise<number> {
    return this.storageService instanceof PgThrottlerStorage ? this.storageService.forgetExpired() : Promise.resolve(0);
  }
}
