import { Injectable, Optional } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditRepository } from './audit.repository';
import { StoredEntry } from './audit.types';
import { canonicalStoredPayload, entryHash, GENESIS_HASH } from './audit-hash';

export interface ChainVerification {
  chainId: string;
  valid: boolean;
  checked: number;
  firstInvalidSeq?: string;
  reason?: string;
}

const BATCH = 5000;
/** Entries per database range: big enough to amortise the query, small enough to spread over cores. */
const RANGE = 100_000n;
/** Ranges verified at once, each a single-threaded query on its own connection. */
const PARALLEL_RANGES = Math.min(4, Math.max(2, availableParallelism()));

/**
 * Recomputes a chain and names the first broken entry. The fast path hashes in the database, in
 * ranges of seq verified side by side on several connections up to the head read at the start
 * (entries appended meanwhile are the next run's); the seams between ranges and the head are
 * checked here. If anything is off, the JavaScript reference walk (streaming in seq order)
 * re-verifies from the start and names the entry, so an encoding difference between the two could
 * cost time but never a wrong verdict.
 */
@Injectable()
export class AuditVerifier {
  /** Entries per database range (tests set it small to put seams between a few entries). */
  rangeSize = RANGE;

  constructor(
    private readonly repo: AuditRepository,
    @Optional() private readonly checkpoints?: AuditCheckpoints,
  ) {}

  async verifyChain(chainId: string): Promise<ChainVerification> {
    const head = await this.repo.headAndOverflow(chainId);
    if (!head || head.beyond) return this.verifyInNode(chainId);
    const last = BigInt(head.seq);
    const ranges: [bigint, bigint][] = [];
    for (let lo = 0n; lo < last; lo += this.rangeSize) ranges.push([lo, lo + this.rangeSize < last ? lo + this.rangeSize : last]);
    const results = await inParallel(ranges, PARALLEL_RANGES, ([lo, hi]) => this.repo.verifyRangeInDatabase(chainId, lo, hi));
    let prevHash = GENESIS_HASH;
    for (const [i, r] of results.entries()) {
      const [lo, hi] = ranges[i];
      if (r.firstBad !== null || BigInt(r.checked) !== hi - lo || r.firstPrev !== prevHash) return this.verifyInNode(chainId);
      prevHash = r.lastHash!;
    }
    if (last > 0n && prevHash !== head.headHash) return this.verifyInNode(chainId);
    const checkpoint = this.checkpoints?.latest().get(chainId);
    if (checkpoint) {
      const at = BigInt(checkpoint.seq) <= last ? await this.repo.entry(chainId, checkpoint.seq) : null;
      if (!at || at.hash !== checkpoint.head) return this.verifyInNode(chainId);
    }
    return { chainId, valid: true, checked: Number(last) };
  }

  /** The reference walk: every entry hashed here, in seq order. */
  async verifyInNode(chainId: string): Promise<ChainVerification> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1n;
    let checked = 0;
    const checkpoint = this.checkpoints?.latest().get(chainId);
    // Fetch the next batch while hashing this one.
    const fetch = (after: string) => {
      const p = this.repo.chainBatch(chainId, after, BATCH);
      p.catch(() => undefined); // awaited below; an early return must not leave it unhandled
      return p;
    };
    let next = fetch('0');
    for (;;) {
      const batch = await next;
      if (batch.length === BATCH) next = fetch(batch[batch.length - 1].seq);
      for (const entry of batch) {
        const problem = checkEntry(entry, prevHash, expectedSeq);
        if (problem) return { chainId, valid: false, checked, firstInvalidSeq: entry.seq, reason: problem };
        if (checkpoint && entry.seq === checkpoint.seq && entry.hash !== checkpoint.head) {
          return { chainId, valid: false, checked, firstInvalidSeq: entry.seq, reason: 'entry differs from its signed checkpoint' };
        }
        prevHash = entry.hash;
        expectedSeq += 1n;
        checked += 1;
      }
      if (batch.length < BATCH) break;
    }
    if (checkpoint && BigInt(checkpoint.seq) > expectedSeq - 1n) {
      return { chainId, valid: false, checked, firstInvalidSeq: String(expectedSeq), reason: `chain ends before its signed checkpoint at ${checkpoint.seq}` };
    }
    const head = await this.repo.head(chainId);
    if (head && (BigInt(head.seq) !== expectedSeq - 1n || (checked > 0 && head.headHash !== prevHash))) {
      return { chainId, valid: false, checked, firstInvalidSeq: String(expectedSeq), reason: 'chain head does not match the last entry' };
    }
    return { chainId, valid: true, checked };
  }

  async verifyAll(): Promise<ChainVerification[]> {
    const results: ChainVerification[] = [];
    for (const chainId of await this.repo.chainIds()) results.push(await this.verifyChain(chainId));
    return results;
  }
}

function checkEntry(e: StoredEntry, prevHash: string, expectedSeq: bigint): string | null {
  if (BigInt(e.seq) !== expectedSeq) return `sequence gap: expected ${expectedSeq}`;
  if (e.prevHash !== prevHash) return 'previous hash does not match';
  return entryHash(e.prevHash, e.seq, canonicalStoredPayload(e, e.details)) === e.hash ? null : 'hash does not match the entry';
}

/** Runs `task` over `items`, at most `limit` at a time; results in the order of `items`. */
async function inParallel<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
