import { Global, Module } from '@nestjs/common';
import { MeetingInProgress } from '../../common/meetings/meeting-in-progress';
import { AgendaRepository } from './agenda.repository';
import { MeetingAttribution } from './meeting-attribution.service';

/**
 * Provides the MeetingInProgress token to the situations module, which may not import the meetings
 * module (that one depends on it). Global; imported by MeetingModule.
 */
@Global()
@Module({
  providers: [AgendaRepository, MeetingAttribution, { provide: MeetingInProgress, useExisting: MeetingAttribution }],
  exports: [MeetingInProgress, AgendaRepository],
})
export class MeetingAttributionModule {}
