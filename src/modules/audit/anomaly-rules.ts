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

export type AnomalyKind =
  'IDENTITY_REFUSED' | 'UNUSUAL_READ_RATE' | 'OUTSIDE_OFFICE_HOURS' | 'READ_LONG_AFTER_CLOSURE' | 'REPEATED_REFUSALS' | 'IDENTITY_INTEGRITY_FAILURE' | 'IDENTITY_GUESSES';

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

/** A refused request as the probing rule sees it (details parsed). */
export interface RefusalEntry extends ReadEntry {
  action: string;
  details: Record<string, unknown>;
}

export type ProbeTarget = 'identity' | 'audit' | 'foreignData' | 'other';

export interface ProbingAnomaly extends Anomaly {
  kind: 'REPEATED_REFUSALS';
  /** refused requests by what they aimed at */
  targets: Record<ProbeTarget, number>;
}

/** What a refused route aimed at: identity, the audit trail, a table the actor is not a member of, or else. */
function targetOf(route: string, notAMember: boolean): ProbeTarget {
  if (route.includes('identity')) return 'identity';
  if (route.includes('audit')) return 'audit';
  return notAMember ? 'foreignData' : 'other';
}

/**
 * The refused requests an entry stands for, by target: one for a plain refusal (its route, or its
 * action for refusals of the services), the folded count by route for a summarising entry.
 */
export function refusalTargets(e: RefusalEntry): Partial<Record<ProbeTarget, number>> {
  const d = e.details;
  const out: Partial<Record<ProbeTarget, number>> = {};
  if (d.summary === true && d.routes && typeof d.routes === 'object') {
    const notAMember = !!d.reasons && typeof d.reasons === 'object' && Object.keys(d.reasons).every((r) => r === 'not_a_member');
    for (const [route, n] of Object.entries(d.routes as Record<string, unknown>)) {
      const target = targetOf(route, notAMember);
      out[target] = (out[target] ?? 0) + (typeof n === 'number' ? n : 0);
    }
    return out;
  }
  out[targetOf(typeof d.route === 'string' ? d.route : e.action, d.reason === 'not_a_member')] = 1;
  return out;
}

/**
 * Probing: an actor with at least `maxRefusals` refused requests at the table in the window
 * (identity reads, audit exports, other tables' situations, ...), whatever the routes.
 */
export function findProbing(refusals: RefusalEntry[], maxRefusals: number): ProbingAnomaly[] {
  const flags: ProbingAnomaly[] = [];
  for (const [actor, entries] of groupBy(refusals, (r) => r.actorId ?? '')) {
    const targets: Record<ProbeTarget, number> = { identity: 0, audit: 0, foreignData: 0, other: 0 };
    let count = 0;
    for (const e of entries) {
      for (const [target, n] of Object.entries(refusalTargets(e)) as [ProbeTarget, number][]) {
        targets[target] += n;
        count += n;
      }
    }
    if (count >= maxRefusals) flags.push({ kind: 'REPEATED_REFUSALS', actorId: actor || null, count, targets, entries: entries.slice(0, MAX_ENTRIES) });
  }
  return flags.sort((a, b) => b.count - a.count);
}

/**
 * Identity guesses: free text refused only because it matched a situation's stored identity
 * (`knownValueMatch` in the refusal), at least `maxGuesses` times by one actor in the window. A
 * member who may not read the identity (a coordinator, say) can test guessed names this way; the
 * answer cannot hide it (the name must not be stored), so the trail shows it.
 */
export function findIdentityGuesses(refusals: RefusalEntry[], maxGuesses: number): Anomaly[] {
  const flags: Anomaly[] = [];
  for (const [actor, entries] of groupBy(
    refusals.filter((r) => r.details.knownValueMatch === true),
    (r) => r.actorId ?? '',
  )) {
    if (entries.length >= maxGuesses) flags.push(flag('IDENTITY_GUESSES', actor || null, entries));
  }
  return flags;
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

/** One formatter a time zone: building an Intl.DateTimeFormat costs far more than using one. */
const hourFormatters = new Map<string, Intl.DateTimeFormat>();

/** Monday to Friday, officeStartHour ≤ local hour < officeEndHour, in the table's time zone. */
export function withinOfficeHours(at: Date, o: Pick<AnomalyOptions, 'officeStartHour' | 'officeEndHour' | 'timeZone'>): boolean {
  let f = hourFormatters.get(o.timeZone);
  if (!f) hourFormatters.set(o.timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone: o.timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' })));
  const parts = f.formatToParts(at);
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

/** The thresholds of the anomaly rules a table may set (issue 17): `findAnomalies`, `findProbing`, `findIdentityGuesses`. */
export interface AnomalyThresholds {
  maxReadsPerHour: number;
  officeStartHour: number;
  officeEndHour: number;
  closedDays: number;
  maxRefusals: number;
  maxGuesses: number;
}

/** The defaults (a table without thresholds of its own uses them). */
export const DEFAULT_THRESHOLDS: Readonly<AnomalyThresholds> = Object.freeze({
  maxReadsPerHour: 10,
  officeStartHour: 7,
  officeEndHour: 19,
  closedDays: 30,
  maxRefusals: 5,
  maxGuesses: 2,
});

/**
 * The bounds of each threshold (inclusive integers). `maxGuesses` stays low: a text refused only for
 * a situation's stored identity is a name tested against the vault, and a threshold set high would
 * let the one who sets it test names unflagged (the web's ThresholdsPage repeats these bounds).
 */
export const THRESHOLD_BOUNDS: Readonly<Record<keyof AnomalyThresholds, readonly [number, number]>> = Object.freeze({
  maxReadsPerHour: [1, 10000],
  officeStartHour: [0, 23],
  officeEndHour: [1, 24],
  closedDays: [0, 3650],
  maxRefusals: [1, 100000],
  maxGuesses: [1, 10],
});

/** What is wrong with a set of thresholds, by field (empty: valid). Office hours: start before end. */
export function thresholdProblems(t: Record<keyof AnomalyThresholds, unknown>): { field: string; problem: string }[] {
  const problems: { field: string; problem: string }[] = [];
  for (const [field, [min, max]] of Object.entries(THRESHOLD_BOUNDS) as [keyof AnomalyThresholds, readonly [number, number]][]) {
    const v = t[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) problems.push({ field, problem: `must be a whole number from ${min} to ${max}` });
  }
  if (!problems.length && (t.officeStartHour as number) >= (t.officeEndHour as number)) problems.push({ field: 'officeEndHour', problem: 'must be after officeStartHour' });
  return problems;
}
