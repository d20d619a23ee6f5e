import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';
import { RefusalRecorder } from './refusal-recorder';
import { actorOf, AppRequest, routeOf } from './request-context';

/**
 * A password set by an administrator (at creation or a reset) is temporary (api.md, "Auth"): its
 * tokens reach only the routes marked here (`/auth/password`, `/auth/me`, `/auth/logout`); any
 * other route answers 403 PASSWORD_CHANGE_REQUIRED until the user has chosen their own. So an
 * administrator who sets someone's password cannot use it to reach that user's tables.
 */
export const TEMPORARY_PASSWORD_OK = 'access:temporary-password-ok';
export const AllowWithTemporaryPassword = () => SetMetadata(TEMPORARY_PASSWORD_OK, true);

/** True when the signed-in user still has a temporary password and this route does not allow it. */
export function mustChooseAPassword(reflector: Reflector, context: ExecutionContext): boolean {
  const req = context.switchToHttp().getRequest<AppRequest>();
  return !!req.user?.passwordChangeRequired && !reflector.getAllAndOverride<boolean | undefined>(TEMPORARY_PASSWORD_OK, [context.getHandler(), context.getClass()]);
}

/**
 * Called by the AccessGuard once the token is verified, before the route's rule (so no table is
 * resolved and nothing is learnt), when `mustChooseAPassword`. The refusal is audited: it is what
 * an administrator signing in with a password they set would run into.
 */
export async function refuseTemporaryPassword(context: ExecutionContext, audit: RefusalRecorder): Promise<never> {
  const req = context.switchToHttp().getRequest<AppRequest>();
  await audit.recordDenied(actorOf(req), {
    action: 'access.denied',
    details: { route: routeOf(req), reason: 'password_change_required' },
  });
  throw new DomainError(ErrorCode.PASSWORD_CHANGE_REQUIRED);
}
