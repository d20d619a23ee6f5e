import { Injectable, Logger } from '@nestjs/common';
import { Actor } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { DEFAULT_TIME_ZONE, startOfLocalDay } from '../../common/clock/time-zone';
import { DomainError } from '../../common/errors/domain-error';
import type { Language } from '../../common/http/language';
import { AuditService } from '../audit/audit.service';
import { ACTION_NOT_DONE_REASONS } from '../situations/domain/actions';
import { SITUATION_STATUSES } from '../situations/domain/situation-state';
import { SYSTEM_BARRIER_CODES, SYSTEM_BARRIER_CONTEXTS } from '../situations/domain/system-barriers';
import { TableService } from '../tables/table.service';
import { TAXONOMY } from '../taxonomy/taxonomy.constants';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { DISCLOSURE_CONTROL } from './disclosure';
import { IndicatorRepository } from './indicator.repository';
import { Indicators, IndicatorVocabulary } from './indicators';
import { Period, quartersThrough } from './period';
import { IndicatorsView, ReportPeriodQuery, ReportSummaryView, TrendPointView, TrendQuery, TrendView } from './report.dto';
import { ReportService } from './report.service';
import { RegionService } from '../regions/region.service';
import { IndicatorFacts } from './indicators';
import { FigureReader, publishInUnits, publishPlanned, sumFacts, ScopedPeriod, UnitMemo, UnitPlan } from './unit-publisher';
import { publishSummary } from './summary-figures';

/** How long a change to what the indicators count is kept apart before it is compacted with its table's day. */
export const REPORT_CHANGES_KEPT_MINUTES = 10;

const codesOf = (list: readonly { code: string }[]) => list.map((x) => x.code);
/** The age bands of people under 18 (docs/evaluation.md, "minor"). */
export const MINOR_AGE_BANDS = ['0-5', '6-11', '12-15', '16-17'] as const;

/**
 * The evaluation indicators (docs/evaluation.md): one fixed period, or a trend of 8 quarters whose
 * every point is the very figure `period=` that quarter publishes (one computation serves both).
 * Every read is audited with its scope and periods.
 */
@Injectable()
export class IndicatorService {
  private readonly logger = new Logger('Indicators');

  constructor(
    private readonly repo: IndicatorRepository,
    private readonly reports: ReportService,
    private readonly taxonomy: TaxonomyService,
    private readonly tables: TableService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly regions: RegionService,
  ) {}

  /** The last protected units (a region-year of 20 tables is a few MB): rebuilt whenever a count differs. */
  private readonly units = new UnitMemo(8);

  async indicators(tableId: string | null, actor: Actor, q: ReportPeriodQuery, lang: Language): Promise<IndicatorsView> {
    const period = await this.reports.period(tableId, q);
    const now = this.clock.now();
    const [published] = await this.publish(tableId, [period], now, lang);
    await this.audit.recordAlone(actor, { action: 'report.indicators', tableId, details: { period: period.code, from: period.from.toISOString(), to: period.to.toISOString() } });
    return {
      ...frame(tableId, period.timeZone, lang, now),
      period: period.code,
      periodKind: period.kind,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      ...published,
    };
  }

  /**
   * The summary of a fixed period (a table's, or the province's): its figures read out of the same
   * disclosure unit as the indicators' (summary-figures.ts, R1), its medians from the period's own
   * durations. Audited `report.summary` (`report.province`) with the period.
   */
  async summary(tableId: string | null, actor: Actor, q: ReportPeriodQuery, lang: Language): Promise<ReportSummaryView> {
    const period = await this.reports.period(tableId, q);
    const now = this.clock.now();
    // its medians read with its counts, in the same snapshot (the reader is handed them: `withTimings`)
    const [figures] = await this.publish(tableId, [period], now, lang, (f, source, v, timings) => publishSummary(f, source, v, timings), true);
    const view: ReportSummaryView = {
      tableId,
      period: period.code,
      periodKind: period.kind,
      timeZone: period.timeZone,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      language: lang,
      minimumCell: DISCLOSURE_CONTROL.minimumCell,
      disclosureControl: DISCLOSURE_CONTROL,
      ...figures,
    };
    await this.audit.recordAlone(actor, { action: tableId ? 'report.summary' : 'report.province', tableId, details: { period: period.code, from: view.from, to: view.to } });
    return view;
  }

  async trend(tableId: string | null, actor: Actor, q: TrendQuery, lang: Language): Promise<TrendView> {
    const timeZone = tableId ? await this.tables.timeZoneOf(tableId) : DEFAULT_TIME_ZONE;
    const now = this.clock.now();
    const quarters = quartersThrough(q.through, timeZone, now);
    if (!Array.isArray(quarters)) throw DomainError.validation([{ field: 'through', problem: quarters.problem }]);
    const published = await this.publish(tableId, quarters, now, lang);
    const through = quarters[quarters.length - 1].code;
    await this.audit.recordAlone(actor, { action: 'report.trend', tableId, details: { through, quarters: quarters.map((p) => p.code) } });
    return { ...frame(tableId, timeZone, lang, now), through, quarters: quarters.map((p, i) => trendPoint(p, published[i])) };
  }

  /**
   * The indicators of consecutive periods, published in the units of their years: the counts of
   * every month of those years in one read per source, the quantiles of the periods asked for (and
   * the summary's medians, `withTimings`, handed to the reader).
   */
  async publish<T = Indicators>(tableId: string | null, periods: readonly Period[], now: Date, lang: Language, reader?: FigureReader<T>, withTimings = false): Promise<T[]> {
    // a table in a region that publishes: those years' figures are read out of the region's unit (R1, relation (c) of R6)
    if (tableId) {
      const units = await this.regions.unitsOfTable(tableId, yearsOf(periods));
      if (units.size > 0) return (await this.publishRegional({ tableId }, periods, units, now, lang, reader, withTimings)).asked;
    }
    const { months, bounds } = monthsOfYears(periods);
    const read = await this.repo.read({ tableId, bounds, now }, [...periods.map((p) => p.from), periods[periods.length - 1].to], withTimings);
    return publishInUnits(
      months.map((month, i) => ({ month, facts: read.months[i] })),
      periods.map((p, i) => ({ code: p.code, quantiles: read.quantiles[i], timings: read.timings?.[i] })),
      this.reports.publisherFor(tableId),
      this.vocabulary(lang),
      // fail safe: a unit that cannot be protected publishes nothing (every figure withheld), never a 500
      (year, error) => this.logger.error({ event: 'report.unit-withheld', scope: tableId ?? 'province', year, reason: error.message }, 'a publication unit was withheld whole'),
      reader,
      this.units,
    );
  }

  /**
   * The periods of a region, or of one of its member tables, each year published in its region-year
   * unit (docs/evaluation.md R5, relation (c) of R6): the region's cells (drawn under `region:<id>`),
   * each member table's cells (under the table's own draws, so the same figure as the table's route)
   * and region = sum of members for every cell and period, protected together. `years` holds the
   * region and members of each year that publishes (2 tables or more); a year absent publishes nothing for a
   * region, and a table's own unit for a table. For a region, `members` holds each member table's
   * figures of the periods asked (quantiles withheld: not read per table).
   */
  async publishRegional<T = Indicators>(
    target: { regionId: string } | { tableId: string },
    periods: readonly Period[],
    years: ReadonlyMap<number, { regionId: string; tableIds: readonly string[] }>,
    now: Date,
    lang: Language,
    reader?: FigureReader<T>,
    withTimings = false,
  ): Promise<{ asked: T[]; members: Map<string, T[]> }> {
    const { months, bounds } = monthsOfYears(periods);
    const tableIds = [...new Set([...[...years.values()].flatMap((u) => u.tableIds), ...('tableId' in target ? [target.tableId] : [])])].sort();
    const yearOf = (p: Period) => Number(p.code.slice(0, 4));
    // quantiles: a table's over its consecutive periods; a region's per period, over that year's members
    const quantileScopes =
      'tableId' in target
        ? [{ tableIds: [target.tableId], bounds: [...periods.map((p) => p.from), periods[periods.length - 1].to] }]
        : periods.map((p) => ({ tableIds: years.get(yearOf(p))?.tableIds ?? [], bounds: [p.from, p.to] }));
    const read = await this.repo.readTables(tableIds, bounds, now, quantileScopes, withTimings);
    const monthsOf = (id: string) => new Map(months.map((month, i) => [month, read.months.get(id)![i]]));
    const regionMonths = (ids: readonly string[]) => new Map(months.map((month, i) => [month, sumFacts(ids.map((id) => read.months.get(id)![i]))]));
    const tablePrefix = (id: string) => `table:${id}|`;
    const plans = new Map<number, UnitPlan>();
    for (const y of yearsOf(periods)) {
      const unit = years.get(y);
      if (unit)
        plans.set(y, {
          scopes: [
            { prefix: 'region|', publisher: this.reports.regionPublisher(unit.regionId), months: regionMonths(unit.tableIds) },
            ...unit.tableIds.map((id) => ({ prefix: tablePrefix(id), publisher: this.reports.publisherFor(id), months: monthsOf(id) })),
          ],
          aggregated: true,
        });
      else if ('tableId' in target)
        plans.set(y, {
          scopes: [{ prefix: tablePrefix(target.tableId), publisher: this.reports.publisherFor(target.tableId), months: monthsOf(target.tableId) }],
          aggregated: false,
        });
      else plans.set(y, null);
    }
    const noQuantiles = (f?: IndicatorFacts) => ({
      hoursToDecision: { n: f?.hoursToDecision.n ?? 0, median: null, p90: null },
      hoursToAssignment: { n: f?.hoursToAssignment.n ?? 0, median: null, p90: null },
      hoursToMobilization: { n: f?.hoursToMobilization.n ?? 0, median: null, p90: null },
    });
    const asked: ScopedPeriod[] = periods.map((p, i) => ({
      code: p.code,
      prefix: 'tableId' in target ? tablePrefix(target.tableId) : 'region|',
      quantiles: 'tableId' in target ? read.quantiles[0][i] : read.quantiles[i][0],
      timings: 'tableId' in target ? read.timings?.[0][i] : read.timings?.[i][0],
    }));
    const memberAsks: { tableId: string; index: number }[] = [];
    if ('regionId' in target)
      periods.forEach((p, index) => {
        for (const id of years.get(yearOf(p))?.tableIds ?? []) {
          memberAsks.push({ tableId: id, index });
          asked.push({ code: p.code, prefix: tablePrefix(id), quantiles: noQuantiles() });
        }
      });
    const published = publishPlanned(
      plans,
      asked,
      this.vocabulary(lang),
      (year, error) =>
        this.logger.error(
          { event: 'report.unit-withheld', scope: 'regionId' in target ? `region:${target.regionId}` : target.tableId, year, reason: error.message },
          'a publication unit was withheld whole',
        ),
      reader,
      this.units,
    );
    const members = new Map<string, T[]>();
    memberAsks.forEach((m, i) => {
      const list = members.get(m.tableId) ?? periods.map(() => null as unknown as T);
      list[m.index] = published[periods.length + i];
      members.set(m.tableId, list);
    });
    return { asked: published.slice(0, periods.length), members };
  }

  /**
   * Compacts the changes recorded more than REPORT_CHANGES_KEPT_MINUTES ago, which the months the
   * servers keep counted are checked against (IndicatorRepository): one row a table and day. Returns
   * how many rows were merged away (the scheduled job's count).
   */
  compactChanges(): Promise<number> {
    return this.repo.compactChanges(REPORT_CHANGES_KEPT_MINUTES);
  }

  /**
   * A reader of the figures in both languages from one read of the counts: the vocabularies differ
   * in their labels only, so the unit, its protection and every figure are the same for both.
   */
  bilingual<T>(read: FigureReader<T>): FigureReader<{ en: T; fr: T }> {
    const [en, fr] = [this.vocabulary('en'), this.vocabulary('fr')];
    return (f, source) => ({ en: read(f, source, en), fr: read(f, source, fr) });
  }

  private vocabulary(lang: Language): IndicatorVocabulary {
    const t = this.taxonomy;
    return {
      statuses: SITUATION_STATUSES,
      situationTypes: codesOf(TAXONOMY.situationTypes),
      sectors: codesOf(TAXONOMY.sectors),
      ageBands: codesOf(TAXONOMY.ageBands).filter((c) => c !== 'UNKNOWN'),
      minorAgeBands: MINOR_AGE_BANDS,
      conclusions: TAXONOMY.conclusions.map((c) => ({ code: c.code, group: c.group })),
      conclusionGroups: ['RISK_LOWERED', 'STILL_AER', 'OTHER'],
      riskCategories: codesOf(TAXONOMY.riskCategories),
      services: codesOf(TAXONOMY.services),
      leadDeclineReasons: ['CAPACITY', 'MANDATE', 'CONFLICT', 'OTHER'],
      systemBarriers: SYSTEM_BARRIER_CODES,
      systemBarrierContexts: SYSTEM_BARRIER_CONTEXTS,
      actionNotDoneReasons: ACTION_NOT_DONE_REASONS,
      summary: {
        ageBands: [...codesOf(TAXONOMY.ageBands), 'NOT_APPLICABLE'],
        genders: [...new Set([...codesOf(TAXONOMY.genders), 'NOT_APPLICABLE'])],
        consentStatuses: [...new Set([...codesOf(TAXONOMY.consentStatuses), 'NOT_APPLICABLE'])],
        notApplicable: t.statusLabel('NOT_APPLICABLE', lang),
        label: (list, code) => t.label(list, code, lang),
      },
      label: (list, code) => {
        switch (list) {
          case 'statuses':
            return t.statusLabel(code, lang);
          case 'conclusionGroups':
            return t.codeLabel('conclusionGroups', code, lang);
          case 'leadDeclineReasons':
            return t.codeLabel('leadDeclineReasons', code, lang);
          case 'actionNotDoneReasons':
            return t.codeLabel('actionNotDoneReasons', code, lang);
          default:
            return t.label(list, code, lang);
        }
      },
    };
  }
}

export const frame = (tableId: string | null, timeZone: string, language: Language, now: Date) => ({
  tableId,
  timeZone,
  language,
  asOf: now.toISOString(),
  disclosureControl: DISCLOSURE_CONTROL,
});

export function trendPoint(p: Period, i: Indicators): TrendPointView {
  return {
    period: p.code,
    from: p.from.toISOString(),
    to: p.to.toISOString(),
    referrals: i.referrals.population,
    acceptanceRate: i.acceptanceRate,
    hoursReferralToDecision: i.hoursReferralToDecision,
    hoursDecisionToAssignment: i.hoursDecisionToAssignment,
    hoursAssignmentToMobilization: i.hoursAssignmentToMobilization,
    mobilizedWithin48HoursOfDecision: i.mobilizedWithin48HoursOfDecision,
    riskLoweredShare: i.riskLoweredShare,
    policeLeadShare: i.policeLeadShare,
    policeInvolvementShare: i.policeInvolvementShare,
    policeOriginShare: i.policeOriginShare,
    minorsShare: i.minorsShare,
    withServiceShare: i.withServiceShare,
    leadDeclineRate: i.leadDeclineRate,
    withBarrierShare: i.withBarrierShare,
    repeatReferralShare: i.repeatReferralShare,
  };
}

/**
 * Every month of the years the periods fall in (`2026-01` …), and their local starts in the periods'
 * time zone followed by the start of the year after: the months a unit is read and published by.
 */
function monthsOfYears(periods: readonly Period[]): { months: string[]; bounds: Date[] } {
  const timeZone = periods[0].timeZone;
  const years = yearsOf(periods);
  const months: string[] = [];
  const bounds: Date[] = [];
  for (const y of years)
    for (let m = 1; m <= 12; m++) {
      months.push(`${y}-${String(m).padStart(2, '0')}`);
      bounds.push(startOfLocalDay(y, m, 1, timeZone));
    }
  bounds.push(startOfLocalDay(years[years.length - 1] + 1, 1, 1, timeZone));
  return { months, bounds };
}

const yearsOf = (periods: readonly Period[]): number[] => {
  const [first, last] = [Number(periods[0].code.slice(0, 4)), Number(periods[periods.length - 1].code.slice(0, 4))];
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
};
