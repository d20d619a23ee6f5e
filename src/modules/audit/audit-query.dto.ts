import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';
import { ACCESS_PURPOSE_CODES } from '../taxonomy/taxonomy.constants';
import { SIGN_IN_KINDS, SIGN_IN_REASONS } from './sign-in-events';
import { AnomalyThresholdsDto } from './anomaly-thresholds.dto';

export class AuditFilterQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the agency the actor belonged to when acting' }) @IsOptional() @IsUUID() actorAgencyId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() situationId?: string;
  @ApiPropertyOptional({ example: 'identity.read' }) @IsOptional() @IsString() @MaxLength(64) @Matches(/^[a-z0-9._]+$/) action?: string;
  @ApiPropertyOptional({ enum: ['SUCCESS', 'DENIED'] }) @IsOptional() @IsIn(['SUCCESS', 'DENIED']) outcome?: 'SUCCESS' | 'DENIED';
  @ApiPropertyOptional({ enum: ACCESS_PURPOSE_CODES, description: 'the purpose code an identity read gave (GET /taxonomy accessPurposes)' })
  @IsOptional()
  @IsIn(ACCESS_PURPOSE_CODES)
  purposeCode?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

/** A region's trail (R12): the table trail's filter less the situation, the agency and the purpose. */
export class RegionAuditQuery extends PickType(AuditFilterQuery, ['limit', 'cursor', 'actorId', 'action', 'outcome', 'from', 'to'] as const) {}

/** A situation's access log, optionally of one agency's readers and one purpose code. */
export class AccessLogQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "the reader's agency when reading" }) @IsOptional() @IsUUID() agencyId?: string;
  @ApiPropertyOptional({ enum: ACCESS_PURPOSE_CODES }) @IsOptional() @IsIn(ACCESS_PURPOSE_CODES) purposeCode?: string;
}

/** The sign-in history's filters: a user of the table, a kind of event, a period ([from, to)). */
export class SignInHistoryQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'a user who holds or held a role at the table' }) @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional({ enum: SIGN_IN_KINDS }) @IsOptional() @IsIn(SIGN_IN_KINDS) kind?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

/**
 * One sign-in event of a table's user, while they held a role there: who (display name, agency;
 * never the e-mail), when, what, why refused; by whom when an administrator did it. No address of
 * any kind: the trail records none.
 */
export class SignInEventView {
  @ApiProperty({ description: "the entry's place in the system chain" }) seq: string;
  @ApiProperty() at: string;
  @ApiProperty({ enum: SIGN_IN_KINDS }) kind: string;
  @ApiProperty({ enum: SIGN_IN_REASONS, nullable: true, type: String, description: 'a refused sign-in or password change: why' }) reason: string | null;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() userDisplayName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agencyId: string | null;
  @ApiProperty({ nullable: true, type: String }) agencyName: string | null;
  @ApiProperty({ description: 'an administrator did it (a deactivation, a password reset)' }) byAdministrator: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorDisplayName: string | null;
}

export class AnomalyQuery {
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ default: 10, description: 'identity reads per user per hour above which a user is flagged' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  maxReadsPerHour?: number;
  @ApiPropertyOptional({ default: 7 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(23) officeStartHour?: number;
  @ApiPropertyOptional({ default: 19 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(24) officeEndHour?: number;
  @ApiPropertyOptional({ default: 'America/Toronto' }) @IsOptional() @IsString() @MaxLength(64) @Matches(/^[A-Za-z_]+(\/[A-Za-z_+-]+){0,2}$/) timeZone?: string;
  @ApiPropertyOptional({ default: 30, description: 'days after closure from which an identity read is flagged' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  closedDays?: number;
  @ApiPropertyOptional({ default: 5, description: 'refused requests of one user in the window from which the user is flagged as probing' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  maxRefusals?: number;
  @ApiPropertyOptional({ default: 2, description: "free-text refusals of one user matching a situation's stored identity from which the user is flagged (IDENTITY_GUESSES)" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  maxGuesses?: number;
}

export class AuditEntryView {
  @ApiProperty() seq: string;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorDisplayName: string | null;
  @ApiProperty({ nullable: true, type: String }) actorAgencyId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorAgencyName: string | null;
  @ApiProperty() action: string;
  @ApiProperty({ enum: ['SUCCESS', 'DENIED'] }) outcome: string;
  @ApiProperty({ nullable: true, type: String }) situationId: string | null;
  @ApiProperty({ nullable: true, type: String }) purpose: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ type: Object }) details: Record<string, unknown>;
  @ApiProperty() hash: string;
  @ApiProperty() prevHash: string;
}

export class InvalidRangeView {
  @ApiPropertyOptional({ description: 'first entry of the run (absent: not tied to an entry)' }) fromSeq?: string;
  @ApiPropertyOptional({ description: 'last entry of the run' }) toSeq?: string;
  @ApiProperty() reason: string;
}

export class VerifyView {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'entries examined' }) checked: number;
  @ApiPropertyOptional() firstInvalidSeq?: string;
  @ApiPropertyOptional({ type: [InvalidRangeView], description: 'every finding (runs of entries with one reason), at most 100' }) invalid?: InvalidRangeView[];
  @ApiPropertyOptional({ description: 'true when there were more findings than listed' }) invalidTruncated?: boolean;
}

export const ANOMALY_KINDS = [
  'IDENTITY_REFUSED',
  'UNUSUAL_READ_RATE',
  'OUTSIDE_OFFICE_HOURS',
  'READ_LONG_AFTER_CLOSURE',
  'REPEATED_REFUSALS',
  'IDENTITY_INTEGRITY_FAILURE',
  'IDENTITY_GUESSES',
] as const;

/** An audit entry behind an anomaly flag. */
export class AnomalyEntryView {
  @ApiProperty() seq: string;
  @ApiProperty() at: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorDisplayName: string | null;
  @ApiProperty({ enum: ['SUCCESS', 'DENIED'] }) outcome: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) situationId: string | null;
  @ApiProperty({ nullable: true, type: String }) purpose: string | null;
}

/** Refused requests of a probing actor, by what they aimed at. */
export class ProbeTargetsView {
  @ApiProperty() identity: number;
  @ApiProperty() audit: number;
  @ApiProperty({ description: 'situations or tables of a table the actor is not a member of' }) foreignData: number;
  @ApiProperty() other: number;
}

export class AnomalyFlagView {
  @ApiProperty({ enum: ANOMALY_KINDS }) kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorDisplayName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "the actor's agency (today's)" }) actorAgencyId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorAgencyName: string | null;
  @ApiProperty() count: number;
  @ApiPropertyOptional({ type: ProbeTargetsView, description: 'REPEATED_REFUSALS only' }) targets?: ProbeTargetsView;
  @ApiProperty({ type: [AnomalyEntryView], description: 'the entries behind the flag (at most 50)' }) entries: AnomalyEntryView[];
}

export class AnomaliesView {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: AnomalyThresholdsDto, description: "the thresholds applied: the table's (GET /tables/:tableId/audit/anomaly-thresholds), each overridable by the query" })
  thresholds: AnomalyThresholdsDto;
  @ApiProperty({ type: [AnomalyFlagView] }) flags: AnomalyFlagView[];
}

/** Who read or was refused a situation's identity. */
export class AccessLogEntryView {
  @ApiProperty() seq: string;
  @ApiProperty() at: string;
  @ApiProperty() action: string;
  @ApiProperty({ enum: ['SUCCESS', 'DENIED'] }) outcome: string;
  @ApiProperty({ nullable: true, type: String }) purpose: string | null;
  @ApiProperty({ nullable: true, type: String, description: "a code of the taxonomy's accessPurposes" }) purposeCode: string | null;
  @ApiProperty({ nullable: true, type: String }) purposeNote: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorDisplayName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorAgencyId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorAgencyName: string | null;
}

export class AccessLogView {
  @ApiProperty({ format: 'uuid' }) situationId: string;
  @ApiProperty({ type: [AccessLogEntryView] }) items: AccessLogEntryView[];
}

/** A person who appears in the table's trail or holds a role at the table (the actor filter's pick-list; no e-mail). */
export class AuditActorView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agencyId: string | null;
  @ApiProperty({ nullable: true, type: String }) agencyName: string | null;
}

export class AuditActorsView {
  @ApiProperty({ type: [AuditActorView], description: 'by display name, at most 1,000' }) items: AuditActorView[];
  @ApiProperty({ description: 'true when there were more people than listed' }) truncated: boolean;
}
