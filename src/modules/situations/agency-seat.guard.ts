import { CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorOf, AppRequest } from '../../common/authz/request-context';
import { AppThrottlerGuard } from '../../common/authz/throttler.guard';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { SituationRepository } from './situation.repository';

/**
 * Intake's standing, before the body is validated (api.md, "order of checks": role and standing
 * 403 before the content 400/422): the caller's agency must have a seat at the table. Without it
 * the answer is the same 403 whatever the body holds, audited and counted like the step guard's
 * refusals. Runs after the global AccessGuard (table and roles resolved); the service checks again
 * inside its transaction.
 */
@Injectable()
export class AgencySeatGuard implements CanActivate {
  constructor(
    private readonly repo: SituationRepository,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly throttler: AppThrottlerGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AppRequest>();
    const tableId = req.scope?.tableId;
    if (!tableId || !req.user) throw DomainError.forbidden('undeclared table');
    const agencyId = req.user.agencyId ?? null;
    if (agencyId && (await this.repo.agencySectors(this.db.manager, tableId, [agencyId])).has(agencyId)) return true;
    const reason = agencyId ? 'agency not a member' : 'no agency';
    await this.throttler.countRefusal(context, `user:${req.user.id}`);
    await this.audit.recordDenied(actorOf(req), { action: 'situation.submit', tableId, details: { reason } });
    throw DomainError.forbidden(reason);
  }
}

/** Intake: the caller's agency sits at the table, checked before the body (AgencySeatGuard). */
export const AgencySeat = () => UseGuards(AgencySeatGuard);
