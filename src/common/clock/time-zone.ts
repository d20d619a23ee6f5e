/**
 * Calendar arithmetic in an IANA time zone, on the platform's own time zone data (Intl, ICU).
 * Pure: no framework.
 */

/** The default time zone of a table, and the province's (Ontario). */
export const DEFAULT_TIME_ZONE = 'America/Toronto';

/** IANA names only (`Area/Location`, or `UTC`): no offsets, no POSIX rules. */
const IANA_NAME = /^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+){1,2})$/;

/** The canonical spelling of an IANA time zone name (`america/toronto` → `America/Toronto`), or null if it is not one. */
export function canonicalTimeZone(name: string): string | null {
  if (typeof name !== 'string' || name.length > 64 || !IANA_NAME.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(at: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(new Date(ms), timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant at which a local date begins in a time zone (midnight; where a transition skips
 * midnight, the first instant of that day). `month` is 1-12 and may overflow into the next year.
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  // two corrections settle on the offset in force at that wall time (one more across a transition)
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone);
  const again = wall - offsetAt(t, timeZone);
  if (again !== t) t = Math.min(t, again);
  // midnight skipped by a transition: the day then begins at the transition, within the hour after
  const dayOf = (ms: number) => {
    const w = wallClock(new Date(ms), timeZone);
    return Date.UTC(w.year, w.month - 1, w.day);
  };
  while (dayOf(t) < wall) t += 15 * 60_000;
  return new Date(t);
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The local year and month (1-12) of an instant in a time zone. */
export function localYearMonth(at: Date, timeZone: string): { year: number; month: number } {
  const w = wallClock(at, timeZone);
  return { year: w.year, month: w.month };
}
