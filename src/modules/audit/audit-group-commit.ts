import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppendRow, AuditRepository } from './audit.repository';

interface Pending {
  row: AppendRow;
  resolve: (r: { seq: string; hash: string }) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 1000;

/**
 * Group commit for entries that have no business transaction of their own (reads, refusals,
 * searches). One appender per chain: while its transaction is in flight, new entries queue, and the
 * next transaction takes them all. Each caller's promise settles only after the transaction that
 * holds its entry has committed, so no response leaves before its audit entry is durable.
 */
@Injectable()
export class AuditGroupCommit implements OnApplicationShutdown {
  private readonly queues = new Map<string, Pending[]>();
  private readonly flushing = new Set<string>();
  private readonly idle = new Map<string, Promise<void>>();

  constructor(private readonly repo: AuditRepository) {}

  append(row: AppendRow): Promise<{ seq: string; hash: string }> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(row.chainId);
      if (queue) queue.push({ row, resolve, reject });
      else this.queues.set(row.chainId, [{ row, resolve, reject }]);
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
          const results = await this.repo.appendMany(chainId, batch.map((p) => p.row));
          batch.forEach((p, i) => p.resolve(results[i]));
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing.delete(chainId);
      this.queues.delete(chainId);
    }
  }

  /** Lets queued entries commit before the pool closes. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.idle.values()]);
  }
}
