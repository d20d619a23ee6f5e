// Where the time goes: the server's own query code for a route, run in this process without
// HTTP, authentication or the audit append, at the load's concurrency.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { DEFAULT_TIME_ZONE, localDate, startOfLocalDay } from '../src/common/clock/time-zone';
import { Metrics } from '../src/common/observability/metrics';
import { AuditFilter, AuditQueryRepository } from '../src/modules/audit/audit-query.repository';
import { IndicatorRepository } from '../src/modules/reports/indicator.repository';
import { drive, FloorResult, summarize } from './floors';

/** AuditQueryRepository.page (limit 51, as a page of 50 asks) over the given filters, in turn. */
export async function auditPageQueryAlone(
  name: string,
  url: string,
  filters: readonly AuditFilter[],
  clients: number,
  seconds: number,
  warmupSeconds: number,
): Promise<FloorResult> {
  const ds = new DataSource(dataSourceOptions(url, clients, 'st-bench-diagnostics'));
  await ds.initialize();
  try {
    const repo = new AuditQueryRepository(ds);
    const workers = Array.from({ length: clients }, (_, i) => i);
    const page = async (_: number, n: number) => {
      await repo.page(filters[n % filters.length], 51);
    };
    if (warmupSeconds > 0) await drive(workers, warmupSeconds, page);
    return summarize(name, clients, await drive(workers, seconds, page));
  } finally {
    await ds.destroy();
  }
}

/**
 * IndicatorRepository.read of the province's current calendar year by a repository that keeps no
 * month counted (a new one each read): the first read after a server starts, or after every month
 * changed. The route's answers are measured with the months kept (what a server reads again).
 */
export async function indicatorsCountedAlone(name: string, url: string, seconds: number, warmupSeconds: number): Promise<FloorResult> {
  const ds = new DataSource(dataSourceOptions(url, 1, 'st-bench-diagnostics'));
  await ds.initialize();
  try {
    const now = new Date();
    const year = Number(localDate(now, DEFAULT_TIME_ZONE).slice(0, 4));
    const bounds = Array.from({ length: 13 }, (_, m) => startOfLocalDay(year + Math.floor(m / 12), (m % 12) + 1, 1, DEFAULT_TIME_ZONE));
    const read = async () => {
      await new IndicatorRepository(ds, new Metrics()).read({ tableId: null, bounds, now }, [bounds[0], bounds[12]]);
    };
    if (warmupSeconds > 0) await drive([0], warmupSeconds, read);
    return summarize(name, 1, await drive([0], seconds, read));
  } finally {
    await ds.destroy();
  }
}
