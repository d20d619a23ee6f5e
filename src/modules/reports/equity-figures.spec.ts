import { CountPublisher } from './disclosure';
import {
  benchmarkProblems,
  disparity,
  disproportionality,
  EquityFacts,
  EquityQuestionFigures,
  EquityVocabulary,
  publishEquity,
  snapshotFacts,
  sumEquity,
  wilson,
} from './equity-figures';
import { protectUnit } from './unit-publisher';
import type { Breakdown } from './publication';
import { propagate } from '../../../test/support/attacker';

const VOCABULARY: EquityVocabulary = {
  questions: [
    {
      code: 'RACE',
      label: 'Race',
      categories: [
        { code: 'BLACK', label: 'Black' },
        { code: 'WHITE', label: 'White' },
        { code: 'MULTIPLE', label: 'More than one' },
      ],
    },
    { code: 'RELIGION', label: 'Religion', categories: [{ code: 'SIKH', label: 'Sikh' }] },
  ],
  stageLabel: (s) => s,
};

/** A quarter's counts: `n` asked of `population`, the race answers given, everyone leaving religion empty. */
function quarter(population: number, race: Record<string, number>, notAsked = 0): EquityFacts {
  const counts: Record<string, number> = {};
  let asked = 0;
  for (const [code, n] of Object.entries(race)) {
    counts[`RACE|${code}|RECORDED`] = n;
    asked += n;
  }
  counts['RELIGION|NOT_ANSWERED|RECORDED'] = asked;
  if (notAsked) {
    counts['RACE|NOT_ASKED|RECORDED'] = notAsked;
    counts['RELIGION|NOT_ASKED|RECORDED'] = notAsked;
  }
  return snapshotFacts(population, counts);
}

/** A published breakdown: its cells (null withheld) and total (null: the whole breakdown withheld). */
function published(cells: [string, number | null][], population: number | null): Breakdown {
  return { population, suppressed: population === null, cells: cells.map(([code, count]) => ({ code, label: code, count, suppressed: count === null, share: null })) };
}

/** A race question's published figures: its answers and its stages (the shares, not read here, withheld). */
function race(distribution: Breakdown, byStage: EquityQuestionFigures['byStage'], notPoliceLed: Record<string, number | null> = {}): EquityQuestionFigures {
  const withheld = { value: null, n: null, suppressed: true };
  return {
    code: 'RACE',
    label: 'Race',
    answeredShare: withheld,
    preferNotToAnswerShare: withheld,
    notAnsweredShare: withheld,
    lowResponse: false,
    distribution,
    byStage,
    notPoliceLed: new Map(Object.entries(notPoliceLed)),
  };
}

const publisher = () => new CountPublisher(Buffer.alloc(32, 3), 'table-1');

/** The year's unit over its quarters, and a reader of one period. */
function publish(quarters: EquityFacts[]) {
  const codes = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'];
  const facts = new Map([['', new Map([...codes.map((c, i) => [c, quarters[i]] as const), ['2025', sumEquity(quarters)] as const])]]);
  const unit = protectUnit([{ prefix: '', publisher: publisher() }], facts, false, {
    periods: [...codes.map((code) => ({ code, parts: [] })), { code: '2025', parts: codes }],
    declare: (f, source) => publishEquity(f, source, VOCABULARY),
  });
  return (code: string) =>
    publishEquity(facts.get('')!.get(code)!, { protectsCells: true, figure: (cell) => unit.published(`${code}|${cell}`), sums: () => undefined }, VOCABULARY);
}

describe('equity figures (docs/evaluation.md I17, I18)', () => {
  it("publishes the year's population, answers and shares as the draws round the exact counts, small ones withheld", () => {
    const q = [quarter(30, { WHITE: 12, BLACK: 9, MULTIPLE: 2 }, 3), quarter(20, { WHITE: 8, BLACK: 6 }), quarter(10, { WHITE: 5 }), quarter(0, {})];
    const year = publish(q)('2025');
    const p = publisher();
    expect(year.population).toBe(p.round('POPULATION', 60));
    const race = year.questions.find((x) => x.code === 'RACE')!;
    // cells in the order of the question's categories, the small one withheld
    expect(race.distribution.cells.map((c) => [c.code, c.count])).toEqual([
      ['BLACK', p.round('RACE:BLACK', 15)],
      ['WHITE', p.round('RACE:WHITE', 25)],
      ['MULTIPLE', null],
    ]);
    // everyone asked left religion empty: a share of 0 would say its numerator (a small count) is 0, so it is withheld (R7)
    expect(year.questions.find((x) => x.code === 'RELIGION')!.answeredShare).toEqual({ value: null, n: null, suppressed: true });
    expect(year.questions.find((x) => x.code === 'RELIGION')!.notAnsweredShare.suppressed).toBe(true);
    expect(race.lowResponse).toBe(false);
  });

  it('never lets the year and the other quarters tell a small quarter (interval propagation over what is shown)', () => {
    const q = [quarter(30, { WHITE: 12, BLACK: 9 }), quarter(20, { WHITE: 8, BLACK: 6 }), quarter(12, { WHITE: 5, BLACK: 3 }), quarter(25, { WHITE: 10, BLACK: 7 })];
    const read = publish(q);
    const codes = ['2025', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'];
    const shown = new Map<string, number | null>();
    const exact = new Map<string, number>();
    for (const code of codes) {
      const d = read(code).questions[0].distribution;
      for (const category of ['BLACK', 'WHITE']) {
        shown.set(`${code}|${category}`, d.cells.find((c) => c.code === category)?.count ?? null);
        exact.set(`${code}|${category}`, sumEquity(code === '2025' ? q : [q[codes.indexOf(code) - 1]]).counts.get(`RACE|${category}|RECORDED`) ?? 0);
      }
    }
    const relations: [string, string[]][] = ['BLACK', 'WHITE'].map((c) => [`2025|${c}`, codes.slice(1).map((code) => `${code}|${c}`)]);
    const bounds = propagate(shown, relations, exact);
    expect(exact.get('2025-Q3|BLACK')).toBe(3);
    expect(shown.get('2025-Q3|BLACK')).toBeNull();
    const [lo, hi] = bounds.get('2025-Q3|BLACK')!;
    expect({ revealsNotEmpty: lo > 0, revealsEmpty: hi < 1 }).toEqual({ revealsNotEmpty: false, revealsEmpty: false });
  });

  it('counts the population no fewer than the records of each table and quarter, before any sum', () => {
    const f = snapshotFacts(2, { 'RACE|WHITE|RECORDED': 3, 'RACE|NOT_ASKED|RECORDED': 1 });
    expect(f.population).toBe(4);
    expect(sumEquity([f, snapshotFacts(10, { 'RACE|WHITE|RECORDED': 1 })]).population).toBe(14);
  });

  it('refuses tallies whose stages count more than their answers (the unit is then withheld whole)', () => {
    const f = snapshotFacts(10, { 'RACE|WHITE|RECORDED': 5, 'RACE|WHITE|POLICE_LED': 6, 'RELIGION|NOT_ANSWERED|RECORDED': 5 });
    expect(() => publishEquity(f, { protectsCells: true, figure: () => null, sums: () => undefined }, VOCABULARY)).toThrow('a stage counts more than the answers');
  });

  it("computes Wilson's 95% interval", () => {
    const [lo, hi] = wilson(10, 35);
    // p = 10/35, z = 1.96: centre (p + z²/70) / (1 + z²/35) = 0.3069, half-width 0.1436
    expect(lo).toBeCloseTo(0.1633, 3);
    expect(hi).toBeCloseTo(0.4505, 3);
    expect(wilson(0, 20)[0]).toBe(0);
    expect(wilson(20, 20)[1]).toBe(1);
  });

  it('gives an index, its interval and flag only from published counts of at least 10 in and out of the group, and says why not', () => {
    const q = (cells: [string, number | null][], population: number | null) => race(published(cells, population), []);
    const categories = VOCABULARY.questions[0].categories;
    const shares = { BLACK: 0.1, WHITE: 0.896, MULTIPLE: 0.004 };
    const cells = disproportionality(
      q(
        [
          ['BLACK', 10],
          ['WHITE', 25],
          ['MULTIPLE', null],
        ],
        35,
      ),
      shares,
      categories,
    );
    expect(cells[0]).toMatchObject({ code: 'BLACK', share: 0.286, index: 2.86, low: 1.63, high: 4.51, flag: 'OVER', unavailable: null });
    expect(cells[1]).toMatchObject({ code: 'WHITE', index: 0.8, flag: 'UNDER', unavailable: null });
    expect(cells[2]).toMatchObject({ code: 'MULTIPLE', index: null, unavailable: 'BENCHMARK_TOO_SMALL' });
    // fewer than 10 outside the group; no benchmark; a breakdown withheld whole still lists every category, withheld
    expect(disproportionality(q([['BLACK', 30]], 35), shares, categories)[0].unavailable).toBe('TOO_FEW');
    expect(disproportionality(q([['BLACK', 10]], 35), null, categories).map((c) => c.unavailable)).toEqual(['NO_BENCHMARK', 'NO_BENCHMARK', 'NO_BENCHMARK']);
    expect(disproportionality(q([], null), shares, categories).map((c) => [c.code, c.unavailable])).toEqual([
      ['BLACK', 'WITHHELD'],
      ['WHITE', 'WITHHELD'],
      ['MULTIPLE', 'BENCHMARK_TOO_SMALL'],
    ]);
  });

  it('gives a disparity index (led by police, risk lowered) by the log method from published counts, each of the four at least 10', () => {
    const b = published;
    // led by police or not: Black 20 and 20 of 40, White 15 and 45 of 60 (the unit's complement cells, published)
    const NOT_POLICE_LED = { BLACK: 20, WHITE: 45, MULTIPLE: null, ANSWERED: 65 };
    const q = (over: Partial<Record<string, Breakdown>> = {}, notPoliceLed: Record<string, number | null> = NOT_POLICE_LED): EquityQuestionFigures =>
      race(
        over.RECORDED ??
          b(
            [
              ['BLACK', 40],
              ['WHITE', 60],
              ['MULTIPLE', null],
            ],
            100,
          ),
        [
          {
            stage: 'POLICE_LED',
            label: '',
            distribution:
              over.POLICE_LED ??
              b(
                [
                  ['BLACK', 20],
                  ['WHITE', 15],
                  ['MULTIPLE', null],
                ],
                35,
              ),
          },
          {
            stage: 'CLOSED_RISK_LOWERED',
            label: '',
            distribution: b(
              [
                ['BLACK', 12],
                ['WHITE', 30],
                ['MULTIPLE', null],
              ],
              42,
            ),
          },
          {
            stage: 'CLOSED_STILL_AER',
            label: '',
            distribution: b(
              [
                ['BLACK', 10],
                ['WHITE', 10],
                ['MULTIPLE', null],
              ],
              20,
            ),
          },
          {
            stage: 'CLOSED_OTHER',
            label: '',
            distribution: b(
              [
                ['BLACK', 5],
                ['WHITE', 10],
                ['MULTIPLE', null],
              ],
              15,
            ),
          },
        ],
        notPoliceLed,
      );
    const categories = VOCABULARY.questions[0].categories;
    const cells = disparity(q(), categories);
    const of = (outcome: string, code: string) => cells.find((c) => c.outcome === outcome && c.code === code)!;
    // led by police: Black 20 of 40 against the rest's 15 of 60: 2.00 (1.17 to 3.42); White the reverse, 0.50 (0.29 to 0.86)
    expect(of('POLICE_LED', 'BLACK')).toMatchObject({ rate: 0.5, restRate: 0.25, ratio: 2, low: 1.17, high: 3.42, flag: 'OVER', unavailable: null });
    expect(of('POLICE_LED', 'WHITE')).toMatchObject({ ratio: 0.5, low: 0.29, high: 0.86, flag: 'UNDER' });
    // risk lowered among the closed: Black 12 of 27 against 30 of 50: 0.74 (0.46 to 1.20), no flag
    expect(of('CLOSED_RISK_LOWERED', 'BLACK')).toMatchObject({ rate: 0.444, restRate: 0.6, ratio: 0.74, low: 0.46, high: 1.2, flag: null, unavailable: null });
    // a withheld count anywhere it needs: withheld; fewer than 10 in any of the four: too few
    expect(of('POLICE_LED', 'MULTIPLE').unavailable).toBe('WITHHELD');
    expect(of('CLOSED_RISK_LOWERED', 'MULTIPLE').unavailable).toBe('WITHHELD');
    const few = disparity(
      q(
        {
          POLICE_LED: b(
            [
              ['BLACK', 31],
              ['WHITE', 15],
              ['MULTIPLE', null],
            ],
            46,
          ),
        },
        { BLACK: 9, WHITE: 45, MULTIPLE: null, ANSWERED: 54 },
      ),
      categories,
    );
    expect(few.find((c) => c.outcome === 'POLICE_LED' && c.code === 'BLACK')!.unavailable).toBe('TOO_FEW');
    // the group without the outcome withheld (its complement cell), though both counts it is the difference of are shown: withheld (R7)
    const hidden = disparity(q({}, { ...NOT_POLICE_LED, BLACK: null }), categories);
    expect(hidden.find((c) => c.outcome === 'POLICE_LED' && c.code === 'BLACK')!.unavailable).toBe('WITHHELD');
    expect(
      disparity(q({ RECORDED: b([], null) }), categories)
        .filter((c) => c.outcome === 'POLICE_LED')
        .map((c) => c.unavailable),
    ).toEqual(['WITHHELD', 'WITHHELD', 'WITHHELD']);
  });

  it('checks a benchmark: a benchmarked question, known categories, shares from 0 to 1 adding up to 1 ± 0.001 inclusive', () => {
    expect(benchmarkProblems('RACE', { WHITE: 0.9, BLACK: 0.101 }, VOCABULARY)).toEqual([]);
    expect(benchmarkProblems('RACE', { WHITE: 0.5, BLACK: 0.499 }, VOCABULARY)).toEqual([]);
    expect(benchmarkProblems('RACE', { WHITE: 0.5, BLACK: 0.498 }, VOCABULARY)[0].field).toBe('shares');
    expect(benchmarkProblems('RACE', { PURPLE: 1 }, VOCABULARY)).toEqual([{ field: 'shares.PURPLE', problem: 'unknown category' }]);
    expect(benchmarkProblems('RACE', { WHITE: 1.2 }, VOCABULARY)).toEqual([{ field: 'shares.WHITE', problem: 'a share from 0 to 1' }]);
    expect(benchmarkProblems('RACE', { WHITE: '1' as unknown as number }, VOCABULARY)[0].problem).toBe('a share from 0 to 1');
    expect(benchmarkProblems('RACE', {}, VOCABULARY)).toEqual([{ field: 'shares', problem: 'at least one category' }]);
    expect(benchmarkProblems('RELIGION', { SIKH: 1 }, VOCABULARY)).toEqual([{ field: 'question', problem: 'only INDIGENOUS_IDENTITY and RACE have a benchmark' }]);
  });
});
