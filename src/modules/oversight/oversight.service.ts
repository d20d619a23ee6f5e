import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, TableScope } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { decodeCursor, Page, pageLimit, toPage, TIME_ID_CURSOR } from '../../common/http/pagination';
import { AuditReviewService } from '../audit/audit-review.service';
import { AuditService } from '../audit/audit.service';
import { DeidentificationService } from '../deidentification/deidentification.service';
import { IdentityVaultService } from '../identity-vault/identity-vault.service';
import { SituationRecordsService } from '../situations/situation-records.service';
import { UserService } from '../users/user.service';
import { breachClosureProblems, breachDatesProblems, closureProblems, normaliseReferences, personsNoticeProblems, stepDateProblems } from './domain/oversight-rules';
import {
  AnomalyCaseDetailView,
  AnomalyCaseView,
  AssignCaseDto,
  BreachDetailView,
  BreachNotificationsDto,
  BreachQuery,
  BreachView,
  CaseNoteDto,
  CaseQuery,
  CloseBreachDto,
  CloseCaseDto,
  ContainmentStepDto,
  OpenCaseDto,
  RecordBreachDto,
} from './oversight.dto';
import { BreachRow, CaseRow, OversightRepository } from './oversight.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * The privacy officer governs (issue 17, section 3): anomaly flags opened as cases (annotated,
 * assigned, closed with an outcome) and the privacy breach log (containment, notifications,
 * closure). Every write is one transaction, the row locked, `If-Match` checked against its version
 * before the body's content, free text de-identified, the audit entry last (ids and codes only,
 * never the text). Reads are audited too.
 */
@Injectable()
export class OversightService {
  constructor(
    private readonly repo: OversightRepository,
    private readonly review: AuditReviewService,
    private readonly audit: AuditService,
    private readonly deid: DeidentificationService,
    private readonly vault: IdentityVaultService,
    private readonly situations: SituationRecordsService,
    private readonly users: UserService,
    private readonly clock: Clock,
  ) {}

  // ---- anomaly cases ----------------------------------------------------------------------------

  /**
   * Opens a case on a flag: the flag must be one the table's thresholds raise over that window now
   * (400 naming `kind` otherwise); a flag already opened is 409 ANOMALY_CASE_EXISTS (its id in the details).
   */
  async openCase(scope: TableScope, actor: Actor, dto: OpenCaseDto): Promise<AnomalyCaseDetailView> {
    const from = new Date(dto.from);
    const to = new Date(dto.to);
    if (from >= to) throw DomainError.validation([{ field: 'from', problem: 'must be before to' }]);
    if (to.getTime() > this.clock.now().getTime() + 60_000) throw DomainError.validation([{ field: 'to', problem: 'must not be in the future' }]);
    const key = { tableId: scope.tableId, kind: dto.kind, actorId: dto.actorId, windowFrom: from, windowTo: to };
    const existing = await this.repo.caseOfFlag(this.repo.db, key);
    if (existing) throw caseExists(existing);
    const flag = (await this.review.flagsFor(scope.tableId, from, to)).find((f) => f.kind === dto.kind && f.actorId === dto.actorId);
    if (!flag) throw DomainError.validation([{ field: 'kind', problem: 'no such flag for this actor in this window under the table thresholds' }]);
    const id = await this.repo.db.transaction(async (m) => {
      const situationIds = [...new Set(flag.entries.map((e) => e.situationId).filter((x): x is string => !!x))];
      const created = await this.repo.insertCase(m, { ...key, flagCount: flag.count, situationIds, openedBy: actor.userId, at: this.clock.now() });
      if (!created) throw caseExists((await this.repo.caseOfFlag(m, key)) ?? '');
      await this.audit.record(m, actor, {
        action: 'anomaly_case.open',
        tableId: scope.tableId,
        details: { caseId: created, kind: dto.kind, actorId: dto.actorId, from: from.toISOString(), to: to.toISOString(), count: flag.count },
      });
      return created;
    });
    return this.caseDetail(scope.tableId, id);
  }

  async cases(scope: TableScope, actor: Actor, q: CaseQuery): Promise<Page<AnomalyCaseView>> {
    const limit = pageLimit(q);
    const before = decodeCursor(q.cursor, TIME_ID_CURSOR);
    const rows = await this.repo.cases(this.repo.db, {
      tableId: scope.tableId,
      status: q.status,
      kind: q.kind,
      assigneeId: q.assigneeId,
      actorId: q.actorId,
      before,
      limit: limit + 1,
    });
    await this.audit.recordAlone(actor, {
      action: 'anomaly_cases.read',
      tableId: scope.tableId,
      details: {
        filter: Object.fromEntries(Object.entries({ status: q.status, kind: q.kind, assigneeId: q.assigneeId, actorId: q.actorId }).filter(([, v]) => v)),
        returned: Math.min(rows.length, limit),
      },
    });
    const refs = await this.situations.references([...new Set(rows.flatMap((r) => r.situationIds))], [scope.tableId]);
    return toPage(
      rows,
      limit,
      (r) => [new Date(r.openedAt).toISOString(), r.id],
      (r) => mapCase(r, refs),
    );
  }

  async getCase(scope: TableScope, actor: Actor, id: string): Promise<AnomalyCaseDetailView> {
    const view = await this.caseDetail(scope.tableId, id);
    await this.audit.recordAlone(actor, { action: 'anomaly_case.read', tableId: scope.tableId, details: { caseId: id } });
    return view;
  }

  async addNote(scope: TableScope, actor: Actor, id: string, dto: CaseNoteDto, ifMatch?: number): Promise<AnomalyCaseDetailView> {
    await this.repo.db.transaction(async (m) => {
      const before = await this.lockCase(m, scope.tableId, id, ifMatch);
      // also against the identities of the situations behind the flag (a note must not name their persons)
      await this.checkText(scope, actor, 'anomaly_case.note', { text: dto.text }, before.situationIds);
      const noteId = await this.repo.insertNote(m, id, dto.text, actor.userId, this.clock.now());
      await this.bumpCase(m, before, {});
      await this.audit.record(m, actor, { action: 'anomaly_case.note', tableId: scope.tableId, details: { caseId: id, noteId, version: before.version + 1 } });
    });
    return this.caseDetail(scope.tableId, id);
  }

  /** Assigns the case to an active privacy officer of the table (400 naming `assigneeId` otherwise), or unassigns it (null). */
  async assign(scope: TableScope, actor: Actor, id: string, dto: AssignCaseDto, ifMatch?: number): Promise<AnomalyCaseDetailView> {
    await this.repo.db.transaction(async (m) => {
      const before = await this.lockCase(m, scope.tableId, id, ifMatch);
      if (dto.assigneeId !== null && !(await this.users.holdersOf(scope.tableId, 'PRIVACY_OFFICER')).some((u) => u.userId === dto.assigneeId)) {
        throw DomainError.validation([{ field: 'assigneeId', problem: 'must be an active privacy officer of this table' }]);
      }
      await this.bumpCase(m, before, { assigneeId: dto.assigneeId });
      await this.audit.record(m, actor, {
        action: 'anomaly_case.assign',
        tableId: scope.tableId,
        details: { caseId: id, from: before.assigneeId, to: dto.assigneeId, version: before.version + 1 },
      });
    });
    return this.caseDetail(scope.tableId, id);
  }

  /** Closes the case with an outcome; BREACH_SUSPECTED names a breach record of this table (400 naming `breachId` otherwise). */
  async closeCase(scope: TableScope, actor: Actor, id: string, dto: CloseCaseDto, ifMatch?: number): Promise<AnomalyCaseDetailView> {
    await this.repo.db.transaction(async (m) => {
      const before = await this.lockCase(m, scope.tableId, id, ifMatch);
      const problems = closureProblems(dto.outcome, dto.breachId);
      if (problems.length) throw DomainError.validation(problems);
      if (dto.breachId && !(await this.repo.findBreach(m, scope.tableId, dto.breachId))) {
        throw DomainError.validation([{ field: 'breachId', problem: 'no such breach record at this table' }]);
      }
      const now = this.clock.now();
      await this.bumpCase(m, before, { status: 'CLOSED', outcome: dto.outcome, breachId: dto.breachId ?? null, closedBy: actor.userId, closedAt: now });
      await this.audit.record(m, actor, {
        action: 'anomaly_case.close',
        tableId: scope.tableId,
        details: { caseId: id, outcome: dto.outcome, breachId: dto.breachId ?? null, version: before.version + 1 },
      });
    });
    return this.caseDetail(scope.tableId, id);
  }

  // ---- breach log -------------------------------------------------------------------------------

  /** Records a suspected breach; the persons affected by the references of this table's situations only. */
  async recordBreach(scope: TableScope, actor: Actor, dto: RecordBreachDto): Promise<BreachDetailView> {
    const discoveredAt = new Date(dto.discoveredAt);
    const occurredAt = dto.occurredAt ? new Date(dto.occurredAt) : null;
    const problems = breachDatesProblems({ discoveredAt, occurredAt }, this.clock.now());
    if (problems.length) throw DomainError.validation(problems);
    const refs = normaliseReferences(dto.situationReferences ?? []);
    const ids = await this.situations.idsOfReferences(scope.tableId, refs);
    const unknown = refs.filter((r) => !ids.has(r));
    // Another table's reference answers as an unknown one: the log names this table's situations only.
    if (unknown.length) throw DomainError.validation([{ field: 'situationReferences', problem: `not a situation of this table: ${unknown.join(', ')}` }]);
    const situationIds = refs.map((r) => ids.get(r)!);
    await this.checkText(scope, actor, 'breach.record', { description: dto.description }, situationIds);
    const id = await this.repo.db.transaction(async (m) => {
      const created = await this.repo.insertBreach(m, {
        tableId: scope.tableId,
        kind: dto.kind,
        description: dto.description,
        occurredAt,
        discoveredAt,
        situationIds,
        recordedBy: actor.userId,
        at: this.clock.now(),
      });
      await this.audit.record(m, actor, {
        action: 'breach.record',
        tableId: scope.tableId,
        details: { breachId: created, kind: dto.kind, situationIds, discoveredAt: discoveredAt.toISOString(), occurredAt: iso(occurredAt) },
      });
      return created;
    });
    return this.breachDetail(scope.tableId, id);
  }

  async breaches(scope: TableScope, actor: Actor, q: BreachQuery): Promise<Page<BreachView>> {
    const limit = pageLimit(q);
    const before = decodeCursor(q.cursor, TIME_ID_CURSOR);
    const rows = await this.repo.breaches(this.repo.db, { tableId: scope.tableId, status: q.status, before, limit: limit + 1 });
    const refs = await this.situations.references([...new Set(rows.flatMap((r) => r.situationIds))], [scope.tableId]);
    await this.audit.recordAlone(actor, {
      action: 'breaches.read',
      tableId: scope.tableId,
      details: { filter: q.status ? { status: q.status } : {}, returned: Math.min(rows.length, limit) },
    });
    return toPage(
      rows,
      limit,
      (r) => [new Date(r.recordedAt).toISOString(), r.id],
      (r) => mapBreach(r, refs),
    );
  }

  async getBreach(scope: TableScope, actor: Actor, id: string): Promise<BreachDetailView> {
    const view = await this.breachDetail(scope.tableId, id);
    await this.audit.recordAlone(actor, { action: 'breach.read', tableId: scope.tableId, details: { breachId: id } });
    return view;
  }

  async addContainmentStep(scope: TableScope, actor: Actor, id: string, dto: ContainmentStepDto, ifMatch?: number): Promise<BreachDetailView> {
    await this.repo.db.transaction(async (m) => {
      const before = await this.lockBreach(m, scope.tableId, id, ifMatch);
      const takenAt = new Date(dto.takenAt);
      const problems = stepDateProblems('takenAt', takenAt, new Date(before.discoveredAt), this.clock.now());
      if (problems.length) throw DomainError.validation(problems);
      await this.checkText(scope, actor, 'breach.containment', { description: dto.description }, before.situationIds);
      const stepId = await this.repo.insertStep(m, id, takenAt, dto.description, actor.userId, this.clock.now());
      await this.bumpBreach(m, before, {});
      await this.audit.record(m, actor, {
        action: 'breach.containment',
        tableId: scope.tableId,
        details: { breachId: id, stepId, takenAt: takenAt.toISOString(), version: before.version + 1 },
      });
    });
    return this.breachDetail(scope.tableId, id);
  }

  /** The IPC's and the persons' notification, whole (dates not in the future nor before discovery; a method with the persons' date). */
  async setNotifications(scope: TableScope, actor: Actor, id: string, dto: BreachNotificationsDto, ifMatch?: number): Promise<BreachDetailView> {
    await this.repo.db.transaction(async (m) => {
      const before = await this.lockBreach(m, scope.tableId, id, ifMatch);
      const ipc = dto.ipcNotifiedAt ? new Date(dto.ipcNotifiedAt) : null;
      const persons = dto.personsNotifiedAt ? new Date(dto.personsNotifiedAt) : null;
      const discovered = new Date(before.discoveredAt);
      const now = this.clock.now();
      const problems = [
        ...(ipc ? stepDateProblems('ipcNotifiedAt', ipc, discovered, now) : []),
        ...(persons ? stepDateProblems('personsNotifiedAt', persons, discovered, now) : []),
        ...personsNoticeProblems(persons, dto.personsNotificationMethod),
      ];
      if (problems.length) throw DomainError.validation(problems);
      await this.bumpBreach(m, before, { ipcNotifiedAt: ipc, personsNotifiedAt: persons, personsNotificationMethod: dto.personsNotificationMethod });
      await this.audit.record(m, actor, {
        action: 'breach.notification',
        tableId: scope.tableId,
        details: { breachId: id, ipcNotifiedAt: iso(ipc), personsNotifiedAt: iso(persons), personsNotificationMethod: dto.personsNotificationMethod, version: before.version + 1 },
      });
    });
    return this.breachDetail(scope.tableId, id);
  }

  async closeBreach(scope: TableScope, actor: Actor, id: string, dto: CloseBreachDto, ifMatch?: number): Promise<BreachDetailView> {
    await this.repo.db.transaction(async (m) => {
      const before = await this.lockBreach(m, scope.tableId, id, ifMatch);
      const problems = breachClosureProblems(dto.outcome, before.containmentSteps);
      if (problems.length) throw DomainError.validation(problems);
      await this.bumpBreach(m, before, { status: 'CLOSED', outcome: dto.outcome, closedBy: actor.userId, closedAt: this.clock.now() });
      await this.audit.record(m, actor, { action: 'breach.close', tableId: scope.tableId, details: { breachId: id, outcome: dto.outcome, version: before.version + 1 } });
    });
    return this.breachDetail(scope.tableId, id);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private async caseDetail(tableId: string, id: string): Promise<AnomalyCaseDetailView> {
    const row = await this.repo.findCase(this.repo.db, tableId, id);
    if (!row) throw DomainError.notFound('anomaly case');
    const [notes, assignable, refs] = await Promise.all([
      this.repo.notes(this.repo.db, id),
      this.users.holdersOf(tableId, 'PRIVACY_OFFICER'),
      this.situations.references(row.situationIds, [tableId]),
    ]);
    return {
      ...mapCase(row, refs),
      notes: notes.map((n) => ({ id: n.id, text: n.text, authorId: n.authorId, authorName: n.authorName, createdAt: new Date(n.createdAt).toISOString() })),
      assignable,
    };
  }

  private async breachDetail(tableId: string, id: string): Promise<BreachDetailView> {
    const row = await this.repo.findBreach(this.repo.db, tableId, id);
    if (!row) throw DomainError.notFound('breach');
    const [steps, cases, refs] = await Promise.all([
      this.repo.steps(this.repo.db, id),
      this.repo.casesOfBreach(this.repo.db, tableId, id),
      this.situations.references(row.situationIds, [tableId]),
    ]);
    return {
      ...mapBreach(row, refs),
      containmentSteps: steps.map((s) => ({
        id: s.id,
        takenAt: new Date(s.takenAt).toISOString(),
        description: s.description,
        recordedByName: s.recordedByName,
        recordedAt: new Date(s.recordedAt).toISOString(),
      })),
      anomalyCaseIds: cases,
    };
  }

  /** The case locked, its version checked against `If-Match` (409 before the body's content). */
  /** The open case, locked, matching If-Match (else 404 / 409: `recordWriteRefusal`). */
  private async lockCase(m: EntityManager, tableId: string, id: string, ifMatch?: number): Promise<CaseRow> {
    const row = await this.repo.findCase(m, tableId, id, true);
    const refusal = recordWriteRefusal('case', row, ifMatch);
    if (refusal || !row) throw refusal ?? DomainError.notFound('anomaly case');
    return row;
  }

  /** The open breach record, locked, matching If-Match (else 404 / 409: `recordWriteRefusal`). */
  private async lockBreach(m: EntityManager, tableId: string, id: string, ifMatch?: number): Promise<BreachRow> {
    const row = await this.repo.findBreach(m, tableId, id, true);
    const refusal = recordWriteRefusal('breach', row, ifMatch);
    if (refusal || !row) throw refusal ?? DomainError.notFound('breach');
    return row;
  }

  private async bumpCase(m: EntityManager, before: CaseRow, set: Record<string, unknown>): Promise<void> {
    if (!(await this.repo.updateCase(m, before.id, before.version, set, this.clock.now()))) throw DomainError.conflict('CONCURRENT_UPDATE');
  }

  private async bumpBreach(m: EntityManager, before: BreachRow, set: Record<string, unknown>): Promise<void> {
    if (!(await this.repo.updateBreach(m, before.id, before.version, set, this.clock.now()))) throw DomainError.conflict('CONCURRENT_UPDATE');
  }

  /** Free text through the de-identification gate; for a breach, also against the identities of the situations it names. */
  private async checkText(scope: TableScope, actor: Actor, action: string, fields: Record<string, string>, situationIds: string[] = []): Promise<void> {
    const known = (await Promise.all(situationIds.map((s) => this.vault.knownIdentifiers(s, scope.tableId)))).flat();
    await this.deid.check(fields, { actor, tableId: scope.tableId, action }, known);
  }
}

/**
 * Why a write on an anomaly case or a breach record is refused before its content is read, in the
 * contract's order: none at the table (404), closed (409 `ANOMALY_CASE_CLOSED`, `BREACH_CLOSED`), an
 * If-Match that is not its version (409 `VERSION_MISMATCH`); null when it may go on. The guard
 * (oversight-record.guard.ts) asks before the body is validated, the service again under the lock.
 */
export function recordWriteRefusal(kind: 'case' | 'breach', row: { status: string; version: number } | null, ifMatch?: number): DomainError | null {
  if (!row) return DomainError.notFound(kind === 'case' ? 'anomaly case' : 'breach');
  if (row.status === 'CLOSED') return DomainError.conflict(kind === 'case' ? 'ANOMALY_CASE_CLOSED' : 'BREACH_CLOSED');
  return DomainError.staleVersion(ifMatch, row.version);
}

function caseExists(caseId: string): DomainError {
  return new DomainError(ErrorCode.CONFLICT, { reason: 'ANOMALY_CASE_EXISTS' }, { reason: 'ANOMALY_CASE_EXISTS', caseId });
}

function mapCase(r: CaseRow, refs: Map<string, { reference: string }>): AnomalyCaseView {
  return {
    id: r.id,
    kind: r.kind,
    actorId: r.actorId,
    actorName: r.actorName,
    windowFrom: new Date(r.windowFrom).toISOString(),
    windowTo: new Date(r.windowTo).toISOString(),
    flagCount: r.flagCount,
    situations: r.situationIds.map((id) => ({ id, reference: refs.get(id)?.reference ?? '' })),
    status: r.status,
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeName,
    outcome: r.outcome,
    breachId: r.breachId,
    openedByName: r.openedByName,
    openedAt: new Date(r.openedAt).toISOString(),
    closedByName: r.closedByName,
    closedAt: iso(r.closedAt),
    noteCount: r.notes,
    version: r.version,
  };
}

function mapBreach(r: BreachRow, refs: Map<string, { reference: string }>): BreachView {
  return {
    id: r.id,
    kind: r.kind,
    description: r.description,
    occurredAt: iso(r.occurredAt),
    discoveredAt: new Date(r.discoveredAt).toISOString(),
    situations: r.situationIds.map((id) => ({ id, reference: refs.get(id)?.reference ?? '' })),
    status: r.status,
    ipcNotifiedAt: iso(r.ipcNotifiedAt),
    personsNotifiedAt: iso(r.personsNotifiedAt),
    personsNotificationMethod: r.personsNotificationMethod,
    outcome: r.outcome,
    recordedByName: r.recordedByName,
    recordedAt: new Date(r.recordedAt).toISOString(),
    closedByName: r.closedByName,
    closedAt: iso(r.closedAt),
    containmentStepCount: r.containmentSteps,
    version: r.version,
  };
}
