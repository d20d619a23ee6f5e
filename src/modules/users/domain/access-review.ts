/**
 * The access review of a table's role grants (issue 17, section 3): the table's privacy officer
 * certifies each grant once per review period (the table's `accessReviewDays`, 90 by default, as
 * the quarterly review the issue asks for). Pure rules: no framework, no database.
 *
 * - CERTIFIED: certified (after the grant was made) less than a period ago; due again at
 *   `lastCertifiedAt + period`.
 * - NEW: never certified, granted less than the grace period ago (GRACE_DAYS, or the period if it
 *   is shorter): the first review is due at `grantedAt + grace`.
 * - UNCERTIFIED: the period (or the grace) ran out. The grant is flagged.
 */
export const ACCESS_REVIEW_GRACE_DAYS = 30;
export const ACCESS_REVIEW_STATUSES = ['CERTIFIED', 'NEW', 'UNCERTIFIED'] as const;
export type AccessReviewStatus = (typeof ACCESS_REVIEW_STATUSES)[number];

const DAY_MS = 86_400_000;

export interface ReviewState {
  status: AccessReviewStatus;
  /** when the grant is (or was) due for certification */
  dueAt: Date;
  uncertified: boolean;
}

export function reviewState(input: { grantedAt: Date; lastCertifiedAt: Date | null; periodDays: number; now: Date }): ReviewState {
  const { grantedAt, periodDays, now } = input;
  // A certification counts only for the grant it certified: one made before this grant (a revoked and re-granted role) does not.
  const last = input.lastCertifiedAt && input.lastCertifiedAt.getTime() >= grantedAt.getTime() ? input.lastCertifiedAt : null;
  const dueAt = last ? new Date(last.getTime() + periodDays * DAY_MS) : new Date(grantedAt.getTime() + Math.min(ACCESS_REVIEW_GRACE_DAYS, periodDays) * DAY_MS);
  const overdue = now.getTime() >= dueAt.getTime();
  const status: AccessReviewStatus = overdue ? 'UNCERTIFIED' : last ? 'CERTIFIED' : 'NEW';
  return { status, dueAt, uncertified: overdue };
}
