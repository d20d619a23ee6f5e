/**
 * Folding of access refusals (pure): a prober sending hundreds of refused requests must not fill a
 * table's chain with one entry each. Per actor, table and minute, the first refusal is written at
 * once (so a single refusal is never delayed or lost); the rest of that minute are counted here and
 * written as one summarising entry once the minute is over (or at shutdown).
 */
export interface Refusal {
  actorId: string | null;
  actorAgencyId: string | null;
  tableId: string | null;
  /** a region's refusal (tableId null): folded and written on the region's chain */
  regionId?: string;
  /** `METHOD /declared/route` */
  route: string;
  reason: string;
  situationId: string | null;
}

export interface RefusalSummary {
  actorId: string | null;
  actorAgencyId: string | null;
  tableId: string | null;
  regionId?: string;
  /** refusals folded into this summary (the first of the minute is not among them) */
  count: number;
  routes: Record<string, number>;
  reasons: Record<string, number>;
  /** distinct situations named, at most MAX_SITUATIONS */
  situationIds: string[];
  minuteStart: string;
}

export const REFUSAL_WINDOW_MS = 60_000;
const MAX_SITUATIONS = 20;
/** Windows kept at once; past it the oldest are summarised early (memory stays bounded). */
const MAX_WINDOWS = 10_000;

interface Window {
  minute: number;
  summary: RefusalSummary;
}

export class RefusalFolder {
  private readonly windows = new Map<string, Window>();
  /** summaries of windows that a later minute replaced, waiting for takeDue */
  private readonly parked: RefusalSummary[] = [];

  /** True when this refusal opens its minute and must be written at once; else it is folded. */
  add(r: Refusal, now: Date): boolean {
    const minute = Math.floor(now.getTime() / REFUSAL_WINDOW_MS);
    const key = `${r.actorId ?? ''}|${r.tableId ?? `region:${r.regionId}`}`;
    const open = this.windows.get(key);
    if (open && open.minute === minute) {
      const s = open.summary;
      s.count++;
      s.routes[r.route] = (s.routes[r.route] ?? 0) + 1;
      s.reasons[r.reason] = (s.reasons[r.reason] ?? 0) + 1;
      if (r.situationId && s.situationIds.length < MAX_SITUATIONS && !s.situationIds.includes(r.situationId)) s.situationIds.push(r.situationId);
      return false;
    }
    // A window of an earlier minute stays until takeDue hands it out; this key starts anew.
    if (open) this.parked.push(open.summary);
    this.windows.set(key, {
      minute,
      summary: {
        actorId: r.actorId,
        actorAgencyId: r.actorAgencyId,
        tableId: r.tableId,
        ...(r.regionId ? { regionId: r.regionId } : {}),
        count: 0,
        routes: {},
        reasons: {},
        situationIds: [],
        minuteStart: new Date(minute * REFUSAL_WINDOW_MS).toISOString(),
      },
    });
    return true;
  }

  /** Summaries of minutes that are over (all of them with `everything`), with at least one folded refusal. */
  takeDue(now: Date, everything = false): RefusalSummary[] {
    const minute = Math.floor(now.getTime() / REFUSAL_WINDOW_MS);
    const due = this.parked.splice(0);
    const overflow = this.windows.size - MAX_WINDOWS;
    let dropped = 0;
    for (const [key, w] of this.windows) {
      if (everything || w.minute < minute || dropped < overflow) {
        this.windows.delete(key);
        due.push(w.summary);
        dropped++;
      }
    }
    return due.filter((s) => s.count > 0);
  }
}
