import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Metrics } from './metrics';

/** The Grafana dashboard in docker/grafana reads only series this application exports. */
describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'docker', 'grafana', 'situation-table-dashboard.json'), 'utf8')) as {
    panels: { title: string; targets: { expr: string }[] }[];
  };

  it('has a panel for each family of metrics the issue asks for', () => {
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
    for (const name of [
      'http_requests_total',
      'http_request_duration_seconds',
      'db_pool_waiting_queries',
      'db_pool_wait_seconds',
      'audit_group_commit_batch_size',
      'audit_group_commit_lag_seconds',
      'job_runs_total',
      'pii_refusals_total',
      'login_failures_total',
      'login_lockouts_total',
    ]) {
      expect({ name, used: exprs.includes(name) }).toEqual({ name, used: true });
    }
  });

  it('names no series the registry does not export', async () => {
    const exported = new Set((await new Metrics().registry.getMetricsAsJSON()).map((m) => m.name));
    // series names are the identifiers with an underscore (labels and functions here have none, but histogram_quantile)
    const used = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.replace(/"[^"]*"/g, '').match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g) ?? []));
    const missing = [...new Set(used.filter((n) => n !== 'histogram_quantile').map((n) => n.replace(/_(bucket|sum|count)$/, '')))].filter((n) => !exported.has(n));
    expect(used.length).toBeGreaterThanOrEqual(15);
    expect(missing).toEqual([]);
  });
});
