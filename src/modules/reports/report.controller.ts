import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AdminOnly, RateLimit, TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Lang, Scope } from '../../common/authz/request-context';
import type { Language } from '../../common/http/language';
import { ReportPeriodQuery, ReportSummaryView } from './report.dto';
import { ReportService } from './report.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Get('tables/:tableId/reports/summary')
  @TableAccess('table', 'COORDINATOR', 'PRIVACY_OFFICER', 'ANALYST')
  @ApiOkResponse({ type: ReportSummaryView })
  summary(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: ReportPeriodQuery, @Lang() lang: Language): Promise<ReportSummaryView> {
    return this.reports.summary(scope.tableId, actor, q, lang);
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
    return this.reports.summary(null, actor, q, lang);
  }
}
