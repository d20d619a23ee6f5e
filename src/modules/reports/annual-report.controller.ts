import { Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Scope } from '../../common/authz/request-context';
import { AnnualReportCsvQuery, AnnualReportVersionView } from './annual-report.dto';
import { AnnualReportService } from './annual-report.service';

const YEAR = { name: 'year', description: 'the year, e.g. 2025: one that has ended, and the lag after it (ANNUAL_REPORT_LAG_DAYS, default 60 days) passed', example: '2025' };
const NOT_YET = {
  status: 409,
  description: 'CONFLICT, reason ANNUAL_REPORT_NOT_YET: the year has not ended or the lag after it has not passed; `details.availableFrom` says when it will be',
};

/**
 * The annual public report of a table (docs/evaluation.md, section 8): the year's published
 * indicators as a bilingual PDF or a CSV per language. Aggregates only, as the other report
 * routes: the table's coordinators and analysts. The first download stores version 1; the
 * downloads serve the latest version as stored; a coordinator may store a new one (a correction).
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class AnnualReportController {
  constructor(private readonly annual: AnnualReportService) {}

  @Get('tables/:tableId/reports/annual/:year.pdf')
  @TableAccess('table', 'COORDINATOR', 'ANALYST')
  @ApiParam(YEAR)
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description:
      'the latest stored version of the annual report (the first download stores version 1): a bilingual cover, then the report in English, then in French (a tagged PDF), figures changed since the previous version marked r; audited as a report read',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse(NOT_YET)
  async pdf(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Param('year') year: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { bytes, filename } = await this.annual.pdf(scope.tableId, actor, year);
    void reply.header('content-disposition', `attachment; filename="${filename}"`);
    return new StreamableFile(bytes, { type: 'application/pdf', length: bytes.length });
  }

  @Get('tables/:tableId/reports/annual/:year.csv')
  @TableAccess('table', 'COORDINATOR', 'ANALYST')
  @ApiParam(YEAR)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'the annual report of one language in long form (section, indicator, period, scope, code, label, value, unit, status, note): French with `;`, a byte order mark and the decimal comma; every cell neutralised; audited as a report read',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiResponse(NOT_YET)
  async csv(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @Param('year') year: string,
    @Query() q: AnnualReportCsvQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { stream, filename } = await this.annual.csv(scope.tableId, actor, year, q.lang ?? 'en');
    void reply.header('content-disposition', `attachment; filename="${filename}"`);
    return new StreamableFile(stream, { type: 'text/csv; charset=utf-8' });
  }

  /** A correction: the figures as they stand now, stored as the next version (its changed figures marked `r`). */
  @Post('tables/:tableId/reports/annual/:year/versions')
  @TableAccess('table', 'COORDINATOR')
  @HttpCode(201)
  @ApiParam(YEAR)
  @ApiCreatedResponse({ type: AnnualReportVersionView, description: 'the version stored; audited as report.annual.generate' })
  @ApiResponse(NOT_YET)
  regenerate(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Param('year') year: string): Promise<AnnualReportVersionView> {
    return this.annual.regenerate(scope.tableId, actor, year);
  }
}
