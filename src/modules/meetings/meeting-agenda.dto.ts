import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AGENDA_ITEM_STATUSES, AGENDA_ORIGINS } from './domain/agenda';

/** Items of an agenda at most (its computed sections hold up to 100 each; a coordinator adds a few). */
export const AGENDA_ITEMS_MAX = 400;

export class AddAgendaItemDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'the situation, by id; or give `reference`' })
  @IsOptional()
  @IsUUID('all')
  situationId?: string;
  @ApiPropertyOptional({ example: 'PEEL-2026-0012', description: 'the situation, by its reference at this table; or give `situationId`' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  reference?: string;
}

export class AgendaOrderDto {
  @ApiProperty({
    type: [String],
    description: 'situations of the agenda in their new order: those named come first, in this order; the others keep their order after them',
  })
  @IsArray()
  @ArrayMaxSize(AGENDA_ITEMS_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  situationIds: string[];
}

export class AgendaTakenView {
  @ApiProperty({ enum: ['DECISION', 'ASSIGNMENT', 'LEAD_ANSWER', 'MOBILIZATION', 'CLOSURE', 'REOPENING', 'UPDATE'] }) kind: string;
  @ApiProperty({ nullable: true, type: String, description: 'DECISION: AER, NOT_AER or DEFERRED; LEAD_ANSWER: ACCEPTED or DECLINED; else null' }) outcome: string | null;
  @ApiProperty({ type: [String], description: 'DECISION: the sectors its threshold counts that no attendee sat for, recorded when it was taken' })
  sectorsAbsent: string[];
  @ApiProperty() at: string;
}

export class AgendaEntryView {
  @ApiProperty({ format: 'uuid' }) situationId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ description: "the situation's status now" }) situationStatus: string;
  @ApiProperty({ description: 'place on the agenda, from 1' }) position: number;
  @ApiProperty({ enum: AGENDA_ITEM_STATUSES }) status: string;
  @ApiProperty({ enum: AGENDA_ORIGINS, description: 'AUTO: from the computed sections; ADDED by the coordinator; DEFERRED from the previous meeting' }) origin: string;
  @ApiProperty({ description: 'false while the item is computed (not yet stored: the agenda was not edited, no attendance recorded)' }) stored: boolean;
  @ApiProperty({ nullable: true, enum: ['updates', 'newSituations', 'overdue'], type: String, description: 'the computed section it is in now, if any' })
  section: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deferredFromMeetingId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deferredToMeetingId: string | null;
  @ApiProperty({ nullable: true, type: String }) discussedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) discussedBy: string | null;
  @ApiProperty({ type: [String], description: 'the sectors its threshold counts (named as needed, or the category map)' }) sectorsNeeded: string[];
  @ApiProperty({
    type: [String],
    description: 'a referral awaiting a decision: the sectors it needs that no attendee sits for (empty while no attendance is recorded)',
  })
  sectorsAbsent: string[];
  @ApiProperty({ type: [AgendaTakenView], description: 'what was taken on it at this meeting, in order: kinds, outcome codes and times' }) taken: AgendaTakenView[];
}

export class AgendaItemsView {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ type: [AgendaEntryView] }) items: AgendaEntryView[];
}

export class AttendeeDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') userId: string;
}

export class MeetingAttendeeView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() agencyName: string;
  @ApiProperty() sector: string;
}
