import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';
import { Trimmed } from '../../common/http/text';
import { ANOMALY_KINDS } from '../audit/audit-query.dto';
import {
  BREACH_KINDS,
  BREACH_OUTCOMES,
  CASE_OUTCOMES,
  MAX_AFFECTED,
  NOTIFICATION_METHODS,
  type BreachKind,
  type BreachOutcome,
  type CaseOutcome,
  type NotificationMethod,
} from './domain/oversight-rules';

export const MAX_NOTE = 2000;
export const MAX_DESCRIPTION = 4000;

// ---- anomaly cases ------------------------------------------------------------------------------

/** A flag of `GET /tables/:tableId/audit/anomalies`, by its identity: rule, actor and the window it was computed over. */
export class OpenCaseDto {
  @ApiProperty({ enum: ANOMALY_KINDS }) @IsIn(ANOMALY_KINDS) kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "the flag's actorId (null for IDENTITY_INTEGRITY_FAILURE)" })
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  actorId: string | null;
  @ApiProperty({ format: 'date-time', description: "the window's start (the anomalies' `from`)" }) @IsISO8601({ strict: true }) from: string;
  @ApiProperty({ format: 'date-time', description: "the window's end (the anomalies' `to`)" }) @IsISO8601({ strict: true }) to: string;
}

export class CaseQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['OPEN', 'CLOSED'] }) @IsOptional() @IsIn(['OPEN', 'CLOSED']) status?: 'OPEN' | 'CLOSED';
  @ApiPropertyOptional({ enum: ANOMALY_KINDS }) @IsOptional() @IsIn(ANOMALY_KINDS) kind?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the flagged user' }) @IsOptional() @IsUUID() actorId?: string;
}

export class CaseNoteDto {
  @ApiProperty({ maxLength: MAX_NOTE, description: 'de-identified (checked: 422 PII_DETECTED)' }) @Trimmed() @IsString() @Length(1, MAX_NOTE) text: string;
}

export class AssignCaseDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'a privacy officer of the table (active), or null to unassign' })
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  assigneeId: string | null;
}

export class CloseCaseDto {
  @ApiProperty({ enum: CASE_OUTCOMES }) @IsIn(CASE_OUTCOMES) outcome: CaseOutcome;
  @ApiPropertyOptional({ format: 'uuid', description: 'with BREACH_SUSPECTED (required): the breach record of this table it led to' }) @IsOptional() @IsUUID() breachId?: string;
}

export class CaseNoteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) authorId: string | null;
  @ApiProperty({ nullable: true, type: String }) authorName: string | null;
  @ApiProperty() createdAt: string;
}

export class AffectedSituationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
}

export class AnomalyCaseView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ANOMALY_KINDS }) kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty() windowFrom: string;
  @ApiProperty() windowTo: string;
  @ApiProperty({ description: "the flag's count when the case was opened" }) flagCount: number;
  @ApiProperty({ type: () => [AffectedSituationView], description: "the situations of the flag's entries, by reference (notes are checked against their identities)" })
  situations: AffectedSituationView[];
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeName: string | null;
  @ApiProperty({ enum: CASE_OUTCOMES, nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) breachId: string | null;
  @ApiProperty({ nullable: true, type: String }) openedByName: string | null;
  @ApiProperty() openedAt: string;
  @ApiProperty({ nullable: true, type: String }) closedByName: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ description: 'how many notes' }) noteCount: number;
  @ApiProperty() version: number;
}

export class AssignableView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
}

export class AnomalyCaseDetailView extends AnomalyCaseView {
  @ApiProperty({ type: [CaseNoteView], description: 'oldest first' }) notes: CaseNoteView[];
  @ApiProperty({ type: [AssignableView], description: 'whom it may be assigned to: the active privacy officers of the table' }) assignable: AssignableView[];
}

// ---- breach log ---------------------------------------------------------------------------------

export class RecordBreachDto {
  @ApiProperty({ enum: BREACH_KINDS }) @IsIn(BREACH_KINDS) kind: BreachKind;
  @ApiProperty({ maxLength: MAX_DESCRIPTION, description: 'what happened, de-identified (checked, also against the identities of the situations named: 422 PII_DETECTED)' })
  @Trimmed()
  @IsString()
  @Length(10, MAX_DESCRIPTION)
  description: string;
  @ApiProperty({ format: 'date-time', description: 'when it was discovered (not in the future)' }) @IsISO8601({ strict: true }) discoveredAt: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'when it occurred, if known (not after discoveredAt)' }) @IsOptional() @IsISO8601({ strict: true }) occurredAt?: string;
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_AFFECTED,
    description: "who was affected, by the references of this table's situations only (never identity); a reference of another table is refused like an unknown one (400)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_AFFECTED)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9-]{1,40}$/, { each: true, message: 'each must be a situation reference' })
  situationReferences?: string[];
}

export class BreachQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['OPEN', 'CLOSED'] }) @IsOptional() @IsIn(['OPEN', 'CLOSED']) status?: 'OPEN' | 'CLOSED';
}

export class ContainmentStepDto {
  @ApiProperty({ format: 'date-time', description: 'when the step was taken (not in the future, not before discovery)' }) @IsISO8601({ strict: true }) takenAt: string;
  @ApiProperty({ maxLength: MAX_NOTE, description: 'what was done, de-identified' }) @Trimmed() @IsString() @Length(3, MAX_NOTE) description: string;
}

/** The notifications, whole: each date set or null (not yet). */
export class BreachNotificationsDto {
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'when the Information and Privacy Commissioner (IPC) was notified; null: not (yet)' })
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  ipcNotifiedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'when the affected person(s) were notified; null: not (yet)' })
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  personsNotifiedAt: string | null;
  @ApiProperty({ enum: NOTIFICATION_METHODS, nullable: true, type: String, description: 'how (with personsNotifiedAt)' })
  @ValidateIf((_, v) => v !== null)
  @IsIn(NOTIFICATION_METHODS)
  personsNotificationMethod: NotificationMethod | null;
}

export class CloseBreachDto {
  @ApiProperty({ enum: BREACH_OUTCOMES, description: 'CONFIRMED needs a containment step first' }) @IsIn(BREACH_OUTCOMES) outcome: BreachOutcome;
}

export class ContainmentStepView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() takenAt: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) recordedByName: string | null;
  @ApiProperty() recordedAt: string;
}

export class BreachView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: BREACH_KINDS }) kind: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) occurredAt: string | null;
  @ApiProperty() discoveredAt: string;
  @ApiProperty({ type: [AffectedSituationView], description: 'by reference only' }) situations: AffectedSituationView[];
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) ipcNotifiedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) personsNotifiedAt: string | null;
  @ApiProperty({ enum: NOTIFICATION_METHODS, nullable: true, type: String }) personsNotificationMethod: string | null;
  @ApiProperty({ enum: BREACH_OUTCOMES, nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) recordedByName: string | null;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ nullable: true, type: String }) closedByName: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty() containmentStepCount: number;
  @ApiProperty() version: number;
}

export class BreachDetailView extends BreachView {
  @ApiProperty({ type: [ContainmentStepView], description: 'in the order taken' }) containmentSteps: ContainmentStepView[];
  @ApiProperty({ type: [String], description: 'the anomaly cases closed as BREACH_SUSPECTED that name it' }) anomalyCaseIds: string[];
}
