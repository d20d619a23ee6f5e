import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Api, buildTable, Method, PASSWORD, TableFixture } from '../support/api';
import { IDENTITY, MEETS } from '../support/situations';
import { createTestApp, TestApp } from '../support/test-app';
import { ScheduledJobs } from '../../src/modules/jobs/scheduled-jobs';
import { AuditVerifier } from '../../src/modules/audit/audit-verifier';
import { AuthService } from '../../src/modules/auth/auth.service';

/**
 * Clients behind the proxy in front of both servers, each at an address of its own: limits keyed by
 * address are shared by every suite on this database, and the fixture's users sign in from their
 * own desks (a fresh address per sign-in), so only the test that means to share one address does.
 */
let nextDesk = Math.floor(Math.random() * 60_000);
const deskAddress = (): string => {
  nextDesk = (nextDesk + 1) % 65_000;
  return `10.${100 + Math.floor(nextDesk / 65_025)}.${Math.floor(nextDesk / 255) % 255}.${1 + (nextDesk % 254)}`;
};

class ProxiedApi extends Api {
  override call(method: Method, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
    return super.call(method, path, token, body, { 'x-forwarded-for': deskAddress(), ...headers });
  }
}

/**
 * Issue #14, item 5: two stateless servers on one PostgreSQL behave as one system. Every request
 * alternates between them (a round-robin client), as behind a load balancer.
 */
describe('two servers on one database', () => {
  let a: TestApp;
  let b: TestApp;
  let apiA: Api;
  let apiB: Api;
  let f: TableFixture;
  let owner: Client;
  let turn = 0;
  /** the next server, round-robin */
  const rr = (): Api => (turn++ % 2 === 0 ? apiA : apiB);

  beforeAll(async () => {
    // Shared configuration, as replicas get it: one DATA_DIR (audit signing key), one login limit.
    const env = { RATE_LIMIT_ENABLED: 'true', LOGIN_IP_LIMIT_PER_MINUTE: '12', TRUST_PROXY: 'true', DATA_DIR: mkdtempSync(join(tmpdir(), 'st-two-')) };
    a = await createTestApp(env);
    b = await createTestApp(env);
    apiA = new ProxiedApi(a);
    apiB = new ProxiedApi(b);
    f = await buildTable(apiA);
    owner = new Client({ connectionString: a.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await a.close();
    await b.close();
  });

  it('walks a situation through every filter with each step on the other server', async () => {
    const s = await rr().as(f.reps.police.token).post(`/tables/${f.tableId}/situations`, MEETS).expect(201);
    await rr().as(f.coordinator.token).post(`/situations/${s.body.id}/decision`, { outcome: 'AER', rationale: 'Meets the threshold.' }).expect(200);
    await rr()
      .as(f.coordinator.token)
      .post(`/situations/${s.body.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id] })
      .expect(200);
    await rr().as(f.reps.police.token).put(`/situations/${s.body.id}/identity`, IDENTITY).expect(204);
    await rr()
      .as(f.reps.housing.token)
      .post(`/situations/${s.body.id}/mobilization`, { mobilizedAt: new Date().toISOString(), services: ['HOUSING_SHELTER'] })
      .expect(200);
    const closed = await rr().as(f.coordinator.token).post(`/situations/${s.body.id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
    expect(closed.body.status).toBe('CLOSED');
    const viewA = await apiA.as(f.coordinator.token).get(`/situations/${s.body.id}`).expect(200);
    const viewB = await apiB.as(f.coordinator.token).get(`/situations/${s.body.id}`).expect(200);
    expect(viewB.body).toEqual(viewA.body);
  });

  it('counts one login limit per client address across both servers', async () => {
    const statuses: number[] = [];
    const client = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 16; i++) {
      // one client address (as the proxy in front of both servers reports it)
      statuses.push(
        (await rr().call('post', '/auth/login', undefined, { email: `nobody-${i}@example.test`, password: 'not-the-password-000' }, { 'x-forwarded-for': client })).status,
      );
    }
    // 12 a minute for the address, whichever server answers: alone, each would have allowed 12
    expect(statuses.filter((s) => s === 401)).toHaveLength(12);
    expect(statuses.slice(12)).toEqual([429, 429, 429, 429]);
  });

  it('counts one refusal limit per user across both servers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 34; i++) statuses.push((await rr().as(f.stranger.token).get(`/tables/${f.tableId}/situations`)).status);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429]);
  });

  it("authenticates each server's requests with its own services, never the other's (one process, two applications)", async () => {
    // passport's process-wide registry holds one strategy per name: the application built last would
    // sign in and authenticate for both, with its own principal cache, and a logout on the other lag
    const [authA, authB] = [a.app.get(AuthService), b.app.get(AuthService)];
    const spies = [jest.spyOn(authA, 'login'), jest.spyOn(authA, 'principalFor'), jest.spyOn(authB, 'login'), jest.spyOn(authB, 'principalFor')];
    try {
      const token = await apiA.login(f.analyst.email, PASSWORD);
      await apiA.as(token).get('/auth/me').expect(200);
      await apiA.as(token).get('/auth/me').expect(200);
      await apiB.as(token).get('/auth/me').expect(200);
      expect(spies.map((s) => s.mock.calls.length)).toEqual([1, 2, 0, 1]);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  });

  it("revokes a token on one server for the other within the notification's delivery (well under a second)", async () => {
    const token = await apiA.login(f.analyst.email, PASSWORD);
    const steps = [(await apiB.as(token).get('/auth/me')).status, (await apiA.as(token).post('/auth/logout')).status, (await apiA.as(token).get('/auth/me')).status];
    expect(steps).toEqual([200, 204, 401]);
    const started = Date.now();
    let status = 200;
    while (status !== 401 && Date.now() - started < 3000) status = (await apiB.as(token).get('/auth/me')).status;
    expect({ status, withinASecond: Date.now() - started < 1000 }).toEqual({ status: 401, withinASecond: true });
  });

  it('runs a due job item once when both servers run the job at the same moment', async () => {
    const s = await apiA.as(f.reps.police.token).post(`/tables/${f.tableId}/situations`, MEETS).expect(201);
    await apiB.as(f.coordinator.token).post(`/situations/${s.body.id}/decision`, { outcome: 'AER', rationale: 'Meets the threshold.' }).expect(200);
    await apiA.as(f.coordinator.token).post(`/situations/${s.body.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [] }).expect(200);
    a.clock.advance(49 * 3_600_000);
    b.clock.advance(49 * 3_600_000);
    // drain: other situations of this database may be due too; each server takes a share
    for (let i = 0; i < 5; i++) await Promise.all([a.app.get(ScheduledJobs).mobilizationClock(), b.app.get(ScheduledJobs).mobilizationClock()]);
    const overdue = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'situation.overdue' AND situation_id = $1`, [s.body.id]);
    expect(overdue.rows[0].n).toBe(1);
    const notes = await owner.query(`SELECT count(*)::int AS n FROM notifications WHERE situation_id = $1 AND kind = 'MOBILIZATION_OVERDUE'`, [s.body.id]);
    expect(notes.rows[0].n).toBeGreaterThanOrEqual(1);
    const perUser = await owner.query(`SELECT user_id, count(*)::int AS n FROM notifications WHERE situation_id = $1 AND kind = 'MOBILIZATION_OVERDUE' GROUP BY user_id`, [
      s.body.id,
    ]);
    expect(perUser.rows.every((r: { n: number }) => r.n === 1)).toBe(true);
  });

  it('keeps one unforked, verifiable chain when both servers append to it at once', async () => {
    const before = await owner.query('SELECT seq FROM audit_chain_heads WHERE chain_id = $1', [f.tableId]);
    const reads = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? apiA : apiB).as(f.coordinator.token).get(`/tables/${f.tableId}/situations?limit=1`).expect(200));
    await Promise.all(reads);
    // the 60 reads, each once (other entries may land meanwhile: a refusal summary of an earlier minute)
    const reads60 = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = $1 AND seq > $2 AND action = 'situation.list'`, [
      f.tableId,
      before.rows[0].seq,
    ]);
    expect(reads60.rows[0].n).toBe(60);
    const after = await owner.query('SELECT seq FROM audit_chain_heads WHERE chain_id = $1', [f.tableId]);
    const total = await owner.query('SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = $1 AND seq > $2', [f.tableId, before.rows[0].seq]);
    expect(Number(after.rows[0].seq) - Number(before.rows[0].seq)).toBe(total.rows[0].n);
    const gaps = await owner.query(
      `SELECT count(*)::int AS n FROM (SELECT seq, lag(seq) OVER (ORDER BY seq) AS prev FROM audit_entries WHERE chain_id = $1) s WHERE prev IS NOT NULL AND seq <> prev + 1`,
      [f.tableId],
    );
    expect(gaps.rows[0].n).toBe(0);
    const result = await b.app.get(AuditVerifier).verifyChain(f.tableId);
    expect(result.valid).toBe(true);
  });
});
