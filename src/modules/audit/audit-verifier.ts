import { Injectable, Optional } from '@nestjs/common';
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
const DATABASE_WINDOW = 250_000;

/**
 * Recomputes a chain and names the first broken entry. The fast path hashes in the database, a
 * window of entries per query; if it finds anything, the JavaScript reference walk (streaming in
 * seq order) re-verifies from the start and names the entry, so an encoding difference between the
 * two could cost time but never a wrong verdict.
 */
@Injectable()
export class AuditVerifier {
  constructor(
    private readonly repo: AuditRepository,
    @Optional() private readonly checkpoints?: AuditCheckpoints,
  ) {}

  async verifyChain(chainId: string): Promise<ChainVerification> {
    let after = '0';
    let prevHash = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      const window = await this.repo.firstBrokenInDatabase(chainId, after, prevHash, DATABASE_WINDOW);
      if (window.firstBad !== null) return this.verifyInNode(chainId);
      checked += window.checked;
      if (window.lastSeq) {
        after = window.lastSeq;
        prevHash = window.lastHash!;
      }
      if (window.checked < DATABASE_WINDOW) break;
    }
    const checkpoint = this.checkpoints?.latest().get(chainId);
    if (checkpoint) {
      const at = BigInt(checkpoint.seq) <= BigInt(after) ? await this.repo.entry(chainId, checkpoint.seq) : null;
      if (!at || at.hash !== checkpoint.head) return this.verifyInNode(chainId);
    }
    const head = await this.repo.head(chainId);
    if (head && (head.seq !== after || (checked > 0 && head.headHash !== prevHash))) return this.verifyInNode(chainId);
    return { chainId, valid: true, checked };
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
