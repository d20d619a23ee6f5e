import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsString, Length, Max, Min } from 'class-validator';
import { BreakdownView, DisclosureControlView, RateView } from './report.dto';

/** The source of a benchmark population, printed beside every index read against it (6.7). */
export class BenchmarkSourceView {
  @ApiProperty({ example: 'Census of Population 2021' }) title: string;
  @ApiProperty({ example: 'Statistics Canada' }) publisher: string;
  @ApiProperty({ type: 'integer', example: 2021 }) year: number;
  @ApiProperty({ example: 'Peel Regional Municipality (census division)' }) geography: string;
  @ApiProperty({ example: 'Total population' }) population: string;
}

/** A benchmark as configured: a scope's year of validity, a question, each category's share of the population. */
export class EquityBenchmarkView {
  @ApiProperty({ type: 'integer', description: 'applies to the figures of this year and later, until a later year has its own' }) year: number;
  @ApiProperty({ enum: ['INDIGENOUS_IDENTITY', 'RACE'] }) question: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'reporting category to its share of the population (they add up to 1)' })
  shares: Record<string, number>;
  @ApiProperty({ type: BenchmarkSourceView }) source: BenchmarkSourceView;
  @ApiProperty({ format: 'date-time' }) setAt: string;
}

export class EquityBenchmarksView {
  @ApiProperty({ type: [EquityBenchmarkView], description: 'latest year first' }) benchmarks: EquityBenchmarkView[];
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        label: { type: 'string' },
        categories: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, label: { type: 'string' } }, required: ['code', 'label'] } },
      },
      required: ['code', 'label', 'categories'],
    },
    description: 'the benchmarked questions and their categories, in the language asked',
  })
  questions: { code: string; label: string; categories: { code: string; label: string }[] }[];
}

/** PUT …/equity-benchmarks/:year/:question (administrators). */
export class PutEquityBenchmarkDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { NO: 0.985, FIRST_NATIONS: 0.01, METIS: 0.004, INUIT: 0.001 } })
  @IsObject()
  shares: Record<string, number>;
  @ApiProperty() @IsString() @Length(1, 300) sourceTitle: string;
  @ApiProperty() @IsString() @Length(1, 200) sourcePublisher: string;
  @ApiProperty({ type: 'integer' }) @IsInt() @Min(1900) @Max(2200) sourceYear: number;
  @ApiProperty() @IsString() @Length(1, 200) sourceGeography: string;
  @ApiProperty() @IsString() @Length(1, 200) sourcePopulation: string;
}

export class EquityStageView {
  @ApiProperty({ enum: ['POLICE_LED', 'CLOSED_RISK_LOWERED', 'CLOSED_STILL_AER', 'CLOSED_OTHER'] }) stage: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: BreakdownView }) distribution: BreakdownView;
}

/** An index's reading, the same for the disproportionality and the disparity index (6.7): only a whole interval on one side of 1 flags. */
const INTERVAL_FLAG = { enum: ['OVER', 'UNDER'], nullable: true, type: String, description: 'the whole interval above 1 (OVER) or below 1 (UNDER)' };

export class DisproportionalityView {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: 'number', nullable: true, description: "the group's share of those who answered (published counts)" }) share: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: "the benchmark population's share" }) benchmark: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'share ÷ benchmark, two decimals' }) index: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: '95% Wilson interval of the share, ÷ benchmark' }) low: number | null;
  @ApiProperty({ type: 'number', nullable: true }) high: number | null;
  @ApiProperty(INTERVAL_FLAG) flag: 'OVER' | 'UNDER' | null;
  @ApiProperty({ enum: ['NO_BENCHMARK', 'BENCHMARK_TOO_SMALL', 'WITHHELD', 'TOO_FEW'], nullable: true, type: String, description: 'why no index is shown' }) unavailable:
    string | null;
}

/** A disparity index (6.7, last item): an outcome's rate in a group ÷ its rate among everyone else who answered. */
export class DisparityView {
  @ApiProperty({ enum: ['POLICE_LED', 'CLOSED_RISK_LOWERED'], description: 'led by police (of those who answered), or closed with the risk lowered (of those closed)' })
  outcome: string;
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: 'number', nullable: true, description: "the outcome's rate in the group (published counts)" }) rate: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'its rate among everyone else who answered' }) restRate: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'rate ÷ rest rate, two decimals' }) ratio: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: '95% interval, log method' }) low: number | null;
  @ApiProperty({ type: 'number', nullable: true }) high: number | null;
  @ApiProperty(INTERVAL_FLAG) flag: 'OVER' | 'UNDER' | null;
  @ApiProperty({ enum: ['WITHHELD', 'TOO_FEW'], nullable: true, type: String, description: 'why no index is shown (each of the four counts must be at least 10)' }) unavailable:
    string | null;
}

export class EquityQuestionFiguresView {
  @ApiProperty({ enum: ['INDIGENOUS_IDENTITY', 'RACE', 'RELIGION', 'ETHNIC_ORIGIN', 'GENDER_IDENTITY'] }) code: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: RateView, description: 'answered with a category, of those asked' }) answeredShare: RateView;
  @ApiProperty({ type: RateView }) preferNotToAnswerShare: RateView;
  @ApiProperty({ type: RateView, description: 'asked, and the question left empty' }) notAnsweredShare: RateView;
  @ApiProperty({ description: 'fewer than half of those asked answered' }) lowResponse: boolean;
  @ApiProperty({ type: BreakdownView, description: 'per reporting category, of those who answered' }) distribution: BreakdownView;
  @ApiProperty({ type: [EquityStageView] }) byStage: EquityStageView[];
  @ApiPropertyOptional({ type: [DisproportionalityView], description: 'Indigenous identity and race only' }) disproportionality?: DisproportionalityView[];
  @ApiPropertyOptional({ type: BenchmarkSourceView, nullable: true, description: 'the benchmark in force for the year (its own year or the latest before)' })
  benchmark?: BenchmarkSourceView | null;
  @ApiPropertyOptional({ type: [DisparityView], description: 'years only; Indigenous identity and race: each category, led by police, then risk lowered' })
  disparity?: DisparityView[];
}

/** A member table's equity response figures in its region's report. */
export class EquityMemberView {
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer', nullable: true }) population: number | null;
  @ApiProperty({ type: RateView }) askedShare: RateView;
}

/**
 * The equity figures of a quarter or a year (docs/evaluation.md I17, I18): frozen counts only, from
 * the year's disclosure unit built once all four quarters are frozen (R9). Before then `frozen` is
 * false, `availableFrom` says when, and no figure is given.
 */
export class EquityFiguresView {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) tableId: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) regionId?: string;
  @ApiProperty({ example: '2025' }) period: string;
  @ApiProperty({ enum: ['YEAR', 'QUARTER'] }) periodKind: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ enum: ['en', 'fr'] }) language: string;
  @ApiProperty({ description: "true once the year's four quarters are frozen and its figures published" }) frozen: boolean;
  @ApiProperty({ format: 'date-time', description: "when the year's last quarter freezes (its end plus EQUITY_FREEZE_LAG_DAYS)" }) availableFrom: string;
  @ApiProperty({ type: 'integer', description: 'days after a quarter ends before its counts are frozen' }) freezeLagDays: number;
  @ApiProperty({ description: 'false for a region year of fewer than 2 member tables: nothing is published (R3)' }) published: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'accepted PERSON or FAMILY situations referred in the period whose subject was written' }) population: number | null;
  @ApiProperty({ type: RateView, description: 'asked the questions, of the population' }) askedShare: RateView;
  @ApiProperty({ type: [EquityQuestionFiguresView] }) questions: EquityQuestionFiguresView[];
  @ApiPropertyOptional({ type: [EquityMemberView], description: 'a region: its member tables of the year' }) memberTables?: EquityMemberView[];
  @ApiProperty({ type: DisclosureControlView }) disclosureControl: DisclosureControlView;
}

/** An index of a trend's quarter: the figure that quarter's own route gives (6.7), its reason when none. */
export class EquityTrendIndexView {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: 'number', nullable: true }) index: number | null;
  @ApiProperty({ type: 'number', nullable: true }) low: number | null;
  @ApiProperty({ type: 'number', nullable: true }) high: number | null;
  @ApiProperty({ enum: ['OVER', 'UNDER'], nullable: true, type: String }) flag: 'OVER' | 'UNDER' | null;
  @ApiProperty({ enum: ['NO_BENCHMARK', 'BENCHMARK_TOO_SMALL', 'WITHHELD', 'TOO_FEW'], nullable: true, type: String }) unavailable: string | null;
}

/** A question in a trend's quarter: its response (I17) and, for Indigenous identity and race, each category's index (I18). */
export class EquityTrendQuestionView {
  @ApiProperty({ enum: ['INDIGENOUS_IDENTITY', 'RACE', 'RELIGION', 'ETHNIC_ORIGIN', 'GENDER_IDENTITY'] }) code: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: RateView, description: 'answered with a category, of those asked' }) answeredShare: RateView;
  @ApiProperty({ type: RateView }) preferNotToAnswerShare: RateView;
  @ApiPropertyOptional({ type: [EquityTrendIndexView], description: 'Indigenous identity and race only' }) indices?: EquityTrendIndexView[];
}

/** One quarter of an equity trend: exactly what `period=` that quarter publishes (R1), or not available (R9). */
export class EquityTrendPointView {
  @ApiProperty({ example: '2025-Q3' }) period: string;
  @ApiProperty({ description: "false until the quarter's year is frozen and published (R9): then no figure is given" }) available: boolean;
  @ApiProperty({ format: 'date-time', description: "when the quarter's year is published (its last quarter's end plus the freeze lag)" }) availableFrom: string;
  @ApiProperty({ type: 'integer', nullable: true }) population: number | null;
  @ApiProperty({ type: RateView, description: 'asked the questions, of the population' }) askedShare: RateView;
  @ApiProperty({ type: [EquityTrendQuestionView] }) questions: EquityTrendQuestionView[];
}

/** The equity figures of the 8 quarters ending with `through` (docs/evaluation.md 2.4), oldest first. */
export class EquityTrendView {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) tableId: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) regionId?: string;
  @ApiProperty({ example: '2026-Q3' }) through: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ enum: ['en', 'fr'] }) language: string;
  @ApiProperty({ type: 'integer' }) freezeLagDays: number;
  @ApiProperty({ type: [EquityTrendPointView] }) quarters: EquityTrendPointView[];
  @ApiProperty({ type: DisclosureControlView }) disclosureControl: DisclosureControlView;
}
