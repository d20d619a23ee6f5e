import { Inject, Injectable } from '@nestjs/common';
import { I18nService } from 'nestjs-i18n';
import { hkdfSync } from 'node:crypto';
import { Readable } from 'node:stream';
import { Actor } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { DEFAULT_TIME_ZONE, localDate } from '../../common/clock/time-zone';
import { DomainError } from '../../common/errors/domain-error';
import { csvStream } from '../../common/http/csv';
import type { Language } from '../../common/http/language';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { isStub } from '../situations/domain/situation-state';
import { TableService } from '../tables/table.service';
import { categoriesOf } from '../taxonomy/taxonomy.catalogue';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { CountPublisher } from './disclosure';
import { isPeriod, parsePeriod, Period } from './period';
import { ReportPeriodQuery } from './report.dto';
import { ReportRepository, RtdRow } from './report.repository';

const RTD_COLUMNS = [
  'discussionId',
  'status',
  'dateCreated',
  'dateDecided',
  'dateClosed',
  'situationType',
  'ageBand',
  'gender',
  'originatingSector',
  'riskFactors',
  'riskCategories',
  'studyFlags',
  'protectiveFactors',
  'leadSector',
  'assistingSectors',
  'services',
  'conclusion',
  'consentStatus',
  'daysOpen',
] as const;
const PERIOD_PROBLEM = 'reports cover fixed periods only: period=2026 (a year), 2026-Q3 (a quarter) or 2026-07 (a month)';

/**
 * De-identified statistics (domain.md, "Privacy rules"): no free text, no identity; fixed
 * calendar periods in the table's time zone; counts below 5 withheld and the others randomly
 * rounded to base 5 under a keyed hash (disclosure.ts), so overlapping periods cannot be
 * subtracted to isolate a referral.
 */
@Injectable()
export class ReportService {
  private readonly roundingKey: Buffer;

  constructor(
    private readonly repo: ReportRepository,
    private readonly taxonomy: TaxonomyService,
    private readonly tables: TableService,
    private readonly audit: AuditService,
    private readonly i18n: I18nService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // a key of its own, derived from the master key (HKDF): never the master key itself
    this.roundingKey = Buffer.from(hkdfSync('sha256', config.secrets.identityMasterKey, Buffer.alloc(0), 'situation-table/report-rounding/v1', 32));
  }

  /** The fixed period of a query, in the table's time zone (the province's for the province). 400 for anything else. */
  async period(tableId: string | null, q: ReportPeriodQuery): Promise<Period> {
    return this.periodIn(tableId ? await this.tables.timeZoneOf(tableId) : DEFAULT_TIME_ZONE, q);
  }

  /** The fixed period of a query in a time zone (a table's, a region's): `from` and `to` refused, a code that is no period 400. */
  periodIn(timeZone: string, q: ReportPeriodQuery): Period {
    if (q.from !== undefined || q.to !== undefined) {
      throw DomainError.validation([q.from !== undefined ? 'from' : 'to'].map((field) => ({ field, problem: PERIOD_PROBLEM })));
    }
    const p = parsePeriod(q.period, timeZone, this.clock.now());
    if (!isPeriod(p)) throw DomainError.validation([{ field: 'period', problem: p.problem }]);
    return p;
  }

  /** The publisher of a scope's counts: its draws keyed by the table id, or `province`. */
  publisherFor(tableId: string | null): CountPublisher {
    return new CountPublisher(this.roundingKey, tableId ?? 'province');
  }

  /** The publisher of a region's counts: its draws keyed by `region:<id>` (docs/evaluation.md R4). */
  regionPublisher(regionId: string): CountPublisher {
    return new CountPublisher(this.roundingKey, `region:${regionId}`);
  }

  /** One de-identified row per discussion in the RTD's shape, dates local to the table; rejected and withdrawn keep only their stub. */
  async rtdExport(tableId: string, actor: Actor, q: ReportPeriodQuery, lang: Language): Promise<Readable> {
    const period = await this.period(tableId, q);
    const { from, to } = period;
    await this.audit.recordAlone(actor, { action: 'report.rtd-export', tableId, details: { period: period.code, from: from.toISOString(), to: to.toISOString() } });
    const header = RTD_COLUMNS.map((c) => this.i18n.translate(`reports.rtd.${c}`, { lang }) as string);
    const na = this.i18n.translate('reports.rtd.notApplicable', { lang }) as string;
    const taxonomy = this.taxonomy;
    // cells as labels in the caller's language (list labels, 50 characters at most); lists joined the language's way
    const labels: RtdLabels = {
      na,
      status: (code) => taxonomy.statusLabel(code, lang),
      item: (list, code) => taxonomy.shortLabel(list, code, lang),
      separator: lang === 'fr' ? '\u202F; ' : '; ',
    };
    const repo = this.repo;
    const now = this.clock.now();
    async function* rows(): AsyncGenerator<string[]> {
      let after: [Date, string] | null = null;
      for (;;) {
        const batch = await repo.rtdBatch({ tableId, from, to }, after, 1000);
        for (const r of batch) yield rtdRow(r, labels, now, period.timeZone);
        if (batch.length < 1000) return;
        after = [batch[batch.length - 1].createdAt, batch[batch.length - 1].id];
      }
    }
    return csvStream(header, rows(), lang);
  }
}

const dayIn = (d: Date | null, timeZone: string) => (d ? localDate(d, timeZone) : '');
/** How the RTD export writes its cells: labels of the caller's language. */
interface RtdLabels {
  na: string;
  status(code: string): string;
  item(list: Parameters<TaxonomyService['shortLabel']>[0], code: string): string;
  separator: string;
}

function rtdRow(r: RtdRow, l: RtdLabels, now: Date, timeZone: string): string[] {
  const { na } = l;
  const day = (d: Date | null) => dayIn(d, timeZone);
  const one = (list: Parameters<TaxonomyService['shortLabel']>[0], code: string | null | undefined) => (code ? l.item(list, code) : na);
  const many = (list: Parameters<TaxonomyService['shortLabel']>[0], codes: string[] | null | undefined) =>
    codes && codes.length ? codes.map((c) => l.item(list, c)).join(l.separator) : na;
  if (isStub(r.status as never)) {
    return [
      r.reference,
      l.status(r.status),
      day(r.createdAt),
      day(r.decidedAt) || na,
      na,
      one('situationTypes', r.situationType),
      na,
      na,
      one('sectors', r.originatingSector),
      na,
      na,
      na,
      na,
      na,
      na,
      na,
      na,
      na,
      na,
    ];
  }
  const codes = (r.riskFactors ?? []).map((f) => f.code);
  const end = r.closedAt ?? now;
  return [
    r.reference,
    l.status(r.status),
    day(r.createdAt),
    day(r.decidedAt) || na,
    day(r.closedAt) || na,
    one('situationTypes', r.situationType),
    one('ageBands', r.ageBand),
    one('genders', r.gender),
    one('sectors', r.originatingSector),
    many('riskFactors', codes),
    many('riskCategories', categoriesOf(codes)),
    many('studyFlags', r.studyFlags),
    many('protectiveFactors', r.protectiveFactors),
    one('sectors', r.leadSector),
    many('sectors', r.assistingSectors),
    many('services', r.services),
    one('conclusions', r.conclusion),
    one('consentStatuses', r.consentStatus),
    String(Math.floor((end.getTime() - r.createdAt.getTime()) / 86_400_000)),
  ];
}
