/**
 * The board's agenda as the meeting sees it: rows stay where they first appeared while the agenda
 * is read again (polling). The server places a situation by its current status (an accepted
 * referral moves from "new referrals" to "status updates", a rejected one leaves the agenda); on a
 * live board that would move or remove the row someone is discussing, its open panel with it. So
 * a row keeps its section and its place, shows what its situation became (`current`), and a
 * situation new to the agenda is added at the end of its section. Pure (no framework): unchanged
 * rows keep their object, so memoised rows do not render again when nothing changed.
 */
export type Section = 'updates' | 'newSituations' | 'overdue';
/** Meeting order (api.md): status updates on open situations, then new referrals, then what is late. */
export const SECTIONS: Section[] = ['updates', 'newSituations', 'overdue'];

export interface AgendaItemLike {
  situationId: string;
  status: string;
}
export type AgendaLike<I extends AgendaItemLike> = Record<Section, I[]>;

export interface AgendaRow<I extends AgendaItemLike> {
  section: Section;
  /** the item as it was when the row first appeared (what the meeting set out to discuss) */
  first: I;
  /** the item as the agenda last gave it, in whichever section it is now */
  current: I;
  /** no longer on the agenda (decided against, withdrawn, closed): `current` is the last known */
  gone: boolean;
}
export type AgendaLayout<I extends AgendaItemLike> = Record<Section, AgendaRow<I>[]>;

const EMPTY = <I extends AgendaItemLike>(): AgendaLayout<I> => ({ updates: [], newSituations: [], overdue: [] });

/**
 * The layout after reading `agenda`, given the previous one (none: the agenda's own order). A
 * section's array and a row keep their identity when nothing in them changed.
 */
export function layoutAgenda<I extends AgendaItemLike>(agenda: AgendaLike<I>, previous?: AgendaLayout<I>): AgendaLayout<I> {
  const now = new Map<string, I>();
  const firstSection = new Map<string, Section>();
  for (const section of SECTIONS)
    for (const item of agenda[section]) {
      if (!now.has(item.situationId)) now.set(item.situationId, item);
      if (!firstSection.has(item.situationId)) firstSection.set(item.situationId, section);
    }
  const out = EMPTY<I>();
  const placed = new Set<string>();
  for (const section of SECTIONS) {
    const before = previous?.[section] ?? [];
    const rows: AgendaRow<I>[] = [];
    for (const row of before) {
      const id = row.first.situationId;
      placed.add(id);
      const current = now.get(id);
      if (current === undefined) rows.push(row.gone ? row : { ...row, gone: true });
      else rows.push(current === row.current && !row.gone ? row : { section, first: row.first, current, gone: false });
    }
    out[section] = rows;
  }
  for (const section of SECTIONS)
    for (const item of agenda[section]) {
      if (placed.has(item.situationId) || firstSection.get(item.situationId) !== section) continue;
      placed.add(item.situationId);
      out[section].push({ section, first: item, current: item, gone: false });
    }
  if (previous) for (const section of SECTIONS) if (sameRows(out[section], previous[section])) out[section] = previous[section];
  return previous && SECTIONS.every((s) => out[s] === previous[s]) ? previous : out;
}

function sameRows<T>(a: T[], b: T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The agenda with one situation's status set (after an action on the board, before the next read). */
export function withStatus<A extends AgendaLike<AgendaItemLike>>(agenda: A, situationId: string, status: string): A {
  let changed = false;
  const patch = <I extends AgendaItemLike>(items: I[]): I[] =>
    items.map((i) => {
      if (i.situationId !== situationId || i.status === status) return i;
      changed = true;
      return { ...i, status };
    });
  const next = { ...agenda, updates: patch(agenda.updates), newSituations: patch(agenda.newSituations), overdue: patch(agenda.overdue) };
  return changed ? next : agenda;
}
