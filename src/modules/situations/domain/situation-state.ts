/**
 * The Four Filter Approach as a state machine (domain.md). Pure: no Nest, no TypeORM.
 *
 * SUBMITTED ─decide AER─▶ ACCEPTED ─assign─▶ ASSIGNED ─mobilise─▶ MOBILIZED ─close─▶ CLOSED
 *     │ └─decide not AER─▶ REJECTED (stub only)   ASSIGNED ──close (not mobilised)──▶ CLOSED
 *     └─withdraw─▶ WITHDRAWN
 *
 * A situation is closed only once agencies were assigned (ASSIGNED or MOBILIZED): an ACCEPTED one
 * has no intervention to conclude yet.
 */
export const SITUATION_STATUSES = ['SUBMITTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'ASSIGNED', 'MOBILIZED', 'CLOSED'] as const;
export type SituationStatus = (typeof SITUATION_STATUSES)[number];

/**
 * The 48-hour clock: an accepted situation (ACCEPTED or ASSIGNED) not mobilised this many hours
 * after the decision is overdue (the agenda's overdue section, the overdue notification, the
 * list's `overdue=true`).
 */
export const MOBILIZATION_HOURS = 48;
export const OVERDUE_STATUSES: readonly SituationStatus[] = ['ACCEPTED', 'ASSIGNED'];

export type SituationAction = 'DECIDE_AER' | 'DECIDE_NOT_AER' | 'WITHDRAW' | 'ASSIGN' | 'MOBILIZE' | 'CLOSE' | 'POST_UPDATE' | 'WRITE_IDENTITY' | 'READ_IDENTITY';

interface Rule {
  from: readonly SituationStatus[];
  /** the status after the action; undefined keeps the current one */
  to?: SituationStatus;
}

const OPEN: readonly SituationStatus[] = ['ACCEPTED', 'ASSIGNED', 'MOBILIZED'];

export const TRANSITIONS: Record<SituationAction, Rule> = {
  DECIDE_AER: { from: ['SUBMITTED'], to: 'ACCEPTED' },
  DECIDE_NOT_AER: { from: ['SUBMITTED'], to: 'REJECTED' },
  WITHDRAW: { from: ['SUBMITTED'], to: 'WITHDRAWN' },
  // First assignment moves ACCEPTED to ASSIGNED; reassignment while open keeps the status.
  ASSIGN: { from: OPEN },
  MOBILIZE: { from: ['ASSIGNED'], to: 'MOBILIZED' },
  CLOSE: { from: ['ASSIGNED', 'MOBILIZED'], to: 'CLOSED' },
  POST_UPDATE: { from: OPEN },
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

/** The status after `action`, or InvalidTransition. */
export function nextStatus(status: SituationStatus, action: SituationAction): SituationStatus {
  if (!canApply(status, action)) throw new InvalidTransition(status, action);
  const rule = TRANSITIONS[action];
  if (action === 'ASSIGN' && status === 'ACCEPTED') return 'ASSIGNED';
  return rule.to ?? status;
}

/** Statuses from which `action` may start: the guard of the conditional UPDATE. */
export const fromStatuses = (action: SituationAction): readonly SituationStatus[] => TRANSITIONS[action].from;

/** Discussions that ended before Filter 3 keep only a stub (the RTD's redaction). */
export const isStub = (status: SituationStatus): boolean => status === 'REJECTED' || status === 'WITHDRAWN';
export const isOpen = (status: SituationStatus): boolean => OPEN.includes(status);
