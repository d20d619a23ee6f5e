import { Injectable, Logger } from '@nestjs/common';
import { I18nService } from 'nestjs-i18n';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, TableScope } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { CsvCell, csvStream } from '../../common/http/csv';
import type { Language } from '../../common/http/language';
import { decodeCursor, Page, pageLimit, TIME_ID_CURSOR, toPage } from '../../common/http/pagination';
import { AuditService } from '../audit/audit.service';
import { NotificationService } from '../notifications/notification.service';
import { isPeriod, parsePeriod, Period } from '../reports/period';
import { TableService } from '../tables/table.service';
import { TAXONOMY } from '../taxonomy/taxonomy.constants';
import {
  AuthorityConditions,
  authorityRefusal,
  closureConsentProblem,
  ClosureConsentProblem,
  consentTimeProblem,
  noticeDueAt,
  noticeStatus,
  recordedTimeProblem,
} from './domain/disclosure-rules';
import { ConsentDto, DisclosureExportQuery, DisclosureRegisterQuery, DisclosureView, NoticeDto, SituationDisclosuresView } from './disclosure.dto';
import { DisclosureRepository, DisclosureRow } from './disclosure.repository';

/** The conditions of an authority of the reference data in force (earlier versions had none: no sector limit, nothing required). */
export function authorityConditions(code: string): AuthorityConditions | undefined {
  const a = TAXONOMY.legalAuthorities.find((i) => i.code === code);
  if (!a) return undefined;
  return { code: a.code, sectors: a.sectors ?? [], requires: a.requires ?? { notice: null, consent: false }, retired: a.retired ?? false };
}

/** What `prepare` checked, for `record` in the same transaction. */
export interface PreparedDisclosure {
  authority: AuthorityConditions;
  agencyId: string;
  consent: { agencyId: string; obtainedAt: Date; scope: string } | null;
}

const REGISTER_BATCH = 200;
const CSV_COLUMNS = [
  'disclosedAt',
  'reference',
  'legalAuthority',
  'disclosingAgency',
  'receivingAgencies',
  'fields',
  'noticeStatus',
  'noticeDueAt',
  'noticeGivenAt',
  'noticeMethod',
  'consentRequired',
  'consentObtainedBy',
  'consentObtainedAt',
  'consentScope',
] as const;

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/**
 * Disclosures of identity (issue 17, section 1): one record per identity write with its authority,
 * the agencies disclosing and receiving, the names of the fields, and what the authority requires
 * (notice, consent). The vault records them inside its write; the disclosing agency records the
 * notice given and the consent; the privacy officer reads the register (never an identity value).
 */
@Injectable()
export class DisclosureService {
  private readonly logger = new Logger('Disclosures');

  constructor(
    private readonly repo: DisclosureRepository,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly tables: TableService,
    private readonly notifications: NotificationService,
    private readonly i18n: I18nService,
  ) {}

  /**
   * Checks a disclosure before the vault writes (the vault's transaction): the authority is known,
   * in force and open to the disclosing agency's sector (422 LEGAL_AUTHORITY_REFUSED, details.field
   * legalAuthority); an authority that requires consent needs the consent's details (400 naming
   * `consent`), obtained by one of the situation's agencies.
   */
  async prepare(
    m: EntityManager,
    input: { agencyId: string | null; legalAuthority: string; consent?: ConsentDto; situationAgencyIds: string[]; now: Date },
  ): Promise<PreparedDisclosure> {
    if (!input.agencyId) throw DomainError.forbidden('no agency');
    const authority = authorityConditions(input.legalAuthority);
    const refusal = authorityRefusal(authority, await this.repo.sectorOf(m, input.agencyId));
    if (refusal || !authority) {
      throw new DomainError(ErrorCode.LEGAL_AUTHORITY_REFUSED, { authority: input.legalAuthority }, { field: 'legalAuthority', reason: refusal ?? 'UNKNOWN' });
    }
    if (authority.requires.consent && !input.consent) {
      throw DomainError.validation([{ field: 'consent', problem: `is required by the legal authority ${authority.code}: who obtained it, when, its scope` }]);
    }
    let consent: PreparedDisclosure['consent'] = null;
    if (input.consent) {
      const agencyId = input.consent.obtainedByAgencyId?.toLowerCase() ?? input.agencyId;
      if (!input.situationAgencyIds.includes(agencyId)) throw DomainError.validation([{ field: 'consent.obtainedByAgencyId', problem: "must be one of the situation's agencies" }]);
      const obtainedAt = new Date(input.consent.obtainedAt);
      const problem = consentTimeProblem(obtainedAt, input.now, input.now);
      if (problem) throw DomainError.validation([{ field: 'consent.obtainedAt', problem }]);
      consent = { agencyId, obtainedAt, scope: input.consent.scope };
    }
    return { authority, agencyId: input.agencyId, consent };
  }

  /** Records the disclosure the vault just wrote, in its transaction; the receiving agencies are the others with standing now. */
  async record(
    m: EntityManager,
    p: PreparedDisclosure,
    d: { tableId: string; situationId: string; identityVersion: number; fields: string[]; standingAgencyIds: string[]; by: string; at: Date },
  ): Promise<string> {
    return this.repo.insert(m, {
      tableId: d.tableId,
      situationId: d.situationId,
      identityVersion: d.identityVersion,
      legalAuthority: p.authority.code,
      taxonomyVersion: TAXONOMY.version,
      disclosingAgencyId: p.agencyId,
      receivingAgencyIds: [...new Set(d.standingAgencyIds.filter((a) => a !== p.agencyId))],
      fields: d.fields,
      disclosedAt: d.at,
      disclosedBy: d.by,
      noticeMethodRequired: p.authority.requires.notice?.method ?? null,
      noticeDueAt: noticeDueAt(p.authority, d.at),
      consentRequired: p.authority.requires.consent,
      consent: p.consent,
    });
  }

  /** An agency read the identity: it is a receiving agency of the latest disclosure. Never fails the read. */
  async noteReader(situationId: string, agencyId: string | null): Promise<void> {
    if (!agencyId) return;
    try {
      await this.repo.addReceiver(this.db, situationId, agencyId);
    } catch (err) {
      this.logger.error({ err: (err as Error)?.name }, 'receiving agency not recorded');
    }
  }

  /**
   * Closure's consent status against the record (domain/disclosure-rules.ts closureConsentProblem),
   * in the closure's transaction: the problem, or null.
   */
  async closureConsentProblem(m: EntityManager, situationId: string, situationType: string | null, consentStatus: string): Promise<ClosureConsentProblem | null> {
    return closureConsentProblem(situationType, consentStatus, await this.repo.anyUnderConsent(m, situationId));
  }

  /** A situation's disclosures (its agencies with standing, coordinators, privacy officers): no identity value. Audited. */
  async forSituation(scope: TableScope, actor: Actor, situationId: string): Promise<SituationDisclosuresView> {
    const s = await this.repo.situationOf(this.db, situationId, scope.tableId);
    if (!s) throw DomainError.notFound('situation');
    const byRole = scope.roles.includes('COORDINATOR') || scope.roles.includes('PRIVACY_OFFICER');
    const agencies = [s.originatingAgencyId, s.leadAgencyId, ...(s.assistingAgencyIds ?? [])];
    if (!byRole && !(actor.agencyId && agencies.includes(actor.agencyId))) {
      await this.audit.recordDenied(actor, { action: 'disclosure.list', tableId: scope.tableId, situationId, details: { reason: ErrorCode.FORBIDDEN } });
      throw DomainError.forbidden('standing');
    }
    const rows = await this.repo.ofSituation(this.db, situationId, scope.tableId);
    await this.audit.recordAlone(actor, { action: 'disclosure.list', tableId: scope.tableId, situationId, details: { count: rows.length } });
    const now = this.clock.now();
    return { items: rows.map((r) => viewOf(r, now)) };
  }

  /**
   * Standing of a notice or consent record (the route's guard, before the body): the disclosure
   * exists on this situation (404) and the caller is a representative of its disclosing agency (403).
   */
  async disclosingAgencyRefusal(scope: TableScope, actor: Actor, situationId: string, disclosureId: string, step: 'notice' | 'consent'): Promise<DomainError | null> {
    const d = await this.repo.find(this.db, situationId, disclosureId);
    if (!d || d.tableId !== scope.tableId) return DomainError.notFound('disclosure');
    if (!scope.roles.includes('AGENCY_REP') || actor.agencyId !== d.disclosingAgencyId) return DomainError.forbidden('disclosing agency');
    return step === 'notice' ? noticeRefusal(d) : null;
  }

  /** The disclosing agency records the notice it gave: once; not before the disclosure nor in the future. Audited `disclosure.notice`. */
  async recordNotice(scope: TableScope, actor: Actor, situationId: string, disclosureId: string, dto: NoticeDto): Promise<DisclosureView> {
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const d = await this.locked(m, scope, actor, situationId, disclosureId);
      const refused = noticeRefusal(d);
      if (refused || !d.noticeDueAt) throw refused ?? DomainError.conflict('NOTICE_NOT_REQUIRED');
      const givenAt = new Date(dto.givenAt);
      const problem = recordedTimeProblem(givenAt, now, d.disclosedAt);
      if (problem) throw DomainError.validation([{ field: 'givenAt', problem }]);
      if (!(await this.repo.recordNotice(m, d.id, { givenAt, method: dto.method, by: actor.userId!, at: now }))) throw DomainError.conflict('NOTICE_ALREADY_RECORDED');
      await this.audit.record(m, actor, {
        action: 'disclosure.notice',
        tableId: scope.tableId,
        situationId,
        details: { disclosureId: d.id, method: dto.method, givenAt: givenAt.toISOString(), onTime: givenAt.getTime() <= d.noticeDueAt.getTime() },
      });
      return viewOf((await this.repo.find(m, situationId, d.id))!, now);
    });
  }

  /** The disclosing agency records (or corrects) the person's consent. Audited `disclosure.consent`. */
  async recordConsent(scope: TableScope, actor: Actor, situationId: string, disclosureId: string, dto: ConsentDto): Promise<DisclosureView> {
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const d = await this.locked(m, scope, actor, situationId, disclosureId);
      const s = (await this.repo.situationOf(m, situationId, scope.tableId))!;
      const agencyId = dto.obtainedByAgencyId?.toLowerCase() ?? d.disclosingAgencyId;
      if (![s.originatingAgencyId, s.leadAgencyId, ...(s.assistingAgencyIds ?? [])].includes(agencyId)) {
        throw DomainError.validation([{ field: 'obtainedByAgencyId', problem: "must be one of the situation's agencies" }]);
      }
      const obtainedAt = new Date(dto.obtainedAt);
      const problem = consentTimeProblem(obtainedAt, now, d.disclosedAt);
      if (problem) throw DomainError.validation([{ field: 'obtainedAt', problem }]);
      await this.repo.recordConsent(m, d.id, { agencyId, obtainedAt, scope: dto.scope, by: actor.userId!, at: now });
      await this.audit.record(m, actor, {
        action: 'disclosure.consent',
        tableId: scope.tableId,
        situationId,
        details: { disclosureId: d.id, obtainedByAgencyId: agencyId, obtainedAt: obtainedAt.toISOString(), scope: dto.scope, replaced: d.consentObtainedAt !== null },
      });
      return viewOf((await this.repo.find(m, situationId, d.id))!, now);
    });
  }

  /** The disclosure register of a period (PRIVACY_OFFICER): paged, newest first, with the notice status. Audited `disclosure.register`. */
  async register(scope: TableScope, actor: Actor, q: DisclosureRegisterQuery): Promise<Page<DisclosureView>> {
    const period = await this.periodOf(scope.tableId, q.period);
    const limit = pageLimit(q);
    const now = this.clock.now();
    const after = decodeCursor(q.cursor, TIME_ID_CURSOR);
    const rows = await this.repo.page(this.db, { tableId: scope.tableId, from: period.from, to: period.to, now, noticeStatus: q.noticeStatus, after }, limit);
    await this.audit.recordAlone(actor, {
      action: 'disclosure.register',
      tableId: scope.tableId,
      details: { period: period.code, ...(q.noticeStatus ? { noticeStatus: q.noticeStatus } : {}), count: Math.min(rows.length, limit) },
    });
    return toPage(
      rows,
      limit,
      (r) => [r.disclosedAt.toISOString(), r.id],
      (r) => viewOf(r, now),
    );
  }

  /** The register as CSV (the one CSV writer: cells neutralised; French with semicolons). Audited `disclosure.export`. */
  async exportCsv(scope: TableScope, actor: Actor, q: DisclosureExportQuery, lang: Language): Promise<Readable> {
    const period = await this.periodOf(scope.tableId, q.period);
    const now = this.clock.now();
    await this.audit.recordAlone(actor, {
      action: 'disclosure.export',
      tableId: scope.tableId,
      details: { period: period.code, ...(q.noticeStatus ? { noticeStatus: q.noticeStatus } : {}) },
    });
    const repo = this.repo;
    const db = this.db;
    async function* rows(): AsyncGenerator<CsvCell[]> {
      let after: readonly [string, string] | null = null;
      for (;;) {
        const batch = await repo.page(db, { tableId: scope.tableId, from: period.from, to: period.to, now, noticeStatus: q.noticeStatus, after }, REGISTER_BATCH);
        for (const r of batch.slice(0, REGISTER_BATCH)) {
          yield [
            r.disclosedAt.toISOString(),
            r.reference,
            r.legalAuthority,
            r.disclosingAgencyName,
            r.receivingAgencyNames.join(' | '),
            r.fields.join(' | '),
            noticeStatus(r, now),
            iso(r.noticeDueAt),
            iso(r.noticeGivenAt),
            r.noticeMethod,
            r.consentRequired,
            r.consentAgencyName,
            iso(r.consentObtainedAt),
            r.consentScope,
          ];
        }
        if (batch.length <= REGISTER_BATCH) return;
        const last = batch[REGISTER_BATCH - 1];
        after = [last.disclosedAt.toISOString(), last.id];
      }
    }
    return csvStream(
      CSV_COLUMNS.map((c) => this.i18n.translate(`disclosures.csv.${c}`, { lang }) as string),
      rows(),
      lang,
    );
  }

  /**
   * The notice overdue alert (a 15-minute job): disclosures whose notice is required and not recorded
   * by its due date are claimed once (marked in the claiming statement: idempotent across replicas),
   * audited, and the table's privacy officers notified (`DISCLOSURE_NOTICE_OVERDUE`).
   */
  async notifyNoticesOverdue(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.db.transaction(async (m) => {
      const rows = await this.repo.claimOverdueNotices(m, now, 500);
      for (const r of rows) {
        await this.audit.record(
          m,
          { userId: null, agencyId: null, requestId: null },
          { action: 'disclosure.notice_overdue', tableId: r.tableId, situationId: r.situationId, details: { disclosureId: r.id, dueAt: r.noticeDueAt.toISOString() } },
        );
      }
      return rows;
    });
    for (const r of claimed) {
      try {
        await this.notifications.notifyDisclosureNoticeOverdue({ tableId: r.tableId, situationId: r.situationId, reference: r.reference, disclosureId: r.id });
      } catch (err) {
        this.logger.error({ err: (err as Error)?.name }, 'notice overdue notification failed');
      }
    }
    return claimed.length;
  }

  private async locked(m: EntityManager, scope: TableScope, actor: Actor, situationId: string, disclosureId: string): Promise<DisclosureRow> {
    const d = await this.repo.find(m, situationId, disclosureId, true);
    if (!d || d.tableId !== scope.tableId) throw DomainError.notFound('disclosure');
    if (actor.agencyId !== d.disclosingAgencyId) throw DomainError.forbidden('disclosing agency');
    return d;
  }

  private async periodOf(tableId: string, code: string | undefined): Promise<Period> {
    const period = parsePeriod(code, await this.tables.timeZoneOf(tableId), this.clock.now());
    if (!isPeriod(period)) throw DomainError.validation([{ field: 'period', problem: period.problem }]);
    return period;
  }
}

function viewOf(r: DisclosureRow, now: Date): DisclosureView {
  const receiving = r.receivingAgencyIds.map((id, i) => ({ id, name: r.receivingAgencyNames[i] ?? '' }));
  return {
    id: r.id,
    situationId: r.situationId,
    reference: r.reference,
    legalAuthority: r.legalAuthority,
    taxonomyVersion: r.taxonomyVersion,
    identityVersion: r.identityVersion,
    disclosingAgency: { id: r.disclosingAgencyId, name: r.disclosingAgencyName },
    receivingAgencies: receiving,
    fields: r.fields,
    disclosedAt: r.disclosedAt.toISOString(),
    notice: {
      status: noticeStatus(r, now),
      requiredMethod: r.noticeMethodRequired,
      dueAt: iso(r.noticeDueAt),
      givenAt: iso(r.noticeGivenAt),
      method: r.noticeMethod,
    },
    consent: {
      required: r.consentRequired,
      obtainedBy: r.consentAgencyId ? { id: r.consentAgencyId, name: r.consentAgencyName ?? '' } : null,
      obtainedAt: iso(r.consentObtainedAt),
      scope: r.consentScope,
    },
  };
}

/**
 * Why a notice cannot be recorded on this disclosure, whatever the body holds (409, before the
 * content: api.md): its authority requires none, or it is recorded already. The guard asks before
 * the body is validated, `recordNotice` again under the lock.
 */
function noticeRefusal(d: { noticeDueAt: Date | null; noticeGivenAt: Date | null }): DomainError | null {
  if (!d.noticeDueAt) return DomainError.conflict('NOTICE_NOT_REQUIRED');
  if (d.noticeGivenAt) return DomainError.conflict('NOTICE_ALREADY_RECORDED');
  return null;
}
