import { localYearMonth, startOfLocalDay } from '../../common/clock/time-zone';

/**
 * Reports cover fixed calendar periods only, in the table's time zone (api.md): a year `2026`, a
 * quarter `2026-Q3` or a month `2026-07`. Arbitrary windows could be differenced (two windows a
 * millisecond apart isolate one referral); fixed periods cannot be slid. Pure.
 */
export type PeriodKind = 'YEAR' | 'QUARTER' | 'MONTH';

export interface Period {
  /** the canonical code, e.g. `2026-Q3` */
  code: string;
  kind: PeriodKind;
  /** local start (inclusive) and end (exclusive), as instants */
  from: Date;
  to: Date;
  timeZone: string;
}

/** The earliest year a report may cover. */
export const FIRST_YEAR = 2000;

const FORMS: { re: RegExp; kind: PeriodKind }[] = [
  { re: /^(\d{4})$/, kind: 'YEAR' },
  { re: /^(\d{4})-Q([1-4])$/, kind: 'QUARTER' },
  { re: /^(\d{4})-(0[1-9]|1[0-2])$/, kind: 'MONTH' },
];

export type PeriodProblem = 'is not a year (2026), a quarter (2026-Q3) or a month (2026-07)' | `must be a year from ${number} on` | 'begins in the future';

/**
 * The period a code names, or the problem with it. Without a code: the current year (local).
 * A period must begin in FIRST_YEAR or later and not after `now`.
 */
export function parsePeriod(code: string | undefined, timeZone: string, now: Date): Period | { problem: PeriodProblem } {
  const text = code ?? String(localYearMonth(now, timeZone).year);
  const form = FORMS.map((f) => ({ ...f, m: f.re.exec(text) })).find((f) => f.m);
  if (!form || !form.m) return { problem: 'is not a year (2026), a quarter (2026-Q3) or a month (2026-07)' };
  const year = Number(form.m[1]);
  if (year < FIRST_YEAR) return { problem: `must be a year from ${FIRST_YEAR} on` };
  const [firstMonth, months] = form.kind === 'YEAR' ? [1, 12] : form.kind === 'QUARTER' ? [(Number(form.m[2]) - 1) * 3 + 1, 3] : [Number(form.m[2]), 1];
  const from = startOfLocalDay(year, firstMonth, 1, timeZone);
  if (from.getTime() > now.getTime()) return { problem: 'begins in the future' };
  return { code: text, kind: form.kind, from, to: startOfLocalDay(year, firstMonth + months, 1, timeZone), timeZone };
}

export const isPeriod = (p: Period | { problem: PeriodProblem }): p is Period => 'code' in p;

/** How many quarters a trend shows (docs/evaluation.md 2.4). */
export const TREND_QUARTERS = 8;

/**
 * The TREND_QUARTERS consecutive quarters ending with `through` (a quarter code that has begun;
 * default: the last quarter that has ended, local to the time zone), oldest first. Quarters before
 * FIRST_YEAR are left out.
 */
export function quartersThrough(through: string | undefined, timeZone: string, now: Date): Period[] | { problem: PeriodProblem | 'is not a quarter (2026-Q3)' } {
  let year: number;
  let quarter: number;
  if (through === undefined) {
    const local = localYearMonth(now, timeZone);
    const current = Math.floor((local.month - 1) / 3) + 1;
    [year, quarter] = current === 1 ? [local.year - 1, 4] : [local.year, current - 1];
  } else {
    const m = /^(\d{4})-Q([1-4])$/.exec(through);
    if (!m) return { problem: 'is not a quarter (2026-Q3)' };
    [year, quarter] = [Number(m[1]), Number(m[2])];
  }
  const out: Period[] = [];
  for (let i = TREND_QUARTERS - 1; i >= 0; i--) {
    const k = year * 4 + (quarter - 1) - i;
    const p = parsePeriod(`${Math.floor(k / 4)}-Q${(k % 4) + 1}`, timeZone, now);
    if (isPeriod(p)) out.push(p);
    else if (i === 0) return p;
  }
  return out;
}
