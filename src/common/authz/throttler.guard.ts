import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModuleOptions, ThrottlerRequest, ThrottlerStorage, getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { RATE_CLASS, RateClass } from './access-rule';
import { AppRequest } from './request-context';

/** Per-minute limits per class: login per client address, others per user (or address). */
export const RATE_LIMITS = { default: 1200, sensitive: 60 } as const;

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

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const r = req as unknown as AppRequest;
    return r.user?.id ? `user:${r.user.id}` : `ip:${r.ip}`;
  }
}
