import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, TableScope } from '../../common/authz/principal';
import { canonicalReference, REFERENCE_PROBLEM } from '../../common/authz/table-resolver';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { sectorsAbsent, sectorsCounted } from '../situations/domain/sectors-absent';
import { MOBILIZATION_HOURS, startedBefore } from '../situations/domain/mobilization-clock';
import { SituationRecordsService } from '../situations/situation-records.service';
import { thresholdOf } from '../situations/situation.mapper';
import { SituationRow } from '../situations/situation.types';
import { TablePolicyCache } from '../situations/table-policy.cache';
import { UserService } from '../users/user.service';
import { AgendaItemRow, AgendaRepository } from './agenda.repository';
import { agendaItemRefusal, computedAfter, reorder } from './domain/agenda';
import { AddAgendaItemDto, AgendaEntryView, AgendaItemsView, MeetingAttendeeView } from './meeting-agenda.dto';
import { AGENDA_SECTION_LIMIT, AttendanceDto, MeetingView } from './meeting.dto';
import { AgendaRows, AgendaSection, MeetingRepository, MeetingRow } from './meeting.repository';

const AWAITING_DECISION = new Set(['SUBMITTED', 'DEFERRED']);
const STUB = new Set(['REJECTED', 'WITHDRAWN']);

/**
 * The weekly meeting's agenda as ordered items and its attendance by person (issue 16; rules in
 * domain/agenda.ts). Every write locks the meeting row (closing waits), refuses a closed meeting,
 * stores the computed items first (`materialise`), and is audited with ids only.
 */
@Injectable()
export class MeetingAgendaService {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly agenda: AgendaRepository,
    private readonly policies: TablePolicyCache,
    private readonly situations: SituationRecordsService,
    private readonly users: UserService,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  // ---- reads --------------------------------------------------------------------------------------

  /** The meeting's items in order (removed ones last): stored, then those the sections add (none once closed). */
  async entries(meeting: MeetingRow, rows: AgendaRows, m: EntityManager = this.db.manager): Promise<AgendaEntryView[]> {
    const [stored, policy, actions, updates, present] = await Promise.all([
      this.agenda.items(m, meeting.id),
      this.policies.of(meeting.tableId),
      this.situations.meetingSteps(m, meeting.id),
      this.situations.meetingUpdates(m, meeting.id),
      this.agenda.sectorsPresent(m, meeting.id),
    ]);
    const sectionOf = new Map<string, AgendaSection>();
    const computed = new Map<string, SituationRow>();
    for (const section of ['newSituations', 'updates', 'overdue'] as const)
      for (const s of rows[section]) {
        sectionOf.set(s.id, section);
        computed.set(s.id, s);
      }
    const added =
      meeting.status === 'CLOSED'
        ? []
        : computedAfter(
            stored.map((i) => i.situationId),
            sectionIds(rows),
          );
    const all: (Omit<AgendaItemRow, 'position'> & { stored: boolean })[] = [
      ...stored.map((i) => ({ ...i, stored: true })),
      ...added.map((id) => ({
        situationId: id,
        status: 'LISTED' as const,
        origin: 'AUTO' as const,
        deferredFromMeetingId: null,
        deferredToMeetingId: null,
        discussedAt: null,
        discussedBy: null,
        situation: computed.get(id)!,
        stored: false,
      })),
    ];
    // Removed ones last, after the listed ones that the sections add.
    all.sort((a, b) => Number(a.status === 'REMOVED') - Number(b.status === 'REMOVED'));
    return all.map((i, n) => {
      const needed = sectorsCounted(thresholdOf(i.situation as SituationRow, policy));
      return {
        situationId: i.situationId,
        reference: i.situation.reference,
        situationStatus: i.situation.status,
        position: n + 1,
        status: i.status,
        origin: i.origin,
        stored: i.stored,
        section: sectionOf.get(i.situationId) ?? null,
        deferredFromMeetingId: i.deferredFromMeetingId,
        deferredToMeetingId: i.deferredToMeetingId,
        discussedAt: i.discussedAt ? new Date(i.discussedAt).toISOString() : null,
        discussedBy: i.discussedBy,
        sectorsNeeded: needed,
        sectorsAbsent: AWAITING_DECISION.has(i.situation.status) ? sectorsAbsent(needed, present) : [],
        taken: [
          ...actions.filter((a) => a.situationId === i.situationId).map((a) => ({ kind: a.kind, outcome: a.outcome, sectorsAbsent: a.sectorsAbsent, at: a.at })),
          ...updates.filter((u) => u.situationId === i.situationId).map((u) => ({ kind: 'UPDATE', outcome: null, sectorsAbsent: [], at: u.at })),
        ]
          .sort((a, b) => a.at.getTime() - b.at.getTime())
          .map((t) => ({ ...t, at: t.at.toISOString() })),
      };
    });
  }

  /** Meeting views with their attendees (by name, agency, sector) and the sectors present. */
  async views(rows: MeetingRow[], m: EntityManager | DataSource = this.db): Promise<MeetingView[]> {
    if (rows.length === 0) return [];
    const tables = [...new Set(rows.map((r) => r.tableId))];
    const [attendees, ...members] = await Promise.all([
      this.agenda.attendees(
        m,
        rows.map((r) => r.id),
      ),
      ...tables.map((t) => this.meetings.memberAgencies(m, t)),
    ]);
    const agencies = new Map(members.flat().map((a) => [a.agencyId, a]));
    return rows.map((r) => ({
      id: r.id,
      tableId: r.tableId,
      scheduledFor: r.scheduledFor.toISOString(),
      kind: r.kind,
      status: r.status,
      agendaPublishedAt: r.agendaPublishedAt?.toISOString() ?? null,
      attendance: r.attendance,
      attendees: attendees
        .filter((a) => a.meetingId === r.id)
        .map((a): MeetingAttendeeView => ({
          userId: a.userId,
          displayName: a.displayName,
          agencyId: a.agencyId,
          agencyName: agencies.get(a.agencyId)?.name ?? '',
          sector: a.sector,
        })),
      sectorsPresent: [...new Set(r.attendance.flatMap((a) => (agencies.has(a) ? [agencies.get(a)!.sector] : [])))].sort(),
      createdAt: r.createdAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
    }));
  }

  /** Who may be recorded present: the table's active members with an agency of the table (coordinator's pick-list). */
  async candidates(scope: TableScope, actor: Actor, id: string): Promise<MeetingAttendeeView[]> {
    const list = await this.members(this.db.manager, scope.tableId);
    await this.audit.recordAlone(actor, { action: 'meeting.attendance.candidates.read', tableId: scope.tableId, details: { meetingId: id, count: list.length } });
    return list;
  }

  private async members(m: EntityManager, tableId: string): Promise<MeetingAttendeeView[]> {
    const [holders, agencies] = await Promise.all([this.users.roleHolders(m, tableId), this.meetings.memberAgencies(m, tableId)]);
    const byId = new Map(agencies.map((a) => [a.agencyId, a]));
    return holders.flatMap((h) => {
      const a = h.agencyId ? byId.get(h.agencyId) : undefined;
      return a ? [{ userId: h.userId, displayName: h.displayName, agencyId: a.agencyId, agencyName: a.name, sector: a.sector }] : [];
    });
  }

  // ---- writes -------------------------------------------------------------------------------------

  /**
   * Attendance: agencies (`agencyIds`) and people (`attendees`, members of the table, their agency
   * and sector derived and added to the agencies). Recording it starts the meeting: its items are stored.
   */
  async setAttendance(scope: TableScope, actor: Actor, id: string, dto: AttendanceDto): Promise<MeetingView> {
    if (!dto.agencyIds && !dto.attendees) throw DomainError.validation([{ field: 'agencyIds', problem: 'give agencyIds or attendees' }]);
    return this.db.transaction(async (m) => {
      const meeting = await this.openMeeting(m, scope, id);
      const agencies = new Set((await this.meetings.memberAgencies(m, scope.tableId)).map((a) => a.agencyId));
      const agencyIds = dto.agencyIds ?? [];
      if (agencyIds.some((a) => !agencies.has(a))) throw DomainError.validation([{ field: 'agencyIds', problem: 'must be agencies of this table' }]);
      const members = new Map((await this.members(m, scope.tableId)).map((p) => [p.userId, p]));
      const people = (dto.attendees ?? []).map((a) => members.get(a.userId.toLowerCase()) ?? members.get(a.userId));
      if (people.some((p) => !p)) throw DomainError.validation([{ field: 'attendees', problem: 'must be members of this table' }]);
      const present = people as MeetingAttendeeView[];
      const attendance = [...new Set([...agencyIds, ...present.map((p) => p.agencyId)])];
      // Given only agencies (a client from before issue 16), the people recorded before are kept.
      if (dto.attendees) await this.agenda.setAttendees(m, id, present);
      const updated = await this.meetings.setAttendance(m, id, attendance);
      await this.materialise(m, meeting, actor);
      await this.audit.record(m, actor, {
        action: 'meeting.attendance',
        tableId: scope.tableId,
        details: { meetingId: id, agencyIds: attendance, ...(dto.attendees ? { attendeeIds: present.map((p) => p.userId) } : {}) },
      });
      return (await this.views([updated], m))[0];
    });
  }

  async add(scope: TableScope, actor: Actor, id: string, dto: AddAgendaItemDto): Promise<AgendaItemsView> {
    if (!!dto.situationId === !!dto.reference) throw DomainError.validation([{ field: 'situationId', problem: 'give situationId or reference, one of them' }]);
    const reference = dto.reference === undefined ? undefined : canonicalReference(dto.reference);
    if (reference === null) throw DomainError.validation([{ field: 'reference', problem: REFERENCE_PROBLEM }]);
    return this.write(scope, actor, id, 'meeting.agenda.add', async (m, meeting, items) => {
      const field = dto.situationId ? 'situationId' : 'reference';
      const situation = await this.agenda.situationAt(m, scope.tableId, { id: dto.situationId?.toLowerCase(), reference });
      if (!situation) throw DomainError.validation([{ field, problem: 'no such situation at this table' }]);
      if (STUB.has(situation.status)) throw DomainError.validation([{ field, problem: 'must not be a rejected or withdrawn referral' }]);
      const current = items.find((i) => i.situationId === situation.id)?.status ?? null;
      const refusal = agendaItemRefusal('ADD', current);
      if (refusal) throw DomainError.conflict(refusal);
      const last = (await this.agenda.maxPosition(m, meeting.id)) + 1;
      if (current === 'REMOVED') await this.agenda.relist(m, meeting.id, situation.id, last);
      else await this.agenda.insert(m, meeting.id, scope.tableId, [{ situationId: situation.id, position: last, origin: 'ADDED' }], actor.userId);
      return { situationId: situation.id, relisted: current === 'REMOVED' };
    });
  }

  async remove(scope: TableScope, actor: Actor, id: string, situationId: string): Promise<AgendaItemsView> {
    return this.write(scope, actor, id, 'meeting.agenda.remove', async (m, meeting, items) => {
      this.refuse('REMOVE', items, situationId);
      await this.agenda.setStatus(m, meeting.id, situationId, 'REMOVED');
      return { situationId };
    });
  }

  async discussed(scope: TableScope, actor: Actor, id: string, situationId: string): Promise<AgendaItemsView> {
    return this.write(scope, actor, id, 'meeting.agenda.discussed', async (m, meeting, items) => {
      this.refuse('DISCUSS', items, situationId);
      await this.agenda.setStatus(m, meeting.id, situationId, 'DISCUSSED', { discussedAt: this.clock.now(), discussedBy: actor.userId });
      return { situationId };
    });
  }

  /** Defers an item to the table's next open meeting by date (409 NO_NEXT_MEETING when none), where it is listed first while that agenda is not edited. */
  async defer(scope: TableScope, actor: Actor, id: string, situationId: string): Promise<AgendaItemsView> {
    return this.write(scope, actor, id, 'meeting.agenda.defer', async (m, meeting, items) => {
      this.refuse('DEFER', items, situationId);
      const next = await this.agenda.nextMeeting(m, scope.tableId, meeting);
      if (!next) throw DomainError.conflict('NO_NEXT_MEETING');
      await this.agenda.setStatus(m, meeting.id, situationId, 'DEFERRED', { deferredToMeetingId: next });
      const position = (await this.agenda.maxPosition(m, next)) + 1;
      await this.agenda.insert(m, next, scope.tableId, [{ situationId, position, origin: 'DEFERRED', deferredFromMeetingId: meeting.id }], actor.userId);
      return { situationId, deferredToMeetingId: next };
    });
  }

  async order(scope: TableScope, actor: Actor, id: string, situationIds: string[]): Promise<AgendaItemsView> {
    return this.write(scope, actor, id, 'meeting.agenda.order', async (m, meeting, items) => {
      const result = reorder(
        items.filter((i) => i.status !== 'REMOVED').map((i) => i.situationId),
        situationIds.map((s) => s.toLowerCase()),
      );
      if ('problem' in result) throw DomainError.validation([{ field: 'situationIds', problem: result.problem }]);
      await this.agenda.setOrder(m, meeting.id, result.order);
      return { items: result.order.length };
    });
  }

  /** Stores the items the sections add (computed until now) after the stored ones; used at the first edit, attendance and closing. */
  async materialise(m: EntityManager, meeting: MeetingRow, actor: Actor): Promise<AgendaItemRow[]> {
    const stored = await this.agenda.items(m, meeting.id);
    const rows = await this.meetings.agenda(meeting.tableId, startedBefore(this.clock.now(), MOBILIZATION_HOURS), AGENDA_SECTION_LIMIT);
    const added = computedAfter(
      stored.map((i) => i.situationId),
      sectionIds(rows),
    );
    if (added.length === 0) return stored;
    const last = stored.reduce((max, i) => Math.max(max, i.position), 0);
    await this.agenda.insert(
      m,
      meeting.id,
      meeting.tableId,
      added.map((situationId, n) => ({ situationId, position: last + n + 1, origin: 'AUTO' as const })),
      actor.userId,
    );
    return this.agenda.items(m, meeting.id);
  }

  private refuse(action: 'REMOVE' | 'DEFER' | 'DISCUSS', items: AgendaItemRow[], situationId: string): void {
    const item = items.find((i) => i.situationId === situationId.toLowerCase());
    if (!item) throw DomainError.notFound('agenda item');
    const refusal = agendaItemRefusal(action, item.status);
    if (refusal) throw DomainError.conflict(refusal);
  }

  /** One agenda write: the meeting locked and open, its items stored, the change, its audit entry (ids and counts); then the items. */
  private async write(
    scope: TableScope,
    actor: Actor,
    id: string,
    action: string,
    change: (m: EntityManager, meeting: MeetingRow, items: AgendaItemRow[]) => Promise<Record<string, unknown>>,
  ): Promise<AgendaItemsView> {
    const items = await this.db.transaction(async (m) => {
      const meeting = await this.openMeeting(m, scope, id);
      const details = await change(m, meeting, await this.materialise(m, meeting, actor));
      await this.audit.record(m, actor, { action, tableId: scope.tableId, details: { meetingId: id, ...details } });
      const rows = await this.meetings.agenda(meeting.tableId, startedBefore(this.clock.now(), MOBILIZATION_HOURS), AGENDA_SECTION_LIMIT);
      return this.entries(meeting, rows, m);
    });
    return { meetingId: id, items };
  }

  private async openMeeting(m: EntityManager, scope: TableScope, id: string): Promise<MeetingRow> {
    const meeting = await this.meetings.find(m, id, scope.tableId, true);
    if (!meeting) throw DomainError.notFound('meeting');
    if (meeting.status === 'CLOSED') throw DomainError.conflict('MEETING_CLOSED');
    return meeting;
  }
}

/** The sections' situations in meeting order: updates, new referrals, then the overdue ones (ids). */
function sectionIds(rows: AgendaRows): string[][] {
  return [rows.updates.map((s) => s.id), rows.newSituations.map((s) => s.id), rows.overdue.map((s) => s.id)];
}
