/**
 * Small-cell suppression (pure). Counts from 0 to 4 are withheld alike (a withheld cell never
 * says whether it is empty); when a dimension would leave a single withheld cell beside a
 * published total, the next smallest cell is withheld too. What is published is rounded by the
 * caller's `publish` (disclosure.ts: random rounding to base 5).
 */
export const MIN_CELL = 5;

export interface Cell {
  code: string;
  label: string;
  count: number | null;
  suppressed: boolean;
}

/** Below the minimum cell, zero included. */
export const isSmall = (n: number): boolean => n < MIN_CELL;

export function suppressCells(cells: { code: string; label: string; count: number }[], totalPublished: boolean, publish: (code: string, n: number) => number): Cell[] {
  const marked = cells.map((c) => ({ ...c, suppressed: isSmall(c.count) }));
  const withheld = marked.filter((c) => c.suppressed);
  if (totalPublished && withheld.length === 1) {
    const next = marked.filter((c) => !c.suppressed).sort((a, b) => a.count - b.count || a.code.localeCompare(b.code))[0];
    if (next) next.suppressed = true;
  }
  return marked.map((c) => (c.suppressed ? { ...c, count: null } : { ...c, count: publish(c.code, c.count) }));
}

/**
 * Whether a linear-interpolated quantile of n values may be published: at least MIN_CELL values
 * below and above the ranks it reads, so it is never the value of an extreme or lone record
 * (the median needs 11 values, the 90th percentile 51).
 */
export function quantilePublishable(n: number, q: number): boolean {
  if (n === 0) return false;
  const { lo, hi } = quantileRanks(n, q);
  return lo >= MIN_CELL && n - 1 - hi >= MIN_CELL;
}

export function median(sorted: number[]): number | null {
  return quantile(sorted, 0.5);
}

/** Linear-interpolated quantile of an ascending list. */
export function quantile(sorted: number[], q: number): number | null {
  return quantileOf(sorted.length, q, (rank) => sorted[rank]);
}

/** The two ranks (0-based, in ascending order) a linear-interpolated quantile of n values is made of. */
export function quantileRanks(n: number, q: number): { lo: number; hi: number } {
  const pos = (n - 1) * q;
  return { lo: Math.floor(pos), hi: Math.ceil(pos) };
}

/**
 * Linear-interpolated quantile of n ascending values, reading only the values at the two ranks
 * of quantileRanks(n, q) through `at`: the same arithmetic as on the whole list, so the database
 * can sort and send just those values.
 */
export function quantileOf(n: number, q: number, at: (rank: number) => number): number | null {
  if (n === 0) return null;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return Math.round((at(lo) + (at(hi) - at(lo)) * (pos - lo)) * 10) / 10;
}
