/**
 * The last quarter of a period that has begun, in the scope's time zone: a quarter itself; a past
 * year's fourth; the current year's current quarter (the API refuses a quarter not yet begun).
 */
export function lastQuarterOf(period: string, timeZone: string, now = new Date()): string {
  if (!/^\d{4}$/.test(period)) return period;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric' }).formatToParts(now);
  const [year, month] = ['year', 'month'].map((k) => Number(parts.find((p) => p.type === k)!.value));
  return Number(period) < year ? `${period}-Q4` : `${period}-Q${Math.floor((month - 1) / 3) + 1}`;
}
