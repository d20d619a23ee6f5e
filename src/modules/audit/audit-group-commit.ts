import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Metrics } from '../../common/observability/metrics';
import { Pool } from 'pg';
import { POOL_TIMEOUTS } from '../../database/data-source-options';
import { DATABASE_URL } from '../../database/database-url';
import { AppendRow, AuditRepository, ChainHead, readHead } from './audit.repository';
import { AuditHeadAuthority } from './audit-head-authority';

interface Pending {
  row: AppendRow;
  /** when it was queued (process.hrtime, ns): the group-commit lag metric */
  queued: bigint;
  resolve: (r: ChainHead) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 1000;
/** Connections of the appender's own pool: one batch in flight per chain, a few chains at once. */
export const AUDIT_POOL_SIZE = 4;
/** Tries after the head is found moved before a batch waits for the head's lock instead. */
const OPTIMISTIC_TRIES = 3;

/**
 * Group commit for entries that have no business transaction of their own (reads, refusals,
 * searches). One appender per chain: while its batch is in flight, new entries queue, and the next
 * batch takes them all. Each caller's promise settles only after the statement that holds its
 * entry has committed, so no response leaves before its audit entry is durable.
 *
 * A batch is one statement (APPEND_BATCH_SQL) on the appender's own small pool, linked after the
 * head this appender last wrote: one round trip, and never queued behind the requests waiting for
 * the main pool. If another writer moved the head meanwhile, the statement inserts nothing, and the
 * batch is linked again after the head as read; after a few such misses it takes the head's lock.
 */
@Injectable()
export class AuditGroupCommit implements OnApplicationShutdown {
  private readonly logger = new Logger('AuditGroupCommit');
  private readonly queues = new Map<string, Pending[]>();
  private readonly flushing = new Set<string>();
  private readonly idle = new Map<string, Promise<void>>();
  /** The head each chain had after this appender's last batch (a guess: checked by the statement). */
  private readonly heads = new Map<string, ChainHead>();
  private readonly pool: Pool;

  constructor(
    private readonly repo: AuditRepository,
    @Inject(DATABASE_URL) url: string,
    /** one signature per batch (the head it leaves); a head read from the database is vouched for first */
    private readonly authority: AuditHeadAuthority,
    @Optional() private readonly metrics?: Metrics,
  ) {
    this.pool = new Pool({ connectionString: url, max: AUDIT_POOL_SIZE, application_name: 'situation-table-audit', ...POOL_TIMEOUTS });
    // An idle connection that dies (database restart) is dropped by the pool; the next batch reconnects.
    this.pool.on('error', () => this.logger.warn('an idle audit connection was lost'));
  }

  append(row: AppendRow): Promise<ChainHead> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(row.chainId);
      const pending = { row, resolve, reject, queued: process.hrtime.bigint() };
      if (queue) queue.push(pending);
      else this.queues.set(row.chainId, [pending]);
      if (!this.flushing.has(row.chainId)) this.idle.set(row.chainId, this.flush(row.chainId));
    });
  }

  private async flush(chainId: string): Promise<void> {
    this.flushing.add(chainId);
    try {
      for (;;) {
        const queue = this.queues.get(chainId);
        if (!queue || queue.length === 0) return;
        const batch = queue.splice(0, MAX_BATCH);
        try {
          const results = await this.commit(
            chainId,
            batch.map((p) => p.row),
          );
          this.metrics?.auditBatchSize.observe(batch.length);
          this.metrics?.auditCommitLag.observe(Number(process.hrtime.bigint() - batch[0].queued) / 1e9);
          batch.forEach((p, i) => p.resolve(results[i]));
        } catch (err) {
          this.heads.delete(chainId);
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing.delete(chainId);
      this.queues.delete(chainId);
    }
  }

  private async commit(chainId: string, rows: AppendRow[]): Promise<ChainHead[]> {
    for (let attempt = 0; attempt < OPTIMISTIC_TRIES; attempt++) {
      let head = this.heads.get(chainId);
      if (!head) {
        const read = await readHead(this.pool, chainId);
        if (!read) throw new Error(`audit chain ${chainId} has no head`);
        this.authority.vouch(chainId, read); // the statement below inserts only if the head is still this one
        head = read;
      }
      const entries = await this.repo.appendAfter(this.pool, chainId, head, rows, this.authority);
      if (entries) {
        this.heads.set(chainId, entries[entries.length - 1]);
        return entries;
      }
      this.heads.delete(chainId);
    }
    const entries = await this.repo.appendLocked(this.pool, chainId, rows, this.authority);
    this.heads.set(chainId, entries[entries.length - 1]);
    return entries;
  }

  /** Resolves when every entry queued so far has been committed (or failed). */
  async drain(): Promise<void> {
    while (this.flushing.size > 0) await Promise.allSettled([...this.idle.values()]);
  }

  /** Lets queued entries commit before the pool closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.drain();
    await this.pool.end().catch(() => undefined);
  }
}
