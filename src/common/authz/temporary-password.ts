import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';
import type { Principal } from './principal';

/**
 * A password set by an administrator (at creation or a reset) is temporary (api.md, "Auth"): its
 * tokens reach only the routes marked here (`/auth/password`, `/auth/me`, `/auth/logout`); any
 * other route answers 403 PASSWORD_CHANGE_REQUIRED until the user has chosen their own. So an
 * administrator who sets someone's password cannot use it to reach that user's tables.
 */
export const TEMPORARY_PASSWORD_OK = 'access:temporary-password-ok';
export const AllowWithTemporaryPassword = () => SetMetadata(TEMPORARY_PASSWORD_OK, true);

/** Called by the AccessGuard once the token is verified, before the route's rule. */
export function refuseTemporaryPassword(reflector: Reflector, context: ExecutionContext, user: Principal): void {
  if (!user.passwordChangeRequired) return;
  if (reflector.getAllAndOverride<boolean | undefined>(TEMPORARY_PASSWORD_OK, [context.getHandler(), context.getClass()])) return;
  throw new DomainError(ErrorCode.PASSWORD_CHANGE_REQUIRED);
}
