import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { TableRole } from './roles';

/**
 * Every route declares exactly one access rule (default deny): a route without one is refused at
 * run time and fails the route-permission test.
 * - public: no token needed
 * - authenticated: any signed-in user
 * - admin: a global ADMIN
 * - table: a user holding one of `roles` in the table the route's resource belongs to; the table
 *   comes from the `tableId` path parameter or from the resource named by `via` (`:id`, or for
 *   `reference` a situation's `:reference`, looked up among the tables the caller sits at).
 *   Non-members get 404, members without the role 403.
 */
export type IdResource = 'table' | 'situation' | 'meeting';
export type TableResource = IdResource | 'reference';
export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'admin' } | { kind: 'table'; roles: readonly TableRole[]; via: TableResource };

export const ACCESS_RULE = 'access:rule';

export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);
export const Authenticated = () => SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule);
export const AdminOnly = () => SetMetadata(ACCESS_RULE, { kind: 'admin' } satisfies AccessRule);
export const TableAccess = (via: TableResource, ...roles: TableRole[]) =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'table', roles, via } satisfies AccessRule),
    // the document names the `:tableId` these routes take (read by the guard, not by a @Param), so that clients can fill it
    ...(via === 'table' ? [ApiParam({ name: 'tableId', type: String, format: 'uuid' })] : []),
  );

/** Rate-limit class of a route (see AppThrottlerGuard). */
export type RateClass = 'default' | 'login' | 'sensitive';
export const RATE_CLASS = 'access:rate';
export const RateLimit = (cls: RateClass) => SetMetadata(RATE_CLASS, cls);
