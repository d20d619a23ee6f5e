import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { actorOf, AppRequest } from '../../common/authz/request-context';
import { AppThrottlerGuard } from '../../common/authz/throttler.guard';
import { DomainError } from '../../common/errors/domain-error';
import { parseIfMatch } from '../../common/http/if-match';
import { AuditService } from '../audit/audit.service';
import { mayChangeAction, recordingAgency, type RecordingAgency } from './domain/actions';
import { precheck } from './domain/write-rules';
import { SituationActionsRepository } from './situation-actions.repository';
import { SituationRepository } from './situation.repository';
import { refusalError } from './situation.types';

const WORK = 'situation:work';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isForbidden = (r: RecordingAgency): boolean => 'refused' in r && r.refused === 'forbidden';

type WorkStep = 'RECORD_ACTION' | 'UPDATE_ACTION' | 'RECORD_CONTACT';

interface WorkMeta {
  step: WorkStep;
  /** the audited action a refusal for want of standing is recorded under */
  audit: string;
}

/** The body field naming the agency recorded for (an agency representative may name only its own). */
const AGENCY_FIELD: Partial<Record<WorkStep, string>> = { RECORD_ACTION: 'ownerAgencyId', RECORD_CONTACT: 'agencyId' };

/**
 * The preconditions of an agency's work on a situation (its actions and contact attempts), before
 * the body is validated, in the contract's order (api.md): role and standing 403 (the situation's
 * write rule, then the agency recorded for: a representative records for its own agency, changes
 * its own agency's actions), state 409 (ASSIGNED or MOBILIZED; an action DONE or NOT_DONE is
 * final), the action's version 409 (`If-Match` is the action's, not the situation's). The service
 * checks the same again in its transaction. The situation's step guard (situation-step.guard.ts)
 * for these routes, kept apart because the version and the agency are not the situation's.
 */
@Injectable()
export class SituationWorkGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly situations: SituationRepository,
    private readonly actions: SituationActionsRepository,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly throttler: AppThrottlerGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const meta = this.reflector.get<WorkMeta | undefined>(WORK, context.getHandler());
    const req = context.switchToHttp().getRequest<AppRequest>();
    const scope = req.scope;
    if (!meta || !scope?.resourceId) throw DomainError.forbidden('undeclared step');
    const row = await this.situations.find(this.db, scope.resourceId, scope.tableId);
    if (!row) throw DomainError.notFound('situation');
    const agencyId = req.user?.agencyId ?? null;
    const deny = async (reason: string): Promise<never> => {
      // counts toward the caller's refusal limit (429 past it, unaudited), like the access guard's refusals
      await this.throttler.countRefusal(context, `user:${req.user!.id}`);
      await this.audit.recordDenied(actorOf(req), { action: meta.audit, tableId: scope.tableId, situationId: row.id, details: { reason } });
      throw DomainError.forbidden(reason);
    };
    // the situation's version is not asked here: If-Match names the action's
    const refusal = precheck(meta.step, { roles: scope.roles, agencyId }, row);
    if (refusal?.kind === 'standing') await deny(refusal.reason);
    const field = AGENCY_FIELD[meta.step];
    if (field && isForbidden(recordingAgency(scope.roles, agencyId, (req.body as Record<string, unknown> | undefined)?.[field]))) await deny('own agency only');
    const actionId = (req.params as Record<string, string | undefined>).actionId;
    if (meta.step === 'UPDATE_ACTION' && actionId && UUID.test(actionId)) {
      const action = await this.actions.findAction(this.db, { id: actionId, situationId: row.id, tableId: scope.tableId });
      if (!action) throw DomainError.notFound('action');
      if (!mayChangeAction(scope.roles, agencyId, action.ownerAgencyId)) await deny('own agency only');
      if (refusal) throw refusalError(refusal);
      if (action.status !== 'PLANNED') throw DomainError.conflict('ACTION_FINAL');
      const ifMatch = parseIfMatch(req.headers['if-match'] as string | undefined);
      const stale = DomainError.staleVersion(ifMatch === 'invalid' ? undefined : ifMatch, action.version);
      if (stale) throw stale;
      return true;
    }
    if (refusal) throw refusalError(refusal);
    return true;
  }
}

/** Declares the step of an agency's work route and checks its preconditions before the pipes. */
export const SituationWork = (step: WorkStep, audit: string) => applyDecorators(SetMetadata(WORK, { step, audit } satisfies WorkMeta), UseGuards(SituationWorkGuard));
