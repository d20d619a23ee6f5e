import { Inject, Injectable } from '@nestjs/common';
import { I18nService } from 'nestjs-i18n';
import { Readable } from 'node:stream';
import type { Actor, Principal } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { startOfLocalDay } from '../../common/clock/time-zone';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import type { Language } from '../../common/http/language';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { RegionScope, RegionService } from '../regions/region.service';
import { TableService } from '../tables/table.service';
import { AnnualReport, annualReport, annualTexts, inputOf, keyFiguresOf, markRevised, RecordedFigures, StoredFigures } from './annual-report';
import { annualReportCsv } from './annual-report-csv';
import { annualReportPdf } from './annual-report-pdf';
import { AnnualReportVersionView } from './annual-report.dto';
import { AnnualOwner, AnnualReportRepository, StoredAnnualReport } from './annual-report.repository';
import { EquityReportService } from './equity-report.service';
import { IndicatorService } from './indicator.service';
import { FIRST_YEAR, isPeriod, parsePeriod, Period, quartersThrough } from './period';
import { Indicators, publishIndicators } from './indicators';
import { publishSummary } from './summary-figures';
import type { FigureReader } from './unit-publisher';

/**
 * What the report keeps of its year, read out of the year's unit in one pass: the indicators, and of
 * the summary gender and consent status of every referral.
 */
const YEAR: FigureReader<{ indicators: Indicators; recorded: RecordedFigures }> = (f, source, v) => {
  const { total, byGender, byConsentStatus } = publishSummary(f, source, v);
  return { indicators: publishIndicators(f, source, v), recorded: { total, byGender, byConsentStatus } };
};

/**
 * Whose annual report: a table's (its coordinators and analysts, checked by the route's guard) or a
 * region's (its regional analysts and the administrators; anyone else 404, as a table).
 */
export type AnnualTarget = { kind: 'table'; tableId: string } | { kind: 'region'; regionId: string; user: Principal };

/** A target once resolved: where its versions are stored, its time zone, and how its reads are audited. */
interface ResolvedTarget {
  owner: AnnualOwner;
  timeZone: string;
  /** the audit entry's chain (the table's or the region's, R12) and the details naming the region */
  auditAt: { tableId?: string; regionId?: string; details: Record<string, string> };
  /** a region's names and time zone */
  region?: RegionScope;
}

/**
 * The annual public report of a table or a region (docs/evaluation.md, section 8): its figures are
 * the ones the indicators publish for the year and its quarters (the same disclosure units, so the
 * same figures as `GET …/reports/indicators?period=YYYY`; a region's with each member table's key
 * figures from the region-year unit, R1), taken once the year has ended and the lag after it
 * (ANNUAL_REPORT_LAG_DAYS, default 60) has passed, stored as version 1 at the first download and
 * served as stored; a coordinator's (a regional analyst's) regeneration stores a new version, its
 * changed figures marked `r`. Every download and every generation is audited.
 */
@Injectable()
export class AnnualReportService {
  constructor(
    private readonly indicators: IndicatorService,
    private readonly equity: EquityReportService,
    private readonly tables: TableService,
    private readonly regions: RegionService,
    private readonly repo: AnnualReportRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly i18n: I18nService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async pdf(target: AnnualTarget, actor: Actor, yearText: string): Promise<{ bytes: Buffer; filename: string }> {
    const at = await this.resolve(target, actor);
    const y = this.reportable(at, yearText);
    const stored = await this.storedOrFirst(at, y, actor);
    await this.audited(actor, at, 'report.annual', { year: y, version: stored.current.version, format: 'pdf', languages: ['en', 'fr'] });
    const reports = (['en', 'fr'] as const).map((lang) => this.report(stored, lang));
    return { bytes: await annualReportPdf(reports, new Date(stored.current.figures.asOf)), filename: `annual-report-${at.owner.kind}-${y}.pdf` };
  }

  async csv(target: AnnualTarget, actor: Actor, yearText: string, lang: Language): Promise<{ stream: Readable; filename: string }> {
    const at = await this.resolve(target, actor);
    const y = this.reportable(at, yearText);
    const stored = await this.storedOrFirst(at, y, actor);
    await this.audited(actor, at, 'report.annual', { year: y, version: stored.current.version, format: 'csv', languages: [lang] });
    return { stream: annualReportCsv(this.report(stored, lang)), filename: `annual-report-${at.owner.kind}-${y}.${lang}.csv` };
  }

  /**
   * A new version from the data as they are now (a correction): the next version number, its changed
   * figures marked `r` when laid out. A table's coordinators (the route's guard); a region's analysts,
   * never an administrator (403: section 8 has the region's analyst generate it).
   */
  async regenerate(target: AnnualTarget, actor: Actor, yearText: string): Promise<AnnualReportVersionView> {
    const at = await this.resolve(target, actor);
    if (target.kind === 'region' && target.user.isAdmin) throw DomainError.forbidden();
    const y = this.reportable(at, yearText);
    const generatedAt = this.clock.now();
    const figures = await this.figures(at, y);
    // two at once: each correction is a version of its own, the later one the next number
    for (let attempt = 0; attempt < 5; attempt++) {
      const { current } = await this.repo.latest(at.owner, y);
      const version = (current?.version ?? 0) + 1;
      if (await this.repo.insert(at.owner, y, version, userOf(actor), { version, generatedAt, figures })) {
        await this.audited(actor, at, 'report.annual.generate', { year: y, version });
        return { year: y, version, generatedAt: generatedAt.toISOString() };
      }
    }
    throw DomainError.conflict('CONCURRENT_UPDATE');
  }

  /** The target's store, time zone and audit chain; a region its reader may not read is 404. */
  private async resolve(target: AnnualTarget, actor: Actor): Promise<ResolvedTarget> {
    if (target.kind === 'table')
      return { owner: { kind: 'table', id: target.tableId }, timeZone: await this.tables.timeZoneOf(target.tableId), auditAt: { tableId: target.tableId, details: {} } };
    const region = await this.regions.readable(target.user, target.regionId, 'en', actor);
    return { owner: { kind: 'region', id: region.id }, timeZone: region.timeZone, auditAt: { regionId: region.id, details: { regionId: region.id } }, region };
  }

  private async audited(actor: Actor, at: ResolvedTarget, action: string, details: Record<string, unknown>): Promise<void> {
    await this.audit.recordAlone(actor, { action, tableId: at.auditAt.tableId, regionId: at.auditAt.regionId, details: { ...at.auditAt.details, ...details } });
  }

  /** The year asked for, once its report may exist: four digits, from 2000, ended with its lag in the scope's time zone. */
  private reportable(at: ResolvedTarget, yearText: string): number {
    if (!/^\d{4}$/.test(yearText)) throw DomainError.validation([{ field: 'year', problem: 'is not a year (2026)' }]);
    const y = Number(yearText);
    if (y < FIRST_YEAR) throw DomainError.validation([{ field: 'year', problem: `must be a year from ${FIRST_YEAR} on` }]);
    const availableFrom = startOfLocalDay(y + 1, 1, 1 + this.config.annualReportLagDays, at.timeZone);
    if (this.clock.now().getTime() < availableFrom.getTime())
      throw new DomainError(ErrorCode.CONFLICT, { reason: 'ANNUAL_REPORT_NOT_YET' }, { reason: 'ANNUAL_REPORT_NOT_YET', availableFrom: availableFrom.toISOString() });
    return y;
  }

  /** The stored version served (and the one before it, for the `r` marks); the first download stores version 1. */
  private async storedOrFirst(at: ResolvedTarget, y: number, actor: Actor): Promise<{ current: StoredAnnualReport; previous: StoredAnnualReport | null }> {
    const found = await this.repo.latest(at.owner, y);
    if (found.current) return { current: found.current, previous: found.previous };
    const first: StoredAnnualReport = { version: 1, generatedAt: this.clock.now(), figures: await this.figures(at, y) };
    if (await this.repo.insert(at.owner, y, 1, userOf(actor), first)) {
      await this.audited(actor, at, 'report.annual.generate', { year: y, version: 1 });
      return { current: first, previous: null };
    }
    // another request stored it first: serve that one
    const again = await this.repo.latest(at.owner, y);
    return { current: again.current!, previous: again.previous };
  }

  /** The year and its 8 quarters (ending with the year's fourth) in a time zone. */
  private periodsOf(y: number, timeZone: string, now: Date): { year: Period; quarters: Period[] } {
    const year = parsePeriod(String(y), timeZone, now);
    const quarters = quartersThrough(`${y}-Q4`, timeZone, now);
    if (!isPeriod(year) || !Array.isArray(quarters)) throw DomainError.validation([{ field: 'year', problem: 'is not a year (2026)' }]);
    return { year, quarters };
  }

  /** The published figures of the year and its 8 quarters, as they stand now, in both languages. */
  private figures(at: ResolvedTarget, y: number): Promise<StoredFigures> {
    return at.region ? this.regionFigures(at.region, y) : this.tableFigures(at.owner.id, y);
  }

  private async tableFigures(tableId: string, y: number): Promise<StoredFigures> {
    const table = await this.tables.get(tableId);
    const now = this.clock.now();
    const { year, quarters } = this.periodsOf(y, table.timeZone, now);
    // the quarters' labels are not shown (their codes are): one language serves both reports
    const [quarterly, [{ en, fr }], equity] = await Promise.all([
      this.indicators.publish(tableId, quarters, now, 'en'),
      this.indicators.publish(tableId, [year], now, 'en', this.indicators.bilingual(YEAR)),
      this.equity.annual({ tableId }, year),
    ]);
    return {
      scope: { kind: 'table', id: tableId, name: table.name },
      year: y,
      timeZone: table.timeZone,
      asOf: now.toISOString(),
      identityRetentionDays: table.identityRetentionDays,
      indicators: { en: en.indicators, fr: fr.indicators },
      quarters: quarters.map((q, i) => ({ code: q.code, indicators: quarterly[i] })),
      recorded: { en: en.recorded, fr: fr.recorded },
      equity,
    };
  }

  /**
   * A region's: the region's figures and each member table's key figures of the year from the
   * region-year unit (the same figures as the region's and the tables' own routes). A year of fewer
   * than 2 member tables publishes nothing, so it has no report (409 REGION_YEAR_NOT_PUBLISHED).
   */
  private async regionFigures(region: RegionScope, y: number): Promise<StoredFigures> {
    const regionId = region.id;
    const now = this.clock.now();
    const { year, quarters } = this.periodsOf(y, region.timeZone, now);
    const members = await this.regions.publishingYears(regionId, [y - 1, y]);
    const units = new Map([...members].map(([yy, tableIds]) => [yy, { regionId, tableIds }]));
    const memberIds = units.get(y)?.tableIds;
    if (!memberIds) throw DomainError.conflict('REGION_YEAR_NOT_PUBLISHED');
    const target = { regionId };
    const [quarterly, ofYear, equity] = await Promise.all([
      this.indicators.publishRegional(target, quarters, units, now, 'en'),
      this.indicators.publishRegional(target, [year], units, now, 'en', this.indicators.bilingual(YEAR)),
      this.equity.annual(target, year),
    ]);
    const { en, fr } = ofYear.asked[0];
    const tables = await Promise.all(memberIds.map((id) => this.tables.get(id)));
    return {
      scope: { kind: 'region', id: regionId, name: region.names.en },
      scopeNames: region.names,
      year: y,
      timeZone: region.timeZone,
      asOf: now.toISOString(),
      // I14's note: the shortest keeping among the member tables bounds what the region's figure can find
      identityRetentionDays: Math.min(...tables.map((t) => t.identityRetentionDays)),
      indicators: { en: en.indicators, fr: fr.indicators },
      quarters: quarters.map((q, i) => ({ code: q.code, indicators: quarterly.asked[i] })),
      members: tables
        .map((t) => ({ tableId: t.id, name: t.name, indicators: keyFiguresOf(ofYear.members.get(t.id)![0].en.indicators) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      recorded: { en: en.recorded, fr: fr.recorded },
      equity,
    };
  }

  private report(stored: { current: StoredAnnualReport; previous: StoredAnnualReport | null }, lang: Language): AnnualReport {
    const texts = annualTexts(this.i18n.translate('annual', { lang }));
    const report = annualReport(inputOf(stored.current.figures, stored.current.version, lang), lang, texts);
    return stored.previous ? markRevised(report, annualReport(inputOf(stored.previous.figures, stored.previous.version, lang), lang, texts)) : report;
  }
}

function userOf(actor: Actor): string {
  if (!actor.userId) throw DomainError.forbidden();
  return actor.userId;
}
