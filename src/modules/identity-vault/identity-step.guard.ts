import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { actorOf, AppRequest } from '../../common/authz/request-context';
import { AppThrottlerGuard } from '../../common/authz/throttler.guard';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { precheck } from '../situations/domain/write-rules';
import { refusalError } from '../situations/situation.types';
import { ACCESS_PURPOSE_CODES } from '../taxonomy/taxonomy.constants';
import { IdentityVaultRepository } from './identity-vault.repository';

const STEP = 'identity:step';
type IdentityStep = 'READ_IDENTITY' | 'WRITE_IDENTITY';

/**
 * Standing, purge and state of an identity read or write, checked before the body or the query
 * (purpose) is validated or looked at (api.md: 403, then 410/409, then 400/422): a caller without
 * standing learns nothing from what it sends. Same rule as the vault's own re-check
 * (situations/domain/write-rules.ts). Refusals are audited as the vault audits them; a refused
 * read records its purpose code when it is a known one, never the unchecked note.
 */
@Injectable()
export class IdentityStepGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly repo: IdentityVaultRepository,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly throttler: AppThrottlerGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const step = this.reflector.get<IdentityStep | undefined>(STEP, context.getHandler());
    const req = context.switchToHttp().getRequest<AppRequest>();
    const scope = req.scope;
    if (!step || !scope?.resourceId) throw DomainError.forbidden('undeclared step');
    const s = await this.repo.situationFor(this.db, scope.resourceId, scope.tableId);
    if (!s) throw DomainError.notFound('situation');
    const refusal = precheck(step, { roles: scope.roles, agencyId: req.user?.agencyId ?? null }, s);
    if (!refusal) return true;
    const err = refusalError(refusal);
    // A refusal for want of standing counts toward the caller's refusal limit (429 past it, unaudited).
    if (refusal.kind === 'standing') await this.throttler.countRefusal(context, `user:${req.user!.id}`);
    const code = (req.query as Record<string, unknown> | undefined)?.purposeCode;
    const purposeCode = step === 'READ_IDENTITY' && typeof code === 'string' && ACCESS_PURPOSE_CODES.includes(code) ? code : undefined;
    await this.audit.recordDenied(actorOf(req), {
      action: step === 'READ_IDENTITY' ? 'identity.read' : 'identity.write',
      tableId: scope.tableId,
      situationId: scope.resourceId,
      details: { reason: err.code, ...(purposeCode ? { purposeCode } : {}) },
    });
    throw err;
  }
}

/** Declares an identity route's step and checks standing and state before the pipes. */
export const IdentityStep = (step: IdentityStep) => applyDecorators(SetMetadata(STEP, step), UseGuards(IdentityStepGuard));
