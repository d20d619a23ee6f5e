import { createHash } from 'node:crypto';
import { CountPublisher } from './disclosure';
import { DisclosureUnit } from './disclosure-unit';
import { emptyFacts, IndicatorFacts, Indicators, IndicatorVocabulary, publishIndicators } from './indicators';
import { FigureSource } from './publication';
import { publishSummary, SummaryTimings } from './summary-figures';

/**
 * What a period's published figures are read out of its unit as: the indicators (the default), or
 * the summary (summary-figures.ts). Every unit holds both, so either reads the same figures.
 */
export type FigureReader<T> = (facts: IndicatorFacts, source: FigureSource, vocabulary: IndicatorVocabulary, timings?: SummaryTimings) => T;
const readIndicators: FigureReader<Indicators> = (f, source, v) => publishIndicators(f, source, v);

/**
 * The indicators of some periods, published through the publication units that hold them (pure;
 * docs/evaluation.md R5-R6): for each calendar year touched, the 12 months' counts, the quarters'
 * and the year's (their sums) are all published together, every relation between them and within
 * each breakdown protected at once by a DisclosureUnit. Each period asked for is then read out of
 * its unit: the same figure whichever route or period asks, a month as part of its quarter.
 */

/** A calendar month of the unit, `2026-07`, with its counts. */
export interface MonthFacts {
  month: string;
  facts: IndicatorFacts;
}

/** A period asked for: its code (`2026`, `2026-Q3` or `2026-07`) and the quantiles of its durations. */
export interface AskedPeriod {
  code: string;
  quantiles: Pick<IndicatorFacts, 'hoursToDecision' | 'hoursToAssignment' | 'hoursToMobilization'>;
  /** the summary's own medians of the period, when read (IndicatorRepository.read with `summary`) */
  timings?: SummaryTimings;
}

/** The codes of the periods of a year's unit, each with its months. */
export function unitPeriods(year: number): { code: string; months: string[] }[] {
  const month = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
  const months = Array.from({ length: 12 }, (_, i) => month(i + 1));
  return [
    ...months.map((m) => ({ code: m, months: [m] })),
    ...[1, 2, 3, 4].map((q) => ({ code: `${year}-Q${q}`, months: months.slice((q - 1) * 3, q * 3) })),
    { code: String(year), months },
  ];
}

/**
 * `onFailure` hears of a unit that could not be built or protected (a relation the counts break, a
 * bug): its periods are then published with every figure withheld, never in part.
 */
export function publishInUnits<T = Indicators>(
  months: readonly MonthFacts[],
  asked: readonly AskedPeriod[],
  publisher: CountPublisher,
  vocabulary: IndicatorVocabulary,
  onFailure: (year: number, error: Error) => void = () => undefined,
  read: FigureReader<T> = readIndicators as unknown as FigureReader<T>,
  memo?: UnitMemo,
): T[] {
  const byMonth = new Map(months.map((m) => [m.month, m.facts]));
  const years = [...new Set(asked.map((a) => Number(a.code.slice(0, 4))))];
  const plans = new Map<number, UnitPlan>(years.map((year) => [year, { scopes: [{ prefix: '', publisher, months: byMonth }], aggregated: false }]));
  return publishPlanned(
    plans,
    asked.map((a) => ({ ...a, prefix: '' })),
    vocabulary,
    onFailure,
    read,
    memo,
  );
}

/**
 * One scope of a unit: the prefix of its figures' keys (`''` when the unit has one scope), the
 * publisher of its draws (the table's, the region's) and its months' counts.
 */
export interface UnitScope {
  prefix: string;
  publisher: CountPublisher;
  months: ReadonlyMap<string, IndicatorFacts>;
}

/**
 * A year's unit: its scopes, and whether the first (a region) is the sum of the others (its member
 * tables) for every cell and period, relation (c) of R6. Null: the year publishes nothing (a region
 * of fewer than 2 tables that year, R3).
 */
export type UnitPlan = { scopes: readonly UnitScope[]; aggregated: boolean } | null;

/** A period asked of one scope of its year's unit. */
export interface ScopedPeriod extends AskedPeriod {
  prefix: string;
}

/**
 * The periods asked, each read out of the unit its year's plan builds (pure): one unit per year
 * whatever the scopes asked of it, so a table's figure is the same on the table's route and on its
 * region's (R1), and no combination of the two says what the unit withholds.
 */
export function publishPlanned<T = Indicators>(
  plans: ReadonlyMap<number, UnitPlan>,
  asked: readonly ScopedPeriod[],
  vocabulary: IndicatorVocabulary,
  onFailure: (year: number, error: Error) => void = () => undefined,
  read: FigureReader<T> = readIndicators as unknown as FigureReader<T>,
  memo?: UnitMemo,
): T[] {
  const units = new Map<number, { unit: DisclosureUnit | null; facts: Map<string, Map<string, IndicatorFacts>> }>();
  for (const year of new Set(asked.map((a) => Number(a.code.slice(0, 4))))) {
    const plan = plans.get(year) ?? null;
    const facts = new Map<string, Map<string, IndicatorFacts>>();
    for (const scope of plan?.scopes ?? [])
      facts.set(scope.prefix, new Map(unitPeriods(year).map((p) => [p.code, sumFacts(p.months.map((m) => scope.months.get(m) ?? emptyFacts()))])));
    if (!plan) {
      units.set(year, { unit: null, facts });
      continue;
    }
    try {
      const key = memo && unitDigest(year, plan, facts, vocabulary);
      const unit = (key && memo.get(key)) || protectedUnit(year, plan, facts, vocabulary);
      if (key) memo.set(key, unit);
      units.set(year, { unit, facts });
    } catch (error) {
      onFailure(year, error as Error);
      units.set(year, { unit: null, facts });
    }
  }
  // pass 2: each period asked for, read out of its unit (all withheld from a unit that failed or a year that publishes nothing)
  return asked.map((a) => {
    const year = Number(a.code.slice(0, 4));
    const { unit, facts } = units.get(year)!;
    const f = { ...(facts.get(a.prefix)?.get(a.code) ?? emptyFacts()), ...a.quantiles };
    const withheld: FigureSource = { protectsCells: true, figure: () => null, sums: () => undefined };
    if (!unit || !facts.has(a.prefix)) return read(f, withheld, vocabulary, a.timings);
    try {
      return read(f, { protectsCells: true, figure: (cell) => unit.published(`${a.prefix}${a.code}|${cell}`), sums: () => undefined }, vocabulary, a.timings);
    } catch (error) {
      onFailure(year, error as Error);
      return read(f, withheld, vocabulary, a.timings);
    }
  });
}

/**
 * A year's unit: every figure of every period of the year of every scope, the relations within
 * each breakdown and between periods, and (aggregated) the first scope as the sum of the others,
 * protected together.
 */
function protectedUnit(
  year: number,
  plan: NonNullable<UnitPlan>,
  facts: ReadonlyMap<string, ReadonlyMap<string, IndicatorFacts>>,
  vocabulary: IndicatorVocabulary,
): DisclosureUnit {
  const quarters = [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  return protectUnit(plan.scopes, facts, plan.aggregated, {
    periods: unitPeriods(year).map((p) => ({ code: p.code, parts: p.months.length === 1 ? [] : p.months.length === 12 ? quarters : p.months })),
    // the indicators' figures and the summary's, in one unit (R1): a count both show is one figure
    declare: (f, source) => {
      publishIndicators(f, source, vocabulary);
      publishSummary(f, source, vocabulary);
    },
  });
}

/** How a unit lays out one scope's figures: its periods (each with the periods it is the sum of, if any) and the figures of one period. */
export interface UnitLayout<F> {
  periods: readonly { code: string; parts: readonly string[] }[];
  declare(facts: F, source: FigureSource): void;
}

/**
 * A unit of any figures (R5, R6): each scope's periods declared by the layout under the keys
 * `<prefix><period>|<cell>`, every cell any period of any scope has added to the others as 0, each
 * period the sum of its parts for every cell, and (aggregated) the first scope the sum of the others
 * for every cell and period; then protected. The indicators' units and the equity figures' use it.
 */
export function protectUnit<F>(
  scopes: readonly { prefix: string; publisher: CountPublisher }[],
  facts: ReadonlyMap<string, ReadonlyMap<string, F>>,
  aggregated: boolean,
  layout: UnitLayout<F>,
): DisclosureUnit {
  const unit = new DisclosureUnit();
  // pass 1: every figure of every period, and the relations within each breakdown
  const all = new Set<string>();
  for (const scope of scopes)
    for (const [code, f] of facts.get(scope.prefix)!) {
      const key = (cell: string) => `${scope.prefix}${code}|${cell}`;
      layout.declare(f, {
        protectsCells: true,
        figure: (cell, n) => {
          unit.add(key(cell), n, (x) => scope.publisher.round(cell, x));
          all.add(cell);
          return null;
        },
        sums: (aggregate, parts) => unit.relate(key(aggregate), parts.map(key)),
      });
    }
  // the relations between periods, for every cell any period of any scope has (absent from a period: nothing there, 0)
  for (const scope of scopes) {
    for (const p of layout.periods) for (const cell of all) if (!unit.has(`${scope.prefix}${p.code}|${cell}`)) unit.add(`${scope.prefix}${p.code}|${cell}`, 0, () => 0);
    for (const p of layout.periods.filter((x) => x.parts.length > 0))
      for (const cell of all)
        unit.relate(
          `${scope.prefix}${p.code}|${cell}`,
          p.parts.map((part) => `${scope.prefix}${part}|${cell}`),
        );
  }
  // relation (c): the region is the sum of its member tables, for every cell and period
  if (aggregated) {
    const [region, ...members] = scopes;
    for (const p of layout.periods)
      for (const cell of all)
        unit.relate(
          `${region.prefix}${p.code}|${cell}`,
          members.map((m) => `${m.prefix}${p.code}|${cell}`),
        );
  }
  unit.protect();
  return unit;
}

/**
 * The protected units last built, by the digest of all a unit is built from (unitDigest): its
 * protection is a pure function of that, so readers of the same counts (the same report again, its
 * other language, the region's page and its member's) share one unit instead of protecting it each
 * time. The counts are read every time: a change of any count is a new digest, a new unit.
 */
export class UnitMemo {
  private readonly units = new Map<string, DisclosureUnit>();

  constructor(private readonly capacity: number) {}

  get(key: string): DisclosureUnit | undefined {
    const unit = this.units.get(key);
    if (unit) {
      // most recently used last: the first is the one to drop
      this.units.delete(key);
      this.units.set(key, unit);
    }
    return unit;
  }

  set(key: string, unit: DisclosureUnit): void {
    this.units.set(key, unit);
    for (const oldest of this.units.keys()) {
      if (this.units.size <= this.capacity) break;
      this.units.delete(oldest);
    }
  }
}

/** The digest of everything protectedUnit() reads: the year, the plan (prefixes, publishers' keys and scopes), every count, the vocabulary. */
export function unitDigest(year: number, plan: NonNullable<UnitPlan>, facts: ReadonlyMap<string, ReadonlyMap<string, IndicatorFacts>>, vocabulary: IndicatorVocabulary): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ year, aggregated: plan.aggregated, scopes: plan.scopes.map((s) => [s.prefix, s.publisher.id]), vocabulary }));
  for (const scope of plan.scopes) for (const [code, f] of facts.get(scope.prefix)!) hash.update(`\n${scope.prefix}${code}\n`).update(JSON.stringify(f, sortedMaps));
  return hash.digest('hex');
}

/** A Map as its entries in key order: the same counts make the same text whatever order they were counted in. */
function sortedMaps(_key: string, value: unknown): unknown {
  return value instanceof Map ? [...(value as Map<string, unknown>)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : value;
}

/** The counts of several months together (quantiles' values are not additive: only their n). */
export function sumFacts(list: readonly IndicatorFacts[]): IndicatorFacts {
  const out = emptyFacts() as unknown as Record<string, unknown>;
  for (const f of list as unknown as Record<string, unknown>[]) {
    for (const key of FACT_KEYS.numbers) (out[key] as number) += f[key] as number;
    for (const key of FACT_KEYS.maps) {
      const into = out[key] as Map<string, number>;
      for (const [k, n] of f[key] as Map<string, number>) into.set(k, (into.get(k) ?? 0) + n);
    }
    for (const key of FACT_KEYS.populations) (out[key] as { n: number }).n += (f[key] as { n: number }).n;
    for (const key of FACT_KEYS.records) {
      const into = out[key] as Record<string, number>;
      for (const [k, n] of Object.entries(f[key] as Record<string, number>)) into[k] += n;
    }
  }
  return out as unknown as IndicatorFacts;
}

/** The facts' fields by kind, read once off emptyFacts(): what sumFacts adds up, each kind its way. */
const FACT_KEYS = (() => {
  const kinds = { numbers: [] as string[], maps: [] as string[], populations: [] as string[], records: [] as string[] };
  for (const [key, value] of Object.entries(emptyFacts())) {
    if (typeof value === 'number') kinds.numbers.push(key);
    else if (value instanceof Map) kinds.maps.push(key);
    else if ('n' in value) kinds.populations.push(key);
    else kinds.records.push(key);
  }
  return kinds;
})();
