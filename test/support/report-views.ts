/** The shapes of the published report figures as the tests read them from the API (report.dto.ts, BreakdownView and RateView). */

/** One published cell: withheld (`count: null`) below 5 or beside another, else rounded to base 5. */
export interface Cell {
  code: string;
  label: string;
  count: number | null;
  suppressed: boolean;
  /** the cell's share of the breakdown's published population, where the view gives one */
  share?: number | null;
}

export interface Breakdown {
  population: number | null;
  suppressed: boolean;
  cells: Cell[];
}

export interface Rate {
  value: number | null;
  n: number | null;
  suppressed: boolean;
}
