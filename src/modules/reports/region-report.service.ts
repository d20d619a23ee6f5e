import { Injectable } from '@nestjs/common';
import type { Actor, Principal } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import type { Language } from '../../common/http/language';
import { AuditService } from '../audit/audit.service';
import { keyFiguresOf } from './annual-report';
import { RegionService } from '../regions/region.service';
import { frame, IndicatorService, trendPoint } from './indicator.service';
import { Period, quartersThrough } from './period';
import { ReportService } from './report.service';
import { RegionIndicatorsView, RegionMemberFiguresView, RegionTrendView } from './region-report.dto';
import { ReportPeriodQuery, TrendQuery } from './report.dto';

/**
 * A region's indicators and trend (docs/evaluation.md, section 7) for its regional analysts and
 * administrators (anyone else: 404, as a table). Periods in the region's time zone; each year
 * published in its region-year unit with the member tables' figures (IndicatorService.publishRegional).
 * Every read is audited `report.region` on the region's chain (R12) with the periods.
 */
@Injectable()
export class RegionReportService {
  constructor(
    private readonly indicatorService: IndicatorService,
    private readonly reports: ReportService,
    private readonly regions: RegionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async indicators(user: Principal, actor: Actor, regionId: string, q: ReportPeriodQuery, lang: Language): Promise<RegionIndicatorsView> {
    const region = await this.regions.readable(user, regionId, lang, actor);
    const now = this.clock.now();
    const period = this.reports.periodIn(region.timeZone, q);
    const year = Number(period.code.slice(0, 4));
    const years = await this.unitYears(regionId, [year]);
    const { asked, members } = await this.indicatorService.publishRegional({ regionId }, [period], years, now, lang);
    const memberIds = years.get(year)?.tableIds ?? [];
    const names = await this.regions.tableNames(memberIds);
    await this.audit.recordAlone(actor, {
      action: 'report.region',
      regionId,
      details: { regionId, route: 'indicators', period: period.code, from: period.from.toISOString(), to: period.to.toISOString() },
    });
    const memberTables: RegionMemberFiguresView[] = memberIds
      .map((tableId) => {
        const i = members.get(tableId)![0];
        return { tableId, name: names.get(tableId) ?? '', ...keyFiguresOf(i) };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    return {
      ...frame(null, region.timeZone, lang, now),
      regionId,
      regionCode: region.code,
      regionName: region.name,
      published: years.has(year),
      period: period.code,
      periodKind: period.kind,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      ...asked[0],
      memberTables,
    };
  }

  async trend(user: Principal, actor: Actor, regionId: string, q: TrendQuery, lang: Language): Promise<RegionTrendView> {
    const region = await this.regions.readable(user, regionId, lang, actor);
    const now = this.clock.now();
    const quarters = quartersThrough(q.through, region.timeZone, now);
    if (!Array.isArray(quarters)) throw DomainError.validation([{ field: 'through', problem: quarters.problem }]);
    const years = await this.unitYears(regionId, [...new Set(quarters.map((p: Period) => Number(p.code.slice(0, 4))))]);
    const { asked } = await this.indicatorService.publishRegional({ regionId }, quarters, years, now, lang);
    const through = quarters[quarters.length - 1].code;
    await this.audit.recordAlone(actor, { action: 'report.region', regionId, details: { regionId, route: 'trend', through, quarters: quarters.map((p) => p.code) } });
    return {
      ...frame(null, region.timeZone, lang, now),
      regionId,
      regionCode: region.code,
      regionName: region.name,
      through,
      quarters: quarters.map((p, i) => trendPoint(p, asked[i])),
    };
  }

  private async unitYears(regionId: string, years: readonly number[]): Promise<Map<number, { regionId: string; tableIds: string[] }>> {
    const members = await this.regions.publishingYears(regionId, years);
    return new Map([...members].map(([year, tableIds]) => [year, { regionId, tableIds }]));
  }
}
