/**
 * When key-encryption keys (KEKs) are used and destroyed (pure: no framework, no I/O).
 *
 * Each KEK belongs to an epoch, a calendar month (UTC):
 * - `open-YYYY-MM`: identities stored that month, while their situation has no purge date yet;
 * - `purge-YYYY-MM`: identities whose purge date falls in that month (re-wrapped there once the
 *   situation is closed).
 * A KEK takes no new data keys once its epoch has ended or a newer KEK of the same epoch exists
 * (`identity:rotate-key --reencrypt`). It is retired the first time it takes no new keys and no
 * live (unpurged) row refers to it, and destroyed `backupRetentionDays` after its retirement:
 * by then every backup, WAL archive or replica that still held a data key wrapped under it has
 * expired, so those copies can no longer be decrypted with whatever the server still holds.
 */
export type EpochKind = 'open' | 'purge';

const DAY = 86_400_000;
const EPOCH = /^(open|purge)-(\d{4})-(\d{2})$/;
export const KEK_ID = /^(open|purge)-\d{4}-\d{2}\.[0-9a-f]{16}$/;

function month(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The epoch of an identity stored at `at` (its purge date not known yet). */
export const openEpoch = (at: Date): string => `open-${month(at)}`;

/** The epoch of an identity whose purge date is `purgeAt`. */
export const purgeEpoch = (purgeAt: Date): string => `purge-${month(purgeAt)}`;

export const epochOfKek = (kekId: string): string => kekId.split('.')[0];

/** The first instant after the epoch's month. */
export function epochEnd(epoch: string): Date {
  const m = EPOCH.exec(epoch);
  if (!m) throw new Error(`not an epoch: ${epoch}`);
  return new Date(Date.UTC(Number(m[2]), Number(m[3]), 1));
}

export interface KekState {
  id: string;
  epoch: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export type KekDecision = 'keep' | 'retire' | 'unretire' | 'destroy';

/**
 * What to do with one KEK now. `liveRefs`: rows not purged whose data key it wraps;
 * `superseded`: a newer KEK of the same epoch exists.
 */
export function decideKek(k: KekState, liveRefs: number, superseded: boolean, now: Date, backupRetentionDays: number): KekDecision {
  if (liveRefs > 0) return k.retiredAt ? 'unretire' : 'keep';
  const takesNoNewKeys = superseded || epochEnd(k.epoch).getTime() <= now.getTime();
  if (!takesNoNewKeys) return 'keep';
  if (!k.retiredAt) return 'retire';
  return now.getTime() >= k.retiredAt.getTime() + backupRetentionDays * DAY ? 'destroy' : 'keep';
}

/** The newest KEK of each epoch (by creation, then id); the others are superseded. */
export function newestPerEpoch(keks: KekState[]): Map<string, KekState> {
  const newest = new Map<string, KekState>();
  for (const k of keks) {
    const cur = newest.get(k.epoch);
    if (!cur || k.createdAt.getTime() > cur.createdAt.getTime() || (k.createdAt.getTime() === cur.createdAt.getTime() && k.id > cur.id)) newest.set(k.epoch, k);
  }
  return newest;
}
