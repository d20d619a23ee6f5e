import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';
import { authenticateWith, BearerStrategy } from './passport-auth';
import { Principal } from './principal';
import { ACCESS_RULE, AccessRule, IdResource, RATE_CLASS, RateClass } from './access-rule';
import { RefusalRecorder } from './refusal-recorder';
import { actorOf, AppRequest, routeOf } from './request-context';
import { TableRole } from './roles';
import { canonicalReference, isUuid, REFERENCE_PROBLEM, TableResolver } from './table-resolver';
import { AppThrottlerGuard } from './throttler.guard';
import { mustChooseAPassword, refuseTemporaryPassword } from './temporary-password';
import { PENDING_UNDERTAKING_OK } from './undertaking';

/**
 * The global guard: deny by default. Authenticates with this application's bearer strategy (the
 * auth module's JWT strategy, run by passport), then applies
 * the route's declared rule. Table-scoped routes resolve their table here, once, so no service can
 * forget the membership check: non-members get 404, members without the role 403.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tables: TableResolver,
    private readonly audit: RefusalRecorder,
    private readonly throttler: AppThrottlerGuard,
    private readonly bearer: BearerStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) throw DomainError.forbidden('undeclared route');
    if (rule.kind === 'public') return true;
    const http = context.switchToHttp();
    const req = http.getRequest<AppRequest>();
    const user = (req.user = await authenticateWith<Principal>(this.bearer, req, http.getResponse()));
    if (mustChooseAPassword(this.reflector, context)) {
      // A refusal like any other: it counts toward the limits (429 past them, and then no entry).
      await this.throttler.countRefusal(context, `user:${user.id}`);
      await refuseTemporaryPassword(context, this.audit);
    }
    switch (rule.kind) {
      case 'authenticated':
        return true;
      case 'admin':
        if (!user.isAdmin) throw DomainError.forbidden('admin');
        return true;
      case 'table': {
        const params = (req.params ?? {}) as Record<string, string>;
        // Separation of duties: an administrator holds no table role, whatever rows say (fail closed).
        const rolesAt = (tableId: string | null) => (tableId && !user.isAdmin ? user.roles.filter((r) => r.tableId === tableId).map((r) => r.role) : []);
        const { id, tableId } = rule.via === 'reference' ? await this.byReference(params.reference, rolesAt, rule.roles) : await this.byId(rule.via, params);
        const roles = rolesAt(tableId);
        if (!tableId || roles.length === 0 || !roles.some((r) => rule.roles.includes(r))) {
          const reason = !tableId ? 'no_such_resource' : roles.length === 0 ? 'not_a_member' : 'role';
          // Every refusal counts toward the caller's rate limits (429 past them), and refusals on a
          // real table's data are part of its trail: on sensitive routes (identity, exports) each
          // one within the limits, elsewhere (and past the limits) folded per actor and minute.
          const limited = await this.throttler.countRefusal(context, `user:${user.id}`).then(
            () => null,
            (err: unknown) => err,
          );
          if (tableId) {
            const refusal = { tableId, situationId: rule.via === 'situation' || rule.via === 'reference' ? id : null, route: declaredRoute(context), reason };
            const sensitive = this.reflector.getAllAndOverride<RateClass | undefined>(RATE_CLASS, [context.getHandler(), context.getClass()]) === 'sensitive';
            if (sensitive && !limited) {
              await this.audit.recordDenied(actorOf(req), {
                action: 'access.denied',
                tableId,
                situationId: refusal.situationId,
                details: { route: refusal.route, reason },
              });
            } else {
              await this.audit.recordRefusal(actorOf(req), refusal);
            }
          }
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows the throttler's own refusal (a DomainError)
          if (limited) throw limited;
          throw reason === 'role' ? DomainError.forbidden('role') : DomainError.notFound(rule.via);
        }
        const pending = user.pendingUndertakings?.find((u) => u.tableId === tableId);
        if (pending && !this.reflector.getAllAndOverride<boolean | undefined>(PENDING_UNDERTAKING_OK, [context.getHandler(), context.getClass()])) {
          // A member whose roles are not active yet: the refusal is part of the table's trail (folded like any other).
          await this.audit.recordRefusal(actorOf(req), {
            tableId,
            situationId: rule.via === 'situation' || rule.via === 'reference' ? id : null,
            route: declaredRoute(context),
            reason: 'undertaking_required',
          });
          throw new DomainError(ErrorCode.UNDERTAKING_REQUIRED, {}, { tableId, version: pending.version });
        }
        req.scope = { tableId, roles, resourceId: rule.via === 'table' ? undefined : id! };
        return true;
      }
    }
  }

  /** The resource named by `:id` (or the table by `:tableId`) and its table; ids in their canonical (lower-case) form. */
  private async byId(via: IdResource, params: Record<string, string>): Promise<{ id: string | null; tableId: string | null }> {
    const raw = via === 'table' ? params.tableId : params.id;
    const id = isUuid(raw) ? raw.toLowerCase() : null;
    return { id, tableId: id ? await this.tables.tableOf(via, id) : null };
  }

  /**
   * The situation a reference names, among those of the tables the caller sits at: one they may
   * read (two → 409, the reference is ambiguous for them), else one at a table where they hold
   * another role (→ 403, as for `:id`), else one elsewhere (→ 404, its table's trail records the
   * refusal), else none (→ 404). A malformed reference → 400, before any lookup.
   */
  private async byReference(
    raw: string | undefined,
    rolesAt: (tableId: string) => TableRole[],
    allowed: readonly TableRole[],
  ): Promise<{ id: string | null; tableId: string | null }> {
    const reference = canonicalReference(raw);
    if (!reference) throw DomainError.validation([{ field: 'reference', problem: REFERENCE_PROBLEM }]);
    const found = await this.tables.situationsByReference(reference);
    const readable = found.filter((f) => rolesAt(f.tableId).some((r) => allowed.includes(r)));
    if (readable.length > 1) throw DomainError.conflict('AMBIGUOUS_REFERENCE');
    const pick = readable[0] ?? found.find((f) => rolesAt(f.tableId).length > 0) ?? found[0];
    return pick ? { id: pick.situationId, tableId: pick.tableId } : { id: null, tableId: null };
  }
}

/** `METHOD /path/:param` of the handler, as declared (no ids). */
function declaredRoute(context: ExecutionContext): string {
  return routeOf(context.switchToHttp().getRequest<AppRequest>());
}
