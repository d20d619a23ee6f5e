import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIMELINE_KINDS, TimelineKind } from '../domain/timeline';

/** What an entry tells beyond its kind, agency and time; each kind fills its own fields (a stub's later entries none). */
export class TimelineDetailsView {
  @ApiPropertyOptional({ enum: ['AER', 'NOT_AER', 'DEFERRED'], description: 'DECISION' }) outcome?: string;
  @ApiPropertyOptional({ description: 'DECISION: against the threshold advice' }) againstAdvice?: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'DECISION, REOPENING: the de-identified rationale' }) rationale?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'DECISION (DEFERRED): what the table needs to know, de-identified' }) informationNeeded?: string | null;
  @ApiPropertyOptional({ description: 'EDIT: the edit answered a deferral (the referral went back to the table)' }) resubmitted?: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'ASSIGNMENT' }) leadAgencyId?: string;
  @ApiPropertyOptional({ type: [String], description: 'ASSIGNMENT' }) assistingAgencyIds?: string[];
  @ApiPropertyOptional({ description: 'ASSIGNMENT: a change of agencies after the first assignment' }) reassignment?: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'ASSIGNMENT' }) previousLeadAgencyId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'MOBILIZATION: when the agencies mobilised (the entry is when it was recorded)' })
  mobilizedAt?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'MOBILIZATION, SERVICES: service codes (SERVICES: all the agency connected after the change)' }) services?: string[];
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'MOBILIZATION: hours from acceptance' }) hoursFromAcceptance?: number | null;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'MOBILIZATION, SERVICES: the agency that mobilised, or whose services changed (absent on a mobilisation from before issue 16: the lead)',
  })
  agencyId?: string;
  @ApiPropertyOptional({ enum: ['LEAD', 'ASSISTING'], description: "MOBILIZATION, SERVICES: that agency's role" }) agencyRole?: 'LEAD' | 'ASSISTING';
  @ApiPropertyOptional({ description: "MOBILIZATION: the lead's pending answer was accepted by its mobilisation" }) leadAccepted?: boolean;
  @ApiPropertyOptional({ type: [String], description: 'SERVICES: codes added' }) added?: string[];
  @ApiPropertyOptional({ type: [String], description: 'SERVICES: codes removed' }) removed?: string[];
  @ApiPropertyOptional({ format: 'uuid', description: 'UPDATE' }) updateId?: string;
  @ApiPropertyOptional({ description: 'UPDATE, CONTACT_ATTEMPT: the de-identified note' }) note?: string;
  @ApiPropertyOptional({ description: 'CLOSURE: conclusion code' }) conclusion?: string;
  @ApiPropertyOptional({ description: 'CLOSURE: consent status code' }) consentStatus?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'ACTION' }) actionId?: string;
  @ApiPropertyOptional({ description: 'ACTION: what is to be done, de-identified (as it stands now)' }) description?: string;
  @ApiPropertyOptional({ format: 'date', description: 'ACTION (created): the due date' }) dueDate?: string;
  @ApiPropertyOptional({ enum: ['PLANNED', 'DONE', 'NOT_DONE'], description: 'ACTION: PLANNED when created, DONE or NOT_DONE when marked' }) actionStatus?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'ACTION (NOT_DONE): the reason code (GET /taxonomy labels.actionNotDoneReasons)' }) reasonCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'ACTION (NOT_DONE): the de-identified note' }) reasonNote?: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'CONTACT_ATTEMPT' }) contactAttemptId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'CONTACT_ATTEMPT: when contact was attempted (the entry is when it was recorded)' }) attemptedAt?: string;
  @ApiPropertyOptional({ description: 'CONTACT_ATTEMPT: the outcome code (GET /taxonomy labels.contactOutcomes)' }) contactOutcome?: string;
  @ApiPropertyOptional({ description: 'STATUS_CHANGE: the step taken' }) action?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'STATUS_CHANGE' }) fromStatus?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'STATUS_CHANGE; REOPENING: the status it returned to' }) toStatus?: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'DUPLICATE: the original this referral duplicates' }) duplicateOfId?: string;
  @ApiPropertyOptional({ description: "DUPLICATE: the original's reference" }) duplicateOfReference?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'DUPLICATE_LINKED (on the original): the referral marked as its duplicate' }) duplicateId?: string;
  @ApiPropertyOptional({ description: "DUPLICATE_LINKED: the duplicate's reference" }) duplicateReference?: string;
}

/** One entry of a situation's timeline: what happened, which agency acted, when (never a person's identity or a user's name). */
export class TimelineEntryView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: TIMELINE_KINDS }) kind: TimelineKind;
  @ApiProperty({ nullable: true, type: String, description: 'the acting agency' }) agencyId: string | null;
  @ApiPropertyOptional({ description: "the acting agency's name" }) agencyName?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the meeting the step was taken in' }) meetingId?: string;
  @ApiProperty({ type: TimelineDetailsView }) details: TimelineDetailsView;
}
