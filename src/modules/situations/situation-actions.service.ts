import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, TableScope } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { decodeCursor, Page, PageQuery, pageLimit, toPage, TIME_ID_CURSOR } from '../../common/http/pagination';
import { MeetingInProgress } from '../../common/meetings/meeting-in-progress';
import { AuditService } from '../audit/audit.service';
import { DeidentificationService } from '../deidentification/deidentification.service';
import { IdentityVaultService } from '../identity-vault/identity-vault.service';
import { TableService } from '../tables/table.service';
import { localDate } from '../../common/clock/time-zone';
import { actionPatchProblems, contactAttemptProblems, isActionOverdue, isIntervening, mayChangeAction, newActionProblems, recordingAgency } from './domain/actions';
import { isStub } from './domain/situation-state';
import { precheck, SituationStep } from './domain/write-rules';
import { ActionView, ContactAttemptView, CreateActionDto, CreateContactAttemptDto, UpdateActionDto } from './dto/actions.dto';
import { ActionRow, ContactAttemptRow, SituationActionsRepository } from './situation-actions.repository';
import { SituationRepository } from './situation.repository';
import { SystemBarrierRepository } from './system-barrier.repository';
import { auditedBarriers, barrierNotes, systemBarrierEntries, systemBarrierProblems } from './domain/system-barriers';
import { refusalError, SituationRow } from './situation.types';

/**
 * Each intervening agency's part (issue 16): its actions (due date, status, reason) and its
 * attempts to contact the person (domain/actions.ts). Every write is one transaction: the
 * situation share-locked and its standing and status checked again (the route's guard checked
 * them before the body), then the content, the de-identified text last (also against the identity
 * the vault holds), the row and its audit entry (ids and codes only).
 */
@Injectable()
export class SituationActionsService {
  constructor(
    private readonly repo: SituationActionsRepository,
    private readonly situations: SituationRepository,
    private readonly audit: AuditService,
    private readonly deid: DeidentificationService,
    private readonly vault: IdentityVaultService,
    private readonly tables: TableService,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly meetingInProgress: MeetingInProgress,
    private readonly barriers: SystemBarrierRepository,
  ) {}

  async createAction(scope: TableScope, actor: Actor, id: string, dto: CreateActionDto): Promise<ActionView> {
    const description = dto.description.trim();
    const today = await this.today(scope.tableId);
    return this.db
      .transaction(async (m) => {
        const row = await this.situationFor(m, scope, actor, id, 'RECORD_ACTION');
        const owner = this.agencyFor(scope, actor, row, dto.ownerAgencyId, 'ownerAgencyId');
        const problems = newActionProblems({ dueDate: dto.dueDate });
        if (problems.length) throw DomainError.validation(problems);
        if (dto.meetingId) await this.requireOpenMeeting(m, dto.meetingId, scope.tableId);
        await this.checkText(scope, actor, id, 'situation.action.create', { description });
        // Without a meetingId, an action agreed during an open meeting belongs to it (its minutes list it).
        const meetingId = dto.meetingId ?? (await this.meetingInProgress.find(m, scope.tableId, this.clock.now()));
        const action = await this.repo.insertAction(m, {
          situationId: id,
          tableId: scope.tableId,
          ownerAgencyId: owner,
          description,
          dueDate: dto.dueDate,
          meetingId,
          createdBy: actor.userId,
          createdByAgencyId: actor.agencyId,
          at: this.clock.now(),
        });
        await this.audit.record(m, actor, {
          action: 'situation.action.create',
          tableId: scope.tableId,
          situationId: id,
          details: { actionId: action.id, ownerAgencyId: owner, dueDate: action.dueDate, meetingId },
        });
        return mapAction(action, today);
      })
      .catch(async (err) => this.auditRefusal(err, actor, scope.tableId, id, 'situation.action.create'));
  }

  /** Marks a PLANNED action DONE or NOT_DONE (final), or changes its due date or description; `If-Match` is the action's version. */
  async updateAction(scope: TableScope, actor: Actor, id: string, actionId: string, dto: UpdateActionDto, ifMatch?: number): Promise<ActionView> {
    const today = await this.today(scope.tableId);
    return this.db
      .transaction(async (m) => {
        const row = await this.situationFor(m, scope, actor, id, 'UPDATE_ACTION', false);
        const before = await this.repo.findAction(m, { id: actionId, situationId: id, tableId: scope.tableId, lock: true });
        if (!before) throw DomainError.notFound('action');
        if (!mayChangeAction(scope.roles, actor.agencyId, before.ownerAgencyId)) throw DomainError.forbidden('own agency only');
        const refusal = precheck('UPDATE_ACTION', { roles: scope.roles, agencyId: actor.agencyId }, row);
        if (refusal) throw refusalError(refusal);
        if (before.status !== 'PLANNED') throw DomainError.conflict('ACTION_FINAL');
        const stale = DomainError.staleVersion(ifMatch, before.version);
        if (stale) throw stale;
        const reasonNote = dto.reasonNote?.trim() || null;
        const barrierInput = dto.systemBarriers ?? [];
        const barriers = systemBarrierEntries(barrierInput);
        const problems = [
          ...actionPatchProblems({ ...dto, reasonNote }),
          ...(dto.status !== 'NOT_DONE' && barrierInput.length ? [{ field: 'systemBarriers', problem: 'only with the status NOT_DONE' }] : systemBarrierProblems(barrierInput)),
        ];
        if (problems.length) throw DomainError.validation(problems);
        const description = dto.description?.trim();
        await this.checkText(scope, actor, id, 'situation.action.update', { description, reasonNote, ...barrierNotes(barriers) });
        const now = this.clock.now();
        const closing = dto.status === 'DONE' || dto.status === 'NOT_DONE';
        const set: Record<string, unknown> = {
          ...(description !== undefined ? { description } : {}),
          ...(dto.dueDate !== undefined ? { dueDate: dto.dueDate } : {}),
          ...(closing
            ? {
                status: dto.status,
                reasonCode: dto.status === 'NOT_DONE' ? dto.reasonCode : null,
                reasonNote: dto.status === 'NOT_DONE' ? reasonNote : null,
                completedAt: now,
                completedBy: actor.userId,
                completedByAgencyId: actor.agencyId,
              }
            : {}),
        };
        const after = await this.repo.updateAction(m, { id: actionId, version: before.version }, set, now);
        if (!after) throw DomainError.conflict('CONCURRENT_UPDATE');
        await this.barriers.insert(
          m,
          { situationId: id, tableId: scope.tableId, context: 'ACTION_NOT_DONE', actionId, recordedBy: actor.userId, agencyId: actor.agencyId, at: now },
          barriers,
        );
        await this.audit.record(m, actor, {
          action: 'situation.action.update',
          tableId: scope.tableId,
          situationId: id,
          details: {
            actionId,
            ownerAgencyId: before.ownerAgencyId,
            from: before.status,
            to: after.status,
            reasonCode: after.reasonCode,
            ...(barriers.length ? { systemBarriers: auditedBarriers(barriers) } : {}),
            changed: Object.keys(set).filter((k) => k === 'description' || k === 'dueDate' || k === 'status'),
            version: after.version,
          },
        });
        return mapAction(after, today);
      })
      .catch(async (err) => this.auditRefusal(err, actor, scope.tableId, id, 'situation.action.update'));
  }

  async recordContactAttempt(scope: TableScope, actor: Actor, id: string, dto: CreateContactAttemptDto): Promise<ContactAttemptView> {
    const note = dto.note?.trim() || null;
    const attemptedAt = new Date(dto.attemptedAt);
    return this.db
      .transaction(async (m) => {
        const row = await this.situationFor(m, scope, actor, id, 'RECORD_CONTACT');
        const agency = this.agencyFor(scope, actor, row, dto.agencyId, 'agencyId');
        const problems = contactAttemptProblems({ attemptedAt, outcome: dto.outcome, note }, this.clock.now(), row.createdAt);
        if (problems.length) throw DomainError.validation(problems);
        if (dto.meetingId) await this.requireOpenMeeting(m, dto.meetingId, scope.tableId);
        await this.checkText(scope, actor, id, 'situation.contact_attempt', { note });
        const attempt = await this.repo.insertContactAttempt(m, {
          situationId: id,
          tableId: scope.tableId,
          agencyId: agency,
          attemptedAt,
          outcome: dto.outcome,
          note,
          meetingId: dto.meetingId ?? null,
          createdBy: actor.userId,
          createdByAgencyId: actor.agencyId,
          at: this.clock.now(),
        });
        await this.audit.record(m, actor, {
          action: 'situation.contact_attempt',
          tableId: scope.tableId,
          situationId: id,
          details: { contactAttemptId: attempt.id, agencyId: agency, outcome: dto.outcome, meetingId: dto.meetingId ?? null },
        });
        return mapAttempt(attempt);
      })
      .catch(async (err) => this.auditRefusal(err, actor, scope.tableId, id, 'situation.contact_attempt'));
  }

  /** A page of the situation's actions, in the order they were recorded; read like the situation, audited. */
  async actions(scope: TableScope, actor: Actor, id: string, query: PageQuery): Promise<Page<ActionView>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor, TIME_ID_CURSOR);
    const row = await this.situations.find(this.db, id, scope.tableId);
    if (!row) throw DomainError.notFound('situation');
    const [rows, today] = await Promise.all([
      isStub(row.status) ? Promise.resolve([]) : this.repo.actions(this.db, { situationId: id, tableId: scope.tableId, after, limit: limit + 1 }),
      this.today(scope.tableId),
      this.audit.recordAlone(actor, { action: 'situation.actions.read', tableId: scope.tableId, situationId: id }),
    ]);
    return toPage(
      rows,
      limit,
      (r) => [r.createdAt.toISOString(), r.id],
      (r) => mapAction(r, today),
    );
  }

  /** A page of the situation's contact attempts, oldest attempt first; read like the situation, audited. */
  async contactAttempts(scope: TableScope, actor: Actor, id: string, query: PageQuery): Promise<Page<ContactAttemptView>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor, TIME_ID_CURSOR);
    const row = await this.situations.find(this.db, id, scope.tableId);
    if (!row) throw DomainError.notFound('situation');
    const [rows] = await Promise.all([
      isStub(row.status) ? Promise.resolve([]) : this.repo.contactAttempts(this.db, { situationId: id, tableId: scope.tableId, after, limit: limit + 1 }),
      this.audit.recordAlone(actor, { action: 'situation.contact_attempts.read', tableId: scope.tableId, situationId: id }),
    ]);
    return toPage(rows, limit, (r) => [r.attemptedAt.toISOString(), r.id], mapAttempt);
  }

  /** The counts the situation view shows (one aggregate over the situation's actions). */

  // ---- helpers ------------------------------------------------------------------------------------

  /** The situation, share-locked, with the step's standing and status checked again (the guard did before the body). */
  private async situationFor(m: EntityManager, scope: TableScope, actor: Actor, id: string, step: SituationStep, check = true): Promise<SituationRow> {
    // share-locked first: a closure (or a reassignment) waits for this write, or this write sees it
    if (!(await this.situations.standingForWrite(m, id, scope.tableId))) throw DomainError.notFound('situation');
    const row = await this.situations.find(m, id, scope.tableId);
    if (!row) throw DomainError.notFound('situation');
    if (check) {
      const refusal = precheck(step, { roles: scope.roles, agencyId: actor.agencyId }, row);
      if (refusal) throw refusalError(refusal);
    }
    return row;
  }

  /** The agency recorded for: the caller's own, or (a coordinator) any intervening agency. */
  private agencyFor(scope: TableScope, actor: Actor, row: SituationRow, requested: string | undefined, field: string): string {
    const agency = recordingAgency(scope.roles, actor.agencyId, requested);
    if ('refused' in agency) {
      if (agency.refused === 'forbidden') throw DomainError.forbidden('own agency only');
      throw DomainError.validation([{ field, problem: 'name the lead or an assisting agency' }]);
    }
    if (!isIntervening(row, agency.agencyId)) throw DomainError.validation([{ field, problem: 'must be the lead or an assisting agency of this situation' }]);
    return agency.agencyId;
  }

  private async checkText(scope: TableScope, actor: Actor, id: string, action: string, fields: Record<string, string | null | undefined>): Promise<void> {
    if (!Object.values(fields).some((v) => v)) return;
    await this.deid.check(fields, { actor, tableId: scope.tableId, situationId: id, action }, await this.vault.knownIdentifiers(id, scope.tableId));
  }

  private async requireOpenMeeting(m: EntityManager, meetingId: string, tableId: string): Promise<void> {
    const status = await this.situations.meetingStatus(m, meetingId, tableId);
    if (!status) throw DomainError.validation([{ field: 'meetingId', problem: 'no such meeting at this table' }]);
    if (status === 'CLOSED') throw DomainError.conflict('MEETING_CLOSED');
  }

  /** The table's local date: an action is overdue once its due date is before it. */
  async today(tableId: string): Promise<string> {
    return localDate(this.clock.now(), await this.tables.timeZoneOf(tableId));
  }

  /** Refusals for want of standing roll the transaction back: record them in their own. */
  private async auditRefusal(err: unknown, actor: Actor, tableId: string, situationId: string, action: string): Promise<never> {
    if (err instanceof DomainError && err.code === ErrorCode.FORBIDDEN) {
      await this.audit.recordDenied(actor, { action, tableId, situationId, details: { reason: err.args.reason ?? 'forbidden' } });
    }
    throw err;
  }
}

export function mapAction(r: ActionRow, today: string): ActionView {
  return {
    id: r.id,
    situationId: r.situationId,
    ownerAgencyId: r.ownerAgencyId,
    ownerAgencyName: r.ownerAgencyName,
    description: r.description,
    dueDate: r.dueDate,
    status: r.status,
    overdue: isActionOverdue(r.status, r.dueDate, today),
    reasonCode: r.reasonCode,
    reasonNote: r.reasonNote,
    completedAt: r.completedAt ? r.completedAt.toISOString() : null,
    completedByAgencyId: r.completedByAgencyId,
    meetingId: r.meetingId,
    createdByAgencyId: r.createdByAgencyId,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

export function mapAttempt(r: ContactAttemptRow): ContactAttemptView {
  return {
    id: r.id,
    situationId: r.situationId,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    attemptedAt: r.attemptedAt.toISOString(),
    outcome: r.outcome,
    note: r.note,
    meetingId: r.meetingId,
    createdAt: r.createdAt.toISOString(),
  };
}
