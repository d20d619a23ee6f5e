import fc from 'fast-check';
import { guarded, median, quantile, quantileOf, quantileRanks, suppressCells } from './suppression';

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
  it('withholds 1 to 4, and a complementary cell beside a published total', () => {
    const cells = suppressCells(
      [
        { code: 'A', label: 'A', count: 3 },
        { code: 'B', label: 'B', count: 9 },
        { code: 'C', label: 'C', count: 6 },
        { code: 'D', label: 'D', count: 0 },
      ],
      true,
    );
    expect(cells.map((c) => [c.code, c.count, c.suppressed])).toEqual([['A', null, true], ['B', 9, false], ['C', null, true], ['D', 0, false]]);
    expect(guarded(3, 1)).toEqual({ value: null, n: null, suppressed: true });
    expect(guarded(0, null)).toEqual({ value: null, n: 0, suppressed: false });
  });
});
