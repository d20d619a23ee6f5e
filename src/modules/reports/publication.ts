import { CountPublisher } from './disclosure';
import { Cell, isSmall, MIN_CELL, quantilePublishable, suppressBreakdown } from './suppression';

/**
 * How every report figure is published (pure; docs/evaluation.md, R1 and R7): counts through one
 * CountPublisher per scope, each cell under a name of its own, so a figure that two routes show
 * is the same figure (the summary's and the indicators' referrals, a quarter and its trend point).
 */

/** A published rate or statistic: its value, the (rounded) number of observations behind it, or withheld. */
export interface Guarded<T> {
  value: T | null;
  n: number | null;
  suppressed: boolean;
}

const WITHHELD = { value: null, n: null, suppressed: true } as const;

/**
 * Where published figures come from: a count's figure under a cell name (null when withheld), and
 * the relations between them. Either one period's CountPublisher (fromPublisher: small cells
 * withheld, each breakdown protected on its own by suppressBreakdown) or a period of a
 * DisclosureUnit (unit-publisher.ts: every relation of the year protected together).
 */
export interface FigureSource {
  figure(cell: string, n: number): number | null;
  /** declares that the aggregate's count is the sum of the parts' */
  sums(aggregate: string, parts: readonly string[]): void;
  /** true when the source withholds cells beside small ones itself (a unit); false: breakdown() does, per breakdown */
  readonly protectsCells: boolean;
}

/** One period's figures straight from a CountPublisher. */
export function fromPublisher(publisher: CountPublisher): FigureSource {
  return { figure: (cell, n) => publisher.count(cell, n).count, sums: () => undefined, protectsCells: false };
}

/**
 * A share published from the rounded numerator and denominator (never the exact counts, which
 * overlapping periods could subtract), and only when both are published and the rest (denominator
 * minus numerator) is no small cell: a share of 1 or near it would otherwise say the rest is one.
 * The rest is a figure of its own, declared with its relation (whole = part + rest), so a unit
 * protects it like any cell: the unit grants a reader the knowledge of which figures are small, so
 * withholding the share when the rest is small tells nothing the unit did not account for. A rest
 * withheld beside another (5 or more) does not withhold the share: its part and whole say it.
 * The denominator is published under `wholeCell`: the name the same count has where it is shown
 * as a count, so the share and the count agree.
 */
export function rateOf(source: FigureSource, partCell: string, part: number, wholeCell: string, whole: number): Guarded<number> {
  const restCell = `${wholeCell}-${partCell}`;
  const p = source.figure(partCell, part);
  const w = source.figure(wholeCell, whole);
  source.figure(restCell, whole - part);
  source.sums(wholeCell, [partCell, restCell]);
  if (p === null || w === null || isSmall(whole - part)) return WITHHELD;
  return { value: Math.min(1, round3(p / w)), n: w, suppressed: false };
}

/** rateOf, the numerator and the denominator named after one cell (`cell:part`, `cell:whole`). */
export const rate = (source: FigureSource, cell: string, part: number, whole: number): Guarded<number> => rateOf(source, `${cell}:part`, part, `${cell}:whole`, whole);

/**
 * Medians and percentiles, each published only when the published number of observations says
 * there are at least 5 on each side of the ranks it reads (quantilePublishable of the least count
 * the published figure can be): decided on the exact number, a value shown or not would narrow it.
 * In whole units; n is published like any count, under `nCell` (default `${cell}:n`) when the
 * same population is published elsewhere under that name.
 */
export function statistic(
  source: FigureSource,
  cell: string,
  n: number,
  values: Record<string, [number, number | null]>,
  nCell = `${cell}:n`,
): Guarded<Record<string, number | null>> {
  const count = source.figure(nCell, n);
  const least = count === null ? 0 : Math.max(MIN_CELL, count - (MIN_CELL - 1));
  const shown: Record<string, number | null> = {};
  for (const [k, [q, v]] of Object.entries(values)) shown[k] = quantilePublishable(least, q) && v !== null ? Math.round(v) : null;
  return Object.values(shown).every((v) => v === null) ? { value: null, n: count, suppressed: true } : { value: shown, n: count, suppressed: false };
}

/** A published cell and its share of the breakdown's population (published count ÷ published population). */
export interface ShareCell extends Cell {
  share: number | null;
}

/** A breakdown of a population: the population's published count and its cells. */
export interface Breakdown {
  population: number | null;
  suppressed: boolean;
  cells: ShareCell[];
}

export interface BreakdownSpec {
  /** the cells' names are `${name}:${code}` */
  name: string;
  /** the population's cell name (default `${name}:n`) */
  populationCell?: string;
  population: number;
  /** every code the breakdown lists whatever the data: a cell shown only when it held a situation would say it is not empty */
  listed: readonly string[];
  counts: ReadonlyMap<string, number>;
  label(code: string): string;
  /** true when a situation may fall in several cells (risk categories, services): the cells do not add up to the population */
  multi?: boolean;
}

/**
 * A breakdown, published: withheld as a whole when its population is withheld, or when even
 * withholding every cell leaves the population saying the size of a small one (suppressBreakdown).
 * Codes sorted; a code outside `listed` appears only when published.
 */
export function breakdown(source: FigureSource, spec: BreakdownSpec): Breakdown {
  const populationCell = spec.populationCell ?? `${spec.name}:n`;
  const population = source.figure(populationCell, spec.population);
  // a unit needs every code that holds a situation (a month's small cell is a part of its quarter's); a code outside `listed` is shown only when published
  const held = [...spec.counts].filter(([, n]) => (source.protectsCells ? n > 0 : !isSmall(n))).map(([code]) => code);
  const codes = [...new Set([...spec.listed, ...held])].sort((a, b) => a.localeCompare(b));
  const listed = new Set(spec.listed);
  const rows = codes.map((code) => ({ code, label: spec.label(code), count: spec.counts.get(code) ?? 0 }));
  let cells: Cell[];
  if (source.protectsCells) {
    cells = rows.map((r) => {
      const count = source.figure(`${spec.name}:${r.code}`, r.count);
      return { code: r.code, label: r.label, count, suppressed: count === null };
    });
    if (!spec.multi)
      source.sums(
        populationCell,
        codes.map((code) => `${spec.name}:${code}`),
      );
  } else {
    if (population === null) return { population: null, suppressed: true, cells: [] };
    const protectedCells = suppressBreakdown(rows, spec.multi ? null : population, (code, n) => source.figure(`${spec.name}:${code}`, n)!);
    if (protectedCells.totalReveals) return { population: null, suppressed: true, cells: [] };
    cells = protectedCells.cells;
  }
  if (population === null) return { population: null, suppressed: true, cells: [] };
  return {
    population,
    suppressed: false,
    cells: cells.filter((c) => listed.has(c.code) || !c.suppressed).map((c) => ({ ...c, share: c.count === null ? null : Math.min(1, round3(c.count / population)) })),
  };
}

export const round3 = (n: number): number => Math.round(n * 1000) / 1000;
