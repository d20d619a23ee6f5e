import { Injectable, Logger } from '@nestjs/common';
import { I18nService } from 'nestjs-i18n';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Principal, TableScope } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { localDate } from '../../common/clock/time-zone';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { NotificationService } from '../notifications/notification.service';
import { MeetingEmailKind } from '../notifications/email-rules';
import { TableService } from '../tables/table.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { approvalAt } from './domain/minutes-approval';
import { formatWhen, MinutesDocument, minutesDocument } from './domain/minutes-document';
import { MeetingView, MinutesView } from './meeting.dto';
import { MeetingRepository, MeetingRow } from './meeting.repository';
import { MeetingService } from './meeting.service';
import { MeetingAgendaService } from './meeting-agenda.service';
import { MinutesDocumentView } from './minutes.dto';
import { minutesPdf } from './minutes-pdf';
import { eraseSituationFromMinutes } from './domain/minutes-erasure';
import { ApprovedMinutesRow, MinutesRepository } from './minutes.repository';

/**
 * The minutes' life after the meeting (issue 16): a draft computed from the record until a
 * coordinator approves it at the next meeting; then the approved document is stored and served
 * as it was (immutable: a trigger refuses any change). The PDF in English or French, and the
 * meeting's e-mails (agenda published, minutes ready).
 */
@Injectable()
export class MinutesService {
  private readonly logger = new Logger('Minutes');

  constructor(
    private readonly meetings: MeetingService,
    private readonly agendaItems: MeetingAgendaService,
    private readonly meetingRows: MeetingRepository,
    private readonly repo: MinutesRepository,
    private readonly tables: TableService,
    private readonly taxonomy: TaxonomyService,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly i18n: I18nService,
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Erases a situation's texts from the table's approved minutes (issue 17: retention), in the
   * caller's transaction: its decisions' rationales, its updates' notes and its actions'
   * descriptions; the reference, codes and times stay. Returns the number of minutes changed.
   */
  async eraseSituationTexts(m: EntityManager, tableId: string, situationId: string): Promise<number> {
    let changed = 0;
    for (const row of await this.repo.approvedListing(m, tableId, situationId)) {
      const { document, erased } = eraseSituationFromMinutes(row.document, situationId);
      if (erased === 0) continue;
      await this.repo.replaceErased(m, row.meetingId, document);
      changed++;
    }
    return changed;
  }

  /** The minutes: the approved document when there is one, else the draft as the record makes it now. Audited as a read. */
  async read(scope: TableScope, actor: Actor, id: string, format: { pdf: 'en' | 'fr' } | null = null): Promise<MinutesDocumentView> {
    return this.db.transaction(async (m) => {
      const view = await this.current(m, scope, id);
      await this.audit.record(m, actor, {
        action: 'meeting.minutes.read',
        tableId: scope.tableId,
        details: { meetingId: id, status: view.status, ...(format ? { format: 'pdf', lang: format.pdf } : {}) },
      });
      return view;
    });
  }

  /**
   * The coordinator approves a closed meeting's minutes at the table's next meeting (the next by
   * date, still open): the document as computed now is stored, with who approved it and where;
   * from then on it is what GET minutes and the PDF serve. Audited (`meeting.minutes.approve`).
   */
  async approve(scope: TableScope, user: Principal, actor: Actor, id: string): Promise<MinutesDocumentView> {
    return this.db.transaction(async (m) => {
      const meeting = await this.meetingRows.find(m, id, scope.tableId, true);
      if (!meeting) throw DomainError.notFound('meeting');
      const [approved, next] = [await this.repo.approved(m, id), await this.repo.next(m, scope.tableId, id, true)];
      const decision = approvalAt({ meeting, approved: approved !== null, next });
      if (!decision.ok) throw DomainError.conflict(decision.refusal);
      const document = await this.meetings.minutesOf(m, meeting);
      const row = await this.repo.approve(m, {
        meetingId: id,
        tableId: scope.tableId,
        document,
        approvedAt: this.clock.now(),
        approvedBy: user.id,
        approvedByName: user.displayName,
        approvedAtMeetingId: decision.approvedAtMeetingId,
      });
      await this.audit.record(m, actor, {
        action: 'meeting.minutes.approve',
        tableId: scope.tableId,
        details: {
          meetingId: id,
          approvedAtMeetingId: decision.approvedAtMeetingId,
          decisions: document.decisions.length,
          assignments: document.assignments.length,
          updates: document.updates.length,
          closures: document.closures.length,
        },
      });
      return approvedView(row);
    });
  }

  /** The minutes as a PDF in English or French, times in the table's time zone. Audited as a minutes read. */
  async pdf(scope: TableScope, actor: Actor, id: string, lang: 'en' | 'fr'): Promise<{ bytes: Buffer; filename: string }> {
    const view = await this.read(scope, actor, id, { pdf: lang });
    const timeZone = await this.tables.timeZoneOf(scope.tableId);
    const approvedAtScheduled = view.approvedAtMeetingId ? await this.db.transaction((m) => this.repo.scheduledFor(m, view.approvedAtMeetingId!)) : null;
    const names = new Map((await this.meetingRows.memberAgencies(this.db, scope.tableId)).map((a) => [a.agencyId, a.name]));
    for (const a of view.attendance) if (a.name) names.set(a.agencyId, a.name);
    const doc: MinutesDocument = minutesDocument(
      { ...view, approvedAtMeetingScheduledFor: approvedAtScheduled?.toISOString() ?? null },
      {
        t: (key, args) => this.i18n.translate(`minutes.${key}`, { lang, args }) as string,
        when: formatWhen(lang, timeZone),
        agency: (agencyId) => names.get(agencyId) ?? agencyId,
        code: (list, code) => this.taxonomy.label(list, code, lang),
      },
      timeZone,
    );
    return { bytes: await minutesPdf(doc, lang), filename: `minutes-${localDate(new Date(view.meeting.scheduledFor), timeZone)}.pdf` };
  }

  /**
   * Publishes an open meeting's agenda, once (409 AGENDA_ALREADY_PUBLISHED), audited; after commit
   * the table's coordinators and agency representatives are notified (AGENDA_PUBLISHED: the date and a link).
   */
  async publishAgenda(scope: TableScope, actor: Actor, id: string): Promise<MeetingView> {
    const row = await this.db.transaction(async (m) => {
      const meeting = await this.meetingRows.find(m, id, scope.tableId, true);
      if (!meeting) throw DomainError.notFound('meeting');
      if (meeting.status === 'CLOSED') throw DomainError.conflict('MEETING_CLOSED');
      if (!(await this.repo.publishAgenda(m, id, actor.userId, this.clock.now()))) throw DomainError.conflict('AGENDA_ALREADY_PUBLISHED');
      await this.audit.record(m, actor, { action: 'meeting.agenda.publish', tableId: scope.tableId, details: { meetingId: id } });
      return (await this.meetingRows.find(m, id, scope.tableId))!;
    });
    await this.notify('AGENDA_PUBLISHED', row);
    return (await this.agendaItems.views([row]))[0];
  }

  /** Closes the meeting (MeetingService.close), then tells the members its draft minutes are ready for review (MINUTES_READY). */
  async close(scope: TableScope, actor: Actor, id: string): Promise<MinutesView> {
    const minutes = await this.meetings.close(scope, actor, id);
    await this.notify('MINUTES_READY', { id, tableId: scope.tableId, scheduledFor: new Date(minutes.meeting.scheduledFor) });
    return minutes;
  }

  private async notify(kind: MeetingEmailKind, meeting: Pick<MeetingRow, 'id' | 'tableId' | 'scheduledFor'>): Promise<void> {
    try {
      const date = localDate(meeting.scheduledFor, await this.tables.timeZoneOf(meeting.tableId));
      await this.notifications.notifyMeeting({ tableId: meeting.tableId, meetingId: meeting.id, kind, date });
    } catch (err) {
      // the change is committed: a failed notification is logged, never undoes it
      this.logger.error({ kind, err: (err as Error)?.name }, 'meeting notification failed');
    }
  }

  private async current(m: EntityManager, scope: TableScope, id: string): Promise<MinutesDocumentView> {
    const meeting = await this.meetingRows.find(m, id, scope.tableId);
    if (!meeting) throw DomainError.notFound('meeting');
    const approved = await this.repo.approved(m, id);
    if (approved) return approvedView(approved);
    const draft = await this.meetings.minutesOf(m, meeting);
    const next = meeting.status === 'CLOSED' ? await this.repo.next(m, scope.tableId, id) : null;
    return {
      ...draft,
      status: 'DRAFT',
      approvedAt: null,
      approvedBy: null,
      approvedAtMeetingId: null,
      approvableAtMeetingId: next?.status === 'OPEN' ? next.id : null,
    };
  }
}

const approvedView = (row: ApprovedMinutesRow): MinutesDocumentView => ({
  ...row.document,
  status: 'APPROVED',
  approvedAt: row.approvedAt.toISOString(),
  approvedBy: row.approvedByName,
  approvedAtMeetingId: row.approvedAtMeetingId,
  approvableAtMeetingId: null,
});
