import { BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Clock } from '../../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditRepository } from './audit.repository';
import { AuditGroupCommit } from './audit-group-commit';
import { AuditKeys } from './audit-keys';

export interface Checkpoint {
  chainId: string;
  seq: string;
  head: string;
  at: string;
  /** Ed25519 signature (base64) over `chainId|seq|head|at` */
  sig: string;
}

/** A checkpoint line that does not verify: never skipped silently, verification fails on it. */
export interface CheckpointProblem {
  line: number;
  chainId?: string;
  seq?: string;
  reason: string;
}

export interface CheckpointFile {
  /** the newest validly signed checkpoint per chain */
  byChain: Map<string, Checkpoint>;
  problems: CheckpointProblem[];
}

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';
/** A chain that moved this many entries since its last checkpoint is checkpointed at once. */
export const CHECKPOINT_BURST = 1000;
/** Burst checkpoints at most this often (ms). */
const BURST_SPACING = 1000;
const SEQ = /^[0-9]{1,19}$/;
const message = (c: Omit<Checkpoint, 'sig'>) => Buffer.from(`${c.chainId}|${c.seq}|${c.head}|${c.at}`, 'utf8');

/**
 * Signed checkpoints of every chain's head, kept outside the database: an append-only file in
 * AUDIT_CHECKPOINT_DIR (a separate mount in production), and each line also logged ("audit
 * checkpoint") so the log shipper carries it off the host. A hash chain cannot see its own tail
 * being cut; a checkpoint can: verification checks the newest one against the chain, and a writer
 * never checkpoints a chain that no longer holds its previous checkpoint (a fork stays visible).
 *
 * Written every 30 s for chains that moved (ScheduledJobs), at once after a burst of
 * CHECKPOINT_BURST entries, and at shutdown. A head is checkpointed only if its signature verifies
 * (or it is still the legacy head of the upgrade), so a forged tail is never vouched for.
 */
@Injectable()
export class AuditCheckpoints implements BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoints');
  private readonly file: string;
  /** seq of the newest checkpoint per chain, loaded from the file on first use */
  private written: Map<string, bigint> | null = null;
  private running: Promise<number> | null = null;
  /** What read() has verified so far: lines are verified once, and only new bytes are read. */
  private parsed = emptyParse();
  private burstTimer: NodeJS.Timeout | null = null;
  private lastBurst = 0;

  constructor(
    private readonly repo: AuditRepository,
    private readonly keys: AuditKeys,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'auditCheckpointDir'>,
    @Optional() private readonly groupCommit?: AuditGroupCommit,
  ) {
    this.file = join(config.auditCheckpointDir, CHECKPOINT_FILE);
  }

  get path(): string {
    return this.file;
  }

  /**
   * Signs and appends a checkpoint for every chain whose head moved since its last one; returns
   * how many, and hands each line to `emit` (the CLI prints them for a log shipper). One at a time.
   */
  write(emit?: (line: string) => void): Promise<number> {
    const run = (this.running ?? Promise.resolve(0)).catch(() => 0).then(() => this.writeNow(emit));
    this.running = run;
    return run;
  }

  private async writeNow(emit?: (line: string) => void): Promise<number> {
    const written = this.loadWritten();
    const latest = this.read().byChain;
    let count = 0;
    for (const head of await this.repo.allHeads()) {
      if (head.seq === '0' || written.get(head.chainId) === BigInt(head.seq)) continue;
      const legacy = head.legacy !== null && head.legacy.seq === head.seq && head.legacy.headHash === head.headHash;
      if (!legacy && !(head.headSig && this.keys.verifyHead(head.chainId, head.seq, head.headHash, head.headSig))) {
        this.logger.error({ chainId: head.chainId, seq: head.seq }, 'audit head without a valid signature: not checkpointed');
        continue;
      }
      // Never vouch for a fork: the chain must still hold the previous checkpoint's entry.
      const previous = latest.get(head.chainId);
      if (previous && (BigInt(previous.seq) > BigInt(head.seq) || (await this.repo.hashesAt(head.chainId, [previous.seq])).get(previous.seq) !== previous.head)) {
        this.logger.error({ chainId: head.chainId, seq: head.seq, checkpointSeq: previous.seq }, 'audit chain no longer holds its last checkpoint: not checkpointed');
        continue;
      }
      const body = { chainId: head.chainId, seq: head.seq, head: head.headHash, at: this.clock.now().toISOString() };
      const cp: Checkpoint = { ...body, sig: this.keys.sign(message(body)) };
      const line = JSON.stringify(cp);
      mkdirSync(join(this.file, '..'), { recursive: true });
      appendFileSync(this.file, `${line}\n`, { mode: 0o600 });
      written.set(head.chainId, BigInt(head.seq));
      this.logger.log({ checkpoint: cp }, 'audit checkpoint');
      emit?.(line);
      count++;
    }
    return count;
  }

  /** Told of every append: a chain that moved CHECKPOINT_BURST entries since its checkpoint gets one soon. */
  noteHead(chainId: string, seq: string): void {
    const since = this.loadWritten().get(chainId) ?? 0n;
    if (BigInt(seq) - since < BigInt(CHECKPOINT_BURST) || this.burstTimer) return;
    const wait = Math.max(0, this.lastBurst + BURST_SPACING - Date.now());
    this.burstTimer = setTimeout(() => {
      this.lastBurst = Date.now();
      this.write()
        .catch((err: unknown) => this.logger.error({ err: (err as Error)?.name }, 'audit checkpoint failed'))
        .finally(() => (this.burstTimer = null));
    }, wait);
    this.burstTimer.unref();
  }

  /** At shutdown: the last entries committed, then a checkpoint of every chain that moved. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.burstTimer) clearTimeout(this.burstTimer);
    try {
      await this.groupCommit?.drain();
      await this.write();
    } catch (err) {
      this.logger.error({ err: (err as Error)?.name }, 'audit checkpoint at shutdown failed');
    }
  }

  /**
   * The file, verified: the newest valid checkpoint per chain, and every line that is not valid.
   * Lines are verified once: later calls read only the bytes appended since (a replaced or shorter
   * file is read again from the start). An unterminated last line is a write in progress, or torn
   * by a crash: not read until its newline arrives.
   */
  read(): CheckpointFile {
    if (!existsSync(this.file)) {
      this.parsed = emptyParse();
      return { byChain: new Map(), problems: [] };
    }
    const st = statSync(this.file);
    if (st.ino !== this.parsed.ino || st.size < this.parsed.offset) this.parsed = { ...emptyParse(), ino: st.ino };
    if (st.size > this.parsed.offset) {
      const buf = Buffer.alloc(st.size - this.parsed.offset);
      const fd = openSync(this.file, 'r');
      try {
        readSync(fd, buf, 0, buf.length, this.parsed.offset);
      } finally {
        closeSync(fd);
      }
      const end = buf.lastIndexOf(0x0a);
      if (end >= 0) {
        for (const line of buf.subarray(0, end).toString('utf8').split('\n')) this.parseLine(line, ++this.parsed.lineNo);
        this.parsed.offset += end + 1;
      }
    }
    return { byChain: new Map(this.parsed.latest), problems: [...this.parsed.problems] };
  }

  /** The newest validly signed checkpoint per chain. */
  latest(): Map<string, Checkpoint> {
    return this.read().byChain;
  }

  private parseLine(line: string, n: number): void {
    if (!line.trim()) return;
    let cp: Partial<Checkpoint>;
    try {
      cp = JSON.parse(line) as Partial<Checkpoint>;
    } catch {
      this.parsed.problems.push({ line: n, reason: `checkpoint line ${n} is not JSON` });
      return;
    }
    const chainId = typeof cp?.chainId === 'string' ? cp.chainId : undefined;
    const seq = typeof cp?.seq === 'string' && SEQ.test(cp.seq) ? cp.seq : undefined;
    if (!chainId || !seq || typeof cp.head !== 'string' || typeof cp.at !== 'string' || typeof cp.sig !== 'string') {
      this.parsed.problems.push({ line: n, chainId, seq, reason: `checkpoint line ${n} is malformed` });
    } else if (!this.valid(cp as Checkpoint)) {
      this.parsed.problems.push({ line: n, chainId, seq, reason: `checkpoint line ${n} has an invalid signature` });
    } else if (BigInt(seq) >= BigInt(this.parsed.latest.get(chainId)?.seq ?? '0')) {
      this.parsed.latest.set(chainId, cp as Checkpoint);
    }
  }

  valid(cp: Checkpoint): boolean {
    return this.keys.verify(message(cp), cp.sig);
  }

  /** The seq each chain was last checkpointed at, from the file once, then kept as this process writes (another writer's later line only makes ours redundant). */
  private loadWritten(): Map<string, bigint> {
    if (!this.written) this.written = new Map([...this.latest()].map(([id, cp]) => [id, BigInt(cp.seq)]));
    return this.written;
  }
}

function emptyParse(): { ino: number; offset: number; lineNo: number; latest: Map<string, Checkpoint>; problems: CheckpointProblem[] } {
  return { ino: -1, offset: 0, lineNo: 0, latest: new Map(), problems: [] };
}
