/**
 * The meeting's agenda as ordered items (issue 16). Pure: no framework, no database.
 *
 * An item is a situation on one meeting's agenda. Until the coordinator first edits the agenda
 * (adds, removes, orders, defers, marks discussed), records attendance, or closes the meeting, its
 * items are computed: the situations of the three sections (updates, new referrals, overdue) in
 * meeting order. That first write stores them (`materialise`); from then on the stored items keep
 * their order and status, and situations that newly enter a section are appended after them
 * (computed again until the next write stores them). A closed meeting shows its stored items only.
 */
export const AGENDA_ITEM_STATUSES = ['LISTED', 'DISCUSSED', 'DEFERRED', 'REMOVED'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];
export const AGENDA_ORIGINS = ['AUTO', 'ADDED', 'DEFERRED'] as const;
export type AgendaOrigin = (typeof AGENDA_ORIGINS)[number];

export type AgendaItemAction = 'ADD' | 'REMOVE' | 'DEFER' | 'DISCUSS';
export type AgendaItemRefusal = 'ALREADY_ON_AGENDA' | 'AGENDA_ITEM_NOT_LISTED';

/**
 * Whether an item may take the action, from its status (null: not on the agenda). Adding relists a
 * removed item; removing, deferring and marking discussed apply to a listed item only (a discussed
 * item stays discussed: what was taken on it is recorded).
 */
export function agendaItemRefusal(action: AgendaItemAction, status: AgendaItemStatus | null): AgendaItemRefusal | null {
  if (action === 'ADD') return status === null || status === 'REMOVED' ? null : 'ALREADY_ON_AGENDA';
  return status === 'LISTED' ? null : 'AGENDA_ITEM_NOT_LISTED';
}

/** A meeting is in progress from an hour before it is scheduled until 12 hours after, while it is open. */
export const IN_PROGRESS_BEFORE_HOURS = 1;
export const IN_PROGRESS_AFTER_HOURS = 12;
const HOUR = 3_600_000;

/**
 * The window of scheduled times whose open meetings are in progress at `now`: [now − 12 h, now + 1 h]
 * (scheduledFor − 1 h ≤ now ≤ scheduledFor + 12 h). Of several, the latest scheduled is the one in progress.
 */
export function inProgressWindow(now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - IN_PROGRESS_AFTER_HOURS * HOUR), to: new Date(now.getTime() + IN_PROGRESS_BEFORE_HOURS * HOUR) };
}

export function isInProgress(meeting: { status: string; scheduledFor: Date }, now: Date): boolean {
  const w = inProgressWindow(now);
  return meeting.status === 'OPEN' && meeting.scheduledFor >= w.from && meeting.scheduledFor <= w.to;
}

/**
 * The situations the computed sections add after the stored items, in meeting order (updates, new
 * referrals, then overdue not listed already), each once, none already stored (whatever its status:
 * a removed or deferred item does not come back by itself).
 */
export function computedAfter(stored: readonly string[], sections: readonly (readonly string[])[]): string[] {
  const seen = new Set(stored);
  const out: string[] = [];
  for (const section of sections)
    for (const id of section) {
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(id);
    }
  return out;
}

/**
 * The new order of the agenda: the situations named come first, in the order given; the others
 * keep their order after them. Each name must be an item of the agenda, once.
 */
export function reorder(current: readonly string[], requested: readonly string[]): { order: string[] } | { problem: string } {
  const known = new Set(current);
  const named = new Set<string>();
  for (const id of requested) {
    if (!known.has(id)) return { problem: 'must be situations on this agenda' };
    if (named.has(id)) return { problem: 'must name each situation once' };
    named.add(id);
  }
  return { order: [...requested, ...current.filter((id) => !named.has(id))] };
}
