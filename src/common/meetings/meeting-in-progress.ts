import type { EntityManager } from 'typeorm';

/**
 * What a situation write needs of the meetings, as an injection token (the situations module must
 * not depend on the meetings module, which depends on it): the meeting in progress at a table, so
 * that an action taken during an open meeting without a `meetingId` belongs to it, and the sectors
 * present at a meeting (a decision taken without the sectors its situation needs records them).
 * The meetings module provides it (meetings/meeting-attribution.module.ts, global); its rule is
 * meetings/domain/agenda.ts (`inProgressWindow`).
 */
export abstract class MeetingInProgress {
  /**
   * The id of the open meeting in progress at the table at `now` (the latest scheduled if several),
   * share-locked in the caller's transaction so that closing it waits; null when none.
   */
  abstract find(m: EntityManager, tableId: string, now: Date): Promise<string | null>;
  /** The sectors of the agencies recorded present at the meeting; null when no attendance is recorded. */
  abstract sectorsPresent(m: EntityManager, meetingId: string): Promise<string[] | null>;
}
