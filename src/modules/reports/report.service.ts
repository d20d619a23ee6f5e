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
import { isStub, SITUATION_STATUSES } from '../situations/domain/situation-state';
import { TableService } from '../tables/table.service';
import { categoriesOf } from '../taxonomy/taxonomy.catalogue';
import { TAXONOMY } from '../taxonomy/taxonomy.constants';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { CountPublisher, DISCLOSURE_CONTROL } from './disclosure';
import { isPeriod, parsePeriod, Period } from './period';
import { ReportPeriodQuery, ReportSummaryView } from './report.dto';
import { Dimension, DIMENSIONS, ReportRepository, RtdRow } from './report.repository';
import { Breakdown, breakdown, fromPublisher, rate, statistic } from './publication';
import { Cell, isSmall, suppressCells } from './suppression';

const LIST_OF: Partial<Record<Dimension, Parameters<TaxonomyService['label']>[0]>> = {
  situation_type: 'situationTypes',
  age_band: 'ageBands',
  gender: 'genders',
  originating_sector: 'sectors',
  lead_sector: 'sectors',
  conclusion: 'conclusions',
  consent_status: 'consentStatuses',
};
const codesOf = (list: readonly { code: string }[]) => list.map((x) => x.code);
/**
 * The cells every summary lists, whatever the data: a cell that appeared only when it held a
 * referral would say it is not empty. NOT_APPLICABLE where the column may be empty.
 */
const CELLS: Record<Dimension, readonly string[]> = {
  status: SITUATION_STATUSES,
  situation_type: codesOf(TAXONOMY.situationTypes),
  age_band: [...codesOf(TAXONOMY.ageBands), 'NOT_APPLICABLE'],
  gender: [...new Set([...codesOf(TAXONOMY.genders), 'NOT_APPLICABLE'])],
  originating_sector: codesOf(TAXONOMY.sectors),
  lead_sector: [...codesOf(TAXONOMY.sectors), 'NOT_APPLICABLE'],
  conclusion: [...codesOf(TAXONOMY.conclusions), 'NOT_APPLICABLE'],
  consent_status: [...new Set([...codesOf(TAXONOMY.consentStatuses), 'NOT_APPLICABLE'])],
};
const CATEGORY_CELLS = codesOf(TAXONOMY.riskCategories);
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
    if (q.from !== undefined || q.to !== undefined) {
      throw DomainError.validation([q.from !== undefined ? 'from' : 'to'].map((field) => ({ field, problem: PERIOD_PROBLEM })));
    }
    const timeZone = tableId ? await this.tables.timeZoneOf(tableId) : DEFAULT_TIME_ZONE;
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

  async summary(tableId: string | null, actor: Actor, q: ReportPeriodQuery, lang: Language): Promise<ReportSummaryView> {
    const period = await this.period(tableId, q);
    const scope = { tableId, from: period.from, to: period.to };
    const [c, t] = await Promise.all([this.repo.counts(scope), this.repo.timings(scope)]);
    const publisher = this.publisherFor(tableId);
    const source = fromPublisher(publisher);
    const counted = publisher.count('total', c.total);
    // each single-valued dimension adds up to the total: one that the total would betray withholds the total (R6)
    const dimensions = counted.suppressed
      ? null
      : new Map(
          DIMENSIONS.map((d) => [
            d,
            breakdown(source, { name: d, population: c.total, populationCell: 'total', listed: CELLS[d], counts: c.counts[d], label: (code) => this.labelOf(d, code, lang) }),
          ]),
        );
    const total = dimensions && ![...dimensions.values()].some((b) => b.suppressed) ? counted : { count: null, suppressed: true };
    const dimension = (d: Dimension): Cell[] => (total.suppressed ? [] : withoutShares(dimensions!.get(d)!));
    const label = (code: string) => this.taxonomy.label('riskCategories', code, lang);
    const pairs = total.suppressed
      ? []
      : suppressCells(
          [...c.pairs].filter(([, n]) => !isSmall(n)).map(([code, count]) => ({ code, label: code.split('+').map(label).join(' + '), count })),
          null,
          (code, n) => publisher.round(`pair:${code}`, n),
        )
          // ordered by the published counts: the exact ones would rank cells the rounding made equal
          .sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || a.code.localeCompare(b.code))
          .slice(0, 50);
    const report = {
      tableId,
      period: period.code,
      periodKind: period.kind,
      timeZone: period.timeZone,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      language: lang,
      minimumCell: DISCLOSURE_CONTROL.minimumCell,
      disclosureControl: DISCLOSURE_CONTROL,
      total: total.count,
      byStatus: dimension('status'),
      bySituationType: dimension('situation_type'),
      byAgeBand: dimension('age_band'),
      byGender: dimension('gender'),
      byOriginatingSector: dimension('originating_sector'),
      byLeadSector: dimension('lead_sector'),
      byConclusion: dimension('conclusion'),
      byConsentStatus: dimension('consent_status'),
      byRiskCategory: total.suppressed
        ? []
        : withoutShares(breakdown(source, { name: 'category', population: c.total, populationCell: 'total', listed: CATEGORY_CELLS, counts: c.categories, label, multi: true })),
      riskCategoryPairs: pairs,
      acceptanceRate: rate(source, 'rate:accepted', c.accepted, c.decided),
      riskLoweredShare: rate(source, 'rate:lowered', c.lowered, c.closed),
      hoursToMobilization: statistic(source, 'hoursToMobilization', t.hoursToMobilization.n, {
        median: [0.5, t.hoursToMobilization.median],
        p90: [0.9, t.hoursToMobilization.p90],
      }),
      daysOpen: statistic(source, 'daysOpen', t.daysOpen.n, { median: [0.5, t.daysOpen.median] }),
    };
    await this.audit.recordAlone(actor, { action: tableId ? 'report.summary' : 'report.province', tableId, details: { period: period.code, from: report.from, to: report.to } });
    return report;
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

  private labelOf(d: Dimension, code: string, lang: Language): string {
    if (d === 'status' || code === 'NOT_APPLICABLE') return this.taxonomy.statusLabel(code, lang);
    const list = LIST_OF[d];
    return list ? this.taxonomy.label(list, code, lang) : code;
  }
}

/** The summary's cells: counts without the shares the indicators add. */
const withoutShares = (b: Breakdown): Cell[] => b.cells.map(({ share: _share, ...cell }) => cell);
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
