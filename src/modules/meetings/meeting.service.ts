import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, TableScope } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { decodeCursor, Page, pageLimit, toPage, TIME_ID_CURSOR } from '../../common/http/pagination';
import { AuditService } from '../audit/audit.service';
import { NotificationService } from '../notifications/notification.service';
import { SituationRecordsService } from '../situations/situation-records.service';
import { isOpen } from '../situations/domain/situation-state';
import { isLeadAnswerOverdue, leadAnswerState } from '../situations/domain/lead-answer';
import { MOBILIZATION_HOURS, mobilizationClock, startedBefore, WARNING_HOURS } from '../situations/domain/mobilization-clock';
import { thresholdOf } from '../situations/situation.mapper';
import { TablePolicyCache } from '../situations/table-policy.cache';
import { SituationRow } from '../situations/situation.types';
import { categoriesOf } from '../taxonomy/taxonomy.catalogue';
import { AGENDA_SECTION_LIMIT, AgendaItem, AgendaView, CreateMeetingDto, MeetingListQuery, MeetingView, MinutesView } from './meeting.dto';
import { MeetingRepository, MeetingRow } from './meeting.repository';
import { MeetingAgendaService } from './meeting-agenda.service';

export { MOBILIZATION_HOURS };
const HOUR = 3_600_000;

function agendaItem(s: SituationRow, now: Date): AgendaItem {
  return {
    situationId: s.id,
    reference: s.reference,
    status: s.status,
    situationType: s.situationType,
    ageBand: s.ageBand,
    riskCategories: categoriesOf((s.riskFactors ?? []).map((f) => f.code)),
    originatingSector: s.originatingSector,
    leadSector: s.leadSector,
    createdAt: s.createdAt.toISOString(),
    ...(s.status === 'SUBMITTED' ? { resubmitted: s.deferredAt !== null } : {}),
    ...(isOpen(s.status) ? { leadAnswer: leadAnswerState(s), leadAnswerOverdue: isLeadAnswerOverdue(s, now) } : {}),
  };
}

/** How long after its start a meeting is still listed as upcoming. */
const UPCOMING_GRACE_MS = 3_600_000;

/** The weekly meeting: agenda in meeting order, attendance, minutes, and the 48-hour clock. */
@Injectable()
export class MeetingService {
  private readonly logger = new Logger('Meetings');

  constructor(
    private readonly meetings: MeetingRepository,
    private readonly policies: TablePolicyCache,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly situations: SituationRecordsService,
    private readonly agendaItems: MeetingAgendaService,
  ) {}

  async create(scope: TableScope, actor: Actor, dto: CreateMeetingDto): Promise<MeetingView> {
    const row = await this.db.transaction(async (m) => {
      const created = await this.meetings.create(m, scope.tableId, new Date(dto.scheduledFor), dto.kind, actor.userId);
      await this.audit.record(m, actor, { action: 'meeting.create', tableId: scope.tableId, details: { meetingId: created.id, kind: dto.kind } });
      return created;
    });
    return (await this.agendaItems.views([row]))[0];
  }

  async list(scope: TableScope, query: MeetingListQuery): Promise<Page<MeetingView>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor, TIME_ID_CURSOR);
    // A meeting counts as upcoming until an hour after its start (it may be under way).
    const upcomingFrom = query.upcoming ? new Date(this.clock.now().getTime() - UPCOMING_GRACE_MS) : null;
    const rows = await this.meetings.page(scope.tableId, after, limit, upcomingFrom);
    const views = new Map((await this.agendaItems.views(rows.slice(0, limit))).map((v) => [v.id, v]));
    return toPage(
      rows,
      limit,
      (r) => [r.scheduledFor.toISOString(), r.id],
      (r) => views.get(r.id)!,
    );
  }

  async get(scope: TableScope, id: string): Promise<MeetingView> {
    const row = await this.meetings.find(this.db, id, scope.tableId);
    if (!row) throw DomainError.notFound('meeting');
    return (await this.agendaItems.views([row]))[0];
  }

  /**
   * Updates on open situations first, then referrals awaiting a decision, then what is late.
   * De-identified. Bounded by design: at most `limit` items a section (AGENDA_SECTION_LIMIT, 100,
   * unless the caller asks for fewer), and the answer
   * says how many each section holds (`totals`) and which were cut (`truncated`); the rest is in
   * the situation list (`GET /tables/:tableId/situations?status=`). One statement, no transaction.
   */
  async agenda(scope: TableScope, actor: Actor, id: string, limit = AGENDA_SECTION_LIMIT): Promise<AgendaView> {
    const now = this.clock.now();
    // Each section is read up to `limit`, and the computed items come from those (bounded by design;
    // `totals` and `truncated` say how many more each section holds).
    const [policy, rows, meeting] = await Promise.all([
      this.policies.of(scope.tableId),
      this.meetings.agenda(scope.tableId, startedBefore(now, MOBILIZATION_HOURS), limit),
      this.meetings.find(this.db, id, scope.tableId),
    ]);
    if (!meeting) throw DomainError.notFound('meeting');
    const items = await this.agendaItems.entries(meeting, rows);
    const t = now.getTime();
    const view: AgendaView = {
      meetingId: id,
      updates: rows.updates.map((s) => ({
        ...agendaItem(s, now),
        daysOpen: Math.floor((t - (s.decidedAt ?? s.createdAt).getTime()) / (24 * HOUR)),
        lastUpdateAt: s.lastUpdateAt?.toISOString() ?? null,
      })),
      newSituations: rows.newSituations.map((s) => ({ ...agendaItem(s, now), threshold: thresholdOf(s, policy) })),
      overdue: rows.overdue.map((s) => ({ ...agendaItem(s, now), hoursOverdue: mobilizationClock(s, now)?.hoursOverdue ?? 0 })),
      limit,
      totals: rows.totals,
      truncated: {
        updates: rows.totals.updates > rows.updates.length,
        newSituations: rows.totals.newSituations > rows.newSituations.length,
        overdue: rows.totals.overdue > rows.overdue.length,
      },
      items,
    };
    await this.audit.recordAlone(actor, {
      action: 'meeting.agenda.read',
      tableId: scope.tableId,
      details: { meetingId: id, updates: view.updates.length, newSituations: view.newSituations.length, overdue: view.overdue.length, items: items.length },
    });
    return view;
  }

  /** Freezes the meeting and returns its minutes; a closed meeting accepts nothing more. */
  async close(scope: TableScope, actor: Actor, id: string): Promise<MinutesView> {
    return this.db.transaction(async (m) => {
      const meeting = await this.meetings.find(m, id, scope.tableId, true);
      if (!meeting) throw DomainError.notFound('meeting');
      // Its agenda is frozen as it stands: the computed items are stored (a closed meeting shows those only).
      await this.agendaItems.materialise(m, meeting, actor);
      const closed = await this.meetings.close(m, id, actor.userId, this.clock.now());
      if (!closed) throw DomainError.conflict('MEETING_ALREADY_CLOSED');
      const minutes = await this.minutesOf(m, closed);
      await this.audit.record(m, actor, {
        action: 'meeting.close',
        tableId: scope.tableId,
        details: {
          meetingId: id,
          decisions: minutes.decisions.length,
          assignments: minutes.assignments.length,
          updates: minutes.updates.length,
          closures: minutes.closures.length,
        },
      });
      return minutes;
    });
  }

  /**
   * The 48-hour clock (situations/domain/mobilization-clock.ts): at 24 hours the lead agency's
   * representatives are warned, at 48 hours the lead agency and the coordinators are alerted; each
   * once per clock (claimed and audited in one transaction, notified after commit).
   */
  async notifyOverdue(): Promise<number> {
    const now = this.clock.now();
    const claim = (mark: 'WARNING' | 'ALERT', hours: number, beforeHours: number | null) =>
      this.db.transaction(async (m) => {
        const rows = await this.situations.claimClock(m, mark, now, hours, 500, beforeHours);
        for (const r of rows) {
          const clock = mobilizationClock(r, now);
          await this.audit.record(
            m,
            { userId: null, agencyId: null, requestId: null },
            {
              action: mark === 'WARNING' ? 'situation.mobilization_warning' : 'situation.overdue',
              tableId: r.tableId,
              situationId: r.id,
              details: { from: clock?.from ?? null, hoursSinceStart: clock?.hoursElapsed ?? null },
            },
          );
        }
        return rows;
      });
    // Alerts first: a situation found already past 48 hours is alerted (which marks it warned too);
    // the warning only within its window (24 to 48 hours), so a row the alert skipped (locked) waits for the next run's alert.
    const alerted = await claim('ALERT', MOBILIZATION_HOURS, null);
    const warned = await claim('WARNING', WARNING_HOURS, MOBILIZATION_HOURS);
    for (const [mark, rows] of [
      ['ALERT', alerted],
      ['WARNING', warned],
    ] as const) {
      for (const r of rows) {
        const clock = mobilizationClock(r, now);
        if (!clock) continue;
        const e = { tableId: r.tableId, situationId: r.id, reference: r.reference, leadAgencyId: r.leadAgencyId, startedAt: clock.startedAt, from: clock.from };
        try {
          if (mark === 'ALERT') await this.notifications.notifyOverdue({ ...e, hoursOverdue: clock.hoursOverdue });
          else await this.notifications.notifyMobilizationWarning({ ...e, hoursLeft: Math.max(0, MOBILIZATION_HOURS - clock.hoursElapsed) });
        } catch (err) {
          this.logger.error({ err: (err as Error)?.name }, 'overdue notification failed');
        }
      }
    }
    return alerted.length + warned.length;
  }

  /**
   * Leads unanswered 24 hours after they were given (LEAD_ANSWER_HOURS): each claimed once and
   * audited in one transaction, then the lead agency's representatives and the coordinators are notified.
   */
  async notifyLeadAnswersOverdue(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.db.transaction(async (m) => {
      const rows = await this.situations.claimLeadAnswersOverdue(m, now, 500);
      for (const r of rows) {
        await this.audit.record(
          m,
          { userId: null, agencyId: null, requestId: null },
          {
            action: 'situation.lead_answer_overdue',
            tableId: r.tableId,
            situationId: r.id,
            details: { leadAgencyId: r.leadAgencyId, hoursSinceLead: Math.floor((now.getTime() - r.leadAssignedAt.getTime()) / HOUR) },
          },
        );
      }
      return rows;
    });
    for (const r of claimed) {
      try {
        await this.notifications.notifyLeadAnswerOverdue({
          tableId: r.tableId,
          situationId: r.id,
          reference: r.reference,
          leadAgencyId: r.leadAgencyId,
          leadAssignedAt: r.leadAssignedAt,
        });
      } catch (err) {
        this.logger.error({ err: (err as Error)?.name }, 'lead answer notification failed');
      }
    }
    return claimed.length;
  }

  /**
   * Deferrals unanswered past their table's limit (`deferralLimitDays`): each claimed once and
   * audited in one transaction, then the originating agency and the coordinators are notified.
   */
  async notifyDeferralsOverdue(): Promise<number> {
    const now = this.clock.now();
    const daysSince = (d: Date) => Math.floor((now.getTime() - d.getTime()) / (24 * HOUR));
    const claimed = await this.db.transaction(async (m) => {
      const rows = await this.situations.claimDeferralsOverdue(m, now, 500);
      for (const r of rows) {
        await this.audit.record(
          m,
          { userId: null, agencyId: null, requestId: null },
          { action: 'situation.deferral_overdue', tableId: r.tableId, situationId: r.id, details: { daysDeferred: daysSince(r.deferredAt) } },
        );
      }
      return rows;
    });
    for (const r of claimed) {
      try {
        await this.notifications.notifyDeferralOverdue({
          tableId: r.tableId,
          situationId: r.id,
          reference: r.reference,
          originatingAgencyId: r.originatingAgencyId,
          daysDeferred: daysSince(r.deferredAt),
          deferredAt: r.deferredAt,
        });
      } catch (err) {
        this.logger.error({ err: (err as Error)?.name }, 'deferral notification failed');
      }
    }
    return claimed.length;
  }

  /** The minutes as the transitions make them now (a draft; approved minutes are stored: MinutesService). */
  async minutesOf(m: EntityManager, meeting: MeetingRow): Promise<MinutesView> {
    const agencies = await this.meetings.memberAgencies(m, meeting.tableId);
    const byId = new Map(agencies.map((a) => [a.agencyId, a]));
    const transitions = await this.situations.meetingTransitions(m, meeting.id);
    const at = (d: Date) => d.toISOString();
    return {
      meeting: (await this.agendaItems.views([meeting], m))[0],
      attendance: meeting.attendance.map((a) => byId.get(a) ?? { agencyId: a, name: '', sector: '' }),
      decisions: transitions.flatMap((t) =>
        t.action === 'DECIDE_AER' || t.action === 'DECIDE_NOT_AER' || t.action === 'DEFER'
          ? [
              {
                situationId: t.situationId,
                reference: t.reference,
                outcome: t.outcome,
                againstAdvice: t.againstAdvice,
                sectorsAbsent: t.sectorsAbsent,
                rationale: t.rationale,
                at: at(t.at),
              },
            ]
          : [],
      ),
      assignments: transitions
        .filter((t) => t.action === 'ASSIGN')
        .map((t) => ({
          situationId: t.situationId,
          reference: t.reference,
          leadAgencyId: t.leadAgencyId,
          leadSector: byId.get(t.leadAgencyId)?.sector ?? '',
          assistingAgencyIds: t.assistingAgencyIds,
          at: at(t.at),
        })),
      // one per agency that mobilised in the meeting (the lead's and each assisting agency's)
      mobilizations: transitions.flatMap((t) =>
        t.action === 'MOBILIZE' || t.action === 'MOBILIZE_AGENCY'
          ? [{ situationId: t.situationId, reference: t.reference, agencyId: t.agencyId, role: t.role, services: t.services, at: at(t.at) }]
          : [],
      ),
      updates: (await this.situations.meetingUpdates(m, meeting.id)).map((u) => ({ ...u, at: at(u.at) })),
      closures: transitions
        .filter((t) => t.action === 'CLOSE')
        .map((t) => ({ situationId: t.situationId, reference: t.reference, conclusion: t.conclusion, consentStatus: t.consentStatus, at: at(t.at) })),
      actions: await this.situations.meetingActions(m, meeting.id),
    };
  }
}
