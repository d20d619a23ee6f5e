import { breakdown, Breakdown, FigureSource, Guarded, rateOf } from './publication';

/**
 * The equity figures (pure; docs/evaluation.md I17, I18, sections 6.6 and 6.7): from a period's
 * frozen counts, how often the voluntary questions were asked and answered, the answers'
 * distribution per reporting category, its cross-tabulation by stage (police-led, the three
 * closures), and the disproportionality index against a configured benchmark. Every figure is a
 * cell of the year's disclosure unit (unit-publisher.ts `protectUnit`): published rounded, small
 * ones withheld with their complements, shares from published counts (R7).
 */

/** A period's frozen counts: the I17 population and the tallies, `question|category|stage` to a count. */
export interface EquityFacts {
  population: number;
  counts: ReadonlyMap<string, number>;
}

/** The three stages of a closure: together, every answer closed. */
const CLOSED_STAGES = ['CLOSED_RISK_LOWERED', 'CLOSED_STILL_AER', 'CLOSED_OTHER'] as const;
/** The stages shown beside each distribution (6.6); RECORDED is the distribution itself. */
export const EQUITY_CROSS_STAGES = ['POLICE_LED', ...CLOSED_STAGES] as const;
export type EquityCrossStage = (typeof EQUITY_CROSS_STAGES)[number];

/** The questions whose answers are read against a population benchmark (6.7). */
export const BENCHMARKED_QUESTIONS = ['INDIGENOUS_IDENTITY', 'RACE'] as const;

const PREFER = 'PREFER_NOT_TO_ANSWER';
const NOT_ANSWERED = 'NOT_ANSWERED';
const NOT_ASKED = 'NOT_ASKED';

export interface EquityVocabulary {
  /** each question with its reporting categories that are answers (not "prefer not to answer", not answered, not asked) */
  questions: readonly { code: string; label: string; categories: readonly { code: string; label: string }[] }[];
  stageLabel(stage: EquityCrossStage): string;
}

export interface EquityStageFigures {
  stage: EquityCrossStage;
  label: string;
  distribution: Breakdown;
}

export interface EquityQuestionFigures {
  code: string;
  label: string;
  /** answered with a category, of those asked */
  answeredShare: Guarded<number>;
  preferNotToAnswerShare: Guarded<number>;
  /** asked, and the question left empty */
  notAnsweredShare: Guarded<number>;
  /** fewer than half of those asked answered (6.7: the report says so beside any index) */
  lowResponse: boolean;
  /** the answers per reporting category, of those who answered */
  distribution: Breakdown;
  byStage: EquityStageFigures[];
  /**
   * Published counts of those who answered and were not led by police, per category and `ANSWERED`
   * (the unit's complement cells): the disparity index reads the group without the outcome here, not
   * as a difference of two rounded counts (R7). Internal: never in a view.
   */
  notPoliceLed: ReadonlyMap<string, number | null>;
}

export interface EquityFigures {
  /** I17's population: accepted PERSON or FAMILY situations of the period whose subject was written */
  population: number | null;
  /** asked the questions, of the population */
  askedShare: Guarded<number>;
  questions: EquityQuestionFigures[];
}

/** The records counted for a question (its RECORDED cells), and those that asked the questions. */
const recordedOf = (f: EquityFacts, q: string) => [...f.counts].reduce((sum, [k, n]) => (k.startsWith(`${q}|`) && k.endsWith('|RECORDED') ? sum + n : sum), 0);
const askedOf = (f: EquityFacts, q: string) => recordedOf(f, q) - (f.counts.get(`${q}|${NOT_ASKED}|RECORDED`) ?? 0);

/**
 * One table-quarter's frozen counts as the unit adds them: the population never fewer than the records
 * (a record whose identity row was written again over a broken one is no longer in the population's
 * join). Applied per table and quarter, before any sum, so that a year stays the sum of its quarters
 * and a region the sum of its tables.
 */
export function snapshotFacts(population: number, counts: Readonly<Record<string, number>>): EquityFacts {
  const f: EquityFacts = { population, counts: new Map(Object.entries(counts)) };
  const questions = new Set([...f.counts.keys()].map((k) => k.split('|')[0]));
  return { ...f, population: Math.max(population, ...[...questions].map((q) => recordedOf(f, q))) };
}

/** The sum of several periods' counts (a year of its quarters, a region of its tables). */
export function sumEquity(list: readonly EquityFacts[]): EquityFacts {
  const counts = new Map<string, number>();
  let population = 0;
  for (const f of list) {
    population += f.population;
    for (const [k, n] of f.counts) counts.set(k, (counts.get(k) ?? 0) + n);
  }
  return { population, counts };
}

/**
 * The figures of one period, declared to or read from the source. Tallies that break their own
 * relations (questions that disagree on how many were asked, a stage above its answers) throw: the
 * unit is then withheld whole, never published in part.
 */
export function publishEquity(f: EquityFacts, p: FigureSource, v: EquityVocabulary): EquityFigures {
  const count = (q: string, category: string, stage: string) => f.counts.get(`${q}|${category}|${stage}`) ?? 0;
  // asked: the records that asked the questions (a version without a question leaves it out of those records' cells)
  const asked = Math.max(0, ...v.questions.map((q) => askedOf(f, q.code)));
  if (f.population < Math.max(0, ...v.questions.map((q) => recordedOf(f, q.code)))) throw new Error('equity tallies: more records than the population');
  const population = f.population;
  const askedShare = rateOf(p, 'ASKED', asked, 'POPULATION', population);
  const questions = v.questions.map((q): EquityQuestionFigures => {
    const listed = q.categories.map((c) => c.code);
    const labels = new Map(q.categories.map((c) => [c.code, c.label]));
    const answersAt = (stage: string) =>
      new Map(
        [...f.counts]
          .map(([k, n]) => [k.split('|'), n] as const)
          .filter(([[question, category, s]]) => question === q.code && s === stage && category !== PREFER && category !== NOT_ANSWERED && category !== NOT_ASKED)
          .map(([[, category], n]) => [category, n]),
      );
    const total = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const answers = answersAt('RECORDED');
    const answered = total(answers);
    const [prefer, empty] = [count(q.code, PREFER, 'RECORDED'), count(q.code, NOT_ANSWERED, 'RECORDED')];
    const answeredShare = rateOf(p, `${q.code}:ANSWERED`, answered, 'ASKED', asked);
    const preferNotToAnswerShare = rateOf(p, `${q.code}:${PREFER}`, prefer, 'ASKED', asked);
    const notAnsweredShare = rateOf(p, `${q.code}:${NOT_ANSWERED}`, empty, 'ASKED', asked);
    // asked under a version without this question: none today (every version has the same five). Declared only
    // when there are some: a zero everyone knows of is no cell to protect (as a small one, it would withhold others)
    const notInVersion = asked - askedOf(f, q.code);
    if (notInVersion > 0) p.figure(`${q.code}:NOT_IN_VERSION`, notInVersion);
    p.sums('ASKED', [`${q.code}:ANSWERED`, `${q.code}:${PREFER}`, `${q.code}:${NOT_ANSWERED}`, ...(notInVersion > 0 ? [`${q.code}:NOT_IN_VERSION`] : [])]);
    const label = (code: string) => labels.get(code) ?? code;
    const distribution = inOrder(breakdown(p, { name: q.code, populationCell: `${q.code}:ANSWERED`, population: answered, listed, counts: answers, label }), listed);
    const byStage = EQUITY_CROSS_STAGES.map((stage): EquityStageFigures => {
      const at = answersAt(stage);
      const name = `${q.code}@${stage}`;
      return {
        stage,
        label: v.stageLabel(stage),
        distribution: inOrder(breakdown(p, { name, populationCell: `${name}:ANSWERED`, population: total(at), listed, counts: at, label }), listed),
      };
    });
    // what the stages say of the answers: police-led or not, closed one way or another or still open (each a part of the answers)
    const codes = [...new Set([...listed, ...answers.keys()]), 'ANSWERED'];
    const stageCount = (stage: string, code: string) => {
      const at = answersAt(stage);
      return code === 'ANSWERED' ? total(at) : (at.get(code) ?? 0);
    };
    const notPoliceLed = new Map<string, number | null>();
    for (const code of codes) {
      const whole = code === 'ANSWERED' ? answered : (answers.get(code) ?? 0);
      const police = stageCount('POLICE_LED', code);
      const closed = CLOSED_STAGES.map((s) => stageCount(s, code));
      const closedAll = closed.reduce((a, b) => a + b, 0);
      if (police > whole || closedAll > whole) throw new Error('equity tallies: a stage counts more than the answers');
      p.figure(`${q.code}:${code}`, whole);
      for (const s of EQUITY_CROSS_STAGES) p.figure(`${q.code}@${s}:${code}`, stageCount(s, code));
      notPoliceLed.set(code, p.figure(`${q.code}@NOT_POLICE_LED:${code}`, whole - police));
      p.figure(`${q.code}@OPEN:${code}`, whole - closedAll);
      p.sums(`${q.code}:${code}`, [`${q.code}@POLICE_LED:${code}`, `${q.code}@NOT_POLICE_LED:${code}`]);
      p.sums(`${q.code}:${code}`, [...CLOSED_STAGES.map((s) => `${q.code}@${s}:${code}`), `${q.code}@OPEN:${code}`]);
    }
    return {
      code: q.code,
      label: q.label,
      answeredShare,
      preferNotToAnswerShare,
      notAnsweredShare,
      lowResponse: answeredShare.value !== null && answeredShare.value < 0.5,
      distribution,
      byStage,
      notPoliceLed,
    };
  });
  return { population: p.figure('POPULATION', population), askedShare, questions };
}

/** The cells in the order of the question's answers (the form's), codes it does not list last. */
function inOrder(b: Breakdown, listed: readonly string[]): Breakdown {
  const rank = (code: string) => (listed.includes(code) ? listed.indexOf(code) : listed.length);
  return { ...b, cells: [...b.cells].sort((x, y) => rank(x.code) - rank(y.code) || x.code.localeCompare(y.code)) };
}

/** Why an index is not shown (6.7). */
export type IndexUnavailable = 'NO_BENCHMARK' | 'BENCHMARK_TOO_SMALL' | 'WITHHELD' | 'TOO_FEW';

export interface DisproportionalityCell {
  code: string;
  label: string;
  /** the group's share of those who answered (published counts) */
  share: number | null;
  /** the benchmark population's share */
  benchmark: number | null;
  index: number | null;
  low: number | null;
  high: number | null;
  flag: 'OVER' | 'UNDER' | null;
  unavailable: IndexUnavailable | null;
}

/** The least count of a group and of the rest, and the least benchmark share, for an index (6.7, project choices). */
export const INDEX_MIN_COUNT = 10;
export const INDEX_MIN_BENCHMARK = 0.005;
const Z95 = 1.959964;

/**
 * The disproportionality index of each category of a question (6.7): its share of those who
 * answered ÷ its benchmark share, with the 95% Wilson score interval of the share divided by the
 * benchmark. From published counts only (R7, R11): the conditions are read on the published
 * figures, so whether an index shows says nothing the figures do not.
 */
export function disproportionality(
  q: EquityQuestionFigures,
  shares: Readonly<Record<string, number>> | null,
  categories: readonly { code: string; label: string }[],
): DisproportionalityCell[] {
  const N = q.distribution.suppressed ? null : q.distribution.population;
  // every category of the question, whether or not its breakdown was withheld whole (then each says so)
  return categories.map((category): DisproportionalityCell => {
    const c = q.distribution.cells.find((x) => x.code === category.code) ?? { ...category, count: null };
    const benchmark = shares ? (shares[c.code] ?? null) : null;
    const base = { code: c.code, label: c.label, share: null, benchmark, index: null, low: null, high: null, flag: null };
    if (benchmark === null) return { ...base, unavailable: 'NO_BENCHMARK' };
    if (benchmark < INDEX_MIN_BENCHMARK) return { ...base, unavailable: 'BENCHMARK_TOO_SMALL' };
    if (N === null || c.count === null) return { ...base, unavailable: 'WITHHELD' };
    if (c.count < INDEX_MIN_COUNT || N - c.count < INDEX_MIN_COUNT) return { ...base, unavailable: 'TOO_FEW' };
    const s = c.count / N;
    const [lo, hi] = wilson(c.count, N);
    const [index, low, high] = [s / benchmark, lo / benchmark, hi / benchmark].map(round2);
    return { ...base, share: round3(s), index, low, high, flag: flagOf(low, high), unavailable: null };
  });
}

/** The outcomes a disparity index compares (6.7, last item): led by police among the assigned, risk lowered among the closed. */
export const DISPARITY_OUTCOMES = ['POLICE_LED', 'CLOSED_RISK_LOWERED'] as const;
export type DisparityOutcome = (typeof DISPARITY_OUTCOMES)[number];

export interface DisparityCell {
  outcome: DisparityOutcome;
  code: string;
  label: string;
  /** the outcome's rate in the group (published counts) */
  rate: number | null;
  /** the outcome's rate among everyone else who answered the question with a category */
  restRate: number | null;
  /** rate ÷ rest rate, two decimals */
  ratio: number | null;
  low: number | null;
  high: number | null;
  flag: 'OVER' | 'UNDER' | null;
  unavailable: 'WITHHELD' | 'TOO_FEW' | null;
}

/**
 * The disparity index of each category of a question (6.7, last item, optional): for an outcome, its
 * rate in the group ÷ its rate among everyone else who answered, with the 95% interval by the log
 * method (Katz). Led by police: among those who answered (every one assigned: the questions are asked
 * at Filter 3); risk lowered: among those closed. From published counts only (R7, R11), and shown only
 * when each of the four counts (the group with and without the outcome, the rest with and without)
 * is at least 10, read on those published counts.
 */
export function disparity(q: EquityQuestionFigures, categories: readonly { code: string; label: string }[]): DisparityCell[] {
  const stage = (s: string) => q.byStage.find((x) => x.stage === s)!.distribution;
  const cellOf = (b: Breakdown, code: string) => (b.suppressed ? null : (b.cells.find((c) => c.code === code)?.count ?? null));
  const sumOf = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : (xs as number[]).reduce((a, b) => a + b, 0));
  const totalOf = (b: Breakdown) => (b.suppressed ? null : b.population);
  return DISPARITY_OUTCOMES.flatMap((outcome) =>
    categories.map((category): DisparityCell => {
      const base = { outcome, code: category.code, label: category.label, rate: null, restRate: null, ratio: null, low: null, high: null, flag: null };
      // the group's and everyone's: who could have the outcome, who had it, and who did not (each a published cell:
      // led by police or not are complements in the unit; the closures are three published stages)
      const [groupBase, allBase, groupYes, allYes, groupNo, allNo] =
        outcome === 'POLICE_LED'
          ? [
              cellOf(q.distribution, category.code),
              totalOf(q.distribution),
              cellOf(stage('POLICE_LED'), category.code),
              totalOf(stage('POLICE_LED')),
              q.notPoliceLed.get(category.code) ?? null,
              q.notPoliceLed.get('ANSWERED') ?? null,
            ]
          : [
              sumOf(CLOSED_STAGES.map((s) => cellOf(stage(s), category.code))),
              sumOf(CLOSED_STAGES.map((s) => totalOf(stage(s)))),
              cellOf(stage('CLOSED_RISK_LOWERED'), category.code),
              totalOf(stage('CLOSED_RISK_LOWERED')),
              sumOf(CLOSED_STAGES.slice(1).map((s) => cellOf(stage(s), category.code))),
              sumOf(CLOSED_STAGES.slice(1).map((s) => totalOf(stage(s)))),
            ];
      if ([groupBase, allBase, groupYes, allYes, groupNo, allNo].includes(null)) return { ...base, unavailable: 'WITHHELD' };
      const [a, n1, b] = [groupYes!, groupBase!, groupNo!];
      const [c, n2, d] = [allYes! - a, allBase! - n1, allNo! - b];
      if (Math.min(a, b, c, d) < INDEX_MIN_COUNT) return { ...base, unavailable: 'TOO_FEW' };
      const ratio = a / n1 / (c / n2);
      const se = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
      const [low, high] = [Math.exp(Math.log(ratio) - Z95 * se), Math.exp(Math.log(ratio) + Z95 * se)].map(round2);
      return { ...base, rate: round3(a / n1), restRate: round3(c / n2), ratio: round2(ratio), low, high, flag: flagOf(low, high), unavailable: null };
    }),
  );
}

/** The 95% Wilson score interval of k successes in n trials. */
export function wilson(k: number, n: number): [number, number] {
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** An index's flag (6.7): only when its whole 95% interval, as rounded, is above 1 or below it. */
const flagOf = (low: number, high: number): 'OVER' | 'UNDER' | null => (low > 1 ? 'OVER' : high < 1 ? 'UNDER' : null);

/** A benchmark's problems (400): known categories of a benchmarked question, shares in [0, 1] summing to 1 ± 0.001. */
export function benchmarkProblems(question: string, shares: Readonly<Record<string, unknown>>, v: EquityVocabulary): { field: string; problem: string }[] {
  if (!(BENCHMARKED_QUESTIONS as readonly string[]).includes(question)) return [{ field: 'question', problem: 'only INDIGENOUS_IDENTITY and RACE have a benchmark' }];
  const known = new Set(v.questions.find((q) => q.code === question)?.categories.map((c) => c.code) ?? []);
  const out: { field: string; problem: string }[] = [];
  const entries = Object.entries(shares);
  if (entries.length === 0) out.push({ field: 'shares', problem: 'at least one category' });
  for (const [code, share] of entries) {
    if (!known.has(code)) out.push({ field: `shares.${code}`, problem: 'unknown category' });
    else if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) out.push({ field: `shares.${code}`, problem: 'a share from 0 to 1' });
  }
  const sum = entries.reduce((a, [, s]) => a + (typeof s === 'number' ? s : 0), 0);
  // 1 ± 0.001 inclusive: a sum of decimal shares is not exact in binary (0.9 + 0.101 is 1.0010000000000001)
  if (out.length === 0 && Math.abs(sum - 1) > 0.001 + 1e-9) out.push({ field: 'shares', problem: `must add up to 1 (± 0.001); they add up to ${Math.round(sum * 10000) / 10000}` });
  return out;
}
