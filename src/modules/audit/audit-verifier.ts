import { Inject, Injectable, Optional } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { Checkpoint, CheckpointFile, CheckpointProblem, AuditCheckpoints } from './audit-checkpoints';
import { AuditKeys } from './audit-keys';
import { AuditRepository, HeadState } from './audit.repository';
import { StoredEntry } from './audit.types';
import { canonicalStoredPayload, entryHash, GENESIS_HASH } from './audit-hash';

/** A run of entries that fail verification for one reason (seqs absent: not tied to an entry). */
export interface InvalidRange {
  fromSeq?: string;
  toSeq?: string;
  reason: string;
}

export interface ChainVerification {
  chainId: string;
  valid: boolean;
  /** entries examined */
  checked: number;
  /** the lowest seq of any finding */
  firstInvalidSeq?: string;
  /** the reason of that finding */
  reason?: string;
  /** every finding, consecutive entries with the same reason merged, at most MAX_INVALID_REPORTED */
  invalid?: InvalidRange[];
  /** more findings than reported */
  invalidTruncated?: boolean;
}

export const MAX_INVALID_REPORTED = 100;
/** The pseudo chain that carries checkpoint lines naming no chain (verifyAll). */
export const CHECKPOINT_FILE_CHAIN = '(checkpoint file)';
const BATCH = 5000;
/** Entries per database range: big enough to amortise the query, small enough to spread over cores. */
const RANGE = 100_000n;
/** Ranges verified at once, each a single-threaded query on its own connection. */
const PARALLEL_RANGES = Math.min(4, Math.max(2, availableParallelism()));

/** Collects findings in seq order of discovery, merging runs, capped. */
class Findings {
  readonly list: InvalidRange[] = [];
  truncated = false;
  private first: { seq: bigint | null; reason: string } | null = null;

  add(from: bigint | null, to: bigint | null, reason: string): void {
    if (!this.first || (from !== null && (this.first.seq === null || from < this.first.seq))) this.first = { seq: from, reason };
    const last = this.list[this.list.length - 1];
    if (from !== null && last?.toSeq !== undefined && last.reason === reason && BigInt(last.toSeq) + 1n === from) {
      last.toSeq = String(to ?? from);
      return;
    }
    if (this.list.length >= MAX_INVALID_REPORTED) {
      this.truncated = true;
      return;
    }
    this.list.push(from === null ? { reason } : { fromSeq: String(from), toSeq: String(to ?? from), reason });
  }

  result(chainId: string, checked: number): ChainVerification {
    if (!this.first) return { chainId, valid: true, checked };
    return {
      chainId,
      valid: false,
      checked,
      ...(this.first.seq !== null ? { firstInvalidSeq: String(this.first.seq) } : {}),
      reason: this.first.reason,
      invalid: this.list,
      ...(this.truncated ? { invalidTruncated: true } : {}),
    };
  }
}

interface ChainCheckpoints {
  newest: Checkpoint | null;
  problems: CheckpointProblem[];
}

/**
 * Recomputes a chain and reports every entry that fails, not only the first: a broken entry can
 * never hide later tampering. The fast path hashes in the database, in ranges of seq verified side
 * by side on several connections up to the head read at the start (entries appended meanwhile are
 * the next run's); the seams between ranges and the head are checked here. If anything is off, the
 * JavaScript reference walk (streaming in seq order) re-verifies everything and names each finding.
 *
 * Then, outside the hash chain: the head must carry a valid Ed25519 signature of the server key
 * (unless it still stands exactly where the signed-heads upgrade recorded it), so a database-level
 * writer cannot extend the chain; the newest signed checkpoint must match the chain (a cut tail
 * shows), and a checkpoint line that does not verify is itself a finding.
 * `keys` null verifies the hash chains only (the benchmark's seeded chains).
 */
@Injectable()
export class AuditVerifier {
  /** Entries per database range (tests set it small to put seams between a few entries). */
  rangeSize = RANGE;

  constructor(
    private readonly repo: AuditRepository,
    @Inject(AuditKeys) private readonly keys: AuditKeys | null,
    @Optional() private readonly checkpoints?: AuditCheckpoints,
  ) {}

  async verifyChain(chainId: string, file?: CheckpointFile): Promise<ChainVerification> {
    const cps = this.checkpointsOf(chainId, file);
    const state = await this.repo.headState(chainId);
    if (!state || state.beyond) return this.walk(chainId, state, cps);
    const last = BigInt(state.seq);
    const ranges: [bigint, bigint][] = [];
    for (let lo = 0n; lo < last; lo += this.rangeSize) ranges.push([lo, lo + this.rangeSize < last ? lo + this.rangeSize : last]);
    const results = await inParallel(ranges, PARALLEL_RANGES, ([lo, hi]) => this.repo.verifyRangeInDatabase(chainId, lo, hi));
    let prevHash = GENESIS_HASH;
    for (const [i, r] of results.entries()) {
      const [lo, hi] = ranges[i];
      if (r.firstBad !== null || BigInt(r.checked) !== hi - lo || r.firstPrev !== prevHash) return this.walk(chainId, state, cps);
      prevHash = r.lastHash!;
    }
    if (last > 0n && prevHash !== state.headHash) return this.walk(chainId, state, cps);
    const f = new Findings();
    await this.checkOutsideTheChain(chainId, state, last, state.headHash, cps, f);
    return f.result(chainId, Number(last));
  }

  /** The reference walk: every entry hashed here, in seq order, every finding reported. */
  async verifyInNode(chainId: string): Promise<ChainVerification> {
    return this.walk(chainId, await this.repo.headState(chainId), this.checkpointsOf(chainId));
  }

  /** Every chain named by a head row, by entries or by a signed checkpoint. */
  async verifyAll(): Promise<ChainVerification[]> {
    const file = this.checkpoints?.read();
    const ids = new Set(await this.repo.chainIds());
    for (const id of file?.byChain.keys() ?? []) ids.add(id);
    for (const p of file?.problems ?? []) if (p.chainId) ids.add(p.chainId);
    const results: ChainVerification[] = [];
    for (const chainId of [...ids].sort()) results.push(await this.verifyChain(chainId, file));
    const orphans = (file?.problems ?? []).filter((p) => !p.chainId);
    if (orphans.length > 0) {
      const f = new Findings();
      for (const p of orphans) f.add(null, null, p.reason);
      results.push(f.result(CHECKPOINT_FILE_CHAIN, 0));
    }
    return results;
  }

  private async walk(chainId: string, state: HeadState | null, cps: ChainCheckpoints): Promise<ChainVerification> {
    const f = new Findings();
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1n;
    let checked = 0;
    // Fetch the next batch while hashing this one.
    const fetch = (after: string) => {
      const p = this.repo.chainBatch(chainId, after, BATCH);
      p.catch(() => undefined); // awaited below; a failure must not be unhandled meanwhile
      return p;
    };
    let next = fetch('0');
    for (;;) {
      const batch = await next;
      if (batch.length === BATCH) next = fetch(batch[batch.length - 1].seq);
      for (const entry of batch) {
        checkEntry(entry, prevHash, expectedSeq, f);
        prevHash = entry.hash;
        expectedSeq = BigInt(entry.seq) + 1n;
        checked += 1;
      }
      if (batch.length < BATCH) break;
    }
    await this.checkOutsideTheChain(chainId, state, expectedSeq - 1n, checked > 0 ? prevHash : null, cps, f);
    return f.result(chainId, checked);
  }

  /** The head row, its signature, the upgrade's legacy head and the checkpoints, against the entries. */
  private async checkOutsideTheChain(chainId: string, state: HeadState | null, lastSeq: bigint, lastHash: string | null, cps: ChainCheckpoints, f: Findings): Promise<void> {
    if (!state) {
      f.add(lastSeq > 0n ? 1n : null, lastSeq > 0n ? lastSeq : null, 'the chain has no head row');
    } else {
      const headSeq = BigInt(state.seq);
      if (headSeq < lastSeq) f.add(headSeq + 1n, lastSeq, 'entries beyond the chain head (written around the appenders)');
      else if (headSeq > lastSeq) f.add(lastSeq + 1n, headSeq, 'entries missing up to the chain head');
      else if (lastSeq > 0n && state.headHash !== lastHash) f.add(headSeq, headSeq, 'chain head does not match the last entry');
    }

    for (const p of cps.problems) f.add(p.seq ? BigInt(p.seq) : null, p.seq ? BigInt(p.seq) : null, p.reason);
    // The newest signed checkpoint (and the upgrade's legacy head) must name an entry of this chain as it is.
    const cp = cps.newest;
    const legacy = state?.legacy ?? null;
    const lookups: string[] = [];
    if (cp && BigInt(cp.seq) > lastSeq) f.add(lastSeq + 1n, BigInt(cp.seq), `chain ends before its signed checkpoint at ${cp.seq}`);
    else if (cp) lookups.push(cp.seq);
    if (legacy && legacy.seq !== '0' && BigInt(legacy.seq) <= lastSeq) lookups.push(legacy.seq);
    const stored = lookups.length > 0 ? await this.repo.hashesAt(chainId, lookups) : new Map<string, string>();
    let vouchedUpTo = 0n;
    if (cp && BigInt(cp.seq) <= lastSeq) {
      if (stored.get(cp.seq) !== cp.head) f.add(BigInt(cp.seq), BigInt(cp.seq), 'entry differs from its signed checkpoint');
      else vouchedUpTo = BigInt(cp.seq);
    }
    if (legacy && legacy.seq !== '0') {
      if (BigInt(legacy.seq) > lastSeq) f.add(lastSeq + 1n, BigInt(legacy.seq), 'chain ends before the head recorded at the signed-heads upgrade');
      else if (stored.get(legacy.seq) !== legacy.headHash) f.add(BigInt(legacy.seq), BigInt(legacy.seq), 'entry differs from the head recorded at the signed-heads upgrade');
    }

    if (!this.keys || !state || state.seq === '0') return;
    const stillLegacy = legacy !== null && legacy.seq === state.seq && legacy.headHash === state.headHash;
    if (stillLegacy) return;
    if (state.headSig !== null && this.keys.verifyHead(chainId, state.seq, state.headHash, state.headSig)) return;
    // Entries the key does not vouch for: from past the newest matching checkpoint (or the legacy head).
    const legacySeq = legacy ? BigInt(legacy.seq) : 0n;
    const from = (vouchedUpTo > legacySeq ? vouchedUpTo : legacySeq) + 1n;
    const headSeq = BigInt(state.seq);
    f.add(from <= headSeq ? from : headSeq, headSeq, state.headSig === null ? 'chain head is not signed by the server key' : 'chain head signature does not verify');
  }

  private checkpointsOf(chainId: string, file?: CheckpointFile): ChainCheckpoints {
    const read = file ?? this.checkpoints?.read();
    return { newest: read?.byChain.get(chainId) ?? null, problems: (read?.problems ?? []).filter((p) => p.chainId === chainId) };
  }
}

/** Checks one entry against the previous one: a gap, a broken link, a hash that does not match. */
function checkEntry(e: StoredEntry, prevHash: string, expectedSeq: bigint, f: Findings): void {
  const seq = BigInt(e.seq);
  if (seq !== expectedSeq) f.add(expectedSeq, seq - 1n, 'entries missing (sequence gap)');
  else if (e.prevHash !== prevHash) f.add(seq, seq, 'previous hash does not match');
  if (entryHash(e.prevHash, e.seq, canonicalStoredPayload(e, e.details)) !== e.hash) f.add(seq, seq, 'hash does not match the entry');
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
