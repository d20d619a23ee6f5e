import fc from 'fast-check';
import { median, quantile, quantileOf, quantilePublishable, quantileRanks, suppressCells } from './suppression';

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
      true,
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
        true,
        asIs,
      );
    expect(of(0)).toEqual(of(1));
    expect(of(4)).toEqual(of(0));
  });

  it('publishes what it does not withhold through the publisher', () => {
    const cells = suppressCells(
      [
        { code: 'A', label: 'A', count: 12 },
        { code: 'B', label: 'B', count: 2 },
        { code: 'C', label: 'C', count: 1 },
      ],
      false,
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
