import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ReportPeriodQuery {
  @ApiPropertyOptional({ description: "a year `2026`, a quarter `2026-Q3` or a month `2026-07`, in the table's time zone; default: the current year", example: '2026-Q3' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  period?: string;
  /** Refused (400): reports cover fixed periods only. Declared so the answer can say so. */
  @ApiHideProperty() @IsOptional() from?: unknown;
  /** Refused (400), as `from`. */
  @ApiHideProperty() @IsOptional() to?: unknown;
}

/** One published cell: withheld (`count: null, suppressed: true`) below 5, else rounded to base 5. */
export class ReportCellView {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: 'integer', nullable: true }) count: number | null;
  @ApiProperty() suppressed: boolean;
}

export class RateView {
  @ApiProperty({ type: 'number', nullable: true, minimum: 0, maximum: 1 }) value: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the rounded denominator' }) n: number | null;
  @ApiProperty() suppressed: boolean;
}

export class StatisticValuesView {
  @ApiPropertyOptional({ type: 'integer', nullable: true }) median?: number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) p90?: number | null;
}

export class StatisticView {
  @ApiProperty({ type: StatisticValuesView, nullable: true }) value: StatisticValuesView | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the rounded number of observations' }) n: number | null;
  @ApiProperty() suppressed: boolean;
}

export class DisclosureControlView {
  @ApiProperty({ example: 'RANDOM_ROUNDING_BASE_5' }) method: string;
  @ApiProperty() base: number;
  @ApiProperty() minimumCell: number;
  @ApiProperty() description: string;
}

/** A de-identified summary over one fixed period (README, "Reports and disclosure control"). */
export class ReportSummaryView {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for the province' }) tableId: string | null;
  @ApiProperty({ example: '2026-Q3' }) period: string;
  @ApiProperty({ enum: ['YEAR', 'QUARTER', 'MONTH'] }) periodKind: string;
  @ApiProperty({ example: 'America/Toronto' }) timeZone: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ enum: ['en', 'fr'] }) language: string;
  @ApiProperty() minimumCell: number;
  @ApiProperty({ type: DisclosureControlView }) disclosureControl: DisclosureControlView;
  @ApiProperty({ type: 'integer', nullable: true }) total: number | null;
  @ApiProperty({ type: [ReportCellView] }) byStatus: ReportCellView[];
  @ApiProperty({ type: [ReportCellView] }) bySituationType: ReportCellView[];
  @ApiProperty({ type: [ReportCellView] }) byAgeBand: ReportCellView[];
  @ApiProperty({ type: [ReportCellView] }) byGender: ReportCellView[];
  @ApiProperty({ type: [ReportCellView] }) byOriginatingSector: ReportCellView[];
  @ApiProperty({ type: [ReportCellView] }) byLeadSector: ReportCellView[];
  @ApiProperty({ type: [ReportCellView] }) byConclusion: ReportCellView[];
  @ApiProperty({ type: [ReportCellView] }) byConsentStatus: ReportCellView[];
  @ApiProperty({ type: [ReportCellView] }) byRiskCategory: ReportCellView[];
  @ApiProperty({ type: [ReportCellView], description: 'the 50 most frequent pairs of risk categories' }) riskCategoryPairs: ReportCellView[];
  @ApiProperty({ type: RateView }) acceptanceRate: RateView;
  @ApiProperty({ type: RateView }) riskLoweredShare: RateView;
  @ApiProperty({ type: StatisticView, description: 'median and 90th percentile, whole hours' }) hoursToMobilization: StatisticView;
  @ApiProperty({ type: StatisticView, description: 'median, whole days' }) daysOpen: StatisticView;
}
