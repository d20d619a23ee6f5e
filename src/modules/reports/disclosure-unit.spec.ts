import fc from 'fast-check';
import { DisclosureUnit } from './disclosure-unit';

const asIs = (n: number) => n;

describe('DisclosureUnit: complementary suppression over every relation of a unit', () => {
  it('withholds a quarter whose published figure would say that each of its small months is not empty', () => {
    const unit = new DisclosureUnit();
    // 4 + 4 + 4 = 12 published as 15: [11, 19] leaves each month at least 3
    for (const m of ['07', '08', '09']) unit.add(`2025-${m}`, 4, asIs);
    unit.add('2025-Q3', 12, () => 15);
    unit.relate('2025-Q3', ['2025-07', '2025-08', '2025-09']);
    unit.protect();
    expect(unit.published('2025-Q3')).toBeNull();
    for (const m of ['07', '08', '09']) expect(unit.published(`2025-${m}`)).toBeNull();
  });

  it('leaves a quarter whose figure leaves room for empty months', () => {
    const unit = new DisclosureUnit();
    for (const m of ['07', '08', '09']) unit.add(`2025-${m}`, 4, asIs);
    unit.add('2025-Q3', 12, () => 10);
    unit.relate('2025-Q3', ['2025-07', '2025-08', '2025-09']);
    unit.protect();
    expect(unit.published('2025-Q3')).toBe(10);
  });

  it('follows a bound from afar: a year and three published quarters bound the fourth, which bounds its months', () => {
    const unit = new DisclosureUnit();
    unit.add('Y', 60, () => 60);
    for (const q of ['Q1', 'Q2', 'Q3']) unit.add(q, 16, () => 15);
    unit.add('Q4', 12, () => 10);
    for (const m of ['10', '11', '12']) unit.add(m, 4, asIs);
    unit.relate('Y', ['Q1', 'Q2', 'Q3', 'Q4']);
    unit.relate('Q4', ['10', '11', '12']);
    // before: Y in [56, 64], the three in [11, 19] each: Q4 in [56 - 57, 64 - 33] = [5, 31] ∩ [6, 14]; months [6 - 8, ...]: safe
    unit.protect();
    const bounds = unit.intervals();
    for (const m of ['10', '11', '12']) {
      expect(bounds.get(m)![0]).toBeLessThanOrEqual(0);
      expect(bounds.get(m)![1]).toBeGreaterThanOrEqual(1);
    }
  });

  it('refuses a key that changes its count, and reading before protecting', () => {
    const unit = new DisclosureUnit();
    unit.add('a', 7, asIs);
    expect(() => unit.add('a', 8, asIs)).toThrow(/holds two different counts/);
    expect(() => unit.published('a')).toThrow(/protect/);
    expect(() => unit.relate('a', ['b'])).toThrow(/not a figure/);
  });

  it('never leaves a small figure bounded away from 0 or from 1, whatever the counts and roundings (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat({ max: 9 }), { minLength: 3, maxLength: 3 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 17, maxLength: 17 }),
        (quarters, ups) => {
          const unit = new DisclosureUnit();
          let u = 0;
          const round = (n: number) => (n % 5 === 0 ? n : n - (n % 5) + (ups[u++ % ups.length] ? 5 : 0));
          const months = quarters.flat();
          months.forEach((n, i) => unit.add(`m${i}`, n, round));
          quarters.forEach((q, i) => {
            unit.add(`q${i}`, q[0] + q[1] + q[2], round);
            unit.relate(
              `q${i}`,
              [0, 1, 2].map((k) => `m${i * 3 + k}`),
            );
          });
          unit.add(
            'y',
            months.reduce((a, b) => a + b, 0),
            round,
          );
          unit.relate('y', ['q0', 'q1', 'q2', 'q3']);
          unit.protect();
          const bounds = unit.intervals();
          for (const [key, [lo, hi]] of bounds) {
            const exact =
              key === 'y' ? months.reduce((a, b) => a + b, 0) : key.startsWith('q') ? quarters[Number(key.slice(1))].reduce((a, b) => a + b, 0) : months[Number(key.slice(1))];
            expect(lo).toBeLessThanOrEqual(exact);
            expect(hi).toBeGreaterThanOrEqual(exact);
            if (exact < 5) expect([key, lo <= 0, hi >= 1]).toEqual([key, true, true]);
          }
        },
      ),
    );
  });
});
