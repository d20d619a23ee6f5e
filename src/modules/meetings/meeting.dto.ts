import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';
import { ThresholdView } from '../situations/dto/situation.dto';
import { AgendaEntryView, AttendeeDto, MeetingAttendeeView } from './meeting-agenda.dto';

export class CreateMeetingDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) scheduledFor: string;
  @ApiProperty({ enum: ['REGULAR', 'EMERGENCY'] }) @IsIn(['REGULAR', 'EMERGENCY']) kind: 'REGULAR' | 'EMERGENCY';
}

export class AttendanceDto {
  @ApiPropertyOptional({ type: [String], description: 'agencies present (member agencies of the table); with `attendees`, their agencies are added' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  agencyIds?: string[];
  @ApiPropertyOptional({ type: [AttendeeDto], description: 'people present: members of the table (holding a role there); their agency and sector are derived' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique((a: AttendeeDto) => a?.userId)
  // an item that is itself an array passes ValidateNested (it validates the inner items): objects only
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  attendees?: AttendeeDto[];
}

export class MeetingView {
  @ApiProperty() id: string;
  @ApiProperty() tableId: string;
  @ApiProperty() scheduledFor: string;
  @ApiProperty({ enum: ['REGULAR', 'EMERGENCY'] }) kind: string;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status: string;
  @ApiProperty({ type: [String], description: 'the agencies present' }) attendance: string[];
  @ApiProperty({ type: [MeetingAttendeeView], description: 'the people present, by display name (no e-mail)' }) attendees: MeetingAttendeeView[];
  @ApiProperty({ type: [String], description: 'the distinct sectors of the agencies present' }) sectorsPresent: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'when the agenda was published (POST /meetings/:id/agenda/publish; the members notified), else null' })
  agendaPublishedAt: string | null;
}

/** Items per agenda section at most: a weekly meeting discusses far fewer; the rest is in the situation list. */
export const AGENDA_SECTION_LIMIT = 100;

/** A page of a table's meetings, in the order they are scheduled; `upcoming=true` keeps those still to be held. */
export class MeetingListQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'true: only open meetings scheduled from an hour ago on, so the first is the next meeting' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  upcoming?: boolean;
}

export class AgendaQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: AGENDA_SECTION_LIMIT, default: AGENDA_SECTION_LIMIT, description: 'items per section at most' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AGENDA_SECTION_LIMIT)
  limit?: number;
}

export class AgendaItem {
  @ApiProperty() situationId: string;
  @ApiProperty() reference: string;
  @ApiProperty() status: string;
  @ApiProperty() situationType: string;
  @ApiProperty({ nullable: true, type: String }) ageBand: string | null;
  @ApiProperty({ type: [String] }) riskCategories: string[];
  @ApiProperty() originatingSector: string;
  @ApiProperty({ nullable: true, type: String }) leadSector: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ required: false }) daysOpen?: number;
  @ApiProperty({ required: false, nullable: true, type: String }) lastUpdateAt?: string | null;
  @ApiProperty({ required: false, type: ThresholdView }) threshold?: ThresholdView;
  @ApiProperty({ required: false }) hoursOverdue?: number;
  @ApiProperty({ required: false, description: 'new referrals: true when it comes back after a deferral (the agency answered)' }) resubmitted?: boolean;
  @ApiProperty({
    required: false,
    nullable: true,
    enum: ['PENDING', 'ACCEPTED', 'DECLINED'],
    type: String,
    description: "accepted situations: the lead agency's answer (null before any lead)",
  })
  leadAnswer?: 'PENDING' | 'ACCEPTED' | 'DECLINED' | null;
  @ApiProperty({ required: false, description: 'accepted situations: the lead unanswered for more than 24 hours' }) leadAnswerOverdue?: boolean;
}

export class AgendaCounts {
  @ApiProperty() updates: number;
  @ApiProperty() newSituations: number;
  @ApiProperty() overdue: number;
}

export class AgendaCut {
  @ApiProperty() updates: boolean;
  @ApiProperty() newSituations: boolean;
  @ApiProperty() overdue: boolean;
}

export class AgendaView {
  @ApiProperty() meetingId: string;
  @ApiProperty({ type: [AgendaItem], description: 'open situations for status updates, oldest first' }) updates: AgendaItem[];
  @ApiProperty({ type: [AgendaItem], description: 'referrals awaiting a decision' }) newSituations: AgendaItem[];
  @ApiProperty({ type: [AgendaItem], description: 'accepted more than 48 h ago and not mobilised' }) overdue: AgendaItem[];
  @ApiProperty({ description: 'items per section at most (each section is cut there; the rest is in GET /tables/:tableId/situations?status=)' }) limit: number;
  @ApiProperty({ type: AgendaCounts, description: 'how many situations each section holds in all' }) totals: AgendaCounts;
  @ApiProperty({ type: AgendaCut, description: 'per section: true when it holds more than `limit` and was cut' }) truncated: AgendaCut;
  @ApiProperty({
    type: [AgendaEntryView],
    description:
      'the agenda as ordered items (README, "The meeting agenda"): stored once the coordinator edits it, records attendance or closes the meeting; computed until then from the sections as read (each up to `limit`, 100 by default; what a write stores is computed at 100 a section)',
  })
  items: AgendaEntryView[];
}

export class MinutesAttendee {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() name: string;
  @ApiProperty() sector: string;
}

export class MinutesDecision {
  @ApiProperty({ format: 'uuid' }) situationId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: ['AER', 'NOT_AER', 'DEFERRED'] }) outcome: string;
  @ApiProperty() againstAdvice: boolean;
  @ApiProperty({ type: [String], description: 'the sectors the threshold counts that no attendee sat for when it was taken' }) sectorsAbsent: string[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: "the decision's rationale (de-identified text, checked at the decision); a deferral's: the information it asked for; null when none was given",
  })
  rationale: string | null;
  @ApiProperty() at: string;
}

export class MinutesAssignment {
  @ApiProperty({ format: 'uuid' }) situationId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'uuid' }) leadAgencyId: string;
  @ApiProperty() leadSector: string;
  @ApiProperty({ type: [String] }) assistingAgencyIds: string[];
  @ApiProperty() at: string;
}

/** One agency's mobilisation recorded in the meeting (issue 16: one per agency). */
export class MinutesMobilization {
  @ApiProperty({ format: 'uuid' }) situationId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the agency that mobilised (null on a mobilisation from before issue 16: the lead)' })
  agencyId: string | null;
  @ApiProperty({ enum: ['LEAD', 'ASSISTING'] }) role: 'LEAD' | 'ASSISTING';
  @ApiProperty({ type: [String] }) services: string[];
  @ApiProperty() at: string;
}

export class MinutesUpdate {
  @ApiProperty({ format: 'uuid' }) situationId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'uuid' }) updateId: string;
  @ApiProperty({ format: 'uuid' }) authorAgencyId: string;
  @ApiProperty() note: string;
  @ApiProperty() at: string;
}

export class MinutesClosure {
  @ApiProperty({ format: 'uuid' }) situationId: string;
  @ApiProperty() reference: string;
  @ApiProperty() conclusion: string;
  @ApiProperty() consentStatus: string;
  @ApiProperty() at: string;
}

/** An action agreed at the meeting (issue 16), as it stands now. */
export class MinutesAction {
  @ApiProperty({ format: 'uuid' }) situationId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty({ format: 'uuid', description: 'the agency that does it' }) ownerAgencyId: string;
  @ApiProperty({ description: 'de-identified' }) description: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: ['PLANNED', 'DONE', 'NOT_DONE'] }) status: string;
}

export class MinutesView {
  @ApiProperty({ type: MeetingView }) meeting: MeetingView;
  @ApiProperty({ type: [MinutesAttendee] }) attendance: MinutesAttendee[];
  @ApiProperty({ type: [MinutesDecision] }) decisions: MinutesDecision[];
  @ApiProperty({ type: [MinutesAssignment] }) assignments: MinutesAssignment[];
  @ApiProperty({ type: [MinutesMobilization] }) mobilizations: MinutesMobilization[];
  @ApiProperty({ type: [MinutesUpdate] }) updates: MinutesUpdate[];
  @ApiProperty({ type: [MinutesClosure] }) closures: MinutesClosure[];
  @ApiProperty({ type: [MinutesAction], description: 'the actions agreed at the meeting (POST /situations/:id/actions with its meetingId), with their status now' })
  actions: MinutesAction[];
}
