import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { languageOf, Language } from '../http/language';
import { Actor, Principal, TableScope } from './principal';

export type AppRequest = FastifyRequest & { user?: Principal; scope?: TableScope };

const requestOf = (ctx: ExecutionContext): AppRequest => ctx.switchToHttp().getRequest<AppRequest>();

/** `METHOD /path/:param` of the request's handler, as declared (no ids). */
export function routeOf(req: AppRequest): string {
  return `${req.method} ${req.routeOptions?.url ?? ''}`;
}

export function actorOf(req: AppRequest): Actor {
  return { userId: req.user?.id ?? null, agencyId: req.user?.agencyId ?? null, requestId: String(req.id), route: routeOf(req) };
}

/** The signed-in user (routes that are not public only). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const user = requestOf(ctx).user;
  if (!user) throw new Error('CurrentUser on a route without authentication');
  return user;
});

/** The acting user for audit entries: id, agency and request id. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => actorOf(requestOf(ctx)));

/** The table scope resolved by the access guard (table-scoped routes only). */
export const Scope = createParamDecorator((_: unknown, ctx: ExecutionContext): TableScope => {
  const scope = requestOf(ctx).scope;
  if (!scope) throw new Error('Scope on a route without a table access rule');
  return scope;
});

export const Lang = createParamDecorator((_: unknown, ctx: ExecutionContext): Language => languageOf(requestOf(ctx).headers['accept-language']));
