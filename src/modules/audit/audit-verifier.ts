import { Injectable, Optional } from '@nestjs/common';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditRepository } from './audit.repository';
import { AuditRecord } from './audit.types';
import { canonicalPayload, entryHash, GENESIS_HASH } from './audit-hash';

export interface ChainVerification {
  chainId: string;
  valid: boolean;
  checked: number;
  firstInvalidSeq?: string;
  reason?: string;
}

const BATCH = 5000;

/** Recomputes a chain entry by entry, streaming in seq order, and names the first broken entry. */
@Injectable()
export class AuditVerifier {
  constructor(
    private readonly repo: AuditRepository,
    @Optional() private readonly checkpoints?: AuditCheckpoints,
  ) {}

  async verifyChain(chainId: string): Promise<ChainVerification> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1n;
    let checked = 0;
    let after = '0';
    const checkpoint = this.checkpoints?.latest().get(chainId);
    for (;;) {
      const batch = await this.repo.chainBatch(chainId, after, BATCH);
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
      after = batch[batch.length - 1].seq;
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

function checkEntry(e: AuditRecord, prevHash: string, expectedSeq: bigint): string | null {
  if (BigInt(e.seq) !== expectedSeq) return `sequence gap: expected ${expectedSeq}`;
  if (e.prevHash !== prevHash) return 'previous hash does not match';
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(e.details) as Record<string, unknown>;
  } catch {
    return 'details are not JSON';
  }
  const canonical = canonicalPayload({
    chainId: e.chainId,
    at: new Date(e.at).toISOString(),
    actorId: e.actorId,
    actorAgencyId: e.actorAgencyId,
    tableId: e.tableId,
    action: e.action,
    outcome: e.outcome,
    situationId: e.situationId,
    purpose: e.purpose,
    requestId: e.requestId,
    details,
  });
  return entryHash(e.prevHash, e.seq, canonical) === e.hash ? null : 'hash does not match the entry';
}
