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
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return Math.round((sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)) * 10) / 10;
}
