import fc from 'fast-check';
import { countCategoryMasks, countDimensions, DimensionCodes } from './report-codes';

/** 32-bit big-endian integers, as int4send writes them. */
function int32s(values: readonly number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeInt32BE(v, i * 4));
  return b;
}

/** What the migration's report_dimensions() computes: position (0 for NULL) times the step of its column. */
function encode(lists: DimensionCodes, row: (string | null)[]): number {
  let code = 0;
  let step = 1;
  lists.forEach(([, codes], f) => {
    const value = row[f];
    code += (value === null ? 0 : codes.indexOf(value) + 1) * step;
    step *= codes.length + 1;
  });
  return code;
}

const LISTS: DimensionCodes = [
  ['status', ['SUBMITTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'ASSIGNED', 'MOBILIZED', 'CLOSED']],
  ['decision_outcome', ['AER', 'NOT_AER']],
  ['conclusion', ['CONNECTED_TO_SERVICES', 'INFORMED_OF_SERVICES', 'NO_LONGER_AER', 'REFUSED_SERVICES', 'COULD_NOT_LOCATE', 'STILL_AER_OTHER', 'TRANSFERRED', 'MOVED']],
  ['situation_type', ['PERSON', 'FAMILY', 'GROUP', 'LOCATION']],
  ['age_band', ['0-5', '6-11', '12-15', '16-17', '18-24', '25-29', '30-39', '40-59', '60+', 'UNKNOWN']],
  ['gender', ['WOMAN', 'MAN', 'NON_BINARY', 'TWO_SPIRIT', 'OTHER', 'UNKNOWN', 'NOT_APPLICABLE']],
  ['originating_sector', Array.from({ length: 16 }, (_, i) => `S${i}`)],
  ['lead_sector', Array.from({ length: 16 }, (_, i) => `S${i}`)],
  ['consent_status', ['OBTAINED', 'REFUSED', 'NOT_SOUGHT_RISK', 'NOT_SOUGHT_UNREACHABLE', 'NOT_APPLICABLE']],
];

const rowOf = (lists: DimensionCodes) => fc.tuple(...lists.map(([, codes]) => fc.option(fc.constantFrom(...codes), { nil: null, freq: 3 })));

function naive(lists: DimensionCodes, rows: (string | null)[][], joint: number[]) {
  const columns = new Map(lists.map(([c]) => [c, new Map<string | null, number>()]));
  const combos = new Map<string, number>();
  for (const row of rows) {
    lists.forEach(([c], f) => columns.get(c)!.set(row[f], (columns.get(c)!.get(row[f]) ?? 0) + 1));
    const key = JSON.stringify(joint.map((f) => row[f]));
    combos.set(key, (combos.get(key) ?? 0) + 1);
  }
  return { columns, combos };
}

const sorted = <V>(m: Map<string | null, V>) => [...m].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('countDimensions', () => {
  it("counts every column and the joint columns as a row-by-row count does (the migration's lists)", () => {
    fc.assert(
      fc.property(fc.array(rowOf(LISTS), { maxLength: 300 }), (rows) => {
        const got = countDimensions(int32s(rows.map((r) => encode(LISTS, r))), LISTS, ['status', 'decision_outcome', 'conclusion']);
        const want = naive(LISTS, rows, [0, 1, 2]);
        expect(got.rows).toBe(rows.length);
        for (const [c] of LISTS) expect(sorted(got.columns.get(c)!)).toEqual(sorted(want.columns.get(c)!));
        const combos = new Map<string, number>();
        for (const j of got.joint) combos.set(JSON.stringify(j.values), (combos.get(JSON.stringify(j.values)) ?? 0) + j.n);
        expect([...combos].sort()).toEqual([...want.combos].sort());
      }),
      { numRuns: 200 },
    );
  });

  it('decodes other lists too, up to the largest code an integer holds', () => {
    const lists = fc
      .array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 8 })
      .filter((sizes) => sizes.reduce((n, s) => n * (s + 1), 1) <= 2 ** 31)
      .map((sizes): DimensionCodes => sizes.map((s, i) => [`c${i}`, Array.from({ length: s }, (_, k) => `v${i}.${k}`)] as const));
    fc.assert(
      fc.property(
        lists.chain((l) => fc.tuple(fc.constant(l), fc.array(rowOf(l.map(([c, codes]) => [c, codes.length ? codes : ['x']] as const)), { maxLength: 50 }))),
        ([l, raw]) => {
          const rows = raw.map((r) => r.map((v, f) => (l[f][1].length ? v : null)));
          const got = countDimensions(int32s(rows.map((r) => encode(l, r))), l, [l[0][0]]);
          const want = naive(l, rows, [0]);
          for (const [c] of l) expect(sorted(got.columns.get(c)!)).toEqual(sorted(want.columns.get(c)!));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads nothing from no rows, and refuses codes it cannot hold', () => {
    const none = countDimensions(Buffer.alloc(0), LISTS, ['status']);
    expect(none.rows).toBe(0);
    expect(none.joint).toEqual([]);
    expect(() => countDimensions(int32s([-1]), LISTS, [])).toThrow(/negative/);
    const max = LISTS.reduce((n, [, c]) => n * (c.length + 1), 1);
    expect(() => countDimensions(int32s([max]), LISTS, [])).toThrow(/out of range/);
    expect(() => countDimensions(Buffer.alloc(3), LISTS, [])).toThrow(/multiple of 4/);
    expect(() => countDimensions(int32s([0]), LISTS, ['status', 'consent_status'])).toThrow(/side by side/);
  });
});

describe('countCategoryMasks', () => {
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
