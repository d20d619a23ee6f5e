import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor, Principal } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import type { Language } from '../../common/http/language';
import { AuditService } from '../audit/audit.service';
import { IdentityVaultService } from '../identity-vault/identity-vault.service';
import { RegionService } from '../regions/region.service';
import { TableService } from '../tables/table.service';
import { CountPublisher, DISCLOSURE_CONTROL } from './disclosure';
import { DisclosureUnit } from './disclosure-unit';
import type { AnnualEquity } from './annual-report';
import {
  BENCHMARKED_QUESTIONS,
  benchmarkProblems,
  disparity,
  disproportionality,
  DisparityCell,
  DisproportionalityCell,
  EquityFacts,
  EquityFigures,
  EquityVocabulary,
  publishEquity,
  snapshotFacts,
  sumEquity,
} from './equity-figures';
import { BenchmarkOwner, BenchmarkRow, EquityBenchmarkRepository } from './equity-benchmark.repository';
import {
  BenchmarkSourceView,
  EquityBenchmarksView,
  EquityBenchmarkView,
  EquityFiguresView,
  EquityMemberView,
  EquityQuestionFiguresView,
  EquityTrendPointView,
  EquityTrendView,
  PutEquityBenchmarkDto,
} from './equity-report.dto';
import { quartersThrough, type Period } from './period';
import { FigureSource } from './publication';
import { ReportPeriodQuery, TrendQuery } from './report.dto';
import { ReportService } from './report.service';
import { protectUnit, UnitMemo } from './unit-publisher';

const QUARTERS_ONLY = 'equity figures cover quarters and years only (docs/evaluation.md R9): period=2026 or period=2026-Q3';

/** One scope of an equity unit: its key prefix, its publisher's draws, and the tables whose snapshots it adds. */
interface EquityScope {
  prefix: string;
  publisher: CountPublisher;
  tableIds: readonly string[];
}

/** What an equity route shows of a scope's year: published, or why not (not frozen yet, a region year that does not publish). */
export interface EquityYearFigures {
  frozen: boolean;
  availableFrom: Date;
  /** the freeze lag in force */
  lagDays: number;
  published: boolean;
  /** a region's member tables of the year (its unit's scopes beside the region's); none for a table alone */
  members: readonly string[];
  /** the figures of each period asked, by code (the year, its quarters) and scope prefix */
  read(prefix: string, period: string, lang: Language): EquityFigures;
}

/**
 * The equity figures (docs/evaluation.md I17, I18, 6.6, 6.7) of a table or a region, and the
 * benchmarks they are read against. A year is published whole, once its four quarters are frozen
 * (IdentityVaultService.equityYear): one disclosure unit holds the year and its quarters, for the
 * table, or for the region and each member table (relation (c), R1: a member's figure is the same on
 * its own route). The snapshots never change, so neither does the unit: it is kept (UnitMemo).
 * Counts only reach this module; the answers never leave the vault.
 */
@Injectable()
export class EquityReportService {
  private readonly logger = new Logger('EquityReports');
  private readonly units = new UnitMemo(16);

  constructor(
    private readonly vault: IdentityVaultService,
    private readonly reports: ReportService,
    private readonly regions: RegionService,
    private readonly tables: TableService,
    private readonly benchmarks: EquityBenchmarkRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly db: DataSource,
  ) {}

  /** GET /tables/:tableId/reports/equity: audited `report.equity` with the period. */
  async table(tableId: string, actor: Actor, q: ReportPeriodQuery, lang: Language): Promise<EquityFiguresView> {
    const period = quarterOrYear(await this.reports.period(tableId, q));
    const year = Number(period.code.slice(0, 4));
    const figures = await this.yearOf({ tableId }, year, period.timeZone);
    const view = await this.view(figures, `table:${tableId}|`, period, lang, { kind: 'table', id: tableId });
    await this.audit.recordAlone(actor, { action: 'report.equity', tableId, details: { period: period.code } });
    return { ...view, tableId };
  }

  /** GET /regions/:regionId/reports/equity: the region's figures and each member table's response; audited `report.region`. */
  async region(user: Principal, actor: Actor, regionId: string, q: ReportPeriodQuery, lang: Language): Promise<EquityFiguresView> {
    const region = await this.regions.readable(user, regionId, lang, actor);
    const period = quarterOrYear(this.reports.periodIn(region.timeZone, q));
    const year = Number(period.code.slice(0, 4));
    const figures = await this.yearOf({ regionId }, year, region.timeZone);
    const view = await this.view(figures, 'region|', period, lang, { kind: 'region', id: regionId });
    const memberIds = figures.members;
    const names = await this.regions.tableNames(memberIds);
    const memberTables: EquityMemberView[] = figures.frozen
      ? memberIds
          .map((tableId) => {
            const f = figures.read(`table:${tableId}|`, period.code, lang);
            return { tableId, name: names.get(tableId) ?? '', population: f.population, askedShare: f.askedShare };
          })
          .sort((a, b) => a.name.localeCompare(b.name))
      : [];
    await this.audit.recordAlone(actor, { action: 'report.region', regionId, details: { regionId, route: 'equity', period: period.code } });
    return { ...view, tableId: null, regionId, memberTables };
  }

  /** GET /tables/:tableId/reports/equity/trend: the 8 quarters through `through`; audited `report.equity` with the route and quarters. */
  async tableTrend(tableId: string, actor: Actor, q: TrendQuery, lang: Language): Promise<EquityTrendView> {
    const timeZone = await this.tables.timeZoneOf(tableId);
    const view = await this.trend({ tableId }, `table:${tableId}|`, { kind: 'table', id: tableId }, timeZone, q, lang);
    await this.audit.recordAlone(actor, { action: 'report.equity', tableId, details: { route: 'trend', through: view.through, quarters: view.quarters.map((p) => p.period) } });
    return { ...view, tableId };
  }

  /** GET /regions/:regionId/reports/equity/trend: the region's 8 quarters; audited `report.region` on its chain. */
  async regionTrend(user: Principal, actor: Actor, regionId: string, q: TrendQuery, lang: Language): Promise<EquityTrendView> {
    const region = await this.regions.readable(user, regionId, lang, actor);
    const view = await this.trend({ regionId }, 'region|', { kind: 'region', id: regionId }, region.timeZone, q, lang);
    await this.audit.recordAlone(actor, {
      action: 'report.region',
      regionId,
      details: { regionId, route: 'equity-trend', through: view.through, quarters: view.quarters.map((p) => p.period) },
    });
    return { ...view, tableId: null, regionId };
  }

  /**
   * A trend (docs/evaluation.md 2.4): each quarter is read out of its year's unit exactly as the
   * quarter's own route reads it (R1), so a trend says nothing the 8 routes would not; a quarter
   * whose year is not published yet is marked not available (R9). At most 3 years are read.
   */
  private async trend(
    target: { tableId: string } | { regionId: string },
    prefix: string,
    owner: BenchmarkOwner,
    timeZone: string,
    q: TrendQuery,
    lang: Language,
  ): Promise<Omit<EquityTrendView, 'tableId'>> {
    const quarters = quartersThrough(q.through, timeZone, this.clock.now());
    if (!Array.isArray(quarters)) throw DomainError.validation([{ field: 'through', problem: quarters.problem }]);
    const years = new Map<number, EquityYearFigures>();
    for (const y of new Set(quarters.map((p) => Number(p.code.slice(0, 4))))) years.set(y, await this.yearOf(target, y, timeZone));
    const points: EquityTrendPointView[] = [];
    // the benchmark in force read once per year, not once per quarter
    const inForce = new Map<number, Promise<Map<string, BenchmarkRow>>>();
    const benchmarksOf = (year: number) => inForce.get(year) ?? inForce.set(year, this.benchmarks.inForce(owner, year)).get(year)!;
    for (const p of quarters) {
      const figures = years.get(Number(p.code.slice(0, 4)))!;
      const availableFrom = figures.availableFrom.toISOString();
      const v = await this.view(figures, prefix, p, lang, owner, benchmarksOf);
      if (!figures.frozen || !figures.published) {
        // as the quarter's own route answers it: no figure, the asked share withheld
        points.push({ period: p.code, available: false, availableFrom, population: null, askedShare: v.askedShare, questions: [] });
        continue;
      }
      points.push({
        period: p.code,
        available: true,
        availableFrom,
        population: v.population,
        askedShare: v.askedShare,
        questions: v.questions.map((x) => ({
          code: x.code,
          label: x.label,
          answeredShare: x.answeredShare,
          preferNotToAnswerShare: x.preferNotToAnswerShare,
          // each index as the quarter's route gives it, less the shares it is read from (the trend shows the index)
          ...(x.disproportionality ? { indices: x.disproportionality.map(({ share: _share, benchmark: _benchmark, ...index }) => index) } : {}),
        })),
      });
    }
    const lagDays = years.values().next().value!.lagDays;
    return {
      through: quarters[quarters.length - 1].code,
      timeZone,
      language: lang,
      freezeLagDays: lagDays,
      quarters: points,
      disclosureControl: DISCLOSURE_CONTROL,
    };
  }

  /**
   * A year's equity figures of a table (read out of its region's unit when its region publishes
   * that year) or of a region, in either language. For the routes above and the annual report.
   */
  async yearOf(target: { tableId: string } | { regionId: string }, year: number, timeZone: string): Promise<EquityYearFigures> {
    let scopes: EquityScope[];
    let aggregated = false;
    const regionUnit = 'tableId' in target ? (await this.regions.unitsOfTable(target.tableId, [year])).get(year) : undefined;
    const regionId = 'regionId' in target ? target.regionId : regionUnit?.regionId;
    const members = 'regionId' in target ? (await this.regions.publishingYears(target.regionId, [year])).get(year) : regionUnit?.tableIds;
    const tableScope = (id: string): EquityScope => ({ prefix: `table:${id}|`, publisher: this.reports.publisherFor(id), tableIds: [id] });
    if (regionId && members) {
      scopes = [{ prefix: 'region|', publisher: this.reports.regionPublisher(regionId), tableIds: members }, ...members.map(tableScope)];
      aggregated = true;
    } else if ('tableId' in target) scopes = [tableScope(target.tableId)];
    else scopes = [];
    const tableIds = [...new Set(scopes.flatMap((s) => s.tableIds))].sort();
    const frozen = await this.vault.equityYear(tableIds, year, timeZone);
    const withheld: FigureSource = { protectsCells: true, figure: () => null, sums: () => undefined };
    const none = (): EquityFacts => ({ population: 0, counts: new Map() });
    if (!frozen.snapshots || scopes.length === 0)
      return {
        frozen: frozen.snapshots !== null,
        availableFrom: frozen.availableFrom,
        lagDays: frozen.lagDays,
        published: scopes.length > 0,
        members: aggregated ? (members ?? []) : [],
        read: (_p, _c, lang) => publishEquity(none(), withheld, this.vocabulary(lang)),
      };
    // each table's quarters, each scope's quarters (the sum of its tables') and year (the sum of its quarters)
    const quarters = [1, 2, 3, 4].map((n) => `${year}-Q${n}`);
    const snapshot = new Map(frozen.snapshots.map((s) => [`${s.tableId}|${s.quarter}`, snapshotFacts(s.population, s.counts)]));
    const facts = new Map<string, Map<string, EquityFacts>>();
    for (const s of scopes) {
      const byQuarter = quarters.map((code) => [code, sumEquity(s.tableIds.map((id) => snapshot.get(`${id}|${code}`) ?? none()))] as const);
      facts.set(s.prefix, new Map([...byQuarter, [String(year), sumEquity(byQuarter.map(([, f]) => f))]]));
    }
    const english = this.vocabulary('en');
    let unit: DisclosureUnit | null = null;
    try {
      const key = digest(year, scopes, aggregated, facts);
      unit =
        this.units.get(key) ??
        protectUnit(scopes, facts, aggregated, {
          periods: [...quarters.map((code) => ({ code, parts: [] })), { code: String(year), parts: quarters }],
          declare: (f, source) => publishEquity(f, source, english),
        });
      this.units.set(key, unit);
    } catch (error) {
      // fail safe: a unit that cannot be protected (tallies that break their relations) publishes nothing, never a 500
      this.logger.error({ event: 'report.equity-unit-withheld', year, reason: (error as Error).message }, 'an equity unit was withheld whole');
    }
    return {
      frozen: true,
      availableFrom: frozen.availableFrom,
      lagDays: frozen.lagDays,
      published: true,
      members: aggregated ? (members ?? []) : [],
      read: (prefix, code, lang) => {
        // a unit that could not be built: every figure withheld (from no counts: those that broke it are not read again)
        if (!unit || !facts.has(prefix)) return publishEquity(none(), withheld, this.vocabulary(lang));
        const f = facts.get(prefix)!.get(code) ?? none();
        const u = unit;
        return publishEquity(f, { protectsCells: true, figure: (cell) => u.published(`${prefix}${code}|${cell}`), sums: () => undefined }, this.vocabulary(lang));
      },
    };
  }

  /** A period's view: the figures, and for the benchmarked questions the index against the benchmark in force for the year. */
  async view(
    figures: EquityYearFigures,
    prefix: string,
    period: Period,
    lang: Language,
    owner: BenchmarkOwner,
    benchmarksOf: (year: number) => Promise<Map<string, BenchmarkRow>> = (year) => this.benchmarks.inForce(owner, year),
  ): Promise<Omit<EquityFiguresView, 'tableId'>> {
    const f = figures.read(prefix, period.code, lang);
    const vocabulary = this.vocabulary(lang);
    const inForce = figures.frozen ? await benchmarksOf(Number(period.code.slice(0, 4))) : new Map<string, BenchmarkRow>();
    const questions: EquityQuestionFiguresView[] = f.questions.map((q) => {
      // the complement cells stay inside: the view gives what the unit publishes as the routes document it
      const { notPoliceLed, ...shown } = q;
      if (!(BENCHMARKED_QUESTIONS as readonly string[]).includes(q.code)) return shown;
      const b = inForce.get(q.code) ?? null;
      const categories = vocabulary.questions.find((x) => x.code === q.code)?.categories ?? [];
      return {
        ...shown,
        disproportionality: disproportionality(q, b?.shares ?? null, categories),
        benchmark: b && sourceOf(b),
        // the disparity index: years only (a quarter's four counts are rarely all 10 or more)
        ...(period.kind === 'YEAR' ? { disparity: disparity(q, categories) } : {}),
      };
    });
    return {
      period: period.code,
      periodKind: period.kind,
      timeZone: period.timeZone,
      language: lang,
      frozen: figures.frozen,
      availableFrom: figures.availableFrom.toISOString(),
      freezeLagDays: figures.lagDays,
      published: figures.published,
      population: f.population,
      askedShare: f.askedShare,
      questions: figures.frozen ? questions : [],
      disclosureControl: DISCLOSURE_CONTROL,
    };
  }

  /**
   * A year's equity figures for its annual report (section 8, item 10), in both languages: what the
   * equity route publishes for the year, the stages left out.
   */
  async annual(target: { tableId: string } | { regionId: string }, year: Period): Promise<{ en: AnnualEquity; fr: AnnualEquity }> {
    const y = Number(year.code.slice(0, 4));
    const figures = await this.yearOf(target, y, year.timeZone);
    const [prefix, owner]: [string, BenchmarkOwner] =
      'tableId' in target ? [`table:${target.tableId}|`, { kind: 'table', id: target.tableId }] : ['region|', { kind: 'region', id: target.regionId }];
    const of = async (lang: Language): Promise<AnnualEquity> => {
      const v = await this.view(figures, prefix, year, lang, owner);
      return {
        frozen: v.frozen,
        availableFrom: v.availableFrom,
        population: v.population,
        askedShare: v.askedShare,
        questions: v.questions.map((q) => ({
          code: q.code,
          label: q.label,
          answeredShare: q.answeredShare,
          preferNotToAnswerShare: q.preferNotToAnswerShare,
          lowResponse: q.lowResponse,
          distribution: q.distribution,
          ...(q.disproportionality ? { disproportionality: q.disproportionality as DisproportionalityCell[], benchmark: q.benchmark ?? null } : {}),
          ...(q.disparity ? { disparity: q.disparity as DisparityCell[] } : {}),
        })),
      };
    };
    return { en: await of('en'), fr: await of('fr') };
  }

  /** GET …/equity-benchmarks (administrators): a scope's benchmarks, and the questions and categories they may name. */
  async listBenchmarks(owner: BenchmarkOwner, lang: Language): Promise<EquityBenchmarksView> {
    await this.mustExist(owner);
    const v = this.vocabulary(lang);
    return {
      benchmarks: (await this.benchmarks.list(owner)).map(benchmarkView),
      questions: v.questions
        .filter((q) => (BENCHMARKED_QUESTIONS as readonly string[]).includes(q.code))
        .map((q) => ({ code: q.code, label: q.label, categories: [...q.categories] })),
    };
  }

  /** PUT …/equity-benchmarks/:year/:question (administrators): 404, then 400; audited `equity.benchmark` with the source, never a figure. */
  async putBenchmark(actor: Actor, owner: BenchmarkOwner, year: number, question: string, dto: PutEquityBenchmarkDto): Promise<EquityBenchmarkView> {
    await this.mustExist(owner);
    const problems = benchmarkProblems(question, dto.shares, this.vocabulary('en'));
    if (!Number.isInteger(year) || year < 2000 || year > 2200) problems.unshift({ field: 'year', problem: 'a year from 2000 to 2200' });
    if (problems.length) throw DomainError.validation(problems);
    const now = this.clock.now();
    const row = {
      year,
      question,
      shares: dto.shares,
      sourceTitle: dto.sourceTitle,
      sourcePublisher: dto.sourcePublisher,
      sourceYear: dto.sourceYear,
      sourceGeography: dto.sourceGeography,
      sourcePopulation: dto.sourcePopulation,
    };
    await this.db.transaction(async (m) => {
      await this.benchmarks.put(m, owner, row, actor.userId!, now);
      await this.audit.record(m, actor, {
        action: 'equity.benchmark',
        ...(owner.kind === 'table' ? { tableId: owner.id } : { regionId: owner.id }),
        details: { scope: owner.kind, ...(owner.kind === 'region' ? { regionId: owner.id } : {}), year, question, source: dto.sourceTitle },
      });
    });
    return benchmarkView({ ...row, setAt: now });
  }

  private async mustExist(owner: BenchmarkOwner): Promise<void> {
    const exists = owner.kind === 'table' ? await this.tables.exists(owner.id) : await this.regions.exists(owner.id);
    if (!exists) throw DomainError.notFound(owner.kind);
  }

  private vocabulary(lang: Language): EquityVocabulary {
    return this.vault.equityVocabulary(lang);
  }
}

/** Equity figures are quarters and years (R9): a month is refused. */
function quarterOrYear(p: Period): Period {
  if (p.kind === 'MONTH') throw DomainError.validation([{ field: 'period', problem: QUARTERS_ONLY }]);
  return p;
}

const sourceOf = (b: BenchmarkRow): BenchmarkSourceView => ({
  title: b.sourceTitle,
  publisher: b.sourcePublisher,
  year: b.sourceYear,
  geography: b.sourceGeography,
  population: b.sourcePopulation,
});

const benchmarkView = (b: BenchmarkRow): EquityBenchmarkView => ({ year: b.year, question: b.question, shares: b.shares, source: sourceOf(b), setAt: b.setAt.toISOString() });

/** What a unit is built from: its year, scopes (prefixes, draws' keys, tables) and every count. */
function digest(year: number, scopes: readonly EquityScope[], aggregated: boolean, facts: ReadonlyMap<string, ReadonlyMap<string, EquityFacts>>): string {
  const hash = createHash('sha256').update(JSON.stringify({ kind: 'equity', year, aggregated, scopes: scopes.map((s) => [s.prefix, s.publisher.id, s.tableIds]) }));
  for (const [prefix, periods] of facts)
    for (const [code, f] of periods) hash.update(`\n${prefix}${code}\n${f.population}\n`).update(JSON.stringify([...f.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  return hash.digest('hex');
}
