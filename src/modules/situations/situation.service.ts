import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, TableScope } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { decodeCursor, Page, PageQuery, pageLimit, toPage, TIME_ID_CURSOR, TIME_KEY_CURSOR } from '../../common/http/pagination';
import { AuditService } from '../audit/audit.service';
import { DeidentificationService } from '../deidentification/deidentification.service';
import { DisclosureService } from '../disclosures/disclosure.service';
import { IdentityVaultService } from '../identity-vault/identity-vault.service';
import { MeetingInProgress } from '../../common/meetings/meeting-in-progress';
import { TableService } from '../tables/table.service';
import { TAXONOMY } from '../taxonomy/taxonomy.constants';
import { categoriesOf } from '../taxonomy/taxonomy.catalogue';
import { canApply, fromStatuses, isStub, nextStatus, SituationAction } from './domain/situation-state';
import { MOBILIZATION_HOURS, startedBefore } from './domain/mobilization-clock';
import { reopenedStatus, reopenRefusal } from './domain/reopen';
import { DUPLICATE_OF_SHAPE_PROBLEM, duplicateOfProblem, parseDuplicateOf } from './domain/duplicate';
import { timelineEntryOf } from './domain/timeline';
import { leadAnswerOnAssign, leadAnswerProblems, leadAnswerValues, mayAnswerLead } from './domain/lead-answer';
import { TimelineEntryView } from './dto/timeline.dto';
import { mobilizationTimeProblem } from './domain/mobilization-time';
import { precheck, SituationStep } from './domain/write-rules';
import { agencyMobilizationProblem, agencyRoleOf, AgencyRole, mayRecordFor, mobilizationAction, mobilizingAgency, servicesChange } from './domain/agency-mobilization';
import { AgencyMobilizationRepository } from './agency-mobilization.repository';
import { ThresholdAssessment } from './domain/threshold';
import { sectorsAbsent, sectorsCounted } from './domain/sectors-absent';
import {
  AssignmentDto,
  ClosureDto,
  CreateSituationDto,
  DecisionDto,
  EditSituationDto,
  LeadAnswerDto,
  ReopenDto,
  ListSituationsQuery,
  MarkDuplicateDto,
  MIN_INFORMATION_NEEDED,
  MobilizationDto,
  AgencyServicesDto,
  SituationUpdateView,
  SituationView,
  UpdateNoteDto,
} from './dto/situation.dto';
import { SituationEvent, SituationEvents } from './situation-events';
import { SituationActionsService } from './situation-actions.service';
import { mapSituation, thresholdOf, withSystemBarriers } from './situation.mapper';
import { SystemBarrierRepository } from './system-barrier.repository';
import { auditedBarriers, barrierChange, barrierNotes, systemBarrierEntries, systemBarrierProblems } from './domain/system-barriers';
import { ClosureBarriersDto } from './dto/system-barriers.dto';
import { SituationRepository } from './situation.repository';
import { refusalError, SituationRow } from './situation.types';
import { TablePolicyCache } from './table-policy.cache';

const MIN_AGAINST_ADVICE_RATIONALE = 20;
/** The steps that belong to the meeting in progress when they name none (issue 16); an edit and a withdrawal are the agency's. */
const ATTRIBUTED: ReadonlySet<SituationAction> = new Set<SituationAction>([
  'DECIDE_AER',
  'DECIDE_NOT_AER',
  'DEFER',
  'ASSIGN',
  'ACCEPT_LEAD',
  'DECLINE_LEAD',
  'MOBILIZE',
  'MOBILIZE_AGENCY',
  'CONNECT_SERVICES',
  'MARK_DUPLICATE',
  'CLOSE',
  'REOPEN',
]);
const ERASED_ON_STUB = {
  ageBand: null,
  gender: null,
  riskFactors: null,
  riskCategories: null,
  protectiveFactors: null,
  studyFlags: null,
  affectedPersons: null,
  narrative: null,
  sectorsNeeded: null,
  informationNeeded: null,
  imminentHarm: null,
  agencyExhaustedOptions: null,
} as const;

interface TransitionSpec {
  scope: TableScope;
  actor: Actor;
  id: string;
  /** the write route's step: who may take it (write-rules.ts), checked first */
  step: SituationStep;
  /** the state-machine action; a function when it depends on the row (an agency's mobilisation: the lead's or another's) */
  action: SituationAction | ((row: SituationRow) => SituationAction);
  ifMatch?: number;
  meetingId?: string | null;
  audit: string;
  event: string;
  /** input checks on the current row, once standing, state and version passed; throw to refuse */
  check?: (row: SituationRow, m: EntityManager) => Promise<void> | void;
  /** the free-text check (PII), last of all checks */
  content?: (row: SituationRow) => Promise<void>;
  /** `meetingId`: the meeting the step belongs to (named, or the one in progress), null when none */
  set: (row: SituationRow, now: Date, m: EntityManager, meetingId: string | null) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** more rows written in the same transaction (assignment history, ...) */
  also?: (before: SituationRow, after: SituationRow, m: EntityManager, now: Date, meetingId: string | null) => Promise<void>;
  /** a decision taken at a meeting: more details for its transition and audit entry, given the sectors present (null: no attendance recorded) */
  atMeeting?: (before: SituationRow, sectorsPresent: string[] | null, m: EntityManager) => Promise<Record<string, unknown>>;
  details?: (before: SituationRow, after: SituationRow) => Record<string, unknown>;
  agencyIds?: (after: SituationRow) => string[];
  /** more details for the transition row only (not the audit entry): de-identified text of the history */
  history?: (before: SituationRow) => Record<string, unknown>;
  /** REOPEN only: the status it returns to, known once `check` ran */
  reopenTo?: () => 'ASSIGNED' | 'MOBILIZED';
}

/**
 * The situation workflow (Filters 1-4). Every change is one transaction: the conditional update
 * (status and version checked in the WHERE clause), its transition row, and its audit entry last.
 * Events go out after commit.
 */
@Injectable()
export class SituationService {
  constructor(
    private readonly repo: SituationRepository,
    private readonly audit: AuditService,
    private readonly deid: DeidentificationService,
    private readonly vault: IdentityVaultService,
    private readonly events: EventEmitter2,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly policies: TablePolicyCache,
    private readonly tables: TableService,
    private readonly work: SituationActionsService,
    private readonly mobilizations: AgencyMobilizationRepository,
    private readonly meetingInProgress: MeetingInProgress,
    private readonly disclosures: DisclosureService,
    private readonly barriers: SystemBarrierRepository,
  ) {}

  // ---- Filter 1: intake -------------------------------------------------------------------------

  async submit(scope: TableScope, actor: Actor, dto: CreateSituationDto): Promise<SituationView> {
    if (!actor.agencyId) throw DomainError.forbidden('no agency');
    // Standing before content (api.md): the caller's agency must sit at the table.
    if (!(await this.repo.agencySectors(this.db.manager, scope.tableId, [actor.agencyId])).has(actor.agencyId)) throw DomainError.forbidden('agency not a member');
    await this.deid.check({ narrative: dto.narrative }, { actor, tableId: scope.tableId, action: 'situation.submit' });
    const now = this.clock.now();
    const { row, policy } = await this.db.transaction(async (m) => {
      const table = await this.tables.policyOf(m, scope.tableId);
      if (!table) throw DomainError.notFound('table');
      const sectors = await this.repo.agencySectors(m, scope.tableId, [actor.agencyId!]);
      const sector = sectors.get(actor.agencyId!);
      if (!sector) throw DomainError.forbidden('agency not a member');
      const inserted = await this.repo.submit(m, {
        tableId: scope.tableId,
        tableCode: table.code,
        year: now.getUTCFullYear(),
        taxonomyVersion: TAXONOMY.version,
        situationType: dto.situationType,
        ageBand: dto.ageBand,
        gender: dto.gender ?? null,
        riskFactors: dto.riskFactors.map((f) => ({ code: f.code, certainty: f.certainty })),
        riskCategories: categoriesOf(dto.riskFactors.map((f) => f.code)),
        // Absent (a client from before issue 16): none named, the threshold counts the category map.
        sectorsNeeded: dto.sectorsNeeded ?? null,
        protectiveFactors: dto.protectiveFactors ?? [],
        studyFlags: dto.studyFlags ?? [],
        affectedPersons: dto.affectedPersons ?? null,
        narrative: dto.narrative.trim(),
        imminentHarm: dto.imminentHarm,
        agencyExhaustedOptions: dto.agencyExhaustedOptions,
        originatingAgencyId: actor.agencyId!,
        originatingSector: sector,
        submittedBy: actor.userId!,
        createdAt: now,
      });
      const threshold = thresholdOf(inserted, table);
      await this.audit.record(m, actor, {
        action: 'situation.submit',
        tableId: scope.tableId,
        situationId: inserted.id,
        details: { reference: inserted.reference, riskFactors: dto.riskFactors.length, sectorsNeeded: inserted.sectorsNeeded, meetsThreshold: threshold.meets },
      });
      return { row: inserted, policy: table };
    });
    this.emit(SituationEvents.submitted, row, actor);
    return mapSituation(row, policy, now);
  }

  // ---- reads (each audited) ---------------------------------------------------------------------

  async get(scope: TableScope, actor: Actor, id: string): Promise<SituationView> {
    // The guard found this situation at this table: its read is recorded while the row is fetched
    // (one wait instead of two), and nothing is answered until both are done.
    const today = await this.work.today(scope.tableId);
    const [read, policy] = await Promise.all([
      this.repo.findForRead(this.db, id, scope.tableId, today),
      this.policies.of(scope.tableId),
      this.audit.recordAlone(actor, { action: 'situation.read', tableId: scope.tableId, situationId: id }),
    ]);
    if (!read) throw DomainError.notFound('situation');
    const { row, actionCounts: actions, mobilized, barriers } = read;
    const view = withSystemBarriers(mapSituation(row, policy, this.clock.now(), mobilized), barriers);
    // each agency's actions (issue 16), counted: a stub keeps only its own fields
    return isStub(row.status) ? view : { ...view, actions };
  }

  async threshold(scope: TableScope, actor: Actor, id: string): Promise<ThresholdAssessment> {
    const [row, policy] = await Promise.all([this.repo.find(this.db, id, scope.tableId), this.policies.of(scope.tableId)]);
    if (!row) throw DomainError.notFound('situation');
    if (isStub(row.status)) throw new DomainError(ErrorCode.GONE);
    await this.audit.recordAlone(actor, { action: 'situation.threshold.read', tableId: scope.tableId, situationId: id });
    return thresholdOf(row, policy);
  }

  /**
   * The situation's timeline, oldest first, keyset-paged: intake, decision, withdrawal, assignments,
   * mobilisation, status updates and closure, each with the acting agency and its time. Readable
   * by whoever may read the situation, and audited like its read; a stub's timeline carries no
   * updates and only the stub's own facts (domain/timeline.ts).
   */
  async timeline(scope: TableScope, actor: Actor, id: string, query: PageQuery): Promise<Page<TimelineEntryView>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor, TIME_KEY_CURSOR);
    return this.situationPage(scope, actor, id, 'situation.timeline.read', limit, {
      load: (row) => this.repo.timeline(this.db, { situationId: id, tableId: scope.tableId, withUpdates: !isStub(row.status), after, limit: limit + 1 }),
      key: (r) => [r.at.toISOString(), r.key],
      map: (r, row) => timelineEntryOf(r, row),
    });
  }

  /** The situation's status updates, oldest first, keyset-paged (a stub has none to show). */
  async updates(scope: TableScope, actor: Actor, id: string, query: PageQuery): Promise<Page<SituationUpdateView>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor, TIME_ID_CURSOR);
    return this.situationPage(scope, actor, id, 'situation.updates.read', limit, {
      load: (row) => (isStub(row.status) ? Promise.resolve([]) : this.repo.updates(this.db, { situationId: id, tableId: scope.tableId, after, limit: limit + 1 })),
      key: (u) => [u.createdAt.toISOString(), u.id],
      map: (u) => ({ id: u.id, situationId: id, note: u.note, authorAgencyId: u.authorAgencyId ?? '', meetingId: u.meetingId, createdAt: u.createdAt.toISOString() }),
    });
  }

  /** A page of what belongs to one situation of this table (`load` fetches limit + 1), its read audited as `action`. */
  private async situationPage<R, T>(
    scope: TableScope,
    actor: Actor,
    id: string,
    action: string,
    limit: number,
    page: { load: (row: SituationRow) => Promise<R[]>; key: (r: R) => string[]; map: (r: R, row: SituationRow) => T },
  ): Promise<Page<T>> {
    const row = await this.repo.find(this.db, id, scope.tableId);
    if (!row) throw DomainError.notFound('situation');
    const [rows] = await Promise.all([page.load(row), this.audit.recordAlone(actor, { action, tableId: scope.tableId, situationId: id })]);
    return toPage(rows, limit, page.key, (r) => page.map(r, row));
  }

  async list(scope: TableScope, actor: Actor, query: ListSituationsQuery): Promise<Page<SituationView>> {
    const limit = query.limit ?? 50;
    const now = this.clock.now();
    const after = decodeCursor(query.cursor, TIME_ID_CURSOR);
    // The audit records that a reference was searched, never the text typed (it could be anything, a name by mistake).
    const filters = { status: query.status ?? null, involvement: query.involvement ?? null, overdue: query.overdue ?? null, referenceSearched: !!query.reference };
    // An involvement filter is relative to the caller's agency: without one, nothing is theirs.
    const noAgency = !!query.involvement && !actor.agencyId;
    const [rows, policy] = await Promise.all([
      noAgency
        ? Promise.resolve([])
        : this.repo.list(this.db, {
            tableId: scope.tableId,
            status: query.status,
            involvement: query.involvement && actor.agencyId ? { agencyId: actor.agencyId, as: query.involvement } : undefined,
            overdue: query.overdue === undefined ? undefined : { value: query.overdue, startedBefore: startedBefore(now, MOBILIZATION_HOURS) },
            reference: query.reference,
            after,
            limit,
          }),
      this.policies.of(scope.tableId),
    ]);
    await this.audit.recordAlone(actor, {
      action: 'situation.list',
      tableId: scope.tableId,
      details: { ...filters, count: Math.min(rows.length, limit), ids: rows.slice(0, limit).map((r) => r.row.id) },
    });
    return toPage(
      rows,
      limit,
      (r) => [r.row.createdAt.toISOString(), r.row.id],
      (r) => mapSituation(r.row, policy, now, r.mobilized),
    );
  }

  // ---- Filter 2: decision, withdrawal -----------------------------------------------------------

  async decide(scope: TableScope, actor: Actor, id: string, dto: DecisionDto, ifMatch?: number): Promise<SituationView> {
    if (dto.outcome === 'DEFERRED') return this.defer(scope, actor, id, dto, ifMatch);
    const outcome = dto.outcome;
    const rationale = dto.rationale?.trim() || null;
    // The table may adjust the sectors named at intake: the advice this decision is compared
    // against, and the threshold shown from now on, count the adjusted set.
    const adjusted = dto.sectorsNeeded ?? null;
    let againstAdvice = false;
    return this.transition({
      scope,
      actor,
      id,
      ifMatch,
      meetingId: dto.meetingId,
      step: 'DECIDE',
      content: () => this.deid.check({ rationale }, { actor, tableId: scope.tableId, situationId: id, action: 'situation.decide' }),
      action: outcome === 'AER' ? 'DECIDE_AER' : 'DECIDE_NOT_AER',
      audit: 'situation.decide',
      event: SituationEvents.decided,
      check: async (row, m) => {
        if (dto.informationNeeded?.trim()) throw DomainError.validation([{ field: 'informationNeeded', problem: 'only with the outcome DEFERRED' }]);
        const advice = thresholdOf(adjusted ? { ...row, sectorsNeeded: adjusted } : row, (await this.tables.policyOf(m, scope.tableId))!);
        againstAdvice = advice.meets !== (outcome === 'AER');
        if (againstAdvice && (rationale?.length ?? 0) < MIN_AGAINST_ADVICE_RATIONALE) {
          throw DomainError.validation([{ field: 'rationale', problem: `a decision against the advice needs a rationale of at least ${MIN_AGAINST_ADVICE_RATIONALE} characters` }]);
        }
      },
      atMeeting: async (row, present, m) => this.absentAtDecision(adjusted ? { ...row, sectorsNeeded: adjusted } : row, present, m, scope.tableId),
      set: (_row, now, _m, meetingId) => ({
        decisionOutcome: outcome,
        decisionRationale: rationale,
        decisionAgainstAdvice: againstAdvice,
        decisionMeetingId: meetingId,
        decidedBy: actor.userId,
        decidedAt: now,
        ...(adjusted ? { sectorsNeeded: adjusted } : {}),
        ...(outcome === 'NOT_AER' ? ERASED_ON_STUB : {}),
      }),
      details: (before) => ({
        outcome,
        againstAdvice,
        ...(before.status === 'DEFERRED' ? { afterDeferral: true } : {}),
        ...(adjusted ? { sectorsNeeded: adjusted, previousSectorsNeeded: before.sectorsNeeded } : {}),
      }),
    });
  }

  /** Filter 2's third outcome: not final; the originating agency answers by editing the referral. */
  private async defer(scope: TableScope, actor: Actor, id: string, dto: DecisionDto, ifMatch?: number): Promise<SituationView> {
    const informationNeeded = dto.informationNeeded?.trim() ?? '';
    return this.transition({
      scope,
      actor,
      id,
      ifMatch,
      meetingId: dto.meetingId,
      step: 'DECIDE',
      action: 'DEFER',
      audit: 'situation.defer',
      event: SituationEvents.deferred,
      check: () => {
        if (informationNeeded.length < MIN_INFORMATION_NEEDED) {
          throw DomainError.validation([{ field: 'informationNeeded', problem: `a deferral needs the information needed, at least ${MIN_INFORMATION_NEEDED} characters` }]);
        }
        if (dto.rationale?.trim()) throw DomainError.validation([{ field: 'rationale', problem: 'not with the outcome DEFERRED: give informationNeeded' }]);
        if (dto.sectorsNeeded) throw DomainError.validation([{ field: 'sectorsNeeded', problem: 'only with the outcome AER or NOT_AER' }]);
      },
      content: () => this.deid.check({ informationNeeded }, { actor, tableId: scope.tableId, situationId: id, action: 'situation.defer' }),
      atMeeting: async (row, present, m) => this.absentAtDecision(row, present, m, scope.tableId),
      set: (_row, now) => ({ informationNeeded, deferredAt: now, deferredBy: actor.userId, deferralNotifiedAt: null }),
      details: () => ({ outcome: 'DEFERRED' }),
      // the question (de-identified text) is kept in the transition, for the timeline, never in the audit trail
      history: () => ({ informationNeeded }),
    });
  }

  // ---- Filter 1 again: the originating agency edits its referral while it awaits the decision -----

  async edit(scope: TableScope, actor: Actor, id: string, dto: EditSituationDto, ifMatch?: number): Promise<SituationView> {
    const narrative = dto.narrative.trim();
    const riskFactors = dto.riskFactors.map((f) => ({ code: f.code, certainty: f.certainty }));
    return this.transition({
      scope,
      actor,
      id,
      ifMatch,
      step: 'EDIT',
      action: 'EDIT',
      audit: 'situation.edit',
      event: SituationEvents.edited,
      content: () => this.deid.check({ narrative }, { actor, tableId: scope.tableId, situationId: id, action: 'situation.edit' }),
      set: () => ({
        taxonomyVersion: TAXONOMY.version,
        situationType: dto.situationType,
        ageBand: dto.ageBand,
        gender: dto.gender ?? null,
        riskFactors,
        riskCategories: categoriesOf(riskFactors.map((f) => f.code)),
        // Absent keeps the sectors named before (a client from before issue 16 must not erase them).
        ...(dto.sectorsNeeded ? { sectorsNeeded: dto.sectorsNeeded } : {}),
        protectiveFactors: dto.protectiveFactors ?? [],
        studyFlags: dto.studyFlags ?? [],
        affectedPersons: dto.affectedPersons ?? null,
        narrative,
        imminentHarm: dto.imminentHarm,
        agencyExhaustedOptions: dto.agencyExhaustedOptions,
      }),
      details: (before) => ({ resubmitted: before.status === 'DEFERRED', previousVersion: before.version }),
      // The previous version's codes (never its narrative, never identity), kept in the transition
      // only (the audit trail records that it was edited, not what it held).
      history: (before) => ({
        previous: {
          taxonomyVersion: before.taxonomyVersion,
          situationType: before.situationType,
          ageBand: before.ageBand,
          gender: before.gender,
          riskFactors: before.riskFactors ?? [],
          sectorsNeeded: before.sectorsNeeded,
          protectiveFactors: before.protectiveFactors ?? [],
          studyFlags: before.studyFlags ?? [],
          affectedPersons: before.affectedPersons,
          imminentHarm: before.imminentHarm,
          agencyExhaustedOptions: before.agencyExhaustedOptions,
        },
      }),
    });
  }

  async withdraw(scope: TableScope, actor: Actor, id: string, ifMatch?: number): Promise<SituationView> {
    return this.transition({
      scope,
      actor,
      id,
      ifMatch,
      step: 'WITHDRAW',
      action: 'WITHDRAW',
      audit: 'situation.withdraw',
      event: SituationEvents.withdrawn,
      set: (_row, now) => ({ withdrawnAt: now, ...ERASED_ON_STUB }),
    });
  }

  /**
   * Closes a referral awaiting the decision as a duplicate of another referral of the same table
   * (domain/duplicate.ts): it keeps only its stub and the link, and the original's timeline records
   * the link (a LINK_DUPLICATE transition; its status does not change). Both rows are locked in one
   * order, so the original cannot become a stub meanwhile, and two marks across never deadlock.
   */
  async markDuplicate(scope: TableScope, actor: Actor, id: string, dto: MarkDuplicateDto, ifMatch?: number): Promise<SituationView> {
    let original: { id: string; reference: string; status: string } | null = null;
    return this.transition({
      scope,
      actor,
      id,
      ifMatch,
      step: 'MARK_DUPLICATE',
      action: 'MARK_DUPLICATE',
      audit: 'situation.mark_duplicate',
      event: SituationEvents.markedDuplicate,
      check: async (row, m) => {
        const named = parseDuplicateOf(dto.duplicateOf);
        if (!named) throw DomainError.validation([{ field: 'duplicateOf', problem: DUPLICATE_OF_SHAPE_PROBLEM }]);
        const found = await this.repo.findAtTable(m, scope.tableId, named);
        let problem = duplicateOfProblem(row.id, found);
        if (!problem && found) {
          const locked = await this.repo.lockPair(m, scope.tableId, [row.id, found.id]);
          problem = duplicateOfProblem(row.id, { id: found.id, status: locked.get(found.id) ?? found.status });
        }
        if (problem) throw DomainError.validation([{ field: 'duplicateOf', problem }]);
        original = found;
      },
      set: (_row, now) => ({ duplicateOfId: original!.id, duplicateMarkedAt: now, ...ERASED_ON_STUB }),
      also: async (before, after, m, now) => {
        await this.repo.recordTransition(m, {
          situationId: original!.id,
          tableId: scope.tableId,
          action: 'LINK_DUPLICATE',
          from: original!.status as SituationRow['status'],
          to: original!.status as SituationRow['status'],
          actorId: actor.userId,
          actorAgencyId: actor.agencyId,
          at: now,
          details: { duplicateId: after.id, duplicateReference: after.reference },
        });
      },
      // ids only in the audit trail; the original's reference is kept in the transition, for the timeline
      details: () => ({ duplicateOfId: original!.id }),
      history: () => ({ duplicateOfReference: original!.reference }),
    });
  }

  // ---- Filter 3: assignment ---------------------------------------------------------------------

  async assign(scope: TableScope, actor: Actor, id: string, dto: AssignmentDto, ifMatch?: number): Promise<SituationView> {
    let sectors = new Map<string, string>();
    return this.transition({
      scope,
      actor,
      id,
      ifMatch,
      meetingId: dto.meetingId,
      step: 'ASSIGN',
      action: 'ASSIGN',
      audit: 'situation.assign',
      event: SituationEvents.assigned,
      check: async (_row, m) => {
        if (dto.assistingAgencyIds.includes(dto.leadAgencyId)) {
          throw DomainError.validation([{ field: 'assistingAgencyIds', problem: 'must not include the lead agency' }]);
        }
        sectors = await this.repo.agencySectors(m, scope.tableId, [dto.leadAgencyId, ...dto.assistingAgencyIds]);
        const missing = [dto.leadAgencyId, ...dto.assistingAgencyIds].filter((a) => !sectors.has(a));
        if (missing.length)
          throw DomainError.validation([{ field: missing.includes(dto.leadAgencyId) ? 'leadAgencyId' : 'assistingAgencyIds', problem: 'must be agencies of this table' }]);
      },
      set: (row, now) => ({
        leadAgencyId: dto.leadAgencyId,
        leadSector: sectors.get(dto.leadAgencyId),
        assistingAgencyIds: dto.assistingAgencyIds,
        assignedAt: row.assignedAt ?? now,
        ...leadAnswerOnAssign(row.leadAgencyId, dto.leadAgencyId, now),
        // The 48-hour clock counts from the latest assignment: a new clock, warned and alerted afresh.
        lastAssignedAt: now,
        overdueWarnedAt: null,
        overdueNotifiedAt: null,
      }),
      also: async (before, after, m, now, meetingId) => {
        await this.repo.recordAssignment(m, {
          situationId: after.id,
          tableId: scope.tableId,
          leadAgencyId: dto.leadAgencyId,
          leadSector: sectors.get(dto.leadAgencyId)!,
          assisting: dto.assistingAgencyIds.map((a) => ({ agencyId: a, sector: sectors.get(a)! })),
          assignedBy: actor.userId,
          assignedAt: now,
          meetingId,
          previousLeadAgencyId: before.leadAgencyId,
        });
        // A reassignment starts afresh: each agency of the new assignment mobilises again; the former rows stay as history.
        await this.mobilizations.supersede(m, after.id, now);
      },
      details: (before) => ({
        leadAgencyId: dto.leadAgencyId,
        assistingAgencyIds: dto.assistingAgencyIds,
        reassignment: before.leadAgencyId !== null,
        previousLeadAgencyId: before.leadAgencyId,
        // The coordinator chose again the agency that declined this lead (allowed, and recorded).
        ...(before.leadAnswer === 'DECLINED' && before.leadAnswerAgencyId === dto.leadAgencyId ? { leadDeclinedBefore: true } : {}),
      }),
      agencyIds: () => [dto.leadAgencyId, ...dto.assistingAgencyIds],
    });
  }

  // ---- Filters 3 and 4: the lead agency's answer ---------------------------------------------------

  /**
   * The lead agency accepts its lead or declines it with a reason (domain/lead-answer.ts). A
   * decline returns the situation to ACCEPTED without a lead or assisting agencies, for the
   * coordinator to assign again; the declining agency's standing (identity reads included) ends.
   */
  async answerLead(scope: TableScope, actor: Actor, id: string, dto: LeadAnswerDto, ifMatch?: number): Promise<SituationView> {
    const note = dto.note?.trim() || null;
    const reasonCode = dto.reasonCode ?? null;
    const barrierInput = dto.systemBarriers ?? [];
    const barriers = systemBarrierEntries(barrierInput);
    return this.transition({
      scope,
      actor,
      id,
      ifMatch,
      step: 'ANSWER_LEAD',
      action: dto.answer === 'ACCEPT' ? 'ACCEPT_LEAD' : 'DECLINE_LEAD',
      audit: 'situation.lead_answer',
      event: SituationEvents.leadAnswered,
      check: (row) => {
        if (!mayAnswerLead(row)) throw DomainError.conflict('LEAD_ALREADY_ANSWERED');
        const problems = [
          ...leadAnswerProblems({ answer: dto.answer, reasonCode, note }),
          ...(dto.answer === 'ACCEPT' && barrierInput.length ? [{ field: 'systemBarriers', problem: 'only with the answer DECLINE' }] : systemBarrierProblems(barrierInput)),
        ];
        if (problems.length) throw DomainError.validation(problems);
      },
      // The content last: checked against the identity the vault holds, as a status update's note.
      content: async () => {
        const texts = { ...(note ? { note } : {}), ...barrierNotes(barriers) };
        if (Object.keys(texts).length)
          await this.deid.check(texts, { actor, tableId: scope.tableId, situationId: id, action: 'situation.lead_answer' }, await this.vault.knownIdentifiers(id, scope.tableId));
      },
      set: (_row, now) => leadAnswerValues(dto.answer, { agencyId: actor.agencyId!, userId: actor.userId, reasonCode, note, at: now }),
      // A decline ends the assignment: its agencies' mobilisations (an assisting agency's) become history.
      also: async (_before, after, m, now) => {
        if (dto.answer !== 'DECLINE') return;
        await this.mobilizations.supersede(m, after.id, now);
        // the barriers behind the decline, linked to the assignment it ends
        const assignmentId = await this.barriers.latestAssignmentId(m, id);
        await this.barriers.insert(
          m,
          { situationId: id, tableId: scope.tableId, context: 'LEAD_DECLINE', assignmentId, recordedBy: actor.userId, agencyId: actor.agencyId, at: now },
          barriers,
        );
      },
      details: (before) => ({
        answer: dto.answer === 'ACCEPT' ? 'ACCEPTED' : 'DECLINED',
        leadAgencyId: before.leadAgencyId,
        reasonCode,
        ...(barriers.length ? { systemBarriers: auditedBarriers(barriers) } : {}),
        ...(dto.answer === 'DECLINE' ? { assistingAgencyIds: before.assistingAgencyIds } : {}),
      }),
    });
  }

  // ---- Filter 4: mobilisation, updates ----------------------------------------------------------

  /**
   * An intervening agency's mobilisation (domain/agency-mobilization.ts): a representative records
   * its own agency's (the lead or an assisting agency of the current assignment), a coordinator the
   * agency named, or the lead without one (the body of before issue 16). The lead's moves ASSIGNED
   * to MOBILIZED (the 48-hour clock stops) and, its answer still pending, is its acceptance; an
   * assisting agency's keeps the status. Once per agency and assignment (409 AGENCY_ALREADY_MOBILIZED).
   */
  async mobilize(scope: TableScope, actor: Actor, id: string, dto: MobilizationDto, ifMatch?: number): Promise<SituationView> {
    const mobilizedAt = new Date(dto.mobilizedAt);
    const caller = { coordinator: scope.roles.includes('COORDINATOR'), agencyId: actor.agencyId };
    let agencyId = '';
    let role: AgencyRole = 'LEAD';
    let accepts = false;
    return this.transition({
      scope,
      actor,
      id,
      ifMatch,
      meetingId: dto.meetingId,
      step: 'MOBILIZE',
      action: (row) => mobilizationAction(row.status, agencyRoleOf(row, mobilizingAgency(dto.agencyId?.toLowerCase(), caller, row.leadAgencyId))),
      audit: 'situation.mobilize',
      event: SituationEvents.mobilized,
      check: async (row, m) => {
        const target = mobilizingAgency(dto.agencyId?.toLowerCase(), caller, row.leadAgencyId);
        if (!mayRecordFor(target, caller)) throw DomainError.forbidden('records only its own agency');
        const problem = agencyMobilizationProblem(row, target, await this.mobilizations.current(m, id, true));
        if (problem === 'AGENCY_ALREADY_MOBILIZED') throw DomainError.conflict(problem);
        if (problem) throw DomainError.validation([{ field: 'agencyId', problem: 'must be the lead or an assisting agency of the current assignment' }]);
        agencyId = target!;
        role = agencyRoleOf(row, agencyId)!;
        // The lead that mobilises has thereby accepted its lead.
        accepts = role === 'LEAD' && row.leadAnswer === null;
        const timeProblem = mobilizationTimeProblem(mobilizedAt, this.clock.now(), row.decidedAt);
        if (timeProblem) throw DomainError.validation([{ field: 'mobilizedAt', problem: timeProblem }]);
      },
      set: (row, now) => {
        if (role !== 'LEAD') return {};
        return {
          // The situation's mobilisation (time to mobilisation in reports) is the first lead's; services are the current lead's.
          ...(row.status === 'ASSIGNED' ? { mobilizedAt } : {}),
          services: dto.services,
          ...(accepts ? leadAnswerValues('ACCEPT', { agencyId, userId: actor.userId, reasonCode: null, note: null, at: now }) : {}),
        };
      },
      also: async (_before, after, m, now) => {
        await this.mobilizations.insert(m, {
          situationId: after.id,
          tableId: scope.tableId,
          agencyId,
          role,
          mobilizedAt,
          services: dto.services,
          recordedBy: actor.userId,
          meetingId: dto.meetingId ?? null,
          at: now,
        });
      },
      details: (before) => ({
        agencyId,
        role,
        mobilizedAt: mobilizedAt.toISOString(),
        services: dto.services,
        hoursFromAcceptance: before.decidedAt ? Math.round(((mobilizedAt.getTime() - before.decidedAt.getTime()) / 3_600_000) * 10) / 10 : null,
        ...(accepts ? { leadAccepted: true } : {}),
      }),
    });
  }

  /**
   * The services an agency connected, changed after its mobilisation (its own representative or a
   * coordinator; ASSIGNED or MOBILIZED). The lead's are the situation's `services` too. Audited with
   * the codes added and removed.
   */
  async connectServices(scope: TableScope, actor: Actor, id: string, agencyId: string, dto: AgencyServicesDto, ifMatch?: number): Promise<SituationView> {
    const caller = { coordinator: scope.roles.includes('COORDINATOR'), agencyId: actor.agencyId };
    let role: AgencyRole = 'LEAD';
    let previous: string[] = [];
    return this.transition({
      scope,
      actor,
      id,
      ifMatch,
      step: 'CONNECT_SERVICES',
      action: 'CONNECT_SERVICES',
      audit: 'situation.services',
      event: SituationEvents.servicesConnected,
      check: async (row, m) => {
        if (!mayRecordFor(agencyId, caller)) throw DomainError.forbidden('records only its own agency');
        const current = (await this.mobilizations.current(m, id, true)).find((r) => r.agencyId === agencyId);
        if (!current || !agencyRoleOf(row, agencyId)) throw DomainError.conflict('AGENCY_NOT_MOBILIZED');
        role = agencyRoleOf(row, agencyId)!;
        previous = current.services;
      },
      set: () => (role === 'LEAD' ? { services: dto.services } : {}),
      also: async (_before, after, m, now) => {
        await this.mobilizations.setServices(m, after.id, agencyId, dto.services, now);
      },
      details: () => ({ agencyId, role, services: dto.services, ...servicesChange(previous, dto.services) }),
    });
  }

  async postUpdate(scope: TableScope, actor: Actor, id: string, dto: UpdateNoteDto): Promise<SituationUpdateView> {
    const note = dto.note.trim();
    const now = this.clock.now();
    let event: SituationEvent | null = null;
    const view = await this.db
      .transaction(async (m) => {
        const row = await this.repo.standingForWrite(m, id, scope.tableId);
        if (!row) throw DomainError.notFound('situation');
        const refusal = precheck('POST_UPDATE', { roles: scope.roles, agencyId: actor.agencyId }, row);
        if (refusal) throw refusalError(refusal);
        if (dto.meetingId) await this.requireOpenMeeting(m, dto.meetingId, scope.tableId);
        // The content last: checked against the identity the vault holds for this situation.
        // Without a meetingId, an update posted during an open meeting belongs to it (issue 16).
        await this.deid.check({ note }, { actor, tableId: scope.tableId, situationId: id, action: 'situation.update' }, await this.vault.knownIdentifiers(id, scope.tableId));
        const meetingId = dto.meetingId ?? (await this.meetingInProgress.find(m, scope.tableId, now));
        const updateId = await this.repo.insertUpdate(m, {
          situationId: id,
          tableId: scope.tableId,
          note,
          authorId: actor.userId,
          authorAgencyId: actor.agencyId,
          meetingId,
          createdAt: now,
        });
        await this.audit.record(m, actor, { action: 'situation.update', tableId: scope.tableId, situationId: id, details: { updateId, meetingId } });
        event = { situationId: id, tableId: scope.tableId, reference: row.reference, status: row.status, actorId: actor.userId };
        return { id: updateId, situationId: id, note, authorAgencyId: actor.agencyId!, meetingId, createdAt: now.toISOString() };
      })
      .catch(async (err) => this.auditRefusal(err, actor, scope.tableId, id, 'situation.update'));
    if (event) this.events.emit(SituationEvents.updated, event);
    return view;
  }

  // ---- closure ----------------------------------------------------------------------------------

  async close(scope: TableScope, actor: Actor, id: string, dto: ClosureDto, ifMatch?: number): Promise<SituationView> {
    const note = dto.note?.trim() || null;
    const barrierInput = dto.systemBarriers ?? [];
    const barriers = systemBarrierEntries(barrierInput);
    return this.transition({
      scope,
      actor,
      id,
      ifMatch,
      meetingId: dto.meetingId,
      step: 'CLOSE',
      action: 'CLOSE',
      // The consent status must agree with the record (issue 17): persons are never NOT_APPLICABLE;
      // a disclosure under an authority that requires consent needs OBTAINED (the disclosures module's rule).
      check: async (row, m) => {
        const problems = systemBarrierProblems(barrierInput);
        if (problems.length) throw DomainError.validation(problems);
        const problem = await this.disclosures.closureConsentProblem(m, id, row.situationType, dto.consentStatus);
        if (problem) throw new DomainError(ErrorCode.CONSENT_STATUS_REFUSED, { consentStatus: dto.consentStatus }, { field: 'consentStatus', reason: problem });
      },
      content: async () => {
        const texts = { ...(note ? { note } : {}), ...barrierNotes(barriers) };
        if (Object.keys(texts).length)
          await this.deid.check(texts, { actor, tableId: scope.tableId, situationId: id, action: 'situation.close' }, await this.vault.knownIdentifiers(id, scope.tableId));
      },
      // Given, they replace the closure's barriers (a closure reopened and closed again); absent, those recorded stay.
      also: async (_before, _after, m, now) => {
        if (dto.systemBarriers === undefined) return;
        await this.barriers.removeContext(m, id, scope.tableId, 'CLOSURE');
        await this.barriers.insert(m, { situationId: id, tableId: scope.tableId, context: 'CLOSURE', recordedBy: actor.userId, agencyId: actor.agencyId, at: now }, barriers);
      },
      audit: 'situation.close',
      event: SituationEvents.closed,
      set: async (_row, now, m) => {
        const table = (await this.tables.policyOf(m, scope.tableId))!;
        return {
          conclusion: dto.conclusion,
          consentStatus: dto.consentStatus,
          closureNote: note,
          closedAt: now,
          identityPurgeAt: new Date(now.getTime() + table.identityRetentionDays * 86_400_000),
        };
      },
      details: () => ({ conclusion: dto.conclusion, consentStatus: dto.consentStatus, ...(barriers.length ? { systemBarriers: auditedBarriers(barriers) } : {}) }),
    });
  }

  /**
   * Changes the closure's system barriers (docs/evaluation.md, section 5) while the situation may
   * still be reopened (domain/reopen.ts); later they are final (409 BARRIERS_FINAL). The list given
   * replaces the closure's (empty: none). Audited with the codes added and removed, never a note;
   * the situation's version moves (If-Match).
   */
  async changeClosureBarriers(scope: TableScope, actor: Actor, id: string, dto: ClosureBarriersDto, ifMatch?: number): Promise<SituationView> {
    const barrierInput = dto.systemBarriers;
    const barriers = systemBarrierEntries(barrierInput);
    const { row, policy, mobilized, list } = await this.db
      .transaction(async (m) => {
        const before = await this.repo.find(m, id, scope.tableId);
        if (!before) throw DomainError.notFound('situation');
        const refusal = precheck('CHANGE_BARRIERS', { roles: scope.roles, agencyId: actor.agencyId }, before, ifMatch);
        if (refusal) throw refusalError(refusal);
        const table = (await this.tables.policyOf(m, scope.tableId))!;
        const reopen = reopenRefusal(before, table.reopenLimitDays, this.clock.now());
        if (reopen === 'IDENTITY_PURGED') throw new DomainError(ErrorCode.GONE);
        if (reopen === 'NOT_CLOSED') throw DomainError.invalidTransition(before.status, 'REOPEN');
        if (reopen) throw DomainError.conflict('BARRIERS_FINAL');
        const problems = systemBarrierProblems(barrierInput);
        if (problems.length) throw DomainError.validation(problems);
        const notes = barrierNotes(barriers);
        if (Object.keys(notes).length)
          await this.deid.check(
            notes,
            { actor, tableId: scope.tableId, situationId: id, action: 'situation.system_barriers' },
            await this.vault.knownIdentifiers(id, scope.tableId),
          );
        const now = this.clock.now();
        const version = await this.barriers.bumpVersion(m, id, scope.tableId, before.version, now);
        if (version === null) throw DomainError.conflict('SITUATION_CHANGED');
        const was = (await this.barriers.list(m, id, scope.tableId)).filter((b) => b.context === 'CLOSURE');
        await this.barriers.removeContext(m, id, scope.tableId, 'CLOSURE');
        await this.barriers.insert(m, { situationId: id, tableId: scope.tableId, context: 'CLOSURE', recordedBy: actor.userId, agencyId: actor.agencyId, at: now }, barriers);
        await this.audit.record(m, actor, {
          action: 'situation.system_barriers',
          tableId: scope.tableId,
          situationId: id,
          details: { context: 'CLOSURE', ...barrierChange(was, barriers), systemBarriers: auditedBarriers(barriers), version },
        });
        const after = (await this.repo.find(m, id, scope.tableId))!;
        return { row: after, policy: table, mobilized: await this.mobilizations.current(m, id), list: await this.barriers.list(m, id, scope.tableId) };
      })
      .catch(async (err) => this.auditRefusal(err, actor, scope.tableId, id, 'situation.system_barriers'));
    return withSystemBarriers(mapSituation(row, policy, this.clock.now(), mobilized), list);
  }

  /**
   * Reopens a closed situation (domain/reopen.ts): within the table's `reopenLimitDays` after its
   * closure, its identity not purged, with a de-identified rationale checked against the identity
   * the vault still holds. It returns to the status it was closed from; its closure stays in the
   * CLOSE transition and the REOPEN transition keeps the closure it undid. The purge date is lifted
   * (a new closure sets it again).
   */
  async reopen(scope: TableScope, actor: Actor, id: string, dto: ReopenDto, ifMatch?: number): Promise<SituationView> {
    const rationale = dto.rationale.trim();
    let to: 'ASSIGNED' | 'MOBILIZED' = 'ASSIGNED';
    return this.transition({
      scope,
      actor,
      id,
      ifMatch,
      meetingId: dto.meetingId,
      step: 'REOPEN',
      action: 'REOPEN',
      reopenTo: () => to,
      audit: 'situation.reopen',
      event: SituationEvents.reopened,
      check: async (row, m) => {
        const table = (await this.tables.policyOf(m, scope.tableId))!;
        const refusal = reopenRefusal(row, table.reopenLimitDays, this.clock.now());
        if (refusal === 'IDENTITY_PURGED') throw new DomainError(ErrorCode.GONE);
        if (refusal === 'NOT_CLOSED') throw DomainError.invalidTransition(row.status, 'REOPEN');
        if (refusal) throw DomainError.conflict(refusal);
        to = reopenedStatus(await this.repo.closedFrom(m, id), row.mobilizedAt);
      },
      content: async () =>
        this.deid.check({ rationale }, { actor, tableId: scope.tableId, situationId: id, action: 'situation.reopen' }, await this.vault.knownIdentifiers(id, scope.tableId)),
      // the rationale (de-identified text) is kept in the transition, never in the audit trail
      history: () => ({ rationale }),
      // Back to ASSIGNED, the agencies resume work that was not mobilised: the 48-hour clock starts
      // again from the reopening (warned and alerted afresh), not from the old assignment.
      set: (_row, now) => ({
        conclusion: null,
        consentStatus: null,
        closureNote: null,
        closedAt: null,
        identityPurgeAt: null,
        ...(to === 'ASSIGNED' ? { lastAssignedAt: now, overdueWarnedAt: null, overdueNotifiedAt: null } : {}),
      }),
      details: (before) => ({
        closedAt: before.closedAt?.toISOString() ?? null,
        conclusion: before.conclusion,
        consentStatus: before.consentStatus,
      }),
    });
  }

  // ---- the transition engine ---------------------------------------------------------------------

  private async transition(spec: TransitionSpec): Promise<SituationView> {
    const { scope, actor, id } = spec;
    let event: SituationEvent | null = null;
    const { row, policy, mobilized, barriers } = await this.db
      .transaction(async (m) => {
        const before = await this.repo.find(m, id, scope.tableId);
        if (!before) throw DomainError.notFound('situation');
        // The route's guard checked the same before the body was validated; again here, atomically.
        const refusal = precheck(spec.step, { roles: scope.roles, agencyId: actor.agencyId }, before, spec.ifMatch);
        if (refusal) throw refusalError(refusal);
        const action = typeof spec.action === 'function' ? spec.action(before) : spec.action;
        // The step applies (one of its actions does), but maybe not this action (deferring a deferred referral).
        if (!canApply(before.status, action)) throw DomainError.invalidTransition(before.status, action);
        // A closed meeting is a state (409): before any check of the content (400).
        if (spec.meetingId) await this.requireOpenMeeting(m, spec.meetingId, scope.tableId);
        await spec.check?.(before, m);
        await spec.content?.(before);
        const now = this.clock.now();
        // Named, or else the meeting in progress at the table (issue 16): a step taken during an
        // open meeting belongs to it. An edit or a withdrawal is the agency's, never a meeting's.
        const meetingId = spec.meetingId ?? (ATTRIBUTED.has(action) ? await this.meetingInProgress.find(m, scope.tableId, now) : null);
        const atMeeting = meetingId && spec.atMeeting ? await spec.atMeeting(before, await this.meetingInProgress.sectorsPresent(m, meetingId), m) : {};
        const to = nextStatus(before.status, action, spec.reopenTo?.());
        const values = await spec.set(before, now, m, meetingId);
        const after = await this.repo.transition(m, { id, tableId: scope.tableId, from: fromStatuses(action), version: before.version }, to, values, now);
        if (!after) throw DomainError.conflict('SITUATION_CHANGED');
        await this.repo.recordTransition(m, {
          situationId: id,
          tableId: scope.tableId,
          action,
          from: before.status,
          to,
          actorId: actor.userId,
          actorAgencyId: actor.agencyId,
          meetingId,
          at: now,
          details: { ...spec.details?.(before, after), ...atMeeting, ...spec.history?.(before) },
        });
        await spec.also?.(before, after, m, now, meetingId);
        // The equity answers' counts follow the stage (assignment, decline, closure, reopening): docs/evaluation.md, 6.5.
        await this.vault.restageEquity(m, scope.tableId, id);
        await this.audit.record(m, actor, {
          action: spec.audit,
          tableId: scope.tableId,
          situationId: id,
          details: { from: before.status, to, version: after.version, meetingId, ...spec.details?.(before, after), ...atMeeting },
        });
        event = { situationId: id, tableId: scope.tableId, reference: after.reference, status: after.status, actorId: actor.userId, agencyIds: spec.agencyIds?.(after) };
        return {
          row: after,
          policy: (await this.tables.policyOf(m, scope.tableId))!,
          mobilized: await this.mobilizations.current(m, id),
          barriers: await this.barriers.list(m, id, scope.tableId),
        };
      })
      .catch(async (err) => this.auditRefusal(err, actor, scope.tableId, id, spec.audit));
    if (event) this.events.emit(spec.event, event);
    return withSystemBarriers(mapSituation(row, policy, this.clock.now(), mobilized), barriers);
  }

  /** A decision at a meeting: the sectors its threshold counts that no attendee sits for (recorded when any). */
  private async absentAtDecision(row: SituationRow, present: string[] | null, m: EntityManager, tableId: string): Promise<Record<string, unknown>> {
    const absent = sectorsAbsent(sectorsCounted(thresholdOf(row, (await this.tables.policyOf(m, tableId))!)), present);
    return absent.length ? { sectorsAbsent: absent } : {};
  }

  private async requireOpenMeeting(m: EntityManager, meetingId: string, tableId: string): Promise<void> {
    const status = await this.repo.meetingStatus(m, meetingId, tableId);
    if (!status) throw DomainError.validation([{ field: 'meetingId', problem: 'no such meeting at this table' }]);
    if (status === 'CLOSED') throw DomainError.conflict('MEETING_CLOSED');
  }

  /** Refusals for want of standing roll the transaction back: record them in their own. */
  private async auditRefusal(err: unknown, actor: Actor, tableId: string, situationId: string, action: string): Promise<never> {
    if (err instanceof DomainError && err.code === ErrorCode.FORBIDDEN) {
      await this.audit.recordDenied(actor, { action, tableId, situationId, details: { reason: err.args.reason ?? 'forbidden' } });
    }
    throw err;
  }

  private emit(name: string, row: SituationRow, actor: Actor): void {
    this.events.emit(name, { situationId: row.id, tableId: row.tableId, reference: row.reference, status: row.status, actorId: actor.userId } satisfies SituationEvent);
  }
}
