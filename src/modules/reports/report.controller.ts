import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AdminOnly, RateLimit, TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Lang, Scope } from '../../common/authz/request-context';
import type { Language } from '../../common/http/language';
import { EquityFiguresView, EquityTrendView } from './equity-report.dto';
import { EquityReportService } from './equity-report.service';
import { IndicatorService } from './indicator.service';
import { IndicatorsView, ReportPeriodQuery, ReportSummaryView, TrendQuery, TrendView } from './report.dto';
import { ReportService } from './report.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportController {
  constructor(
    private readonly reports: ReportService,
    private readonly indicatorService: IndicatorService,
    private readonly equityReports: EquityReportService,
  ) {}

  @Get('tables/:tableId/reports/summary')
  @TableAccess('table', 'COORDINATOR', 'PRIVACY_OFFICER', 'ANALYST')
  @ApiOkResponse({ type: ReportSummaryView })
  summary(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: ReportPeriodQuery, @Lang() lang: Language): Promise<ReportSummaryView> {
    return this.indicatorService.summary(scope.tableId, actor, q, lang);
  }

  /** The evaluation indicators of one fixed period (docs/evaluation.md, section 4): aggregates only. */
  @Get('tables/:tableId/reports/indicators')
  @TableAccess('table', 'COORDINATOR', 'PRIVACY_OFFICER', 'ANALYST')
  @ApiOkResponse({ type: IndicatorsView })
  indicators(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: ReportPeriodQuery, @Lang() lang: Language): Promise<IndicatorsView> {
    return this.indicatorService.indicators(scope.tableId, actor, q, lang);
  }

  /** The headline indicators over the 8 quarters ending with `through`: each point the figure of `period=` that quarter. */
  @Get('tables/:tableId/reports/trend')
  @TableAccess('table', 'COORDINATOR', 'PRIVACY_OFFICER', 'ANALYST')
  @ApiOkResponse({ type: TrendView })
  trend(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: TrendQuery, @Lang() lang: Language): Promise<TrendView> {
    return this.indicatorService.trend(scope.tableId, actor, q, lang);
  }

  /** The equity figures of a quarter or a year (docs/evaluation.md I17, I18): frozen counts only, published once the year is frozen (R9). */
  @Get('tables/:tableId/reports/equity')
  @TableAccess('table', 'COORDINATOR', 'PRIVACY_OFFICER', 'ANALYST')
  @ApiOkResponse({ type: EquityFiguresView })
  equity(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: ReportPeriodQuery, @Lang() lang: Language): Promise<EquityFiguresView> {
    return this.equityReports.table(scope.tableId, actor, q, lang);
  }

  /** The equity figures of the 8 quarters ending with `through` (docs/evaluation.md 2.4): each quarter as `equity?period=` gives it, or not available. */
  @Get('tables/:tableId/reports/equity/trend')
  @TableAccess('table', 'COORDINATOR', 'PRIVACY_OFFICER', 'ANALYST')
  @ApiOkResponse({ type: EquityTrendView })
  equityTrend(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: TrendQuery, @Lang() lang: Language): Promise<EquityTrendView> {
    return this.equityReports.tableTrend(scope.tableId, actor, q, lang);
  }

  /** Row-level, so not for analysts (aggregates only: domain.md). */
  @Get('tables/:tableId/reports/rtd-export.csv')
  @TableAccess('table', 'COORDINATOR', 'PRIVACY_OFFICER')
  @RateLimit('sensitive')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="rtd-export.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'one de-identified row per discussion (RTD form), formula cells neutralised', content: { 'text/csv': { schema: { type: 'string' } } } })
  async rtd(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: ReportPeriodQuery, @Lang() lang: Language): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.rtdExport(scope.tableId, actor, q, lang), { type: 'text/csv; charset=utf-8' });
  }

  /** The same summary across every table, for the province (ADMIN): aggregates only, periods in the province's time zone. */
  @Get('reports/province')
  @AdminOnly()
  @ApiOkResponse({ type: ReportSummaryView })
  province(@CurrentActor() actor: Actor, @Query() q: ReportPeriodQuery, @Lang() lang: Language): Promise<ReportSummaryView> {
    return this.indicatorService.summary(null, actor, q, lang);
  }

  @Get('reports/province/indicators')
  @AdminOnly()
  @ApiOkResponse({ type: IndicatorsView })
  provinceIndicators(@CurrentActor() actor: Actor, @Query() q: ReportPeriodQuery, @Lang() lang: Language): Promise<IndicatorsView> {
    return this.indicatorService.indicators(null, actor, q, lang);
  }

  @Get('reports/province/trend')
  @AdminOnly()
  @ApiOkResponse({ type: TrendView })
  provinceTrend(@CurrentActor() actor: Actor, @Query() q: TrendQuery, @Lang() lang: Language): Promise<TrendView> {
    return this.indicatorService.trend(null, actor, q, lang);
  }
}
