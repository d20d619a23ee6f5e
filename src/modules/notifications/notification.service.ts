import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Principal } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { decodeCursor, Page, PageQuery, pageLimit, toPage, TIME_ID_CURSOR } from '../../common/http/pagination';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { SituationEvent, SituationEvents } from '../situations/situation-events';
import { EmailRepository } from './email.repository';
import { EMAIL_KINDS, EmailLanguage, isEmailKind, MeetingEmailKind } from './email-rules';
import { NotificationPreferencesDto, NotificationPreferencesView, NotificationView } from './notification.dto';
import { NotificationRepository, NotificationRow } from './notification.repository';

export { NotificationPreferencesView, NotificationView };

/** A 48-hour clock's event: the situation, its lead agency and when (and from what) its clock started. */
interface ClockEvent {
  tableId: string;
  situationId: string;
  reference: string;
  leadAgencyId: string | null;
  startedAt: Date;
  from: 'ASSIGNMENT' | 'DECISION';
}

const map = (n: NotificationRow): NotificationView => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null });

/**
 * In-app notifications, produced by event handlers after commit. A failing handler is logged and
 * never undoes or blocks the change that raised the event. Payloads hold references, never content.
 */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly repo: NotificationRepository,
    private readonly emails: EmailRepository,
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether notifications of this kind are also queued for e-mail (SMTP configured, a kind that is mailed). */
  private email(kind: string): { at: Date } | null {
    return this.config.mail && isEmailKind(kind) ? { at: this.clock.now() } : null;
  }

  @OnEvent(SituationEvents.assigned, { async: true, promisify: true, suppressErrors: true })
  async onAssigned(e: SituationEvent): Promise<void> {
    await this.safely('assigned', () =>
      this.repo.notifyAgencies({
        tableId: e.tableId,
        situationId: e.situationId,
        agencyIds: e.agencyIds ?? [],
        roles: ['AGENCY_REP', 'COORDINATOR'],
        kind: 'SITUATION_ASSIGNED',
        payload: { reference: e.reference },
        dedupeKey: `assigned:${e.situationId}:${Date.now()}`,
        email: this.email('SITUATION_ASSIGNED'),
      }),
    );
  }

  /**
   * The 48-hour clock's alert: the lead agency's people and the coordinators, once per clock (a
   * reassignment starts a new one). Kind MOBILIZATION_OVERDUE.
   */
  async notifyOverdue(e: ClockEvent & { hoursOverdue: number }): Promise<number> {
    const base = {
      tableId: e.tableId,
      situationId: e.situationId,
      kind: 'MOBILIZATION_OVERDUE',
      payload: { reference: e.reference, hoursOverdue: e.hoursOverdue, from: e.from },
      dedupeKey: `overdue:${e.situationId}:${e.startedAt.toISOString()}`,
      email: this.email('MOBILIZATION_OVERDUE'),
    };
    const lead = e.leadAgencyId ? await this.repo.notifyAgencies({ ...base, agencyIds: [e.leadAgencyId], roles: ['AGENCY_REP', 'COORDINATOR'] }) : 0;
    return lead + (await this.repo.notifyAgencies({ ...base, agencyIds: null, roles: ['COORDINATOR'] }));
  }

  /** The 48-hour clock's warning at 24 hours: the lead agency's representatives, once per clock. Kind MOBILIZATION_WARNING. */
  async notifyMobilizationWarning(e: ClockEvent & { hoursLeft: number }): Promise<number> {
    if (!e.leadAgencyId) return 0;
    return this.repo.notifyAgencies({
      tableId: e.tableId,
      situationId: e.situationId,
      agencyIds: [e.leadAgencyId],
      roles: ['AGENCY_REP'],
      kind: 'MOBILIZATION_WARNING',
      payload: { reference: e.reference, hoursLeft: e.hoursLeft, from: e.from },
      dedupeKey: `mobilization-warning:${e.situationId}:${e.startedAt.toISOString()}`,
      email: this.email('MOBILIZATION_WARNING'),
    });
  }

  /** A deferral unanswered past the table's limit: the originating agency's people and the coordinators, once per deferral. */
  async notifyDeferralOverdue(e: {
    tableId: string;
    situationId: string;
    reference: string;
    originatingAgencyId: string;
    daysDeferred: number;
    deferredAt: Date;
  }): Promise<number> {
    const base = {
      tableId: e.tableId,
      situationId: e.situationId,
      kind: 'DEFERRAL_OVERDUE',
      payload: { reference: e.reference, daysDeferred: e.daysDeferred },
      dedupeKey: `deferral-overdue:${e.situationId}:${e.deferredAt.toISOString()}`,
      email: this.email('DEFERRAL_OVERDUE'),
    };
    const agency = await this.repo.notifyAgencies({ ...base, agencyIds: [e.originatingAgencyId], roles: ['AGENCY_REP', 'COORDINATOR'] });
    return agency + (await this.repo.notifyAgencies({ ...base, agencyIds: null, roles: ['COORDINATOR'] }));
  }

  /** Notice of a disclosure not recorded by its due date (issue 17): the table's privacy officers, once per disclosure. In-app only. */
  async notifyDisclosureNoticeOverdue(e: { tableId: string; situationId: string; reference: string; disclosureId: string }): Promise<number> {
    return this.repo.notifyAgencies({
      tableId: e.tableId,
      situationId: e.situationId,
      agencyIds: null,
      roles: ['PRIVACY_OFFICER'],
      kind: 'DISCLOSURE_NOTICE_OVERDUE',
      payload: { reference: e.reference, disclosureId: e.disclosureId },
      dedupeKey: `disclosure-notice-overdue:${e.disclosureId}`,
      email: null,
    });
  }

  /**
   * Dormancy (issue 17): a situation with no activity for the table's flag period (`DORMANT`), or
   * closed by the system after its close period (`CLOSED_DORMANT`): the coordinators, once each.
   * The payload holds the reference and the idle days only.
   */
  async notifyDormant(e: { tableId: string; situationId: string; reference: string; idleDays: number; closed: boolean; at: Date }): Promise<number> {
    const kind = e.closed ? 'SITUATION_CLOSED_DORMANT' : 'SITUATION_DORMANT';
    return this.repo.notifyAgencies({
      tableId: e.tableId,
      situationId: e.situationId,
      kind,
      payload: { reference: e.reference, idleDays: e.idleDays },
      dedupeKey: `${kind.toLowerCase()}:${e.situationId}:${e.at.toISOString()}`,
      email: null,
      agencyIds: null,
      roles: ['COORDINATOR'],
    });
  }

  /** A lead unanswered 24 hours after it was given: the lead agency's representatives and the coordinators, once per lead given. */
  async notifyLeadAnswerOverdue(e: { tableId: string; situationId: string; reference: string; leadAgencyId: string; leadAssignedAt: Date }): Promise<number> {
    const base = {
      tableId: e.tableId,
      situationId: e.situationId,
      kind: 'LEAD_ANSWER_OVERDUE',
      payload: { reference: e.reference },
      dedupeKey: `lead-answer-overdue:${e.situationId}:${e.leadAssignedAt.toISOString()}`,
      email: this.email('LEAD_ANSWER_OVERDUE'),
    };
    const agency = await this.repo.notifyAgencies({ ...base, agencyIds: [e.leadAgencyId], roles: ['AGENCY_REP'] });
    return agency + (await this.repo.notifyAgencies({ ...base, agencyIds: null, roles: ['COORDINATOR'] }));
  }

  /** A declined lead (the situation is back to ACCEPTED): the coordinators, to assign again. */
  @OnEvent(SituationEvents.leadAnswered, { async: true, promisify: true, suppressErrors: true })
  async onLeadAnswered(e: SituationEvent): Promise<void> {
    if (e.status !== 'ACCEPTED') return;
    await this.safely('lead declined', () =>
      this.repo.notifyAgencies({
        tableId: e.tableId,
        situationId: e.situationId,
        agencyIds: null,
        roles: ['COORDINATOR'],
        kind: 'LEAD_DECLINED',
        payload: { reference: e.reference },
        dedupeKey: `lead-declined:${e.situationId}:${Date.now()}`,
        email: this.email('LEAD_DECLINED'),
      }),
    );
  }

  /**
   * A meeting's news to the table's members (coordinators and agency representatives): its agenda
   * is published, or its minutes are ready for review (the meeting closed). Once per meeting and
   * kind. The payload and the mail hold the meeting's id and date only, no situation.
   */
  async notifyMeeting(e: { tableId: string; meetingId: string; kind: MeetingEmailKind; date: string }): Promise<number> {
    return this.repo.notifyAgencies({
      tableId: e.tableId,
      situationId: null,
      agencyIds: null,
      roles: ['COORDINATOR', 'AGENCY_REP'],
      kind: e.kind,
      payload: { meetingId: e.meetingId, date: e.date },
      dedupeKey: `${e.kind.toLowerCase()}:${e.meetingId}`,
      email: this.email(e.kind),
    });
  }

  /**
   * Tells a user an administrator set their password (created or reset), in the administrator's
   * transaction: a reset the user does not hear of cannot commit. No password in the payload.
   */
  async passwordSetByAdministrator(m: EntityManager, userId: string, at: Date): Promise<void> {
    await this.repo.notifyUser(m, { userId, kind: 'PASSWORD_SET_BY_ADMINISTRATOR', payload: { at: at.toISOString() } });
  }

  /**
   * Tells every active administrator that a table's privacy officer asked for a role grant's
   * removal, in the request's transaction. Ids and the role only.
   */
  async accessRemovalRequested(m: EntityManager, adminIds: string[], payload: { tableId: string; requestId: string; userId: string; role: string }): Promise<void> {
    for (const userId of adminIds) await this.repo.notifyUser(m, { userId, kind: 'ACCESS_REMOVAL_REQUESTED', payload });
  }

  async list(user: Principal, query: PageQuery & { unread?: boolean }): Promise<Page<NotificationView>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor, TIME_ID_CURSOR);
    const rows = await this.repo.page(user.id, after, limit, query.unread === true);
    return toPage(rows, limit, (n) => [n.createdAt.toISOString(), n.id], map);
  }

  async markRead(user: Principal, id: string): Promise<void> {
    if (!(await this.repo.markRead(user.id, id, this.clock.now()))) throw DomainError.notFound('notification');
  }

  /** The caller's choice of e-mails: every kind on unless turned off. */
  async preferences(user: Principal): Promise<NotificationPreferencesView> {
    return this.viewOf(await this.emails.preferences(user.id));
  }

  /** Saves the caller's choice, audited (system chain) in the same transaction: which kinds are off, the language. */
  async savePreferences(user: Principal, actor: Actor, dto: NotificationPreferencesDto): Promise<NotificationPreferencesView> {
    const prefs = { emailOff: EMAIL_KINDS.filter((k) => !dto.emailKinds.includes(k)), language: dto.emailLanguage ?? null };
    await this.db.transaction(async (m) => {
      await this.emails.savePreferences(m, user.id, prefs, this.clock.now());
      await this.audit.record(m, actor, { action: 'me.notification_preferences.update', details: { emailOff: prefs.emailOff, emailLanguage: prefs.language } });
    });
    return this.viewOf(prefs);
  }

  private viewOf(prefs: { emailOff: string[]; language: string | null }): NotificationPreferencesView {
    return {
      emailAvailable: this.config.mail !== undefined,
      kinds: [...EMAIL_KINDS],
      emailKinds: EMAIL_KINDS.filter((k) => !prefs.emailOff.includes(k)),
      emailLanguage: prefs.language as EmailLanguage | null,
    };
  }

  private async safely(what: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.logger.error({ handler: what, err: (err as Error)?.name }, 'notification handler failed');
    }
  }
}
