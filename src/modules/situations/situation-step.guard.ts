import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { actorOf, AppRequest } from '../../common/authz/request-context';
import { AppThrottlerGuard } from '../../common/authz/throttler.guard';
import { DomainError } from '../../common/errors/domain-error';
import { parseIfMatch } from '../../common/http/if-match';
import { Clock } from '../../common/clock/clock';
import { ErrorCode } from '../../common/errors/error-codes';
import { AuditService } from '../audit/audit.service';
import { TableService } from '../tables/table.service';
import { isUuid } from '../../common/authz/table-resolver';
import { reopenRefusal } from './domain/reopen';
import { canApply } from './domain/situation-state';
import { precheck, Refusal, SituationStep } from './domain/write-rules';
import { mayRecordFor, mobilizingAgency } from './domain/agency-mobilization';
import { AgencyMobilizationRepository } from './agency-mobilization.repository';
import { SituationRepository } from './situation.repository';
import { refusalError } from './situation.types';

const STEP = 'situation:step';

interface StepMeta {
  step: SituationStep;
  /** the audited action a refusal for want of standing is recorded under */
  audit: string;
}

/**
 * The preconditions of a write on a situation, checked before its body is even validated (api.md:
 * authentication 401, membership 404, role and standing 403, state and version 409, then the
 * content 400/422). Runs after the global AccessGuard (which resolved the table and the caller's
 * roles) and before the pipes, so a caller without standing gets the same 403 whatever the body
 * holds. The service re-checks the same rule (write-rules.ts) inside its transaction.
 */
@Injectable()
export class SituationStepGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly repo: SituationRepository,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly throttler: AppThrottlerGuard,
    private readonly tables: TableService,
    private readonly clock: Clock,
    private readonly mobilizations: AgencyMobilizationRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const meta = this.reflector.get<StepMeta | undefined>(STEP, context.getHandler());
    const req = context.switchToHttp().getRequest<AppRequest>();
    const scope = req.scope;
    if (!meta || !scope?.resourceId) throw DomainError.forbidden('undeclared step');
    const row = await this.repo.find(this.db, scope.resourceId, scope.tableId);
    if (!row) throw DomainError.notFound('situation');
    // An agency's services: an id that is not a UUID names nothing (404, as its pipe would say).
    if (meta.step === 'CONNECT_SERVICES' && !isUuid((req.params as { agencyId?: string }).agencyId)) throw DomainError.notFound();
    const ifMatch = parseIfMatch(req.headers['if-match'] as string | undefined);
    const refusal = precheck(meta.step, { roles: scope.roles, agencyId: req.user?.agencyId ?? null }, row, ifMatch === 'invalid' ? undefined : ifMatch) ?? null;
    const refused: Refusal | null = refusal?.kind === 'standing' ? refusal : (this.agencyStanding(meta.step, req) ?? refusal);
    if (!refused) {
      await this.stepState(meta.step, req, row);
      return true;
    }
    if (refused.kind === 'standing') {
      // counts toward the caller's refusal limit (429 past it, unaudited), like the access guard's refusals
      await this.throttler.countRefusal(context, `user:${req.user!.id}`);
      await this.audit.recordDenied(actorOf(req), { action: meta.audit, tableId: scope.tableId, situationId: row.id, details: { reason: refused.reason } });
    }
    throw refusalError(refused);
  }

  /**
   * An agency's own steps (its mobilisation, its services): a representative acts for its own agency
   * only, whatever else the body holds (the agency named in the raw body or the path: a plain
   * comparison, before validation). A coordinator may act for any.
   */
  private agencyStanding(step: SituationStep, req: AppRequest): Refusal | null {
    if (step !== 'MOBILIZE' && step !== 'CONNECT_SERVICES') return null;
    const caller = { coordinator: req.scope!.roles.includes('COORDINATOR'), agencyId: req.user?.agencyId ?? null };
    if (caller.coordinator) return null;
    const named = step === 'MOBILIZE' ? (req.body as { agencyId?: unknown } | undefined)?.agencyId : (req.params as { agencyId?: string }).agencyId?.toLowerCase();
    if (named === undefined || named === null) return null;
    return mayRecordFor(typeof named === 'string' ? named.toLowerCase() : null, caller) ? null : { kind: 'standing', reason: 'records only its own agency' };
  }

  /**
   * State refusals that depend on more than the row's status, still before the body is validated
   * (the service re-checks them in its transaction): a deferral only of a SUBMITTED referral (the
   * outcome is read from the raw body, a plain comparison), a reopening only within the table's
   * period and before the purge.
   */
  private async stepState(step: SituationStep, req: AppRequest, row: NonNullable<Awaited<ReturnType<SituationRepository['find']>>>): Promise<void> {
    if (step === 'DECIDE' && (req.body as { outcome?: unknown } | undefined)?.outcome === 'DEFERRED' && !canApply(row.status, 'DEFER')) {
      throw DomainError.invalidTransition(row.status, 'DEFER');
    }
    if (step === 'MOBILIZE' || step === 'CONNECT_SERVICES') {
      const caller = { coordinator: req.scope!.roles.includes('COORDINATOR'), agencyId: req.user?.agencyId ?? null };
      const named = step === 'MOBILIZE' ? (req.body as { agencyId?: unknown } | undefined)?.agencyId : (req.params as { agencyId?: string }).agencyId?.toLowerCase();
      const target = step === 'MOBILIZE' ? mobilizingAgency(typeof named === 'string' ? named.toLowerCase() : undefined, caller, row.leadAgencyId) : (named as string);
      const mobilized = (await this.mobilizations.current(this.db, row.id)).some((r) => r.agencyId === target);
      if (step === 'MOBILIZE' && mobilized) throw DomainError.conflict('AGENCY_ALREADY_MOBILIZED');
      if (step === 'CONNECT_SERVICES' && !mobilized) throw DomainError.conflict('AGENCY_NOT_MOBILIZED');
    }
    if (step === 'REOPEN' || step === 'CHANGE_BARRIERS') {
      const policy = await this.tables.policyOf(this.db, row.tableId);
      const refused = reopenRefusal(row, policy?.reopenLimitDays ?? 0, this.clock.now());
      if (refused === 'IDENTITY_PURGED') throw new DomainError(ErrorCode.GONE);
      if (refused === 'NOT_CLOSED') throw DomainError.invalidTransition(row.status, 'REOPEN');
      // past the reopening period, the closure's barriers are final
      if (refused) throw DomainError.conflict(step === 'REOPEN' ? refused : 'BARRIERS_FINAL');
    }
  }
}

/** Declares the step of a situation write route and checks its preconditions before the pipes. */
export const SituationWrite = (step: SituationStep, audit: string) => applyDecorators(SetMetadata(STEP, { step, audit } satisfies StepMeta), UseGuards(SituationStepGuard));
