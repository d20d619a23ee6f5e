import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Trimmed } from '../../common/http/text';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, IsTimeZone, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { TABLE_ROLES, TableRole } from '../../common/authz/roles';
import { DORMANCY_CLOSE_DAYS, DORMANCY_FLAG_DAYS, IDENTITY_RETENTION_DAYS } from '../situations/domain/retention';

export class ThresholdPolicyDto {
  @ApiProperty({ default: 3 }) @IsInt() @Min(1) @Max(50) minRiskFactors: number;
  @ApiProperty({ default: 2 }) @IsInt() @Min(1) @Max(30) minCategories: number;
  @ApiProperty({ default: 2 }) @IsInt() @Min(1) @Max(20) minSectors: number;
  @ApiProperty({ default: 1 }) @IsInt() @Min(0) @Max(50) minConfirmed: number;
}

/** An optional whole number of days of a table's policy, from `min` to `max`, validated and documented. */
const optionalDays = (min: number, max: number, description: string) =>
  applyDecorators(ApiPropertyOptional({ minimum: min, maximum: max, description }), IsOptional(), IsInt(), Min(min), Max(max));
const DeferralLimitDays = () => optionalDays(1, 90, 'days after which a deferred referral still unanswered is flagged (14 when not given at creation)');
const AccessReviewDays = () => optionalDays(30, 365, 'days a certification of a role grant holds before the privacy officer must certify it again (90 when not given at creation)');
const ReopenLimitDays = () => optionalDays(0, 365, 'days after its closure a situation may still be reopened (30 when not given at creation; 0: never)');
const IdentityRetentionDays = () =>
  optionalDays(
    IDENTITY_RETENTION_DAYS.min,
    IDENTITY_RETENTION_DAYS.max,
    `days after its closure a situation's identity is crypto-shredded and its free texts erased (${IDENTITY_RETENTION_DAYS.default} when not given at creation; at least reopenLimitDays)`,
  );
const DormancyFlagDays = () =>
  optionalDays(
    DORMANCY_FLAG_DAYS.min,
    DORMANCY_FLAG_DAYS.max,
    `days without activity after which a situation is flagged dormant to the coordinators (${DORMANCY_FLAG_DAYS.default} when not given at creation)`,
  );
const DormancyCloseDays = () =>
  optionalDays(
    DORMANCY_CLOSE_DAYS.min,
    DORMANCY_CLOSE_DAYS.max,
    `days without activity after which the system closes it as dormant (${DORMANCY_CLOSE_DAYS.default} when not given at creation; longer than dormancyFlagDays)`,
  );

export class CreateTableDto {
  @ApiProperty({ example: 'Peel Situation Table' }) @Trimmed() @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ example: 'Peel' }) @IsOptional() @Trimmed() @IsString() @Length(1, 200) region?: string;
  @ApiPropertyOptional({ description: 'prefix of situation references, e.g. PEEL', example: 'PEEL' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z][A-Z0-9]{1,11}$/)
  code?: string;
  @ApiPropertyOptional({ type: ThresholdPolicyDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => ThresholdPolicyDto) thresholdPolicy?: ThresholdPolicyDto;
  @IdentityRetentionDays() identityRetentionDays?: number;
  @DeferralLimitDays() deferralLimitDays?: number;
  @ReopenLimitDays() reopenLimitDays?: number;
  @AccessReviewDays() accessReviewDays?: number;
  @DormancyFlagDays() dormancyFlagDays?: number;
  @DormancyCloseDays() dormancyCloseDays?: number;
  @ApiPropertyOptional({ default: 'America/Toronto', description: 'IANA time zone in which report periods begin and end; set at creation only' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+){1,2})$/, { message: 'timeZone must be an IANA time zone name such as America/Toronto' })
  @IsTimeZone()
  timeZone?: string;
}

export class UpdateTableDto {
  @ApiPropertyOptional() @IsOptional() @Trimmed() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @Trimmed() @IsString() @Length(1, 200) region?: string;
  @ApiPropertyOptional({ type: ThresholdPolicyDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => ThresholdPolicyDto) thresholdPolicy?: ThresholdPolicyDto;
  @IdentityRetentionDays() identityRetentionDays?: number;
  @DeferralLimitDays() deferralLimitDays?: number;
  @ReopenLimitDays() reopenLimitDays?: number;
  @AccessReviewDays() accessReviewDays?: number;
  @DormancyFlagDays() dormancyFlagDays?: number;
  @DormancyCloseDays() dormancyCloseDays?: number;
  @ApiPropertyOptional({ description: 'the title of the person who answers questions about the equity questions, named in their notice (e.g. Privacy officer, Example Table)' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(1, 200)
  equityContactTitle?: string;
  @ApiPropertyOptional({ description: "that person's e-mail address, named in the equity notice" }) @IsOptional() @Trimmed() @IsEmail() @Length(3, 254) equityContactEmail?: string;
}

export class AddTableAgencyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() agencyId: string;
}

export class GrantRoleDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
  @ApiProperty({ enum: TABLE_ROLES }) @IsIn(TABLE_ROLES) role: TableRole;
}

export class DayBoundsView {
  @ApiProperty() min: number;
  @ApiProperty() max: number;
  @ApiProperty({ description: 'the value a new table gets when none is given' }) default: number;
}

export class RetentionBoundsView {
  @ApiProperty({ type: DayBoundsView }) identityRetentionDays: DayBoundsView;
  @ApiProperty({ type: DayBoundsView }) dormancyFlagDays: DayBoundsView;
  @ApiProperty({ type: DayBoundsView }) dormancyCloseDays: DayBoundsView;
}

/** The bounds of the retention policy (situations/domain/retention.ts), served with each table for the settings screen. */
export const RETENTION_BOUNDS: RetentionBoundsView = {
  identityRetentionDays: { ...IDENTITY_RETENTION_DAYS },
  dormancyFlagDays: { ...DORMANCY_FLAG_DAYS },
  dormancyCloseDays: { ...DORMANCY_CLOSE_DAYS },
};

export class ThresholdPolicyView {
  @ApiProperty() minRiskFactors: number;
  @ApiProperty() minCategories: number;
  @ApiProperty() minSectors: number;
  @ApiProperty() minConfirmed: number;
}

export class TableView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() code: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ type: ThresholdPolicyView }) thresholdPolicy: ThresholdPolicyView;
  @ApiProperty() identityRetentionDays: number;
  @ApiProperty() deferralLimitDays: number;
  @ApiProperty({ description: 'days after its closure a situation may still be reopened (0: never)' }) reopenLimitDays: number;
  @ApiProperty({ description: 'days a certification of a role grant holds (access review)' }) accessReviewDays: number;
  @ApiProperty({ description: 'days without activity after which a situation is flagged dormant' }) dormancyFlagDays: number;
  @ApiProperty({ description: 'days without activity after which the system closes it as dormant' }) dormancyCloseDays: number;
  @ApiProperty({ type: () => RetentionBoundsView, description: 'the bounds the retention and dormancy periods are validated against' }) retentionBounds: RetentionBoundsView;
  @ApiProperty({ example: 'America/Toronto' }) timeZone: string;
  @ApiProperty({ nullable: true, type: String, description: 'named in the equity notice; the equity questions are refused until it is set' }) equityContactTitle: string | null;
  @ApiProperty({ nullable: true, type: String }) equityContactEmail: string | null;
  @ApiProperty() createdAt: string;
}

export class TableAgencyView {
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() name: string;
  @ApiProperty() sector: string;
  @ApiProperty() joinedAt: string;
}

export class RoleGrantResult {
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: TABLE_ROLES }) role: TableRole;
  @ApiProperty() grantedAt: string;
}
