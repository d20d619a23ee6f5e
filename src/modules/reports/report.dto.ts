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

/** A published cell of an indicator's breakdown, and its share of the breakdown's population. */
export class ShareCellView extends ReportCellView {
  @ApiProperty({ type: 'number', nullable: true, minimum: 0, maximum: 1, description: 'published count ÷ published population, 3 decimals; null when withheld' }) share:
    number | null;
}

/** A breakdown of a population: withheld as a whole (`population: null`, no cells) when its population is a small cell or would betray one. */
export class BreakdownView {
  @ApiProperty({ type: 'integer', nullable: true, description: 'the published count of the population the cells break down' }) population: number | null;
  @ApiProperty() suppressed: boolean;
  @ApiProperty({ type: [ShareCellView] }) cells: ShareCellView[];
}

/** Where each figure comes from: the scope, the period and the time the figures describe. */
export class IndicatorFrame {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for the province' }) tableId: string | null;
  @ApiProperty({ example: 'America/Toronto' }) timeZone: string;
  @ApiProperty({ enum: ['en', 'fr'] }) language: string;
  @ApiProperty({ description: 'the situations as they stand at this time (the 48-hour populations are measured against it)' }) asOf: string;
  @ApiProperty({ type: DisclosureControlView }) disclosureControl: DisclosureControlView;
}

/**
 * The evaluation indicators of one fixed period (docs/evaluation.md, section 4: I1-I13, I15 and I16).
 * Counts withheld below 5 and randomly rounded to base 5 as the summary's, under the same names:
 * a figure both routes show is the same figure.
 */
export class IndicatorsView extends IndicatorFrame {
  @ApiProperty({ example: '2026-Q3' }) period: string;
  @ApiProperty({ enum: ['YEAR', 'QUARTER', 'MONTH'] }) periodKind: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: BreakdownView, description: 'I1: referrals received in the period, by current status' }) referrals: BreakdownView;
  @ApiProperty({ type: RateView, description: 'I2: accepted ÷ decided' }) acceptanceRate: RateView;
  @ApiProperty({ type: StatisticView, description: 'I3: hours from referral to decision (median, 90th percentile)' }) hoursReferralToDecision: StatisticView;
  @ApiProperty({ type: StatisticView, description: 'I4: hours from decision to the first assignment' }) hoursDecisionToAssignment: StatisticView;
  @ApiProperty({ type: StatisticView, description: "I5: hours from the assignment in force to the lead's mobilisation" }) hoursAssignmentToMobilization: StatisticView;
  @ApiProperty({ type: RateView, description: 'I6a: accepted situations mobilised within 48 hours of the decision' }) mobilizedWithin48HoursOfDecision: RateView;
  @ApiProperty({ type: RateView, description: 'I6b: within 48 hours of the assignment in force (the agenda clock)' }) mobilizedWithin48HoursOfAssignment: RateView;
  @ApiProperty({ type: BreakdownView, description: 'I7: accepted situations closed, by conclusion' }) conclusions: BreakdownView;
  @ApiProperty({ type: BreakdownView, description: 'I7: the same, by group (RISK_LOWERED, STILL_AER, OTHER)' }) conclusionGroups: BreakdownView;
  @ApiProperty({ type: RateView, description: 'I7: the RISK_LOWERED group ÷ accepted situations closed' }) riskLoweredShare: RateView;
  @ApiProperty({ type: BreakdownView, description: 'I8: situations with a lead, by lead sector' }) leadSectors: BreakdownView;
  @ApiProperty({ type: RateView, description: 'I8: police-led ÷ situations with a lead' }) policeLeadShare: RateView;
  @ApiProperty({ type: RateView, description: 'I8, secondary: led situations whose current assignment has the police as lead or assisting agency ÷ led situations' })
  policeInvolvementShare: RateView;
  @ApiProperty({ type: BreakdownView, description: 'I9: referrals by originating sector' }) originatingSectors: BreakdownView;
  @ApiProperty({ type: RateView, description: 'I9: referred by police ÷ referrals' }) policeOriginShare: RateView;
  @ApiProperty({ type: BreakdownView, description: 'I10: accepted people and families of a known age, by age band' }) ageBands: BreakdownView;
  @ApiProperty({ type: RateView, description: 'I10: under 18 ÷ accepted people and families of a known age' }) minorsShare: RateView;
  @ApiProperty({ type: BreakdownView, description: 'I11: referrals by situation type' }) situationTypes: BreakdownView;
  @ApiProperty({ type: BreakdownView, description: 'I12: situations with a risk factor, by risk category (a situation in several)' }) riskCategories: BreakdownView;
  @ApiProperty({ type: BreakdownView, description: 'I12: the 10 most frequent pairs of risk categories (published ones only)' }) riskCategoryPairs: BreakdownView;
  @ApiProperty({ type: BreakdownView, description: 'I13: situations with an agency mobilisation, by service connected (a situation in several)' }) services: BreakdownView;
  @ApiProperty({ type: RateView, description: 'I13: with a service ÷ with a mobilisation' }) withServiceShare: RateView;
  @ApiProperty({ type: RateView, description: 'I15: leads declined ÷ leads given' }) leadDeclineRate: RateView;
  @ApiProperty({ type: BreakdownView, description: 'I15: declined leads by reason' }) leadDeclineReasons: BreakdownView;
  @ApiProperty({ type: BreakdownView, description: 'I15: declined leads by sector of the declining agency' }) leadDeclineSectors: BreakdownView;
  @ApiProperty({ type: BreakdownView, description: 'I16: accepted situations by system barrier recorded (any context; a situation in several)' }) systemGaps: BreakdownView;
  @ApiProperty({
    type: BreakdownView,
    description: 'I16: accepted situations by system barrier and the context it was recorded in (`CODE/CONTEXT`: at closure, with a lead declined, with an action not done)',
  })
  systemGapsByContext: BreakdownView;
  @ApiProperty({ type: BreakdownView, description: 'I16 per barrier code and the service it concerns (`CODE/SERVICE`): published cells only, a situation in several' })
  systemGapsByService: BreakdownView;
  @ApiProperty({
    type: BreakdownView,
    description: "I16's secondary count: accepted situations with an action that could not be done, per reason (situations, not actions: a situation in several)",
  })
  actionsNotDone: BreakdownView;
  @ApiProperty({ type: RateView, description: 'I16: accepted situations with at least one system barrier ÷ accepted situations' }) withBarrierShare: RateView;
  @ApiProperty({
    type: RateView,
    description:
      'I14: situations whose person had been referred to the same table in the 12 months before ÷ situations with an indexed person (a lower bound: an earlier referral is found only while its identity is kept)',
  })
  repeatReferralShare: RateView;
}

export class TrendQuery {
  @ApiPropertyOptional({ description: 'the last quarter of the trend, one that has begun; default: the last quarter that has ended', example: '2026-Q3' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  through?: string;
}

/** One quarter of a trend: exactly the figures `period=` that quarter publishes. */
export class TrendPointView {
  @ApiProperty({ example: '2026-Q3' }) period: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'I1' }) referrals: number | null;
  @ApiProperty({ type: RateView, description: 'I2' }) acceptanceRate: RateView;
  @ApiProperty({ type: StatisticView, description: 'I3' }) hoursReferralToDecision: StatisticView;
  @ApiProperty({ type: StatisticView, description: 'I4' }) hoursDecisionToAssignment: StatisticView;
  @ApiProperty({ type: StatisticView, description: 'I5' }) hoursAssignmentToMobilization: StatisticView;
  @ApiProperty({ type: RateView, description: 'I6a' }) mobilizedWithin48HoursOfDecision: RateView;
  @ApiProperty({ type: RateView, description: 'I7' }) riskLoweredShare: RateView;
  @ApiProperty({ type: RateView, description: 'I8' }) policeLeadShare: RateView;
  @ApiProperty({ type: RateView, description: 'I8, secondary' }) policeInvolvementShare: RateView;
  @ApiProperty({ type: RateView, description: 'I9' }) policeOriginShare: RateView;
  @ApiProperty({ type: RateView, description: 'I10' }) minorsShare: RateView;
  @ApiProperty({ type: RateView, description: 'I13' }) withServiceShare: RateView;
  @ApiProperty({ type: RateView, description: 'I15' }) leadDeclineRate: RateView;
  @ApiProperty({ type: RateView, description: 'I16' }) withBarrierShare: RateView;
  @ApiProperty({ type: RateView, description: 'I14' }) repeatReferralShare: RateView;
}

/** The 8 consecutive quarters ending with `through`, oldest first (fewer before 2000). */
export class TrendView extends IndicatorFrame {
  @ApiProperty({ example: '2026-Q3' }) through: string;
  @ApiProperty({ type: [TrendPointView] }) quarters: TrendPointView[];
}
