import { Inject, Injectable } from '@nestjs/common';
import { I18nService } from 'nestjs-i18n';
import { Readable } from 'node:stream';
import { Actor } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { startOfLocalDay } from '../../common/clock/time-zone';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import type { Language } from '../../common/http/language';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { TableService } from '../tables/table.service';
import { AnnualReport, annualReport, annualTexts, inputOf, markRevised, StoredFigures } from './annual-report';
import { annualReportCsv } from './annual-report-csv';
import { annualReportPdf } from './annual-report-pdf';
import { AnnualReportVersionView } from './annual-report.dto';
import { AnnualReportRepository, StoredAnnualReport } from './annual-report.repository';
import { IndicatorService } from './indicator.service';
import { FIRST_YEAR, isPeriod, parsePeriod, quartersThrough } from './period';

/**
 * The annual public report of a table (docs/evaluation.md, section 8): its figures are the ones the
 * indicators publish for the year and its quarters (the same disclosure units, so the same figures
 * as `GET /reports/indicators?period=YYYY`), taken once the year has ended and the lag after it
 * (ANNUAL_REPORT_LAG_DAYS, default 60) has passed, stored as version 1 at the first download and
 * served as stored; a coordinator's regeneration stores a new version, its changed figures marked
 * `r`. Every download and every generation is audited.
 */
@Injectable()
export class AnnualReportService {
  constructor(
    private readonly indicators: IndicatorService,
    private readonly tables: TableService,
    private readonly repo: AnnualReportRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly i18n: I18nService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async pdf(tableId: string, actor: Actor, yearText: string): Promise<{ bytes: Buffer; filename: string }> {
    const y = await this.reportable(tableId, yearText);
    const stored = await this.storedOrFirst(tableId, y, actor);
    await this.audit.recordAlone(actor, { action: 'report.annual', tableId, details: { year: y, version: stored.current.version, format: 'pdf', languages: ['en', 'fr'] } });
    const reports = (['en', 'fr'] as const).map((lang) => this.report(stored, lang));
    return { bytes: await annualReportPdf(reports, new Date(stored.current.figures.asOf)), filename: `annual-report-table-${y}.pdf` };
  }

  async csv(tableId: string, actor: Actor, yearText: string, lang: Language): Promise<{ stream: Readable; filename: string }> {
    const y = await this.reportable(tableId, yearText);
    const stored = await this.storedOrFirst(tableId, y, actor);
    await this.audit.recordAlone(actor, { action: 'report.annual', tableId, details: { year: y, version: stored.current.version, format: 'csv', languages: [lang] } });
    return { stream: annualReportCsv(this.report(stored, lang)), filename: `annual-report-table-${y}.${lang}.csv` };
  }

  /** A new version from the data as they are now (a correction): the next version number, its changed figures marked `r` when laid out. */
  async regenerate(tableId: string, actor: Actor, yearText: string): Promise<AnnualReportVersionView> {
    const y = await this.reportable(tableId, yearText);
    const generatedAt = this.clock.now();
    const figures = await this.figures(tableId, y);
    // two coordinators at once: each correction is a version of its own, the later one the next number
    for (let attempt = 0; attempt < 5; attempt++) {
      const { current } = await this.repo.latest(tableId, y);
      const version = (current?.version ?? 0) + 1;
      if (await this.repo.insert(tableId, y, version, userOf(actor), { version, generatedAt, figures })) {
        await this.audit.recordAlone(actor, { action: 'report.annual.generate', tableId, details: { year: y, version } });
        return { year: y, version, generatedAt: generatedAt.toISOString() };
      }
    }
    throw DomainError.conflict('CONCURRENT_UPDATE');
  }

  /** The year asked for, once its report may exist: four digits, from 2000, ended with its lag in the table's time zone. */
  private async reportable(tableId: string, yearText: string): Promise<number> {
    if (!/^\d{4}$/.test(yearText)) throw DomainError.validation([{ field: 'year', problem: 'is not a year (2026)' }]);
    const y = Number(yearText);
    if (y < FIRST_YEAR) throw DomainError.validation([{ field: 'year', problem: `must be a year from ${FIRST_YEAR} on` }]);
    const timeZone = await this.tables.timeZoneOf(tableId);
    const availableFrom = startOfLocalDay(y + 1, 1, 1 + this.config.annualReportLagDays, timeZone);
    if (this.clock.now().getTime() < availableFrom.getTime())
      throw new DomainError(ErrorCode.CONFLICT, { reason: 'ANNUAL_REPORT_NOT_YET' }, { reason: 'ANNUAL_REPORT_NOT_YET', availableFrom: availableFrom.toISOString() });
    return y;
  }

  /** The stored version served (and the one before it, for the `r` marks); the first download stores version 1. */
  private async storedOrFirst(tableId: string, y: number, actor: Actor): Promise<{ current: StoredAnnualReport; previous: StoredAnnualReport | null }> {
    const found = await this.repo.latest(tableId, y);
    if (found.current) return { current: found.current, previous: found.previous };
    const first: StoredAnnualReport = { version: 1, generatedAt: this.clock.now(), figures: await this.figures(tableId, y) };
    if (await this.repo.insert(tableId, y, 1, userOf(actor), first)) {
      await this.audit.recordAlone(actor, { action: 'report.annual.generate', tableId, details: { year: y, version: 1 } });
      return { current: first, previous: null };
    }
    // another request stored it first: serve that one
    const again = await this.repo.latest(tableId, y);
    return { current: again.current!, previous: again.previous };
  }

  /** The published figures of the year and its 8 quarters, as they stand now, in both languages. */
  private async figures(tableId: string, y: number): Promise<StoredFigures> {
    const table = await this.tables.get(tableId);
    const timeZone = table.timeZone;
    const now = this.clock.now();
    const period = parsePeriod(String(y), timeZone, now);
    const quarters = quartersThrough(`${y}-Q4`, timeZone, now);
    if (!isPeriod(period) || !Array.isArray(quarters)) throw DomainError.validation([{ field: 'year', problem: 'is not a year (2026)' }]);
    // the quarters' labels are not shown (their codes are): one language serves both reports
    const [quarterly, [en], [fr]] = await Promise.all([
      this.indicators.publish(tableId, quarters, now, 'en'),
      this.indicators.publish(tableId, [period], now, 'en'),
      this.indicators.publish(tableId, [period], now, 'fr'),
    ]);
    return {
      scope: { kind: 'table', id: tableId, name: table.name },
      year: y,
      timeZone,
      asOf: now.toISOString(),
      identityRetentionDays: table.identityRetentionDays,
      indicators: { en, fr },
      quarters: quarters.map((q, i) => ({ code: q.code, indicators: quarterly[i] })),
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
