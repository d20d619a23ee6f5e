import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';
import { ACCESS_RULE, AccessRule } from './access-rule';
import { AuditService } from '../../modules/audit/audit.service';
import { actorOf, AppRequest } from './request-context';
import { TableResolver } from './table-resolver';
import { refuseTemporaryPassword } from './temporary-password';

/**
 * The global guard: deny by default. Authenticates with the JWT strategy (passport), then applies
 * the route's declared rule. Table-scoped routes resolve their table here, once, so no service can
 * forget the membership check: non-members get 404, members without the role 403.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly tables: TableResolver,
    private readonly audit: AuditService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) throw DomainError.forbidden('undeclared route');
    if (rule.kind === 'public') return true;
    await (super.canActivate(context) as Promise<boolean>);
    const req = context.switchToHttp().getRequest<AppRequest>();
    const user = req.user!;
    await refuseTemporaryPassword(this.reflector, context, this.audit);
    switch (rule.kind) {
      case 'authenticated':
        return true;
      case 'admin':
        if (!user.isAdmin) throw DomainError.forbidden('admin');
        return true;
      case 'table': {
        const params = (req.params ?? {}) as Record<string, string>;
        const id = rule.via === 'table' ? params.tableId : params.id;
        const tableId = await this.tables.tableOf(rule.via, id);
        const roles = tableId ? user.roles.filter((r) => r.tableId === tableId).map((r) => r.role) : [];
        if (!tableId) throw DomainError.notFound(rule.via);
        if (roles.length === 0 || !roles.some((r) => rule.roles.includes(r))) {
          // Refusals on a real table's data are part of its trail (who tried what), members or not.
          await this.audit.recordDenied(actorOf(req), {
            action: 'access.denied', tableId, situationId: rule.via === 'situation' ? id : null,
            details: { route: routeOf(context), reason: roles.length === 0 ? 'not_a_member' : 'role' },
          });
          throw roles.length === 0 ? DomainError.notFound(rule.via) : DomainError.forbidden('role');
        }
        req.scope = { tableId, roles, resourceId: rule.via === 'table' ? undefined : id };
        return true;
      }
    }
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new DomainError(ErrorCode.UNAUTHENTICATED);
    return user;
  }
}

/** `METHOD /path/:param` of the handler, as declared (no ids). */
function routeOf(context: ExecutionContext): string {
  const req = context.switchToHttp().getRequest<AppRequest>();
  return `${req.method} ${req.routeOptions?.url ?? ''}`;
}
