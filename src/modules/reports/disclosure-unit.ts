import { MIN_CELL } from './suppression';

/**
 * Complementary suppression over every additive relation of a publication unit (pure; docs/
 * evaluation.md, R5 and R6): the figures of one scope and calendar year (its 12 months, 4
 * quarters and the year), the cells of each single-valued breakdown with their population, each
 * period's figure with the sum of its parts (months to quarter, quarters to year).
 *
 * Every figure is an exact count and the figure its rounding would publish. A count below 5 is
 * withheld ("small"). What the published figures say of the others is found by interval
 * propagation: a published figure R is an exact count in [max(5, R - 4), R + 4], a small one in
 * [0, 4] (the attacker is granted which withheld figures are small), one withheld beside them in
 * [0, ∞) (granting that it is 5 or more would grant what no suppression can take back: a withheld
 * 5 beside a small 4 would say their difference is at least 1); each relation "aggregate = sum of parts" narrows
 * every member to what the others leave, until nothing narrows. Whenever a small figure's interval
 * excludes 0 (it says the cell is not empty) or every value above 0 (it says it is empty), the
 * smallest published figure of a relation that holds it is withheld as well (ties by key; the
 * relations of those relations' members when they hold none), and the propagation starts again. It ends: each round withholds one more figure.
 */

export interface Relation {
  aggregate: string;
  parts: readonly string[];
}

interface Figure {
  key: string;
  exact: number;
  /** the figure its rounding publishes (kept only when published) */
  rounded: number;
  state: 'published' | 'small' | 'withheld';
}

/** A relation by figure index: members[0] is the aggregate, the rest its parts. */
type IndexedRelation = readonly number[];

export class DisclosureUnit {
  private readonly figures: Figure[] = [];
  private readonly index = new Map<string, number>();
  private readonly relations: IndexedRelation[] = [];
  /** the relations each figure is a member of */
  private readonly memberOf: number[][] = [];
  private protectedOnce = false;

  /** A figure: its exact count, and how it would be rounded if published. The same key must always hold the same count. */
  add(key: string, exact: number, round: (n: number) => number): void {
    const known = this.index.get(key);
    if (known !== undefined) {
      if (this.figures[known].exact !== exact) throw new Error(`disclosure unit: ${key} holds two different counts`);
      return;
    }
    const small = exact < MIN_CELL;
    this.index.set(key, this.figures.length);
    this.figures.push({ key, exact, rounded: small ? 0 : round(exact), state: small ? 'small' : 'published' });
    this.memberOf.push([]);
    this.protectedOnce = false;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  /** aggregate = the sum of parts (every key added first). */
  relate(aggregate: string, parts: readonly string[]): void {
    if (parts.length === 0) return;
    const members = [aggregate, ...parts].map((k) => {
      const i = this.index.get(k);
      if (i === undefined) throw new Error(`disclosure unit: ${k} is not a figure`);
      return i;
    });
    const r = this.relations.length;
    this.relations.push(members);
    for (const m of new Set(members)) this.memberOf[m].push(r);
    this.protectedOnce = false;
  }

  /**
   * Withholds figures until no small one is bounded away from 0 or from above 0. Each round
   * propagates the intervals, then withholds, for every small figure they reveal, the smallest
   * published figure near it (withholdBeside); rounds repeat until none is revealed.
   */
  protect(): void {
    for (;;) {
      const [lo, hi] = this.propagate();
      const revealed = this.figures.map((f, i) => (f.state === 'small' && (lo[i] > 0 || hi[i] < 1) ? i : -1)).filter((i) => i >= 0);
      if (revealed.length === 0) break;
      const withheld = new Set<number>();
      for (const i of revealed) {
        const next = this.nearestPublished(i, withheld);
        if (next === null) throw new Error(`disclosure unit: nothing left to withhold beside ${this.figures[i].key}`);
        if (next >= 0) withheld.add(next);
      }
      for (const i of withheld) this.figures[i].state = 'withheld';
    }
    this.protectedOnce = true;
  }

  /** The published figure of a key, or null when withheld. */
  published(key: string): number | null {
    if (!this.protectedOnce) throw new Error('disclosure unit: protect() first');
    const i = this.index.get(key);
    if (i === undefined) throw new Error(`disclosure unit: ${key} is not a figure`);
    const f = this.figures[i];
    return f.state === 'published' ? f.rounded : null;
  }

  /** The intervals the published figures imply, propagated through every relation until stable. */
  intervals(): Map<string, [number, number]> {
    const [lo, hi] = this.propagate();
    return new Map(this.figures.map((f, i) => [f.key, [lo[i], hi[i]]]));
  }

  /** Interval propagation with a work list: a relation is visited again only when a member's interval narrowed. */
  private propagate(): [Float64Array, Float64Array] {
    const n = this.figures.length;
    const lo = new Float64Array(n);
    const hi = new Float64Array(n);
    this.figures.forEach((f, i) => {
      if (f.state === 'published') [lo[i], hi[i]] = [Math.max(MIN_CELL, f.rounded - (MIN_CELL - 1)), f.rounded + (MIN_CELL - 1)];
      else if (f.state === 'small') [lo[i], hi[i]] = [0, MIN_CELL - 1];
      else [lo[i], hi[i]] = [0, Infinity];
    });
    const queued = new Uint8Array(this.relations.length).fill(1);
    const queue = this.relations.map((_, r) => r);
    const narrow = (i: number, l: number, h: number) => {
      if (l <= lo[i] && h >= hi[i]) return;
      lo[i] = Math.max(lo[i], l);
      hi[i] = Math.min(hi[i], h);
      for (const r of this.memberOf[i])
        if (!queued[r]) {
          queued[r] = 1;
          queue.push(r);
        }
    };
    for (let head = 0; head < queue.length; head++) {
      const r = queue[head];
      queued[r] = 0;
      const [a, ...parts] = this.relations[r];
      // the parts' sums; the upper one counts its unbounded parts apart (∞ - ∞ is no number)
      let low = 0;
      let high = 0;
      let unbounded = 0;
      for (const p of parts) {
        low += lo[p];
        if (hi[p] === Infinity) unbounded++;
        else high += hi[p];
      }
      narrow(a, low, unbounded > 0 ? Infinity : high);
      const [alo, ahi] = [lo[a], hi[a]];
      for (const p of parts) {
        const othersHigh = unbounded - (hi[p] === Infinity ? 1 : 0) > 0 ? Infinity : high - (hi[p] === Infinity ? 0 : hi[p]);
        narrow(p, alo - othersHigh, ahi - (low - lo[p]));
      }
      if (head > 1_000_000) throw new Error('disclosure unit: the intervals do not settle');
    }
    return [lo, hi];
  }

  /**
   * The smallest published member (ties by key) of the relations that hold the figure; when they
   * hold none, of the relations that hold their members, and so on outwards: a bound can come
   * from afar (a year's published quarters bound a withheld quarter, which bounds its months).
   * -1 when one chosen this round already sits at the nearest distance; null when none is left.
   */
  private nearestPublished(start: number, chosen: ReadonlySet<number>): number | null {
    const seen = new Set([start]);
    for (let frontier = [start]; frontier.length > 0;) {
      const members = new Set<number>();
      for (const i of frontier) for (const r of this.memberOf[i]) for (const m of this.relations[r]) members.add(m);
      let best = -1;
      for (const m of members) {
        if (chosen.has(m)) return -1;
        const f = this.figures[m];
        if (f.state !== 'published') continue;
        if (best < 0 || f.exact < this.figures[best].exact || (f.exact === this.figures[best].exact && f.key < this.figures[best].key)) best = m;
      }
      if (best >= 0) return best;
      frontier = [...members].filter((m) => !seen.has(m));
      for (const m of frontier) seen.add(m);
    }
    return null;
  }
}
