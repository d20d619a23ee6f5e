import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SystemBarrierDto, SystemBarriersField } from './system-barriers.dto';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { Trimmed } from '../../../common/http/text';
import {
  ACTION_NOT_DONE_REASONS,
  ACTION_STATUSES,
  CONTACT_OUTCOMES,
  MAX_ACTION_DESCRIPTION,
  MAX_ACTION_NOTE,
  type ActionNotDoneReason,
  type ActionStatus,
  type ContactOutcome,
} from '../domain/actions';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DUE_DATE = { format: 'date', example: '2026-12-10', description: "a calendar day (YYYY-MM-DD); the action is overdue from the next day, in the table's time zone" };

/** An action of one intervening agency (issue 16). */
export class CreateActionDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "the agency that will do it: the lead or an assisting agency. Absent: the caller's agency. An agency representative names only its own (403 otherwise)",
  })
  @IsOptional()
  @IsUUID()
  ownerAgencyId?: string;
  @ApiProperty({ maxLength: MAX_ACTION_DESCRIPTION, description: 'what will be done, de-identified (checked, also against the known identity)' })
  @Trimmed()
  @IsString()
  @Length(1, MAX_ACTION_DESCRIPTION)
  description: string;
  @ApiProperty(DUE_DATE) @IsString() @Matches(DATE_ONLY, { message: 'must be a calendar date YYYY-MM-DD' }) dueDate: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the open meeting of this table where it was agreed (its minutes list it)' }) @IsOptional() @IsUUID() meetingId?: string;
}

/** A change to a PLANNED action: its status (DONE, or NOT_DONE with a reason), due date or description. */
export class UpdateActionDto {
  @ApiPropertyOptional({ enum: ACTION_STATUSES, description: 'DONE and NOT_DONE are final; PLANNED keeps it planned' }) @IsOptional() @IsIn(ACTION_STATUSES) status?: ActionStatus;
  @ApiPropertyOptional(DUE_DATE) @IsOptional() @IsString() @Matches(DATE_ONLY, { message: 'must be a calendar date YYYY-MM-DD' }) dueDate?: string;
  @ApiPropertyOptional({ maxLength: MAX_ACTION_DESCRIPTION, description: 'de-identified (checked, also against the known identity)' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(1, MAX_ACTION_DESCRIPTION)
  description?: string;
  @ApiPropertyOptional({ enum: ACTION_NOT_DONE_REASONS, description: 'required with NOT_DONE (GET /taxonomy labels.actionNotDoneReasons); refused otherwise' })
  @IsOptional()
  @IsIn(ACTION_NOT_DONE_REASONS)
  reasonCode?: ActionNotDoneReason;
  @ApiPropertyOptional({ maxLength: MAX_ACTION_NOTE, description: 'with NOT_DONE: de-identified; required with the reason OTHER' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(0, MAX_ACTION_NOTE)
  reasonNote?: string;
  @SystemBarriersField('with NOT_DONE only: the system barriers behind it (NOT_ELIGIBLE may propose ELIGIBILITY, NO_CAPACITY CAPACITY; the user confirms)')
  systemBarriers?: SystemBarrierDto[];
}

export class ActionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) situationId: string;
  @ApiProperty({ format: 'uuid', description: 'the agency that does it (the lead or an assisting agency)' }) ownerAgencyId: string;
  @ApiProperty({ description: "the owner agency's name" }) ownerAgencyName: string;
  @ApiProperty({ description: 'de-identified' }) description: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: ACTION_STATUSES }) status: ActionStatus;
  @ApiProperty({ description: "PLANNED and past its due date (the table's time zone)" }) overdue: boolean;
  @ApiProperty({ nullable: true, enum: ACTION_NOT_DONE_REASONS, type: String }) reasonCode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'de-identified' }) reasonNote: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when it was marked DONE or NOT_DONE' }) completedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the agency that marked it' }) completedByAgencyId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) meetingId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the agency that recorded it' }) createdByAgencyId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'give it as If-Match to change the action' }) version: number;
}

/** An attempt of an intervening agency to contact the person (issue 16). */
export class CreateContactAttemptDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "the agency that made the attempt: the lead or an assisting agency. Absent: the caller's agency. An agency representative names only its own (403 otherwise)",
  })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
  @ApiProperty({ format: 'date-time', description: 'when the contact was attempted; not in the future' }) @IsISO8601({ strict: true }) attemptedAt: string;
  @ApiProperty({ enum: CONTACT_OUTCOMES, description: 'GET /taxonomy labels.contactOutcomes' }) @IsIn(CONTACT_OUTCOMES) outcome: ContactOutcome;
  @ApiPropertyOptional({ maxLength: MAX_ACTION_NOTE, description: 'de-identified (checked, also against the known identity); required with the outcome OTHER' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(0, MAX_ACTION_NOTE)
  note?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the open meeting of this table it was reported at' }) @IsOptional() @IsUUID() meetingId?: string;
}

export class ContactAttemptView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) situationId: string;
  @ApiProperty({ format: 'uuid', description: 'the agency that made the attempt' }) agencyId: string;
  @ApiProperty() agencyName: string;
  @ApiProperty({ format: 'date-time' }) attemptedAt: string;
  @ApiProperty({ enum: CONTACT_OUTCOMES }) outcome: ContactOutcome;
  @ApiProperty({ nullable: true, type: String, description: 'de-identified' }) note: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) meetingId: string | null;
  @ApiProperty({ format: 'date-time', description: 'when it was recorded' }) createdAt: string;
}

/** How many of a situation's actions are in each state (GET /situations/:id). */
export class ActionCountsView {
  @ApiProperty() planned: number;
  @ApiProperty() done: number;
  @ApiProperty() notDone: number;
  @ApiProperty({ description: 'planned and past the due date' }) overdue: number;
}
