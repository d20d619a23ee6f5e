import { ApiProperty } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { DEFAULT_THRESHOLDS, THRESHOLD_BOUNDS } from './anomaly-rules';

/** A whole number within the threshold's bounds (a 400 naming the field otherwise). */
const Threshold = (field: keyof typeof THRESHOLD_BOUNDS, what: string) =>
  applyDecorators(
    ApiProperty({ type: 'integer', minimum: THRESHOLD_BOUNDS[field][0], maximum: THRESHOLD_BOUNDS[field][1], description: `${what} (default ${DEFAULT_THRESHOLDS[field]})` }),
    IsInt(),
    Min(THRESHOLD_BOUNDS[field][0]),
    Max(THRESHOLD_BOUNDS[field][1]),
  );

/**
 * The table's anomaly thresholds, whole: each within its bounds, office hours starting before they
 * end (400 naming the field).
 */
export class AnomalyThresholdsDto {
  @Threshold('maxReadsPerHour', 'identity reads of one user within any hour above which the user is flagged (UNUSUAL_READ_RATE)') maxReadsPerHour: number;
  @Threshold('officeStartHour', 'office hours start, local hour of the table (OUTSIDE_OFFICE_HOURS)') officeStartHour: number;
  @Threshold('officeEndHour', 'office hours end (exclusive), after officeStartHour') officeEndHour: number;
  @Threshold('closedDays', 'days after closure from which an identity read is flagged (READ_LONG_AFTER_CLOSURE)') closedDays: number;
  @Threshold('maxRefusals', 'refused requests of one user in the window from which the user is flagged (REPEATED_REFUSALS)') maxRefusals: number;
  @Threshold('maxGuesses', "free-text refusals matching a situation's stored identity from which the user is flagged (IDENTITY_GUESSES)") maxGuesses: number;
}

export class AnomalyThresholdsView extends AnomalyThresholdsDto {
  @ApiProperty({ description: 'false: the table has set none, these are the defaults' }) custom: boolean;
  @ApiProperty({ description: '0 while the defaults apply; send it back in If-Match' }) version: number;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) updatedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedByName: string | null;
  @ApiProperty({ type: AnomalyThresholdsDto, description: 'the defaults' }) defaults: AnomalyThresholdsDto;
}
