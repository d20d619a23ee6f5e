import { createHash, createHmac } from 'node:crypto';
import { MIN_CELL } from './suppression';

/**
 * Disclosure control of published counts (pure): controlled random rounding to base 5, as
 * Statistics Canada rounds census tables, on top of small-cell suppression.
 *
 * - A count below 5 (zero included) is withheld: a withheld cell says "0 to 4", never which.
 * - Any other count x = 5k + m is published as 5k or 5k + 5: up with probability m / 5, so the
 *   rounding is unbiased and a multiple of 5 stays as it is.
 * - The "random" draw of a cell is a keyed hash (HMAC-SHA-256 under a server secret) of the
 *   scope (table or province), the cell's name and its exact count. Asking again gives the same
 *   answer, and so does any period holding the same count in that cell (a month and its quarter
 *   with the same referrals answer alike): the same number is never drawn twice, so there is
 *   nothing to average. Counts that differ, such as a year and the sum of its other months, are
 *   drawn independently, so subtracting overlapping periods leaves a noise of several units
 *   instead of the one referral that differs.
 */
export const ROUNDING_BASE = 5;

export const DISCLOSURE_CONTROL = {
  method: 'RANDOM_ROUNDING_BASE_5',
  base: ROUNDING_BASE,
  minimumCell: MIN_CELL,
  description:
    'Counts below 5 (zero included) are withheld; every other count is randomly rounded up or down to a multiple of 5 ' +
    '(unbiased; the same table, cell and count always give the same figure), so figures of overlapping periods cannot be subtracted to isolate a referral. ' +
    'Rates are computed from the rounded counts; medians need at least 5 observations on each side.',
} as const;

/** A uniform number in [0, 1) drawn from a keyed hash of the parts (48 bits). */
export function cellDraw(key: Buffer, parts: readonly string[]): number {
  const mac = createHmac('sha256', key)
    .update(parts.map((p) => `${p.length}:${p}`).join('|'))
    .digest();
  return mac.readUIntBE(0, 6) / 2 ** 48;
}

/** Unbiased random rounding of a count to base 5, with the draw u in [0, 1). */
export function randomRound(count: number, u: number): number {
  const rest = count % ROUNDING_BASE;
  const down = count - rest;
  return u < rest / ROUNDING_BASE ? down + ROUNDING_BASE : down;
}

export interface Published {
  /** the rounded count; null when withheld */
  count: number | null;
  suppressed: boolean;
}

/** Rounds the counts of one scope (a table, or the province) under one key. */
export class CountPublisher {
  /** what makes its draws: the scope and a fingerprint of the key (two publishers with one id round alike) */
  readonly id: string;

  constructor(
    private readonly key: Buffer,
    /** the table id, or `province` */
    private readonly scope: string,
  ) {
    this.id = `${scope}:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  }

  /** The published form of a count: withheld below 5, else randomly rounded to base 5. */
  count(cell: string, n: number): Published {
    if (n < MIN_CELL) return { count: null, suppressed: true };
    return { count: this.round(cell, n), suppressed: false };
  }

  /** The rounded count, whatever its size (for figures that are themselves checked elsewhere). */
  round(cell: string, n: number): number {
    return randomRound(n, cellDraw(this.key, [this.scope, cell, String(n)]));
  }
}
