import fc from 'fast-check';
import { CategoryNames, tallyCategoryMasks } from './report-codes';

/** 32-bit big-endian integers, as int4send writes them. */
function int32s(values: readonly number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeInt32BE(v, i * 4));
  return b;
}

/** The names of a tally of masks, as a read counts them. */
const countCategoryMasks = (masks: Uint8Array, codes: readonly string[], order: readonly string[]) => new CategoryNames(codes, order).counts(tallyCategoryMasks(masks));

describe('CategoryNames over tallyCategoryMasks', () => {
  const CODES = Array.from({ length: 28 }, (_, i) => `CAT_${String.fromCharCode(65 + ((i * 7) % 26))}${i}`);

  it('counts categories and pairs as unnesting every pair with x < y in the database order does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 27 }), { maxLength: 8 }), { maxLength: 200 }),
        fc.shuffledSubarray(CODES, { minLength: 28, maxLength: 28 }),
        (sets, order) => {
          const masks = sets.map((bits) => bits.reduce((m, b) => m | (1 << b), 0));
          const got = countCategoryMasks(int32s(masks), CODES, order);
          const rank = new Map(order.map((c, i) => [c, i]));
          const categories = new Map<string, number>();
          const pairs = new Map<string, number>();
          for (const bits of sets) {
            const cats = bits.map((b) => CODES[b]);
            for (const x of cats) {
              categories.set(x, (categories.get(x) ?? 0) + 1);
              for (const y of cats) if (rank.get(x)! < rank.get(y)!) pairs.set(`${x}+${y}`, (pairs.get(`${x}+${y}`) ?? 0) + 1);
            }
          }
          expect([...got.categories].sort()).toEqual([...categories].sort());
          expect([...got.pairs].sort()).toEqual([...pairs].sort());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('uses bit 30 and refuses a bit without a code', () => {
    const codes = Array.from({ length: 31 }, (_, i) => `C${String(i).padStart(2, '0')}`);
    const got = countCategoryMasks(int32s([(1 << 30) | 1, 1 << 30]), codes, codes);
    expect(Object.fromEntries(got.categories)).toEqual({ C00: 1, C30: 2 });
    expect(Object.fromEntries(got.pairs)).toEqual({ 'C00+C30': 1 });
    expect(() => countCategoryMasks(int32s([1 << 5]), ['A', 'B'], ['A', 'B'])).toThrow(/no code/);
  });
});
