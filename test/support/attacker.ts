/**
 * The privacy tests' attacker (indicators, regions): what a reader of every published figure and
 * every relation between them can bound of a withheld count. Pure: no framework import.
 */

/**
 * Interval propagation by an attacker who knows more than the rules say: a published R is a count
 * in [max(5, R - 4), R + 4]; a withheld one in [0, 4] when it is small (the test knows which; the
 * attacker is granted it), else in [0, ∞): the output does not tell a small figure from one withheld
 * beside it, and granting that the latter is 5 or more would grant what no suppression takes back
 * (a withheld 5 of decisions beside a small 4 accepted says at least 1 was rejected). Each relation
 * narrows its members until none narrows.
 */
export function propagate(shown: Map<string, number | null>, relations: [string, string[]][], exact: Map<string, number>): Map<string, number[]> {
  const withheld = (k: string) => {
    const e = exact.get(k) ?? -1;
    return e < 0 || e >= 5 ? [0, Infinity] : [0, 4];
  };
  const bounds = new Map([...shown].map(([k, n]) => [k, n === null ? withheld(k) : [Math.max(5, n - 4), n + 4]]));
  for (let pass = 0, changed = true; changed && pass < 500; pass++) {
    changed = false;
    for (const [agg, parts] of relations) {
      const ps = parts.map((k) => bounds.get(k)!);
      const lo = ps.reduce((s, [l]) => s + l, 0);
      const finite = ps.reduce((s, [, h]) => (h === Infinity ? s : s + h), 0);
      const unbounded = ps.filter(([, h]) => h === Infinity).length;
      const hi = unbounded > 0 ? Infinity : finite;
      /** the others' upper sum without part i (∞ - ∞ is no number) */
      const othersHigh = (i: number) => (unbounded - (ps[i][1] === Infinity ? 1 : 0) > 0 ? Infinity : finite - (ps[i][1] === Infinity ? 0 : ps[i][1]));
      const [alo, ahi] = bounds.get(agg)!;
      const a = [Math.max(alo, lo), Math.min(ahi, hi)];
      if (a[0] !== alo || a[1] !== ahi) {
        bounds.set(agg, a);
        changed = true;
      }
      parts.forEach((k, i) => {
        const [l, h] = ps[i];
        const nb = [Math.max(l, a[0] - othersHigh(i)), Math.min(h, a[1] - (lo - l))];
        if (nb[0] !== l || nb[1] !== h) {
          bounds.set(k, nb);
          changed = true;
        }
      });
    }
  }
  return bounds;
}
