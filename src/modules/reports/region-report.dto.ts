import { ApiProperty } from '@nestjs/swagger';
import { BreakdownView, IndicatorsView, RateView, TrendView } from './report.dto';

/** One member table's key figures of the period (docs/evaluation.md, section 8 item 11): the same figures the table's own route publishes. */
export class RegionMemberFiguresView {
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: BreakdownView, description: 'I1: referrals received, by current status' }) referrals: BreakdownView;
  @ApiProperty({ type: RateView, description: 'I2' }) acceptanceRate: RateView;
  @ApiProperty({ type: RateView, description: 'I6a' }) mobilizedWithin48HoursOfDecision: RateView;
  @ApiProperty({ type: RateView, description: 'I7' }) riskLoweredShare: RateView;
  @ApiProperty({ type: RateView, description: 'I8' }) policeLeadShare: RateView;
  @ApiProperty({ type: RateView, description: 'I9' }) policeOriginShare: RateView;
  @ApiProperty({ type: RateView, description: 'I10' }) minorsShare: RateView;
}

/**
 * A region's indicators of one fixed period: those of the table route over the member tables of the
 * period's year, and each member's key figures, all from the region-year's disclosure unit. A year
 * of fewer than 2 member tables publishes nothing (`published: false`, every figure withheld).
 */
export class RegionIndicatorsView extends IndicatorsView {
  @ApiProperty({ format: 'uuid' }) regionId: string;
  @ApiProperty({ example: 'PEEL' }) regionCode: string;
  @ApiProperty() regionName: string;
  @ApiProperty({ description: "false when the period's year has fewer than 2 member tables: nothing is published (R3)" }) published: boolean;
  @ApiProperty({ type: [RegionMemberFiguresView], description: "the member tables of the period's year, by name" }) memberTables: RegionMemberFiguresView[];
}

/** A region's trend: each point the figure `period=` that quarter publishes for the region. */
export class RegionTrendView extends TrendView {
  @ApiProperty({ format: 'uuid' }) regionId: string;
  @ApiProperty({ example: 'PEEL' }) regionCode: string;
  @ApiProperty() regionName: string;
}
