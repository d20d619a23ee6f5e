import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus metrics of one application instance (its own registry, so several instances in a
 * process never share counters). Labels hold route patterns, status codes, kinds and job names:
 * never ids, query strings or personal data.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly dbPoolWait = new Histogram({
    name: 'db_pool_wait_seconds',
    help: 'Time a query waited for a connection of a pool',
    labelNames: ['pool'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly auditBatchSize = new Histogram({
    name: 'audit_group_commit_batch_size',
    help: 'Entries written by one group-commit statement',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [this.registry],
  });
  readonly auditCommitLag = new Histogram({
    name: 'audit_group_commit_lag_seconds',
    help: 'Time from an entry queued to its batch committed',
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly jobRuns = new Counter({
    name: 'job_runs_total',
    help: 'Scheduled job runs, by job and outcome (done, failed)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly jobItems = new Counter({
    name: 'job_items_total',
    help: 'Items a scheduled job handled (identities purged, notifications sent, ...)',
    labelNames: ['job'] as const,
    registers: [this.registry],
  });
  readonly piiRefusals = new Counter({
    name: 'pii_refusals_total',
    help: 'Free-text fields refused for identifying information, by kind found (counts only)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly loginFailures = new Counter({
    name: 'login_failures_total',
    help: 'Refused sign-ins, by reason (credentials, locked)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly reportCells = new Counter({
    name: 'report_month_cells_total',
    help: "A table's months the indicators read: reused (kept, nothing changed since) or counted",
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly lockouts = new Counter({ name: 'login_lockouts_total', help: 'Accounts (or unknown addresses) locked out after repeated failures', registers: [this.registry] });

  private readonly pools = new Map<string, Pool>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const pools = this.pools;
    const poolGauge = (name: string, help: string, read: (p: Pool) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['pool'] as const,
        registers: [this.registry],
        collect() {
          for (const [label, pool] of pools) this.set({ pool: label }, read(pool));
        },
      });
    poolGauge('db_pool_connections', 'Connections open in a pool', (p) => p.totalCount);
    poolGauge('db_pool_idle_connections', 'Idle connections of a pool', (p) => p.idleCount);
    poolGauge('db_pool_waiting_queries', 'Queries waiting for a connection of a pool', (p) => p.waitingCount);
  }

  /** Reports a pool's size and idle and waiting counts, and times each wait for a connection. */
  watchPool(label: string, pool: Pool): void {
    if (this.pools.get(label) === pool) return;
    this.pools.set(label, pool);
    const connect = pool.connect.bind(pool) as (cb?: (err: Error | undefined, client: unknown, done: unknown) => void) => unknown;
    const wait = this.dbPoolWait;
    (pool as unknown as { connect: typeof connect }).connect = (cb) => {
      const end = wait.startTimer({ pool: label });
      if (cb) return connect((err, client, done) => (end(), cb(err, client, done)));
      return (connect() as Promise<unknown>).finally(end);
    };
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
