import type { DurationLists } from './indicator-scan';
import type { IndicatorFacts } from './indicators';
import type { CategoryTally } from './report-codes';

/**
 * One table's month as the indicators count it: every figure but the quantiles' values (`facts`),
 * and the durations those are read from. Never changed once made: a read sums cells into new facts.
 */
export interface MonthCell {
  /** every figure but the quantiles' values and the risk categories of the coded rows (`categories`) */
  facts: IndicatorFacts;
  /** the coded rows' risk categories and pairs as numbers (summed across cells, named once a month) */
  categories: CategoryTally;
  durations: DurationLists;
}

/** A cell kept, and what it is true for. */
export interface KeptCell {
  cell: MonthCell;
  /** the database snapshot it was counted in (`pg_current_snapshot()` as text) */
  snapshot: string;
  /** the reference data it was counted with (code lists, agencies' sectors) */
  fingerprint: string;
  /** with the summary's own durations too */
  summary: boolean;
  /**
   * The as-of times it is true for, as the 48-hour cutoff (as-of less 48 hours, ms): from the
   * cutoff it was counted with to the earliest time after it that a situation's I6 population
   * becomes known (exclusive). An earlier as-of time (a clock set back) counts it again.
   */
  cutoffFrom: number;
  cutoffTo: number;
}

/**
 * The months the indicators counted lately, per table (IndicatorRepository). A cell is only a
 * candidate: the repository asks the database, in the later read's own snapshot, whether anything
 * it counts changed since its snapshot (the ReportChanges migration) before using it. Least
 * recently used first out past `capacity` cells.
 */
export class IndicatorCells {
  private readonly kept = new Map<string, KeptCell>();

  constructor(readonly capacity: number) {}

  static key(tableId: string, from: Date, to: Date): string {
    return `${tableId}|${from.getTime()}|${to.getTime()}`;
  }

  /** The cell kept under `key` if it was counted with this reference data, the durations asked and for this cutoff. */
  candidate(key: string, fingerprint: string, summary: boolean, cutoff: number): KeptCell | undefined {
    const kept = this.kept.get(key);
    if (!kept || kept.fingerprint !== fingerprint || (summary && !kept.summary) || cutoff < kept.cutoffFrom || cutoff >= kept.cutoffTo) return undefined;
    // used: to the back of the queue
    this.kept.delete(key);
    this.kept.set(key, kept);
    return kept;
  }

  put(key: string, kept: KeptCell): void {
    this.kept.delete(key);
    this.kept.set(key, kept);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= this.capacity) break;
      this.kept.delete(oldest);
    }
  }

  get size(): number {
    return this.kept.size;
  }
}
