import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/authz/access-rule';
import type { Actor, Principal } from '../../common/authz/principal';
import { CurrentActor, CurrentUser, Lang } from '../../common/authz/request-context';
import type { Language } from '../../common/http/language';
import { UuidParam } from '../../common/http/uuid-param';
import { RegionIndicatorsView, RegionTrendView } from './region-report.dto';
import { RegionReportService } from './region-report.service';
import { EquityFiguresView, EquityTrendView } from './equity-report.dto';
import { EquityReportService } from './equity-report.service';
import { ReportPeriodQuery, TrendQuery } from './report.dto';

/**
 * A region's evaluation indicators (docs/evaluation.md, section 7): its REGIONAL_ANALYSTs and
 * administrators; anyone else is answered 404, as for a table they do not sit at (the service
 * decides, the rule is "signed in").
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('regions/:regionId/reports')
export class RegionReportController {
  constructor(
    private readonly regionReports: RegionReportService,
    private readonly equityReports: EquityReportService,
  ) {}

  @Get('indicators')
  @Authenticated()
  @ApiOkResponse({ type: RegionIndicatorsView })
  indicators(
    @CurrentUser() user: Principal,
    @CurrentActor() actor: Actor,
    @UuidParam('regionId') regionId: string,
    @Query() q: ReportPeriodQuery,
    @Lang() lang: Language,
  ): Promise<RegionIndicatorsView> {
    return this.regionReports.indicators(user, actor, regionId, q, lang);
  }

  @Get('trend')
  @Authenticated()
  @ApiOkResponse({ type: RegionTrendView })
  trend(
    @CurrentUser() user: Principal,
    @CurrentActor() actor: Actor,
    @UuidParam('regionId') regionId: string,
    @Query() q: TrendQuery,
    @Lang() lang: Language,
  ): Promise<RegionTrendView> {
    return this.regionReports.trend(user, actor, regionId, q, lang);
  }

  /** The region's equity figures of a quarter or a year, with each member table's response (docs/evaluation.md I17, I18). */
  @Get('equity')
  @Authenticated()
  @ApiOkResponse({ type: EquityFiguresView })
  equity(
    @CurrentUser() user: Principal,
    @CurrentActor() actor: Actor,
    @UuidParam('regionId') regionId: string,
    @Query() q: ReportPeriodQuery,
    @Lang() lang: Language,
  ): Promise<EquityFiguresView> {
    return this.equityReports.region(user, actor, regionId, q, lang);
  }

  /** The region's equity figures of the 8 quarters ending with `through` (docs/evaluation.md 2.4). */
  @Get('equity/trend')
  @Authenticated()
  @ApiOkResponse({ type: EquityTrendView })
  equityTrend(
    @CurrentUser() user: Principal,
    @CurrentActor() actor: Actor,
    @UuidParam('regionId') regionId: string,
    @Query() q: TrendQuery,
    @Lang() lang: Language,
  ): Promise<EquityTrendView> {
    return this.equityReports.regionTrend(user, actor, regionId, q, lang);
  }
}
