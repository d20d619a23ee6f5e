import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MinutesView } from './meeting.dto';

/** The minutes with their state: a draft computed from the meeting's record, or the approved document as it was approved. */
export class MinutesDocumentView extends MinutesView {
  @ApiProperty({
    enum: ['DRAFT', 'APPROVED'],
    description: 'DRAFT: computed from the meeting record at each read; APPROVED: the document stored at its approval, never recomputed or changed',
  })
  status: 'DRAFT' | 'APPROVED';
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) approvedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'display name of the coordinator who approved the minutes (as it was then)' }) approvedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the meeting (the next one) at which the minutes were approved' })
  approvedAtMeetingId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'a draft of a closed meeting whose next meeting is scheduled and open: that meeting, where a coordinator may approve them now; else null',
  })
  approvableAtMeetingId: string | null;
}

export class MinutesPdfQuery {
  @ApiPropertyOptional({ enum: ['en', 'fr'], default: 'en', description: 'language of the document' })
  @IsOptional()
  @IsIn(['en', 'fr'])
  lang?: 'en' | 'fr';
}
