/**
 * Counting from the per-situation codes the database keeps for reports (pure; see the ReportScan
 * migration): `risk_category_mask`, the risk categories as bits, arriving as 32-bit big-endian
 * integers one after the other, as `int4send` writes them.
 */

export interface CategoryCounts {
  categories: Map<string, number>;
  pairs: Map<string, number>;
}

/** Situations per category bit and per pair of bits (i < j at i * 32 + j): what masks are counted into, summed across months as numbers. */
export interface CategoryTally {
  single: Float64Array;
  pair: Float64Array;
}

const BITS = 32;

export const emptyCategoryTally = (): CategoryTally => ({ single: new Float64Array(BITS), pair: new Float64Array(BITS * BITS) });

/** Adds the masks (32-bit big-endian, one after the other) to a tally. */
export function tallyCategoryMasks(masks: Uint8Array, into: CategoryTally = emptyCategoryTally()): CategoryTally {
  const view = int32View(masks, 'category masks');
  const { single, pair } = into;
  const bits = new Int32Array(BITS);
  for (let at = 0; at < masks.length; at += 4) {
    let m = view.getInt32(at);
    let k = 0;
    while (m !== 0) {
      bits[k++] = 31 - Math.clz32(m & -m);
      m &= m - 1;
    }
    for (let i = 0; i < k; i++) {
      single[bits[i]] += 1;
      for (let j = i + 1; j < k; j++) pair[bits[i] * BITS + bits[j]] += 1;
    }
  }
  return into;
}

/** Adds a tally to another. */
export function addTally(into: CategoryTally, tally: CategoryTally): void {
  for (let i = 0; i < BITS; i++) into.single[i] += tally.single[i];
  for (let i = 0; i < BITS * BITS; i++) into.pair[i] += tally.pair[i];
}

/**
 * The names of the category bits and their pairs. Bit i of a mask is `codes[i]`
 * (`risk_category_codes()`); a pair is named `A+B` with A before B in `order`, the codes as the
 * database sorts them, which is how SQL's `x < y` over the categories named it. Made once a read.
 */
export class CategoryNames {
  private readonly single: (string | undefined)[];
  private readonly pair: (string | undefined)[];

  constructor(codes: readonly string[], order: readonly string[]) {
    if (codes.length > BITS) throw new Error('category masks: more codes than bits');
    const rank = new Map(order.map((code, i) => [code, i]));
    this.single = Array.from({ length: BITS }, (_, i) => (rank.has(codes[i]) ? codes[i] : undefined));
    this.pair = Array.from({ length: BITS * BITS }, (_, at) => {
      const [a, b] = [this.single[Math.floor(at / BITS)], this.single[at % BITS]];
      return a === undefined || b === undefined ? undefined : rank.get(a)! < rank.get(b)! ? `${a}+${b}` : `${b}+${a}`;
    });
  }

  /** Situations per risk category and per pair of co-occurring categories, by name (a counted bit without a code is an error). */
  counts(tally: CategoryTally): CategoryCounts {
    const categories = new Map<string, number>();
    const pairs = new Map<string, number>();
    const code = (bit: number) => this.single[bit] ?? fail(bit);
    const fail = (bit: number): never => {
      throw new Error(`category masks: bit ${bit} has no code`);
    };
    for (let i = 0; i < BITS; i++) {
      if (tally.single[i] > 0) categories.set(code(i), tally.single[i]);
      for (let j = i + 1; j < BITS; j++) {
        const n = tally.pair[i * BITS + j];
        if (n > 0) pairs.set(this.pair[i * BITS + j] ?? fail(this.single[i] === undefined ? i : j), n);
      }
    }
    return { categories, pairs };
  }
}

/** Adds n to a count of a map. */
export function addTo<K>(into: Map<K, number>, key: K, n: number): void {
  into.set(key, (into.get(key) ?? 0) + n);
}

function int32View(bytes: Uint8Array, what: string): DataView {
  if (bytes.length % 4 !== 0) throw new Error(`${what}: length is not a multiple of 4`);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
