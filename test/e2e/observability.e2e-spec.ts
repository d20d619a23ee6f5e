import { Api, TableFixture } from '../support/api';
import { MEETS, walkTo } from '../support/situations';
import { checkedRequest, TestApp } from '../support/test-app';
import { openWorld } from '../support/world';
import { ScheduledJobs } from '../../src/modules/jobs/scheduled-jobs';

const TOKEN = 'metrics-test-token-0123456789';

/** Issue #14, item 4: /metrics for a scraper with its token, an access log line per request, request ids on service lines. */
describe('observability: metrics, access log, request ids', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, close } = await openWorld({ env: { METRICS_TOKEN: TOKEN } }));
  });
  afterAll(() => close());

  const scrape = async (): Promise<string> => {
    const res = await checkedRequest(t).get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    return res.text;
  };
  /** the value of one sample line, 0 when absent */
  const sample = (text: string, name: string, labels: Record<string, string> = {}): number => {
    const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
      if (want.every((w) => line.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
    return 0;
  };
  const lines = (from: number) => t.logs.slice(from).map((l) => JSON.parse(l) as Record<string, unknown>);

  it("answers /metrics only to the scraper's bearer token, outside the API prefix", async () => {
    await checkedRequest(t).get('/metrics').expect(401);
    await checkedRequest(t).get('/metrics').set('authorization', 'Bearer wrong-token-of-some-length').expect(401);
    await checkedRequest(t).get('/metrics').set('authorization', `Bearer ${f.coordinator.token}`).expect(401);
    await checkedRequest(t).get('/api/v1/metrics').set('authorization', `Bearer ${TOKEN}`).expect(404);
    const text = await scrape();
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('shows requests, durations, pool use, audit batches, refusals of identifying text, sign-in failures and job runs moving under a short load', async () => {
    const before = await scrape();
    const route = '/api/v1/tables/:tableId/situations';
    await Promise.all(Array.from({ length: 20 }, () => api.as(f.coordinator.token).get(`/tables/${f.tableId}/situations?limit=5`).expect(200)));
    await api
      .as(f.reps.police.token)
      .post(`/tables/${f.tableId}/situations`, { ...MEETS, narrative: 'Call 613-555-0142 about the eviction notice.' })
      .expect(422);
    await api.as(f.reps.police.token).get(`/tables/${f.tableId}/reports/summary`).expect(403);
    await t.app.get(ScheduledJobs).mobilizationClock();
    // five wrong passwords for one (invented, unknown) address lock it; the sixth attempt is refused as locked
    const nobody = `nobody-${Date.now()}@example.test`;
    for (let i = 0; i < 6; i++) await api.call('post', '/auth/login', undefined, { email: nobody, password: 'not-the-password-000' });
    const after = await scrape();
    const listed = { method: 'GET', route, status: '200' };
    expect(sample(after, 'http_requests_total', listed) - sample(before, 'http_requests_total', listed)).toBe(20);
    expect(sample(after, 'http_request_duration_seconds_count', listed) - sample(before, 'http_request_duration_seconds_count', listed)).toBe(20);
    expect(sample(after, 'http_request_duration_seconds_sum', listed)).toBeGreaterThan(sample(before, 'http_request_duration_seconds_sum', listed));
    expect(sample(after, 'http_requests_total', { route: '/api/v1/tables/:tableId/reports/summary', status: '403' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'db_pool_connections', { pool: 'app' })).toBeGreaterThan(0);
    expect(sample(after, 'db_pool_wait_seconds_count', { pool: 'app' })).toBeGreaterThan(sample(before, 'db_pool_wait_seconds_count', { pool: 'app' }));
    expect(sample(after, 'pii_refusals_total', { kind: 'PHONE' }) - sample(before, 'pii_refusals_total', { kind: 'PHONE' })).toBe(1);
    expect(sample(after, 'login_failures_total', { reason: 'credentials' }) - sample(before, 'login_failures_total', { reason: 'credentials' })).toBe(5);
    expect(sample(after, 'login_failures_total', { reason: 'locked' }) - sample(before, 'login_failures_total', { reason: 'locked' })).toBe(1);
    expect(sample(after, 'login_lockouts_total') - sample(before, 'login_lockouts_total')).toBe(1);
    // the 20 audited list reads went through the group commit: batches of them, each timed
    const batches = sample(after, 'audit_group_commit_batch_size_count') - sample(before, 'audit_group_commit_batch_size_count');
    expect(batches).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'audit_group_commit_batch_size_sum') - sample(before, 'audit_group_commit_batch_size_sum')).toBeGreaterThanOrEqual(20);
    expect(sample(after, 'audit_group_commit_lag_seconds_count') - sample(before, 'audit_group_commit_lag_seconds_count')).toBe(batches);
    expect(sample(after, 'job_runs_total', { job: 'mobilization-clock', outcome: 'done' }) - sample(before, 'job_runs_total', { job: 'mobilization-clock', outcome: 'done' })).toBe(
      1,
    );
    // labels carry route patterns only: no ids, no query strings
    expect(after).not.toContain(f.tableId);
    expect(after).not.toContain('limit=5');
  });

  it('writes one access line per request: route pattern, status, time, request id and actor, never the query or the body', async () => {
    const from = t.logs.length;
    const res = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/situations?limit=3&status=SUBMITTED`).expect(200);
    const access = lines(from).filter((l) => l.msg === 'request');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      level: 30,
      method: 'GET',
      route: '/api/v1/tables/:tableId/situations',
      status: 200,
      reqId: res.headers['x-request-id'],
      actorId: f.coordinator.id,
      ms: expect.any(Number),
    });
    expect(JSON.stringify(access[0])).not.toContain('limit=3');
    expect(JSON.stringify(access[0])).not.toContain(f.tableId);
  });

  it("names the request on the service's own log lines (the refusal of identifying text)", async () => {
    const from = t.logs.length;
    const res = await api
      .as(f.reps.police.token)
      .post(`/tables/${f.tableId}/situations`, { ...MEETS, narrative: 'Reach her at 613-555-0199 after the eviction.' }, { 'x-request-id': 'trace-obs-42' })
      .expect(422);
    expect(res.headers['x-request-id']).toBe('trace-obs-42');
    const refused = lines(from).find((l) => l.msg === 'identifying information refused');
    expect(refused).toMatchObject({ reqId: 'trace-obs-42', level: 40 });
    expect(JSON.stringify(lines(from))).not.toContain('613-555-0199');
    // work outside any request (a job) carries no request id
    const jobFrom = t.logs.length;
    await walkTo(api, f, 'ACCEPTED');
    t.clock.advance(49 * 3_600_000);
    await t.app.get(ScheduledJobs).mobilizationClock();
    const jobLine = lines(jobFrom).find((l) => l.msg === 'job done');
    expect(jobLine).toBeDefined();
    expect(jobLine!.reqId).toBeUndefined();
  });
});
