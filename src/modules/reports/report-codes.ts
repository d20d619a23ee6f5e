/**
 * Counting from the per-situation codes the database keeps for reports (pure; see the ReportScan
 * migration): `risk_category_mask`, the risk categories as bits, arriving as 32-bit big-endian
 * integers one after the other, as `int4send` writes them.
 */

export interface CategoryCounts {
  categories: Map<string, number>;
  pairs: Map<string, number>;
}

/**
 * Situations per risk category and per pair of co-occurring categories. Bit i of a mask is
 * `codes[i]` (`risk_category_codes()`); a pair is named `A+B` with A before B in `order`, the codes
 * as the database sorts them, which is how SQL's `x < y` over the categories named it.
 */
export function countCategoryMasks(masks: Uint8Array, codes: readonly string[], order: readonly string[]): CategoryCounts {
  const view = int32View(masks, 'category masks');
  const BITS = 32;
  if (codes.length > BITS) throw new Error('category masks: more codes than bits');
  const single = new Float64Array(BITS);
  const pair = new Float64Array(BITS * BITS);
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
  const rank = new Map(order.map((code, i) => [code, i]));
  const codeOf = (bit: number): string => {
    const code = codes[bit];
    if (code === undefined || !rank.has(code)) throw new Error(`category masks: bit ${bit} has no code`);
    return code;
  };
  const categories = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (let i = 0; i < BITS; i++) {
    if (single[i] > 0) categories.set(codeOf(i), single[i]);
    for (let j = i + 1; j < BITS; j++) {
      const n = pair[i * BITS + j];
      if (n === 0) continue;
      const a = codeOf(i);
      const b = codeOf(j);
      pairs.set(rank.get(a)! < rank.get(b)! ? `${a}+${b}` : `${b}+${a}`, n);
    }
  }
  return { categories, pairs };
}

/** Adds n to a count of a map. */
export function addTo<K>(into: Map<K, number>, key: K, n: number): void {
  into.set(key, (into.get(key) ?? 0) + n);
}

function int32View(bytes: Uint8Array, what: string): DataView {
  if (bytes.length % 4 !== 0) throw new Error(`${what}: length is not a multiple of 4`);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
