import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { actorOf, AppRequest } from '../../common/authz/request-context';
import { AppThrottlerGuard } from '../../common/authz/throttler.guard';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { AuditService } from '../audit/audit.service';
import { ACCESS_PURPOSE_CODES } from '../taxonomy/taxonomy.constants';
import { EQUITY_REFERENCE } from './equity-reference';
import { EQUITY_AUDIT, EquityService, EquityStep as Step } from './equity.service';

const STEP = 'equity:step';

/**
 * Standing and state of an equity route, checked before the body or the query (purpose) is
 * validated (api.md: 404, 403, then 409, then 400): the service's own rule (`EquityService.refusal`),
 * asked again in its transaction. Refusals are audited as the service audits them.
 */
@Injectable()
export class EquityStepGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly equity: EquityService,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly throttler: AppThrottlerGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const step = this.reflector.get<Step | undefined>(STEP, context.getHandler());
    const req = context.switchToHttp().getRequest<AppRequest>();
    const scope = req.scope;
    if (!step || !scope?.resourceId) throw DomainError.forbidden('undeclared step');
    const err =
      (await this.equity.refusal(this.db, step, { roles: scope.roles, agencyId: req.user?.agencyId ?? null }, scope.tableId, scope.resourceId)) ??
      (step === 'write' ? noticeRefusal(req.body) : null);
    if (!err) return true;
    if (err.code === ErrorCode.FORBIDDEN) await this.throttler.countRefusal(context, `user:${req.user!.id}`);
    if ([ErrorCode.FORBIDDEN, ErrorCode.GONE, ErrorCode.INVALID_TRANSITION].includes(err.code)) {
      const code = (req.query as Record<string, unknown> | undefined)?.purposeCode;
      const purposeCode = step === 'read' && typeof code === 'string' && ACCESS_PURPOSE_CODES.includes(code) ? code : undefined;
      await this.audit.recordDenied(actorOf(req), {
        action: EQUITY_AUDIT[step],
        tableId: scope.tableId,
        situationId: scope.resourceId,
        details: { reason: err.code, ...(step === 'read' ? { fields: ['equity'] } : {}), ...(purposeCode ? { purposeCode } : {}) },
      });
    }
    throw err;
  }
}

/**
 * A record made under a notice that is no longer the one in force: a state of the reference data
 * (409), so it comes before the body's own problems (400). A version that is no string is the
 * body's problem, left to the validation.
 */
function noticeRefusal(body: unknown): DomainError | null {
  const version = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).noticeVersion : undefined;
  return typeof version === 'string' && version !== EQUITY_REFERENCE.version ? DomainError.conflict('EQUITY_NOTICE_OUTDATED') : null;
}

/** Declares an equity route's step and checks standing and state before the pipes. */
export const EquityStep = (step: Step) => applyDecorators(SetMetadata(STEP, step), UseGuards(EquityStepGuard));
