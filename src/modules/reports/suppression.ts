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

/**
 * The cells of one breakdown, published. `total` is the published figure the cells add up to
 * (null when none is published, as for multi-valued breakdowns, whose cells overlap).
 *
 * Beside a published total, the cells and the total together bound every withheld cell (docs/
 * evaluation.md, R6): a published figure R is an exact count in [max(5, R - 4), R + 4], a cell
 * withheld as small lies in [0, 4], a cell withheld beside it in [5, the total's bound]. Whenever
 * those bounds would say that a small cell is not empty (its least value above 0) or that it is
 * empty (its greatest below 1), the smallest published cell is withheld too, until none would.
 * Example: 16 referrals, 4 of each of four types, published as a total of 20: without this, the
 * four withheld cells would have to hold 16 at least, so 4 each.
 */
export function suppressCells(cells: { code: string; label: string; count: number }[], total: number | null, publish: (code: string, n: number) => number): Cell[] {
  const { cells: out, totalReveals } = suppressBreakdown(cells, total, publish);
  if (totalReveals) throw new Error('suppressCells: the total reveals a withheld cell; publish the breakdown with suppressBreakdown and withhold the total');
  return out;
}

/**
 * suppressCells, and whether the total must be withheld as well: when every cell is withheld and
 * the published total still bounds a small one away from 0 (R6: "if none is left, withhold the
 * aggregate"). The caller withholds the total, and with it every cell (a breakdown beside a
 * withheld total is published empty, as a whole period that is a small cell).
 */
export function suppressBreakdown(
  cells: { code: string; label: string; count: number }[],
  total: number | null,
  publish: (code: string, n: number) => number,
): { cells: Cell[]; totalReveals: boolean } {
  const marked = cells.map((c) => ({ ...c, small: isSmall(c.count), suppressed: isSmall(c.count), published: isSmall(c.count) ? 0 : publish(c.code, c.count) }));
  const withholdNext = (): boolean => {
    const next = marked.filter((c) => !c.suppressed).sort((a, b) => a.count - b.count || a.code.localeCompare(b.code))[0];
    if (next) next.suppressed = true;
    return next !== undefined;
  };
  let totalReveals = false;
  if (total !== null) {
    if (marked.filter((c) => c.suppressed).length === 1) withholdNext();
    while (revealsSmallCell(marked, total)) {
      if (!withholdNext()) {
        totalReveals = true;
        break;
      }
    }
  }
  return { cells: marked.map(({ code, label, suppressed, published }) => ({ code, label, suppressed, count: suppressed ? null : published })), totalReveals };
}

/** Whether the published cells and total say of a small withheld cell that it is empty, or that it is not. */
function revealsSmallCell(cells: readonly { small: boolean; suppressed: boolean; published: number }[], total: number): boolean {
  const totalLow = Math.max(MIN_CELL, total - (MIN_CELL - 1));
  const totalHigh = total + (MIN_CELL - 1);
  const bounds = cells.map((c) =>
    !c.suppressed ? [Math.max(MIN_CELL, c.published - (MIN_CELL - 1)), c.published + (MIN_CELL - 1)] : c.small ? [0, MIN_CELL - 1] : [MIN_CELL, totalHigh],
  );
  const low = bounds.reduce((sum, [lo]) => sum + lo, 0);
  const high = bounds.reduce((sum, [, hi]) => sum + hi, 0);
  return cells.some((c, i) => {
    if (!c.small) return false;
    const [lo, hi] = bounds[i];
    const least = Math.max(lo, totalLow - (high - hi));
    const most = Math.min(hi, totalHigh - (low - lo));
    return least > 0 || most < 1;
  });
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
