/**
 * Counting from the per-situation codes the database keeps for reports (pure; see the ReportScan
 * migration): `report_dimensions`, the report dimensions as one mixed-radix integer, and
 * `risk_category_mask`, the risk categories as bits. Both arrive as 32-bit big-endian integers one
 * after the other, as `int4send` writes them.
 */

/** [column, codes] in encoding order, as `report_dimension_codes()` lists them; position 0 is NULL. */
export type DimensionCodes = readonly (readonly [string, readonly string[]])[];

export interface DimensionCounts {
  /** situations counted */
  rows: number;
  /** per column, situations per value (null: NULL) */
  columns: Map<string, Map<string | null, number>>;
  /** situations per combination of the `joint` columns' values, in their order */
  joint: { values: (string | null)[]; n: number }[];
}

/**
 * Counts per column value and per combination of the `joint` columns. Each code is split into a
 * few chunks of consecutive columns (two divisions) counted in small histograms, which are read
 * out per column afterwards: a few operations per situation, whatever the number of columns. The
 * joint columns must lie in one chunk: the migration encodes them first.
 */
export function countDimensions(codes: Uint8Array, lists: DimensionCodes, joint: readonly string[]): DimensionCounts {
  const view = int32View(codes, 'report dimensions');
  const radices = lists.map(([, c]) => c.length + 1);
  const chunks: { first: number; size: number }[] = [];
  for (let f = 0; f < radices.length; f++) {
    const last = chunks[chunks.length - 1];
    if (last && last.size * radices[f] <= CHUNK) last.size *= radices[f];
    else chunks.push({ first: f, size: radices[f] });
  }
  const histograms = chunks.map((c) => new Float64Array(c.size));
  const rows = codes.length / 4;
  for (let i = 0; i < rows; i++) {
    let v = view.getInt32(i * 4);
    if (v < 0) throw new Error('report dimensions: negative code');
    for (let c = 0; c < chunks.length; c++) {
      const size = chunks[c].size;
      const p = v % size;
      histograms[c][p] += 1;
      v = (v - p) / size;
    }
    if (v !== 0) throw new Error('report dimensions: code out of range');
  }
  const valueOf = (f: number, p: number): string | null => (p === 0 ? null : lists[f][1][p - 1]);
  /** The positions of each column of chunk c in the chunk's index h. */
  const positions = (c: number, h: number): Map<number, number> => {
    const out = new Map<number, number>();
    for (let f = chunks[c].first, rest = h; f < radices.length && (c + 1 === chunks.length || f < chunks[c + 1].first); f++) {
      out.set(f, rest % radices[f]);
      rest = Math.floor(rest / radices[f]);
    }
    return out;
  };
  const columns = new Map<string, Map<string | null, number>>(lists.map(([column]) => [column, new Map<string | null, number>()]));
  const jointFields = joint.map((column) => {
    const f = lists.findIndex(([c]) => c === column);
    if (f < 0) throw new Error(`report dimensions: no column ${column}`);
    return f;
  });
  const jointChunk = chunks.findIndex((c, i) => jointFields.every((f) => f >= c.first && (i + 1 === chunks.length || f < chunks[i + 1].first)));
  if (jointFields.length > 0 && jointChunk < 0) throw new Error('report dimensions: the joint columns are not encoded side by side');
  const combinations: DimensionCounts['joint'] = [];
  for (const [c, histogram] of histograms.entries()) {
    for (let h = 0; h < histogram.length; h++) {
      const n = histogram[h];
      if (n === 0) continue;
      const at = positions(c, h);
      for (const [f, p] of at) {
        const counts = columns.get(lists[f][0])!;
        const value = valueOf(f, p);
        counts.set(value, (counts.get(value) ?? 0) + n);
      }
      if (c === jointChunk) combinations.push({ values: jointFields.map((f) => valueOf(f, at.get(f)!)), n });
    }
  }
  return { rows, columns, joint: combinations };
}

/** Largest histogram of a chunk of columns. */
const CHUNK = 4096;

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
