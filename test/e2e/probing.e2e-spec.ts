import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Api, TableFixture, TEMPORARY_PASSWORD, unique } from '../support/api';
import { IDENTITY, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

/**
 * Issue #13, items 8 and 9: refusals count toward the rate limits, fold into one entry per actor
 * and minute, and raise a probing flag; unknown tables answer 404 quietly; ids are matched
 * case-insensitively. Rate limits are on in this suite (RATE_LIMIT_ENABLED=true).
 */
describe('probing: refusals are limited, folded and flagged; unknown ids are quiet', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  let situationId: string;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld({ env: { RATE_LIMIT_ENABLED: 'true' } }));
    situationId = await walkTo(api, f, 'ASSIGNED');
  });
  afterAll(() => close());

  const entriesOf = async (actorId: string): Promise<{ action: string; outcome: string; details: Record<string, unknown> }[]> => {
    const rows = await owner.query<{ action: string; outcome: string; details: string }>(
      'SELECT action, outcome, details FROM audit_entries WHERE chain_id = $1 AND actor_id = $2 ORDER BY seq',
      [f.tableId, actorId],
    );
    return rows.rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
  };
  const errorLines = (from: number): string[] => t.logs.slice(from).filter((l) => (JSON.parse(l) as { level: number }).level >= 50);

  it('answers an unknown table id with 404 and no error in the log, and writes to no chain', async () => {
    const logsBefore = t.logs.length;
    const unknown = randomUUID();
    for (const path of [`/tables/${unknown}/situations`, `/tables/${unknown}/meetings`, `/tables/${unknown}/audit`, `/tables/${unknown.toUpperCase()}/reports/summary`]) {
      const res = await api.as(f.coordinator.token).get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
    const res = await api.as(f.reps.police.token).post(`/tables/${unknown}/situations`, {});
    expect(res.status).toBe(404);
    expect(errorLines(logsBefore)).toEqual([]);
    const chains = await owner.query('SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = $1', [unknown]);
    expect(chains.rows[0].n).toBe(0);
  });

  it('matches table and situation ids case-insensitively: a member writing ids in upper case gets the same answers', async () => {
    const lower = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/situations?limit=5`).expect(200);
    const upper = await api.as(f.coordinator.token).get(`/tables/${f.tableId.toUpperCase()}/situations?limit=5`).expect(200);
    expect(upper.body.items.map((s: { id: string }) => s.id)).toEqual(lower.body.items.map((s: { id: string }) => s.id));
    const one = await api.as(f.coordinator.token).get(`/situations/${situationId.toUpperCase()}`).expect(200);
    expect(one.body.id).toBe(situationId);
    await api.as(f.coordinator.token).get(`/situations/${situationId.toUpperCase()}/threshold`).expect(200);
    // a refusal with an upper-case id is audited with the id as stored, and the chain still verifies
    await api.as(f.analyst.token).get(`/situations/${situationId.toUpperCase()}`).expect(403);
    const denied = await owner.query<{ situation_id: string }>(
      `SELECT situation_id FROM audit_entries WHERE chain_id = $1 AND actor_id = $2 AND action = 'access.denied' ORDER BY seq DESC LIMIT 1`,
      [f.tableId, f.analyst.id],
    );
    expect(denied.rows[0].situation_id).toBe(situationId);
    const verify = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/verify`).expect(200);
    expect(verify.body.valid).toBe(true);
  });

  it("counts a stranger's refusals toward the rate limit: past 30 in a minute, 429, for real and unknown ids alike", async () => {
    const s = api.as(f.stranger.token);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const path = i % 3 === 0 ? `/tables/${f.tableId}/situations` : i % 3 === 1 ? `/situations/${situationId}/identity?purposeCode=HOME_VISIT` : `/situations/${randomUUID()}`;
      statuses.push((await s.get(path)).status);
    }
    expect(statuses.every((x) => x === 404)).toBe(true);
    // Past the limit, an existing foreign table and an id that exists nowhere answer the same.
    const real = await s.get(`/tables/${f.tableId}/audit/export.csv`);
    const unknown = await s.get(`/tables/${randomUUID()}/audit/export.csv`);
    const garbage = await s.get('/situations/not-a-uuid');
    expect([real.status, unknown.status, garbage.status]).toEqual([429, 429, 429]);
    expect(real.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(real.headers['retry-after']).toBeDefined();
    // the stranger's own table still answers: only refusals are limited
    const me = await s.get('/auth/me').expect(200);
    const ownTable = (me.body.roles as { tableId: string }[])[0].tableId;
    await s.get(`/tables/${ownTable}/situations`).expect(200);
  });

  it("folds the stranger's refusals: each identity probe written, the rest one entry at once and one summary once the minute is over", async () => {
    const before = await entriesOf(f.stranger.id);
    // within this minute on this table: the first list refusal at once, and each of the 10 identity
    // probes (a sensitive route, within the limits) on its own
    expect(before.filter((e) => e.action === 'access.denied')).toHaveLength(11);
    expect(before[0]).toMatchObject({ outcome: 'DENIED', details: { reason: 'not_a_member', route: 'GET /api/v1/tables/:tableId/situations' } });
    expect(before.filter((e) => e.details.route === 'GET /api/v1/situations/:id/identity')).toHaveLength(10);
    t.clock.advance(61_000);
    // the next refusal opens a new minute and writes the summary of the last one
    await api.as(f.stranger.token).get(`/tables/${f.tableId}/situations`);
    const after = await entriesOf(f.stranger.id);
    const summary = after.find((e) => e.details.summary === true);
    expect(summary).toBeDefined();
    // folded: the 9 other list refusals and the export refused past the limit (429)
    expect(summary!.details.count).toBe(10);
    expect(summary!.details.reasons).toEqual({ not_a_member: 10 });
    expect(summary!.details.routes).toEqual({ 'GET /api/v1/tables/:tableId/situations': 9, 'GET /api/v1/tables/:tableId/audit/export.csv': 1 });
    expect(summary!.details.situationIds).toEqual([]);
    expect(after.filter((e) => e.action === 'access.denied')).toHaveLength(13);
  });

  it('flags the prober for the privacy officer, with what the refusals aimed at', async () => {
    // a member without the role tries the audit trail and identity again and again
    for (let i = 0; i < 6; i++) await api.as(f.analyst.token).get(`/tables/${f.tableId}/audit/export.csv`).expect(403);
    // a minute later, the next refusal writes the summary of the five folded ones
    t.clock.advance(61_000);
    await api.as(f.analyst.token).get(`/situations/${situationId}`).expect(403);
    const res = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/anomalies?maxRefusals=5`).expect(200);
    const probing = res.body.flags.filter((x: { kind: string }) => x.kind === 'REPEATED_REFUSALS');
    const stranger = probing.find((x: { actorId: string }) => x.actorId === f.stranger.id);
    const analyst = probing.find((x: { actorId: string }) => x.actorId === f.analyst.id);
    // 1 list at once + 10 identity reads + 10 folded (9 lists, 1 export) + 1 list in the next minute
    expect(stranger).toMatchObject({ count: 22, targets: { identity: 10, foreignData: 11, audit: 1, other: 0 } });
    // the situation read refused in the case test, six exports, the last situation read
    expect(analyst).toMatchObject({ count: 8, targets: { identity: 0, foreignData: 0, audit: 6, other: 2 } });
    // below the threshold, nobody is flagged for the few refusals of ordinary work
    const strict = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/anomalies?maxRefusals=1000`).expect(200);
    expect(strict.body.flags.filter((x: { kind: string }) => x.kind === 'REPEATED_REFUSALS')).toEqual([]);
  });

  it('counts the refusals of a temporary password too: past 30, 429 and no more entries', async () => {
    const email = `${unique('temp')}@example.test`;
    const created = await api.as(f.admin.token).post('/users', { email, displayName: 'Invented Person', password: TEMPORARY_PASSWORD, agencyId: f.agencies.school.id }).expect(201);
    const login = await api.call('post', '/auth/login', undefined, { email, password: TEMPORARY_PASSWORD }).expect(200);
    expect(login.body.passwordChangeRequired).toBe(true);
    const statuses: number[] = [];
    for (let i = 0; i < 34; i++) statuses.push((await api.as(login.body.accessToken).get(`/tables/${f.tableId}/situations`)).status);
    expect(statuses.slice(0, 30).every((x) => x === 403)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429]);
    const entries = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE actor_id = $1 AND action = 'access.denied'`, [created.body.id]);
    expect(entries.rows[0].n).toBe(30);
    // the routes a temporary password may use still answer
    await api.as(login.body.accessToken).get('/auth/me').expect(200);
  });

  it('flags a member whose notes keep matching the stored identity (guesses that hit), the answer unchanged', async () => {
    await api.as(f.reps.police.token).put(`/situations/${situationId}/identity`, IDENTITY).expect(204);
    const guess = (name: string) => api.as(f.coordinator.token).post(`/situations/${situationId}/updates`, { note: `Spoke with ${name} about the lease renewal.` });
    // a lower-case family name the generic detector does not know: only the vault's values refuse it
    const hit1 = await guess(IDENTITY.familyName.toLowerCase());
    const hit2 = await guess(`${IDENTITY.familyName.toLowerCase().slice(0, 5)} ${IDENTITY.familyName.toLowerCase().slice(5)}`);
    expect([hit1.status, hit2.status]).toEqual([422, 422]);
    expect(hit1.body.code).toBe('PII_DETECTED');
    const marked = await owner.query(`SELECT details FROM audit_entries WHERE chain_id = $1 AND actor_id = $2 AND action = 'situation.update' AND outcome = 'DENIED'`, [
      f.tableId,
      f.coordinator.id,
    ]);
    expect(marked.rows.map((r: { details: string }) => JSON.parse(r.details).knownValueMatch)).toEqual([true, true]);
    expect(JSON.stringify(marked.rows)).not.toContain(IDENTITY.familyName.toLowerCase());
    const res = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/anomalies`).expect(200);
    const flagged = res.body.flags.find((x: { kind: string; actorId: string }) => x.kind === 'IDENTITY_GUESSES' && x.actorId === f.coordinator.id);
    expect(flagged).toMatchObject({ count: 2 });
    expect(res.body.flags.some((x: { kind: string; actorId: string }) => x.kind === 'IDENTITY_GUESSES' && x.actorId !== f.coordinator.id)).toBe(false);
  });

  it('counts refusals for want of standing too: a member reading identities of situations not theirs gets 429 past 30', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 33; i++) statuses.push((await api.as(f.reps.school.token).get(`/situations/${situationId}/identity?purposeCode=HOME_VISIT`)).status);
    expect(statuses.slice(0, 30).every((x) => x === 403)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429, 429]);
    const audited = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE actor_id = $1 AND action = 'identity.read' AND outcome = 'DENIED'`, [f.reps.school.id]);
    expect(audited.rows[0].n).toBe(30);
  });
});
