import fc from 'fast-check';
import { cellDraw, CountPublisher, randomRound } from './disclosure';

const KEY = Buffer.alloc(32, 7);

describe('random rounding to base 5', () => {
  it('rounds to a neighbouring multiple of 5 and leaves multiples of 5 alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, u) => {
        const r = randomRound(n, u);
        expect(r % 5).toBe(0);
        expect(Math.abs(r - n)).toBeLessThan(5);
        if (n % 5 === 0) expect(r).toBe(n);
      }),
    );
  });

  it('is unbiased: rounding up with probability (n mod 5) / 5', () => {
    for (const n of [6, 7, 8, 9, 13]) {
      let sum = 0;
      const draws = 20_000;
      for (let i = 0; i < draws; i++) sum += randomRound(n, cellDraw(KEY, ['t', 'p', `c${i}`]));
      expect(Math.abs(sum / draws - n)).toBeLessThan(0.15);
    }
  });

  it('draws the same for the same table, cell and count, and independently otherwise', () => {
    const a = cellDraw(KEY, ['table', 'age_band:40-59', '12']);
    expect(cellDraw(KEY, ['table', 'age_band:40-59', '12'])).toBe(a);
    expect(cellDraw(KEY, ['table', 'age_band:40-59', '13'])).not.toBe(a);
    expect(cellDraw(KEY, ['table', 'age_band:60+', '12'])).not.toBe(a);
    expect(cellDraw(KEY, ['other', 'age_band:40-59', '12'])).not.toBe(a);
    expect(cellDraw(Buffer.alloc(32, 8), ['table', 'age_band:40-59', '12'])).not.toBe(a);
    // the parts are length-prefixed: moving a boundary between parts changes the draw
    expect(cellDraw(KEY, ['ab', 'c'])).not.toBe(cellDraw(KEY, ['a', 'bc']));
    for (const u of [a, cellDraw(KEY, ['x'])]) expect(u >= 0 && u < 1).toBe(true);
  });

  it('withholds 0-4 and publishes the rest rounded, the same on every asking', () => {
    const p = new CountPublisher(KEY, 'table');
    for (const n of [0, 1, 2, 3, 4]) expect(p.count('x', n)).toEqual({ count: null, suppressed: true });
    for (let n = 5; n < 200; n++) {
      const first = p.count(`cell${n}`, n);
      expect(first.suppressed).toBe(false);
      expect(first.count! % 5).toBe(0);
      expect(first.count!).toBeGreaterThanOrEqual(5);
      // asked again, or for another period holding the same count: the same figure, nothing to average
      expect(new CountPublisher(KEY, 'table').count(`cell${n}`, n)).toEqual(first);
    }
  });

  it("subtracting the other months from the year barely tells whether January's one referral is in a cell", () => {
    // January holds 0 or 1 referral in a cell (withheld either way); the other months 5-30 each.
    // The attacker subtracts the published months from the published year and guesses "in the
    // cell" when the remainder is positive: with exact counts that guess is always right.
    const trials = 4000;
    let right = 0;
    for (let t = 0; t < trials; t++) {
      const inCell = t % 2;
      const months = Array.from({ length: 12 }, (_, m) => (m === 0 ? inCell : 5 + ((t * 7 + m * 13) % 26)));
      const p = new CountPublisher(KEY, `table${t}`);
      const year = p.round(
        'cell',
        months.reduce((a, b) => a + b, 0),
      );
      const rest = months.slice(1).reduce((sum, n) => sum + p.round('cell', n), 0);
      const exact = months.reduce((a, b) => a + b, 0) - months.slice(1).reduce((a, b) => a + b, 0);
      expect(exact).toBe(inCell);
      if ((year - rest > 0 ? 1 : 0) === inCell) right++;
    }
    expect(right / trials).toBeLessThan(0.6);
  });
});
