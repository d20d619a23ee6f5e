/**
 * Small-cell suppression (pure). Counts from 1 to 4 are withheld; when a dimension would leave a
 * single withheld cell beside a published total, the next smallest cell is withheld too, so no
 * withheld value can be recomputed by subtraction.
 */
export const MIN_CELL = 5;

export interface Cell {
  code: string;
  label: string;
  count: number | null;
  suppressed: boolean;
}

export const isSmall = (n: number): boolean => n > 0 && n < MIN_CELL;

export function suppressCells(cells: { code: string; label: string; count: number }[], totalPublished: boolean): Cell[] {
  const marked = cells.map((c) => ({ ...c, suppressed: isSmall(c.count) }));
  const withheld = marked.filter((c) => c.suppressed);
  if (totalPublished && withheld.length === 1) {
    const next = marked.filter((c) => !c.suppressed && c.count > 0).sort((a, b) => a.count - b.count || a.code.localeCompare(b.code))[0];
    if (next) next.suppressed = true;
  }
  return marked.map((c) => (c.suppressed ? { ...c, count: null } : c));
}

/** A published figure derived from n observations: withheld when n is a small cell. */
export function guarded<T>(n: number, value: T): { value: T | null; n: number | null; suppressed: boolean } {
  return n > 0 && n < MIN_CELL ? { value: null, n: null, suppressed: true } : { value, n, suppressed: false };
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
