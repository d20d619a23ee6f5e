import passport, { Strategy } from 'passport';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';

/**
 * The bearer-token strategy of this application (the auth module provides its JWT strategy under
 * this class, as the audit module provides the RefusalRecorder): the AccessGuard authenticates
 * with this instance, never with a strategy looked up by name. `PassportStrategy` still registers
 * every strategy by name in passport's one registry per process, where the last application built
 * replaces the others' (two servers in one process, as the multi-server suite runs them): no guard
 * reads it (lint forbids `AuthGuard`, which does).
 */
export abstract class BearerStrategy extends Strategy {}

/**
 * Runs `strategy` (this application's instance) on one request: passport's own `authenticate`,
 * given a fresh object whose prototype is the strategy, on which passport sets this request's
 * success and failure actions (never on the shared instance, which concurrent requests use).
 * Resolves with the user; rejects with the error the strategy's `validate` threw, or 401
 * (UNAUTHENTICATED) when it found no user (no token, a bad signature, an expired or revoked token).
 */
export function authenticateWith<U>(strategy: Strategy, request: unknown, response: unknown): Promise<U> {
  return new Promise<U>((resolve, reject) => {
    const unauthenticated = () => new DomainError(ErrorCode.UNAUTHENTICATED);
    const attempt = Object.create(strategy) as Strategy;
    const middleware = passport.authenticate(attempt, { session: false }, (err: unknown, user: U | false) => {
      if (err) reject(err instanceof Error ? err : unauthenticated());
      else if (!user) reject(unauthenticated());
      else resolve(user as U);
    }) as (req: unknown, res: unknown, next: (err?: unknown) => void) => void;
    middleware(request, response, (err?: unknown) => reject(err instanceof Error ? err : unauthenticated()));
  });
}
