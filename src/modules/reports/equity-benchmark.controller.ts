import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../../common/authz/access-rule';
import type { Actor } from '../../common/authz/principal';
import { CurrentActor, Lang } from '../../common/authz/request-context';
import type { Language } from '../../common/http/language';
import { UuidParam } from '../../common/http/uuid-param';
import { EquityBenchmarksView, EquityBenchmarkView, PutEquityBenchmarkDto } from './equity-report.dto';
import { EquityReportService } from './equity-report.service';

/**
 * The population benchmarks of the disproportionality index (docs/evaluation.md 6.7), per table or
 * region, year of validity and question: administrators only; each setting audited with its source.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class EquityBenchmarkController {
  constructor(private readonly equityReports: EquityReportService) {}

  @Get('tables/:tableId/equity-benchmarks')
  @AdminOnly()
  @ApiOkResponse({ type: EquityBenchmarksView })
  tableBenchmarks(@UuidParam('tableId') tableId: string, @Lang() lang: Language): Promise<EquityBenchmarksView> {
    return this.equityReports.listBenchmarks({ kind: 'table', id: tableId }, lang);
  }

  @Put('tables/:tableId/equity-benchmarks/:year/:question')
  @AdminOnly()
  @ApiOkResponse({ type: EquityBenchmarkView })
  putTableBenchmark(
    @CurrentActor() actor: Actor,
    @UuidParam('tableId') tableId: string,
    @Param('year') year: string,
    @Param('question') question: string,
    @Body() dto: PutEquityBenchmarkDto,
  ): Promise<EquityBenchmarkView> {
    return this.equityReports.putBenchmark(actor, { kind: 'table', id: tableId }, yearOf(year), question, dto);
  }

  @Get('regions/:regionId/equity-benchmarks')
  @AdminOnly()
  @ApiOkResponse({ type: EquityBenchmarksView })
  regionBenchmarks(@UuidParam('regionId') regionId: string, @Lang() lang: Language): Promise<EquityBenchmarksView> {
    return this.equityReports.listBenchmarks({ kind: 'region', id: regionId }, lang);
  }

  @Put('regions/:regionId/equity-benchmarks/:year/:question')
  @AdminOnly()
  @ApiOkResponse({ type: EquityBenchmarkView })
  putRegionBenchmark(
    @CurrentActor() actor: Actor,
    @UuidParam('regionId') regionId: string,
    @Param('year') year: string,
    @Param('question') question: string,
    @Body() dto: PutEquityBenchmarkDto,
  ): Promise<EquityBenchmarkView> {
    return this.equityReports.putBenchmark(actor, { kind: 'region', id: regionId }, yearOf(year), question, dto);
  }
}

/** A year in the path: digits only (anything else is refused by the service's check, 400). */
const yearOf = (text: string): number => (/^\d{4}$/.test(text) ? Number(text) : NaN);
