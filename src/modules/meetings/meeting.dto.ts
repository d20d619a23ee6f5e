import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsUUID } from 'class-validator';
import { ThresholdView } from '../situations/dto/situation.dto';

export class CreateMeetingDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) scheduledFor: string;
  @ApiProperty({ enum: ['REGULAR', 'EMERGENCY'] }) @IsIn(['REGULAR', 'EMERGENCY']) kind: 'REGULAR' | 'EMERGENCY';
}

export class AttendanceDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(100) @ArrayUnique() @IsUUID('all', { each: true }) agencyIds: string[];
}

export class MeetingView {
  @ApiProperty() id: string;
  @ApiProperty() tableId: string;
  @ApiProperty() scheduledFor: string;
  @ApiProperty({ enum: ['REGULAR', 'EMERGENCY'] }) kind: string;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status: string;
  @ApiProperty({ type: [String] }) attendance: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
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
}

export class AgendaView {
  @ApiProperty() meetingId: string;
  @ApiProperty({ type: [AgendaItem], description: 'open situations for status updates, oldest first' }) updates: AgendaItem[];
  @ApiProperty({ type: [AgendaItem], description: 'referrals awaiting a decision' }) newSituations: AgendaItem[];
  @ApiProperty({ type: [AgendaItem], description: 'accepted more than 48 h ago and not mobilised' }) overdue: AgendaItem[];
}

export class MinutesAttendee {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() name: string;
  @ApiProperty() sector: string;
}

export class MinutesDecision {
  @ApiProperty({ format: 'uuid' }) situationId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: ['AER', 'NOT_AER'] }) outcome: string;
  @ApiProperty() againstAdvice: boolean;
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

export class MinutesMobilization {
  @ApiProperty({ format: 'uuid' }) situationId: string;
  @ApiProperty() reference: string;
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

export class MinutesView {
  @ApiProperty({ type: MeetingView }) meeting: MeetingView;
  @ApiProperty({ type: [MinutesAttendee] }) attendance: MinutesAttendee[];
  @ApiProperty({ type: [MinutesDecision] }) decisions: MinutesDecision[];
  @ApiProperty({ type: [MinutesAssignment] }) assignments: MinutesAssignment[];
  @ApiProperty({ type: [MinutesMobilization] }) mobilizations: MinutesMobilization[];
  @ApiProperty({ type: [MinutesUpdate] }) updates: MinutesUpdate[];
  @ApiProperty({ type: [MinutesClosure] }) closures: MinutesClosure[];
}
