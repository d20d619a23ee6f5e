/**
 * Retention that leaves no person-level history (issue 17, section 2). Pure: no Nest, no TypeORM.
 *
 * - The table's retention policy and its bounds: the identity retention after closure, and the two
 *   dormancy periods (flag, then close), each a whole number of days, validated together.
 * - Dormancy: a situation not yet final with no activity (a transition, a status update, an action
 *   planned or marked, a contact attempt) for the table's `dormancyFlagDays` is flagged to the
 *   coordinators; still none after `dormancyCloseDays`, the system closes it as DORMANT, and the
 *   identity retention runs from that closure like from any other.
 * - The erasure: once a situation's retention has run out (its identity purged, or a stub's
 *   retention after it became one), every free text it holds is erased; the coded record stays.
 *
 * Sources (README, "Retention"): FIPPA s. 40(1) and O. Reg. 460 s. 5; MFIPPA s. 30(1) and
 * O. Reg. 823 s. 5 (personal information used kept at least a year after use, unless the person
 * consents to an earlier disposal, or a municipal by-law sets a shorter period); Ontario's "Guidance on
 * information sharing in multi-sectoral risk intervention models" (ontario.ca/page/guidance-information-sharing).
 */
import type { SituationStatus } from './situation-state';

const DAY_MS = 86_400_000;

/** Identity retention after closure, in days: at least the anomaly rules' 30-day window, at most ten years. */
export const IDENTITY_RETENTION_DAYS = { min: 30, max: 3650, default: 365 } as const;
/** Days without activity before a situation is flagged dormant to the coordinators. */
export const DORMANCY_FLAG_DAYS = { min: 14, max: 365, default: 60 } as const;
/** Days without activity before the system closes it as dormant (more than the flag's period). */
export const DORMANCY_CLOSE_DAYS = { min: 28, max: 730, default: 120 } as const;

/**
 * READ_LONG_AFTER_CLOSURE (audit/anomaly-rules.ts) flags identity reads more than 30 days after
 * closure by default: the retention is never shorter, so the flag has a window to fire in.
 */
export const ANOMALY_CLOSED_DAYS = 30;

export interface RetentionPolicy {
  identityRetentionDays: number;
  reopenLimitDays: number;
  dormancyFlagDays: number;
  dormancyCloseDays: number;
}

export interface PolicyProblem {
  field: keyof RetentionPolicy;
  problem: string;
}

const within = (n: number, b: { min: number; max: number }) => Number.isInteger(n) && n >= b.min && n <= b.max;

/**
 * What is wrong with a table's retention policy (the stored values with the change applied), each
 * naming its field: the bounds, an identity kept at least as long as a closed situation may be
 * reopened (a reopening needs it), and the close period longer than the flag period.
 */
export function retentionPolicyProblems(p: RetentionPolicy): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  if (!within(p.identityRetentionDays, IDENTITY_RETENTION_DAYS)) {
    out.push({ field: 'identityRetentionDays', problem: `must be a whole number of days from ${IDENTITY_RETENTION_DAYS.min} to ${IDENTITY_RETENTION_DAYS.max}` });
  } else if (p.identityRetentionDays < p.reopenLimitDays) {
    out.push({
      field: 'identityRetentionDays',
      problem: `must be at least the reopening period (reopenLimitDays, ${p.reopenLimitDays} days): a reopened situation needs its identity`,
    });
  }
  if (!within(p.dormancyFlagDays, DORMANCY_FLAG_DAYS)) {
    out.push({ field: 'dormancyFlagDays', problem: `must be a whole number of days from ${DORMANCY_FLAG_DAYS.min} to ${DORMANCY_FLAG_DAYS.max}` });
  }
  if (!within(p.dormancyCloseDays, DORMANCY_CLOSE_DAYS)) {
    out.push({ field: 'dormancyCloseDays', problem: `must be a whole number of days from ${DORMANCY_CLOSE_DAYS.min} to ${DORMANCY_CLOSE_DAYS.max}` });
  } else if (within(p.dormancyFlagDays, DORMANCY_FLAG_DAYS) && p.dormancyCloseDays <= p.dormancyFlagDays) {
    out.push({ field: 'dormancyCloseDays', problem: `must be longer than the flag period (dormancyFlagDays, ${p.dormancyFlagDays} days)` });
  }
  return out;
}

/** The statuses a situation can go dormant in: every one not final (awaiting a decision, accepted, assigned, mobilised). */
export const DORMANCY_STATUSES: readonly SituationStatus[] = ['SUBMITTED', 'DEFERRED', 'ACCEPTED', 'ASSIGNED', 'MOBILIZED'];

export type DormancyStage = 'ACTIVE' | 'FLAG' | 'CLOSE';

/** Where a situation stands: no activity for the flag period → FLAG; for the close period → CLOSE. */
export function dormancyStage(status: SituationStatus, lastActivityAt: Date, p: Pick<RetentionPolicy, 'dormancyFlagDays' | 'dormancyCloseDays'>, now: Date): DormancyStage {
  if (!DORMANCY_STATUSES.includes(status)) return 'ACTIVE';
  const idle = now.getTime() - lastActivityAt.getTime();
  if (idle > p.dormancyCloseDays * DAY_MS) return 'CLOSE';
  if (idle > p.dormancyFlagDays * DAY_MS) return 'FLAG';
  return 'ACTIVE';
}

/** Whole days without activity (0 on the day of the last one). */
export const idleDays = (lastActivityAt: Date, now: Date): number => Math.max(0, Math.floor((now.getTime() - lastActivityAt.getTime()) / DAY_MS));

/**
 * The keys of a transition's details that hold free text (de-identified, still person-level): the
 * deferral's question, a reopening's rationale, any note. The erasure removes them; the codes stay.
 */
export const TRANSITION_TEXT_KEYS = ['informationNeeded', 'rationale', 'note', 'reasonNote', 'narrative', 'description'] as const;

/** What an erasure removed from one situation: counts only, never the texts (the audit entry's details). */
export interface ErasedCounts {
  situationFields: number;
  transitions: number;
  updates: number;
  actions: number;
  contactAttempts: number;
  /** the notes of its system barriers (OTHER) */
  systemBarriers: number;
  minutes: number;
}
