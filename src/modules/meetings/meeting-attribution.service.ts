import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MeetingInProgress } from '../../common/meetings/meeting-in-progress';
import { AgendaRepository } from './agenda.repository';
import { inProgressWindow } from './domain/agenda';

/**
 * The meeting in progress, for the situation writes (common/meetings/meeting-in-progress.ts): an
 * open meeting of the table is in progress from an hour before it is scheduled until 12 hours after
 * (domain/agenda.ts); of several, the latest scheduled.
 */
@Injectable()
export class MeetingAttribution implements MeetingInProgress {
  constructor(private readonly agenda: AgendaRepository) {}

  find(m: EntityManager, tableId: string, now: Date): Promise<string | null> {
    const w = inProgressWindow(now);
    return this.agenda.inProgress(m, tableId, w.from, w.to);
  }

  sectorsPresent(m: EntityManager, meetingId: string): Promise<string[] | null> {
    return this.agenda.sectorsPresent(m, meetingId);
  }
}
