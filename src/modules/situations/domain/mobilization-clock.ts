/**
 * The 48-hour clock (Filter 4), in one place. Pure: no Nest, no TypeORM.
 *
 * It runs for an accepted situation not yet mobilised: from the latest assignment when agencies
 * were assigned (ASSIGNED; a reassignment starts it again), else from the decision (ACCEPTED, not
 * assigned yet). At 24 hours the lead agency is warned, at 48 hours it is late: the lead agency
 * and the coordinators are alerted, and the agenda's overdue section and the list's
 * `overdue=true` hold it. Every reader (list filter, agenda, the job, the web's clock) follows
 * this rule; the SQL filters use the same rule as a column expression (`CLOCK_START` in situation.repository.ts).
 */
import type { SituationStatus } from './situation-state';

export const MOBILIZATION_HOURS = 48;
export const WARNING_HOURS = 24;
const HOUR_MS = 3_600_000;

/** Statuses on which the clock runs. */
export const CLOCK_STATUSES: readonly SituationStatus[] = ['ACCEPTED', 'ASSIGNED'];

export interface ClockFields {
  status: SituationStatus;
  decidedAt: Date | null;
  /** the latest (re)assignment; null while not assigned */
  lastAssignedAt: Date | null;
}

export type ClockStage = 'RUNNING' | 'WARNING' | 'OVERDUE';

export interface ClockState {
  /** what the clock counts from */
  from: 'ASSIGNMENT' | 'DECISION';
  startedAt: Date;
  /** the 24-hour warning */
  warnAt: Date;
  /** the 48-hour deadline */
  dueAt: Date;
  stage: ClockStage;
  /** whole hours since the clock started */
  hoursElapsed: number;
  /** whole hours past the deadline (0 before it) */
  hoursOverdue: number;
}

/** When the clock started, or null when it does not run (not accepted, mobilised, closed...). */
export function clockStart(s: ClockFields): { from: 'ASSIGNMENT' | 'DECISION'; at: Date } | null {
  if (!CLOCK_STATUSES.includes(s.status)) return null;
  if (s.status === 'ASSIGNED' && s.lastAssignedAt) return { from: 'ASSIGNMENT', at: s.lastAssignedAt };
  return s.decidedAt ? { from: 'DECISION', at: s.decidedAt } : null;
}

/** The clock of a situation at `now`, or null when it does not run. */
export function mobilizationClock(s: ClockFields, now: Date): ClockState | null {
  const start = clockStart(s);
  if (!start) return null;
  const t = start.at.getTime();
  const elapsed = now.getTime() - t;
  const stage: ClockStage = elapsed > MOBILIZATION_HOURS * HOUR_MS ? 'OVERDUE' : elapsed > WARNING_HOURS * HOUR_MS ? 'WARNING' : 'RUNNING';
  return {
    from: start.from,
    startedAt: start.at,
    warnAt: new Date(t + WARNING_HOURS * HOUR_MS),
    dueAt: new Date(t + MOBILIZATION_HOURS * HOUR_MS),
    stage,
    hoursElapsed: Math.max(0, Math.floor(elapsed / HOUR_MS)),
    hoursOverdue: Math.max(0, Math.floor(elapsed / HOUR_MS) - MOBILIZATION_HOURS),
  };
}

export const isMobilizationOverdue = (s: ClockFields, now: Date): boolean => mobilizationClock(s, now)?.stage === 'OVERDUE';

/** A clock started before this instant has passed `hours` (the SQL filters' bound). */
export const startedBefore = (now: Date, hours: number): Date => new Date(now.getTime() - hours * HOUR_MS);
