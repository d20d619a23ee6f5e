/**
 * The Four Filter Approach as a state machine (domain.md). Pure: no Nest, no TypeORM.
 *
 * SUBMITTED ─decide AER─▶ ACCEPTED ─assign─▶ ASSIGNED ─the lead mobilises─▶ MOBILIZED ─close─▶ CLOSED
 *                           ▲ └──lead declines──┘ (the lead accepts: stays ASSIGNED)
 *                  ASSIGNED, MOBILIZED ─an assisting agency mobilises, services change─▶ (same status)
 *   ▲ │ │ └─decide not AER─▶ REJECTED (stub only)   ASSIGNED ──close (not mobilised)──▶ CLOSED
 *   │ │ ├─withdraw─▶ WITHDRAWN (stub only)
 *   │ │ └─mark duplicate (of another referral of the table)─▶ DUPLICATE (stub only, linked)
 *   │ └─defer (more information needed)─▶ DEFERRED ─decide / withdraw─▶ (as from SUBMITTED)
 *   └──────────── edit (resubmitted) ──────────┘
 *
 * The originating agency may edit its referral while it awaits a decision (SUBMITTED, or DEFERRED:
 * its answer to the table's question, which puts it back among the new referrals). Deferring is
 * not final: only AER and NOT_AER are. A coordinator may also close a referral awaiting a decision
 * as a duplicate of another referral of the same table (domain/duplicate.ts): it keeps only its
 * stub and the link to the original.
 *
 * Mobilisation is recorded per agency (agency-mobilization.ts): the lead's moves ASSIGNED to
 * MOBILIZED (MOBILIZE); an assisting agency's (or a new lead's once mobilised) keeps the status
 * (MOBILIZE_AGENCY), as does a change of the services an agency connected (CONNECT_SERVICES).
 *
 * A situation is closed only once agencies were assigned (ASSIGNED or MOBILIZED): an ACCEPTED one
 * has no intervention to conclude yet.
 */
export const SITUATION_STATUSES = ['SUBMITTED', 'DEFERRED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'ASSIGNED', 'MOBILIZED', 'CLOSED', 'DUPLICATE'] as const;
export type SituationStatus = (typeof SITUATION_STATUSES)[number];

/**
 * The 48-hour clock: an accepted situation (ACCEPTED or ASSIGNED) not mobilised this many hours
 * after its latest assignment (or its decision while unassigned) is overdue. The rule is
 * `mobilization-clock.ts`; these names stay for their importers.
 */
export { MOBILIZATION_HOURS, CLOCK_STATUSES as OVERDUE_STATUSES } from './mobilization-clock';

export type SituationAction =
  | 'DECIDE_AER'
  | 'DECIDE_NOT_AER'
  | 'DEFER'
  | 'EDIT'
  | 'WITHDRAW'
  | 'MARK_DUPLICATE'
  | 'ASSIGN'
  | 'ACCEPT_LEAD'
  | 'DECLINE_LEAD'
  | 'MOBILIZE'
  | 'MOBILIZE_AGENCY'
  | 'CONNECT_SERVICES'
  | 'CLOSE'
  | 'CLOSE_DORMANT'
  | 'REOPEN'
  | 'POST_UPDATE'
  | 'RECORD_WORK'
  | 'WRITE_IDENTITY'
  | 'READ_IDENTITY';

interface Rule {
  from: readonly SituationStatus[];
  /** the status after the action; undefined keeps the current one */
  to?: SituationStatus;
}

const OPEN: readonly SituationStatus[] = ['ACCEPTED', 'ASSIGNED', 'MOBILIZED'];
/** Awaiting the table's decision: the originating agency may still edit or withdraw. */
const AWAITING: readonly SituationStatus[] = ['SUBMITTED', 'DEFERRED'];

export const TRANSITIONS: Record<SituationAction, Rule> = {
  DECIDE_AER: { from: AWAITING, to: 'ACCEPTED' },
  DECIDE_NOT_AER: { from: AWAITING, to: 'REJECTED' },
  // Deferred once at a time: a deferred referral waits for the agency's answer (an edit).
  DEFER: { from: ['SUBMITTED'], to: 'DEFERRED' },
  EDIT: { from: AWAITING, to: 'SUBMITTED' },
  WITHDRAW: { from: AWAITING, to: 'WITHDRAWN' },
  // Closed as a duplicate of another referral of the table (domain/duplicate.ts): a stub, linked to the original.
  MARK_DUPLICATE: { from: AWAITING, to: 'DUPLICATE' },
  // First assignment moves ACCEPTED to ASSIGNED; reassignment while open keeps the status.
  ASSIGN: { from: OPEN },
  // The lead agency's answer (domain/lead-answer.ts): a decline returns it to the coordinator to assign again.
  ACCEPT_LEAD: { from: ['ASSIGNED'] },
  DECLINE_LEAD: { from: ['ASSIGNED'], to: 'ACCEPTED' },
  // The lead's mobilisation is the situation's; an assisting agency's keeps the status (domain/agency-mobilization.ts).
  MOBILIZE: { from: ['ASSIGNED'], to: 'MOBILIZED' },
  MOBILIZE_AGENCY: { from: ['ASSIGNED', 'MOBILIZED'] },
  CONNECT_SERVICES: { from: ['ASSIGNED', 'MOBILIZED'] },
  CLOSE: { from: ['ASSIGNED', 'MOBILIZED'], to: 'CLOSED' },
  // The system's closure of a situation with no activity for the table's dormancy periods (domain/retention.ts):
  // from every status not final, conclusion DORMANT; its identity retention runs from it like from any closure.
  CLOSE_DORMANT: { from: ['SUBMITTED', 'DEFERRED', 'ACCEPTED', 'ASSIGNED', 'MOBILIZED'], to: 'CLOSED' },
  // Back to the status it was closed from (domain/reopen.ts: within the table's period, identity not purged).
  REOPEN: { from: ['CLOSED'] },
  POST_UPDATE: { from: OPEN },
  // Each agency's actions and contact attempts (domain/actions.ts): once agencies are assigned, until closure.
  RECORD_WORK: { from: ['ASSIGNED', 'MOBILIZED'] },
  WRITE_IDENTITY: { from: ['ASSIGNED', 'MOBILIZED'] },
  READ_IDENTITY: { from: ['ASSIGNED', 'MOBILIZED', 'CLOSED'] },
};

export class InvalidTransition extends Error {
  constructor(
    readonly from: SituationStatus,
    readonly action: SituationAction,
  ) {
    super(`${action} does not apply to a ${from} situation`);
    this.name = 'InvalidTransition';
  }
}

export function canApply(status: SituationStatus, action: SituationAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/**
 * The status after `action`, or InvalidTransition. REOPEN returns to the status it was closed
 * from, given as `reopenTo` (domain/reopen.ts `reopenedStatus`).
 */
export function nextStatus(status: SituationStatus, action: SituationAction, reopenTo?: 'ASSIGNED' | 'MOBILIZED'): SituationStatus {
  if (!canApply(status, action)) throw new InvalidTransition(status, action);
  if (action === 'REOPEN') {
    if (!reopenTo) throw new InvalidTransition(status, action);
    return reopenTo;
  }
  const rule = TRANSITIONS[action];
  if (action === 'ASSIGN' && status === 'ACCEPTED') return 'ASSIGNED';
  return rule.to ?? status;
}

/** Statuses from which `action` may start: the guard of the conditional UPDATE. */
export const fromStatuses = (action: SituationAction): readonly SituationStatus[] => TRANSITIONS[action].from;

/** Discussions that ended before Filter 3 keep only a stub (the RTD's redaction): rejected, withdrawn, or a duplicate. */
export const STUB_STATUSES: readonly SituationStatus[] = ['REJECTED', 'WITHDRAWN', 'DUPLICATE'];
export const isStub = (status: SituationStatus): boolean => STUB_STATUSES.includes(status);
export const isOpen = (status: SituationStatus): boolean => OPEN.includes(status);
export const isAwaitingDecision = (status: SituationStatus): boolean => AWAITING.includes(status);

const DAY_MS = 86_400_000;

/**
 * A deferral left unanswered for more than the table's limit (`limitDays` whole days since it was
 * deferred): flagged in lists and notified once. Only a DEFERRED referral can be overdue.
 */
export function isDeferralOverdue(status: SituationStatus, deferredAt: Date | null, limitDays: number, now: Date): boolean {
  return status === 'DEFERRED' && deferredAt !== null && now.getTime() - deferredAt.getTime() > limitDays * DAY_MS;
}

/** Whole days since the deferral (0 on its first day), or null when not deferred. */
export function deferralAgeDays(status: SituationStatus, deferredAt: Date | null, now: Date): number | null {
  if (status !== 'DEFERRED' || !deferredAt) return null;
  return Math.max(0, Math.floor((now.getTime() - deferredAt.getTime()) / DAY_MS));
}
