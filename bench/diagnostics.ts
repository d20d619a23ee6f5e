// Where the time goes: the server's own query code for a route, run in this process without
// HTTP, authentication or the audit append, at the load's concurrency.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { AuditFilter, AuditQueryRepository } from '../src/modules/audit/audit-query.repository';
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
