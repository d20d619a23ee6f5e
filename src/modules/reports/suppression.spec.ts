import fc from 'fast-check';
import { median, quantile, quantileOf, quantilePublishable, quantileRanks, suppressBreakdown, suppressCells } from './suppression';

describe('quantiles', () => {
  const sortedLists = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 200 }).map((xs) => xs.sort((a, b) => a - b));

  it('reading only the two ranks of quantileRanks gives the very number the whole list gives', () => {
    fc.assert(
      fc.property(sortedLists, fc.constantFrom(0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1), (xs, q) => {
        const { lo, hi } = quantileRanks(xs.length, q);
        const read: number[] = [];
        const v = quantileOf(xs.length, q, (rank) => {
          read.push(rank);
          return xs[rank];
        });
        expect(Object.is(v, quantile(xs, q))).toBe(true);
        if (xs.length > 0) expect(new Set(read)).toEqual(new Set([lo, hi]));
      }),
    );
  });

  it('interpolates linearly and rounds to one decimal', () => {
    expect(median([])).toBeNull();
    expect(median([4])).toBe(4);
    expect(median([1, 2])).toBe(1.5);
    expect(median([1, 2, 10])).toBe(2);
    expect(quantile([0, 10], 0.9)).toBe(9);
    expect(quantile([1.04, 1.06], 0.5)).toBe(1.1);
    expect(quantileRanks(10, 0.9)).toEqual({ lo: 8, hi: 9 });
    expect(quantileRanks(11, 0.5)).toEqual({ lo: 5, hi: 5 });
  });
});

describe('suppression', () => {
  const asIs = (_code: string, n: number) => n;

  it('withholds 0 to 4 alike, and a complementary cell beside a published total', () => {
    const cells = suppressCells(
      [
        { code: 'A', label: 'A', count: 7 },
        { code: 'B', label: 'B', count: 9 },
        { code: 'C', label: 'C', count: 6 },
        { code: 'D', label: 'D', count: 0 },
      ],
      22,
      asIs,
    );
    expect(cells.map((c) => [c.code, c.count, c.suppressed])).toEqual([
      ['A', 7, false],
      ['B', 9, false],
      ['C', null, true],
      ['D', null, true],
    ]);
  });

  it('withholds an empty cell exactly as a cell of one: nothing tells them apart', () => {
    const of = (n: number) =>
      suppressCells(
        [
          { code: 'X', label: 'X', count: n },
          { code: 'Y', label: 'Y', count: 3 },
          { code: 'Z', label: 'Z', count: 40 },
        ],
        45,
        asIs,
      );
    expect(of(0)).toEqual(of(1));
    expect(of(4)).toEqual(of(0));
  });

  it('says when the total betrays withheld cells that nothing else is left to withhold (16 referrals, 4 of each type, published as 20)', () => {
    const four = ['A', 'B', 'C', 'D'].map((code) => ({ code, label: code, count: 4 }));
    expect(suppressBreakdown(four, 20, asIs).totalReveals).toBe(true);
    expect(() => suppressCells(four, 20, asIs)).toThrow(/total reveals/);
    // published as 15 the total may be 11, which 4 + 4 + 3 + 0 makes: no cell is bound away from 0
    expect(suppressBreakdown(four, 15, asIs).totalReveals).toBe(false);
    // with nine cells of which seven may be empty, nothing is said
    const nine = [...four, ...['E', 'F', 'G', 'H', 'I'].map((code) => ({ code, label: code, count: 0 }))];
    expect(suppressBreakdown(nine, 15, asIs)).toMatchObject({ totalReveals: false });
  });

  it('withholds published cells until the total no longer bounds a small cell away from 0', () => {
    // A 43, B 4, C 4 (51): A published as 40 and the total as 55 say that B and C hold at least 51 - 44 - 4 = 3 each: A goes too
    const cells = [
      { code: 'A', label: 'A', count: 43 },
      { code: 'B', label: 'B', count: 4 },
      { code: 'C', label: 'C', count: 4 },
    ];
    const down = (_code: string, n: number) => n - (n % 5);
    const tight = suppressBreakdown(cells, 55, down);
    expect(tight.cells.map((c) => c.suppressed)).toEqual([true, true, true]);
    expect(tight.totalReveals).toBe(false);
    // the same cells beside the total rounded down (50) leave room for empty ones, and stay as they are
    expect(suppressBreakdown(cells, 50, down).cells.map((c) => c.count)).toEqual([40, null, null]);
  });

  it('never leaves a published total and cells that bound a small cell (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 9 }), fc.integer({ min: -4, max: 4 }), (counts, noise) => {
        const exact = counts.reduce((a, b) => a + b, 0);
        if (exact < 5) return;
        const total = Math.max(5, Math.round((exact + noise) / 5) * 5);
        const { cells, totalReveals } = suppressBreakdown(
          counts.map((count, i) => ({ code: String.fromCharCode(65 + i), label: '', count })),
          total,
          (_c, n) => n,
        );
        if (totalReveals) return;
        // every small cell can be 0 and can be 1 given the others' published ranges and the total's
        const lo = (c: { count: number | null }, i: number) => (c.count !== null ? Math.max(5, c.count - 4) : counts[i] < 5 ? 0 : 5);
        const hi = (c: { count: number | null }, i: number) => (c.count !== null ? c.count + 4 : counts[i] < 5 ? 4 : total + 4);
        cells.forEach((c, i) => {
          if (counts[i] >= 5) return;
          const othersLow = cells.reduce((s, o, j) => (j === i ? s : s + lo(o, j)), 0);
          const othersHigh = cells.reduce((s, o, j) => (j === i ? s : s + hi(o, j)), 0);
          expect(Math.max(5, total - 4) - othersHigh).toBeLessThanOrEqual(0);
          expect(total + 4 - othersLow).toBeGreaterThanOrEqual(1);
        });
      }),
    );
  });

  it('publishes what it does not withhold through the publisher', () => {
    const cells = suppressCells(
      [
        { code: 'A', label: 'A', count: 12 },
        { code: 'B', label: 'B', count: 2 },
        { code: 'C', label: 'C', count: 1 },
      ],
      null,
      (code, n) => (code === 'A' ? n - 2 : -1),
    );
    expect(cells.map((c) => c.count)).toEqual([10, null, null]);
  });

  it('publishes a quantile only with 5 observations below and above the ranks it reads', () => {
    expect(quantilePublishable(0, 0.5)).toBe(false);
    expect(quantilePublishable(10, 0.5)).toBe(false);
    expect(quantilePublishable(11, 0.5)).toBe(true);
    expect(quantilePublishable(50, 0.9)).toBe(false);
    expect(quantilePublishable(51, 0.9)).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.constantFrom(0.1, 0.25, 0.5, 0.75, 0.9), (n, q) => {
        if (!quantilePublishable(n, q)) return;
        const { lo, hi } = quantileRanks(n, q);
        expect(lo).toBeGreaterThanOrEqual(5);
        expect(n - 1 - hi).toBeGreaterThanOrEqual(5);
      }),
    );
  });
});
