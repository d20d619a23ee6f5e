/**
 * Reopening a closed situation (issue 16). Pure: no Nest, no TypeORM.
 *
 * A coordinator may reopen a CLOSED situation within the table's `reopenLimitDays` after its
 * closure (0: never), and only while its identity is still held: once purged (or due for purge)
 * there is nothing left to intervene with. It returns to the status it was closed from (ASSIGNED,
 * or MOBILIZED when it had been mobilised); the CLOSE transition keeps the closure in the history.
 */
import type { SituationStatus } from './situation-state';

export const MIN_REOPEN_RATIONALE = 20;
export const MAX_REOPEN_LIMIT_DAYS = 365;
const DAY_MS = 86_400_000;

export interface ReopenFields {
  status: SituationStatus;
  closedAt: Date | null;
  identityPurgeAt: Date | null;
  identityPurgedAt: Date | null;
  /** DORMANT: closed by the system after the table's dormancy periods (domain/retention.ts), never reopened */
  conclusion?: string | null;
}

export type ReopenRefusal = 'NOT_CLOSED' | 'IDENTITY_PURGED' | 'REOPEN_NOT_ALLOWED' | 'REOPEN_PERIOD_OVER';

/**
 * Why the situation may not be reopened now, or null. Checked in this order: state, purge (its
 * identity gone, or past its purge date and about to be), the table's policy, the period.
 */
export function reopenRefusal(s: ReopenFields, limitDays: number, now: Date): ReopenRefusal | null {
  if (s.status !== 'CLOSED' || !s.closedAt) return 'NOT_CLOSED';
  if (s.identityPurgedAt || (s.identityPurgeAt && s.identityPurgeAt.getTime() <= now.getTime())) return 'IDENTITY_PURGED';
  // A dormant closure (no activity for the dormancy periods) is not reopened: a new referral is made.
  if (limitDays <= 0 || s.conclusion === 'DORMANT') return 'REOPEN_NOT_ALLOWED';
  if (now.getTime() - s.closedAt.getTime() > limitDays * DAY_MS) return 'REOPEN_PERIOD_OVER';
  return null;
}

/** The status a reopened situation returns to: the one it was closed from (ASSIGNED or MOBILIZED). */
export function reopenedStatus(closedFrom: SituationStatus | null, mobilizedAt: Date | null): 'ASSIGNED' | 'MOBILIZED' {
  if (closedFrom === 'MOBILIZED' || closedFrom === 'ASSIGNED') return closedFrom;
  // no CLOSE transition found (not expected): a mobilised situation was closed from MOBILIZED
  return mobilizedAt ? 'MOBILIZED' : 'ASSIGNED';
}

/** The last day a situation closed at `closedAt` may be reopened, or null when it never may. */
export function reopenDeadline(closedAt: Date, limitDays: number): Date | null {
  return limitDays > 0 ? new Date(closedAt.getTime() + limitDays * DAY_MS) : null;
}
