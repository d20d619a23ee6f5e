/**
 * Anomaly flags for the privacy officer over identity reads (pure). Each flag carries the entries
 * behind it, so the officer can see why.
 */
export interface ReadEntry {
  seq: string;
  at: Date;
  actorId: string | null;
  outcome: 'SUCCESS' | 'DENIED';
  situationId: string | null;
  purpose: string | null;
  closedAt: Date | null;
}

export interface AnomalyOptions {
  maxReadsPerHour: number;
  officeStartHour: number;
  officeEndHour: number;
  timeZone: string;
  closedDays: number;
}

export type AnomalyKind = 'IDENTITY_REFUSED' | 'UNUSUAL_READ_RATE' | 'OUTSIDE_OFFICE_HOURS' | 'READ_LONG_AFTER_CLOSURE' | 'IDENTITY_INTEGRITY_FAILURE';

export interface Anomaly {
  kind: AnomalyKind;
  actorId: string | null;
  count: number;
  /** the entries behind the flag (at most 50) */
  entries: ReadEntry[];
}

const HOUR = 3_600_000;
const MAX_ENTRIES = 50;

export function findAnomalies(reads: ReadEntry[], o: AnomalyOptions): Anomaly[] {
  const flags: Anomaly[] = [];
  const byActor = groupBy(reads, (r) => r.actorId ?? '');
  for (const [actor, entries] of byActor) {
    const actorId = actor || null;
    const refused = entries.filter((e) => e.outcome === 'DENIED');
    if (refused.length) flags.push(flag('IDENTITY_REFUSED', actorId, refused));
    const granted = entries.filter((e) => e.outcome === 'SUCCESS');
    const burst = busiestHour(granted);
    if (burst.length > o.maxReadsPerHour) flags.push(flag('UNUSUAL_READ_RATE', actorId, burst));
    const late = granted.filter((e) => !withinOfficeHours(e.at, o));
    if (late.length) flags.push(flag('OUTSIDE_OFFICE_HOURS', actorId, late));
    const stale = granted.filter((e) => e.closedAt && e.at.getTime() - e.closedAt.getTime() > o.closedDays * 24 * HOUR);
    if (stale.length) flags.push(flag('READ_LONG_AFTER_CLOSURE', actorId, stale));
  }
  return flags.sort((a, b) => a.kind.localeCompare(b.kind) || b.count - a.count);
}

/**
 * Stored identities that failed their integrity check (tampered, rolled back or corrupt rows), on
 * a read, a de-identification check or a rotation: one flag for the privacy officer, whoever
 * triggered them (the actor is not the suspect; the row is). Kept apart from the read rules above.
 */
export function findIntegrityFailures(failures: ReadEntry[]): Anomaly[] {
  return failures.length ? [flag('IDENTITY_INTEGRITY_FAILURE', null, failures)] : [];
}

function flag(kind: AnomalyKind, actorId: string | null, entries: ReadEntry[]): Anomaly {
  return { kind, actorId, count: entries.length, entries: entries.slice(0, MAX_ENTRIES) };
}

/** The largest set of reads within any sliding hour (entries sorted by time). */
export function busiestHour(entries: ReadEntry[]): ReadEntry[] {
  const sorted = [...entries].sort((a, b) => a.at.getTime() - b.at.getTime());
  let best: ReadEntry[] = [];
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end].at.getTime() - sorted[start].at.getTime() >= HOUR) start++;
    if (end - start + 1 > best.length) best = sorted.slice(start, end + 1);
  }
  return best;
}

/** Monday to Friday, officeStartHour ≤ local hour < officeEndHour, in the table's time zone. */
export function withinOfficeHours(at: Date, o: Pick<AnomalyOptions, 'officeStartHour' | 'officeEndHour' | 'timeZone'>): boolean {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: o.timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  const weekday = parts.find((p) => p.type === 'weekday')?.value;
  if (weekday === 'Sat' || weekday === 'Sun') return false;
  return hour >= o.officeStartHour && hour < o.officeEndHour;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
