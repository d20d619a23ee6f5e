import { Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { Authenticated, TableAccess } from '../../common/authz/access-rule';
import type { Actor, Principal, TableScope } from '../../common/authz/principal';
import { CurrentActor, CurrentUser, Scope } from '../../common/authz/request-context';
import { UuidParam } from '../../common/http/uuid-param';
import { AnnualReportCsvQuery, AnnualReportVersionView } from './annual-report.dto';
import { AnnualReportService } from './annual-report.service';

const YEAR = { name: 'year', description: 'the year, e.g. 2025: one that has ended, and the lag after it (ANNUAL_REPORT_LAG_DAYS, default 60 days) passed', example: '2025' };
const NOT_YET = {
  status: 409,
  description: 'CONFLICT, reason ANNUAL_REPORT_NOT_YET: the year has not ended or the lag after it has not passed; `details.availableFrom` says when it will be',
};

const REGION_UNPUBLISHED = {
  status: 409,
  description: 'CONFLICT, reason REGION_YEAR_NOT_PUBLISHED: the region had fewer than 2 member tables that year, so it publishes nothing for it (R3)',
};
const PDF_OK = {
  description:
    'the latest stored version of the annual report (the first download stores version 1): a bilingual cover, then the report in English, then in French (a tagged PDF), figures changed since the previous version marked r; audited as a report read',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
};
const CSV_OK = {
  description:
    'the annual report of one language in long form (section, indicator, period, scope, code, label, value, unit, status, note): French with `;`, a byte order mark and the decimal comma; every cell neutralised; audited as a report read',
  content: { 'text/csv': { schema: { type: 'string' } } },
};

/**
 * The annual public report of a table or a region (docs/evaluation.md, section 8): the year's
 * published indicators as a bilingual PDF or a CSV per language. Aggregates only, as the other
 * report routes: a table's coordinators and analysts; a region's analysts and the administrators
 * (anyone else 404, as a table: the service decides, the rule is "signed in"). The first download
 * stores version 1; the downloads serve the latest version as stored; a table's coordinator or a
 * region's analyst may store a new one (a correction).
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
  @ApiOkResponse(PDF_OK)
  @ApiResponse(NOT_YET)
  async pdf(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Param('year') year: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    return pdfFile(await this.annual.pdf({ kind: 'table', tableId: scope.tableId }, actor, year), reply);
  }

  @Get('tables/:tableId/reports/annual/:year.csv')
  @TableAccess('table', 'COORDINATOR', 'ANALYST')
  @ApiParam(YEAR)
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_OK)
  @ApiResponse(NOT_YET)
  async csv(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @Param('year') year: string,
    @Query() q: AnnualReportCsvQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return csvFile(await this.annual.csv({ kind: 'table', tableId: scope.tableId }, actor, year, q.lang ?? 'en'), reply);
  }

  /** A correction: the figures as they stand now, stored as the next version (its changed figures marked `r`). */
  @Post('tables/:tableId/reports/annual/:year/versions')
  @TableAccess('table', 'COORDINATOR')
  @HttpCode(201)
  @ApiParam(YEAR)
  @ApiCreatedResponse({ type: AnnualReportVersionView, description: 'the version stored; audited as report.annual.generate' })
  @ApiResponse(NOT_YET)
  regenerate(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Param('year') year: string): Promise<AnnualReportVersionView> {
    return this.annual.regenerate({ kind: 'table', tableId: scope.tableId }, actor, year);
  }

  @Get('regions/:regionId/reports/annual/:year.pdf')
  @Authenticated()
  @ApiParam(YEAR)
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_OK)
  @ApiResponse(NOT_YET)
  @ApiResponse(REGION_UNPUBLISHED)
  async regionPdf(
    @CurrentUser() user: Principal,
    @CurrentActor() actor: Actor,
    @UuidParam('regionId') regionId: string,
    @Param('year') year: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return pdfFile(await this.annual.pdf({ kind: 'region', regionId, user }, actor, year), reply);
  }

  @Get('regions/:regionId/reports/annual/:year.csv')
  @Authenticated()
  @ApiParam(YEAR)
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_OK)
  @ApiResponse(NOT_YET)
  @ApiResponse(REGION_UNPUBLISHED)
  async regionCsv(
    @CurrentUser() user: Principal,
    @CurrentActor() actor: Actor,
    @UuidParam('regionId') regionId: string,
    @Param('year') year: string,
    @Query() q: AnnualReportCsvQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return csvFile(await this.annual.csv({ kind: 'region', regionId, user }, actor, year, q.lang ?? 'en'), reply);
  }

  /** A correction of a region's report: its regional analysts only (an administrator reads it, 403 here). */
  @Post('regions/:regionId/reports/annual/:year/versions')
  @Authenticated()
  @HttpCode(201)
  @ApiParam(YEAR)
  @ApiCreatedResponse({ type: AnnualReportVersionView, description: 'the version stored; audited as report.annual.generate on the system chain' })
  @ApiResponse(NOT_YET)
  @ApiResponse(REGION_UNPUBLISHED)
  regionRegenerate(
    @CurrentUser() user: Principal,
    @CurrentActor() actor: Actor,
    @UuidParam('regionId') regionId: string,
    @Param('year') year: string,
  ): Promise<AnnualReportVersionView> {
    return this.annual.regenerate({ kind: 'region', regionId, user }, actor, year);
  }
}

function pdfFile({ bytes, filename }: { bytes: Buffer; filename: string }, reply: FastifyReply): StreamableFile {
  void reply.header('content-disposition', `attachment; filename="${filename}"`);
  return new StreamableFile(bytes, { type: 'application/pdf', length: bytes.length });
}

function csvFile({ stream, filename }: { stream: Readable; filename: string }, reply: FastifyReply): StreamableFile {
  void reply.header('content-disposition', `attachment; filename="${filename}"`);
  return new StreamableFile(stream, { type: 'text/csv; charset=utf-8' });
}
