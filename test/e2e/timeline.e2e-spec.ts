import { Client } from 'pg';
import { Api, TableFixture } from '../support/api';
import { IDENTITY, submit, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

interface Entry {
  at: string;
  kind: string;
  agencyId: string | null;
  agencyName?: string;
  meetingId?: string;
  details: Record<string, unknown>;
}

/**
 * A situation's timeline (GET /situations/:id/timeline), its status updates (GET
 * /situations/:id/updates) and a user's own identity reads (GET /auth/me/identity-reads). Every
 * answer is validated against the served OpenAPI document (closed schemas) by the Api helper.
 */
describe('timeline, status updates and my own identity reads', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  /** Every entry of a timeline, page by page. */
  async function wholeTimeline(token: string, id: string, limit?: number): Promise<{ entries: Entry[]; pages: number }> {
    const entries: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string[] = [];
      if (limit) q.push(`limit=${limit}`);
      if (cursor) q.push(`cursor=${cursor}`);
      const res = await api
        .as(token)
        .get(`/situations/${id}/timeline${q.length ? `?${q.join('&')}` : ''}`)
        .expect(200);
      entries.push(...(res.body.items as Entry[]));
      cursor = res.body.nextCursor as string | null;
      pages++;
    } while (cursor);
    return { entries, pages };
  }

  it('tells the whole lifecycle in order, each step with its agency, time and details, the assignment time included', async () => {
    const c = api.as(f.coordinator.token);
    const meeting = await c.post(`/tables/${f.tableId}/meetings`, { scheduledFor: new Date(Date.now() + 3_600_000).toISOString(), kind: 'REGULAR' }).expect(201);
    const s = await submit(api, f);
    await c.post(`/situations/${s.id}/decision`, { outcome: 'AER', rationale: 'Meets the threshold; four agencies involved.', meetingId: meeting.body.id }).expect(200);
    await c.post(`/situations/${s.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id], meetingId: meeting.body.id }).expect(200);
    const mobilizedAt = new Date().toISOString();
    await api
      .as(f.reps.housing.token)
      .post(`/situations/${s.id}/mobilization`, { mobilizedAt, services: ['HOUSING_SHELTER', 'MENTAL_HEALTH'] })
      .expect(200);
    // the assisting agency mobilises too, then connects another service (issue 16: one entry each)
    await api
      .as(f.reps.health.token)
      .post(`/situations/${s.id}/mobilization`, { mobilizedAt, services: ['MEDICAL_HOSPITAL'] })
      .expect(200);
    await api
      .as(f.reps.health.token)
      .put(`/situations/${s.id}/agencies/${f.agencies.health.id}/services`, { services: ['MEDICAL_HOSPITAL', 'COUNSELLING'] })
      .expect(200);
    await api.as(f.reps.health.token).post(`/situations/${s.id}/updates`, { note: 'Joint visit done; connected to shelter intake.' }).expect(201);
    await api.as(f.reps.housing.token).post(`/situations/${s.id}/updates`, { note: 'Second visit booked for next week.', meetingId: meeting.body.id }).expect(201);
    // each agency's work (issue 16): an action planned then done, a contact attempt
    const action = await api.as(f.reps.housing.token).post(`/situations/${s.id}/actions`, { description: 'Book the shelter intake.', dueDate: '2026-12-20' }).expect(201);
    const attemptedAt = new Date().toISOString();
    await api.as(f.reps.health.token).post(`/situations/${s.id}/contact-attempts`, { attemptedAt, outcome: 'REACHED' }).expect(201);
    await api.as(f.reps.housing.token).patch(`/situations/${s.id}/actions/${action.body.id}`, { status: 'DONE' }).expect(200);
    await c.post(`/situations/${s.id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);

    const { entries } = await wholeTimeline(f.reps.school.token, s.id);
    expect(entries.map((e) => e.kind)).toEqual([
      'INTAKE',
      'DECISION',
      'ASSIGNMENT',
      'MOBILIZATION',
      'MOBILIZATION',
      'SERVICES',
      'UPDATE',
      'UPDATE',
      'ACTION',
      'CONTACT_ATTEMPT',
      'ACTION',
      'CLOSURE',
    ]);
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const agencies = await owner.query('SELECT id, name FROM agencies WHERE id = ANY($1::uuid[])', [[f.agencies.police.id, f.agencies.health.id, f.agencies.housing.id]]);
    const name = (id: string) => agencies.rows.find((r) => r.id === id).name as string;
    const [intake, decision, assignment, mobilization, assisting, services, update1, update2, planned, attempt, done, closure] = entries;
    expect(planned).toMatchObject({
      agencyId: f.agencies.housing.id,
      agencyName: name(f.agencies.housing.id),
      details: { actionId: action.body.id, actionStatus: 'PLANNED', dueDate: '2026-12-20' },
    });
    expect(attempt).toMatchObject({ agencyId: f.agencies.health.id, details: { attemptedAt, contactOutcome: 'REACHED' } });
    expect(done).toMatchObject({ agencyId: f.agencies.housing.id, details: { actionId: action.body.id, actionStatus: 'DONE', reasonCode: null } });
    expect(intake).toMatchObject({ kind: 'INTAKE', agencyId: f.agencies.police.id, agencyName: name(f.agencies.police.id), details: {} });
    // the coordinator sits for health: the acting agency, never the user
    expect(decision).toMatchObject({
      agencyId: f.agencies.health.id,
      agencyName: name(f.agencies.health.id),
      meetingId: meeting.body.id,
      details: { outcome: 'AER', againstAdvice: false, rationale: 'Meets the threshold; four agencies involved.' },
    });
    const situation = await owner.query('SELECT assigned_at, decided_at FROM situations WHERE id = $1', [s.id]);
    expect(assignment).toMatchObject({
      at: situation.rows[0].assigned_at.toISOString(),
      meetingId: meeting.body.id,
      details: { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id], reassignment: false, previousLeadAgencyId: null },
    });
    expect(decision.at).toBe(situation.rows[0].decided_at.toISOString());
    expect(mobilization).toMatchObject({
      agencyId: f.agencies.housing.id,
      details: { mobilizedAt, services: ['HOUSING_SHELTER', 'MENTAL_HEALTH'], agencyId: f.agencies.housing.id, agencyRole: 'LEAD', leadAccepted: true },
    });
    expect(assisting).toMatchObject({
      agencyId: f.agencies.health.id,
      details: { mobilizedAt, services: ['MEDICAL_HOSPITAL'], agencyId: f.agencies.health.id, agencyRole: 'ASSISTING' },
    });
    expect(services).toMatchObject({
      agencyId: f.agencies.health.id,
      details: { agencyId: f.agencies.health.id, services: ['MEDICAL_HOSPITAL', 'COUNSELLING'], added: ['COUNSELLING'], removed: [] },
    });
    expect(update1).toMatchObject({ agencyId: f.agencies.health.id, details: { note: 'Joint visit done; connected to shelter intake.' } });
    // posted without a meetingId within the hour before the meeting: it belongs to the meeting in progress (issue 16)
    expect(update1.meetingId).toBe(meeting.body.id);
    expect(update2).toMatchObject({ agencyId: f.agencies.housing.id, meetingId: meeting.body.id, details: { note: 'Second visit booked for next week.' } });
    expect(closure).toMatchObject({ agencyId: f.agencies.health.id, details: { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' } });
    // no user is named anywhere, only agencies
    for (const member of [f.coordinator, f.reps.housing, f.reps.health, f.reps.police]) expect(JSON.stringify(entries)).not.toContain(member.id);

    // the status updates, rereadable by themselves
    const updates = await api.as(f.privacy.token).get(`/situations/${s.id}/updates`).expect(200);
    expect(updates.body.items.map((u: { note: string }) => u.note)).toEqual(['Joint visit done; connected to shelter intake.', 'Second visit booked for next week.']);
    expect(updates.body.items[1]).toMatchObject({ situationId: s.id, authorAgencyId: f.agencies.housing.id, meetingId: meeting.body.id });
    expect(updates.body.nextCursor).toBeNull();
  });

  it('pages oldest first with a cursor (default 50, at most 200), the same entries as one page', async () => {
    const id = await walkTo(api, f, 'MOBILIZED');
    for (let i = 1; i <= 6; i++)
      await api
        .as(f.reps.housing.token)
        .post(`/situations/${id}/updates`, { note: `Follow-up number ${i} done.` })
        .expect(201);
    const all = await wholeTimeline(f.coordinator.token, id);
    expect(all.pages).toBe(1);
    expect(all.entries).toHaveLength(10); // intake, decision, assignment, mobilisation, six updates
    const paged = await wholeTimeline(f.coordinator.token, id, 3);
    expect(paged.pages).toBe(4);
    expect(paged.entries).toEqual(all.entries);
    expect(paged.entries.filter((e) => e.kind === 'UPDATE').map((e) => e.details.note)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `Follow-up number ${i} done.`));
    const first = await api.as(f.coordinator.token).get(`/situations/${id}/updates?limit=4`).expect(200);
    expect(first.body.items).toHaveLength(4);
    const rest = await api.as(f.coordinator.token).get(`/situations/${id}/updates?limit=4&cursor=${first.body.nextCursor}`).expect(200);
    expect(rest.body.items.map((u: { note: string }) => u.note)).toEqual(['Follow-up number 5 done.', 'Follow-up number 6 done.']);
    expect(rest.body.nextCursor).toBeNull();
    await api.as(f.coordinator.token).get(`/situations/${id}/timeline?limit=201`).expect(400);
    await api.as(f.coordinator.token).get(`/situations/${id}/timeline?limit=0`).expect(400);
    await api.as(f.coordinator.token).get(`/situations/${id}/timeline?cursor=bm90LWEtY3Vyc29y`).expect(400);
    // a forged cursor: its sort key is not one the timeline gives
    const forged = Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', "t' OR 1=1"]), 'utf8').toString('base64url');
    await api.as(f.coordinator.token).get(`/situations/${id}/timeline?cursor=${forged}`).expect(400);
  });

  it('follows the situation read rules: any case role of the table, 403 for analysts, 404 at another table, 401 without a token; and is audited', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    // school is not involved, yet reads the situation as a member of the table: the timeline too
    const read = await api.as(f.reps.school.token).get(`/situations/${id}`).expect(200);
    expect(read.body.id).toBe(id);
    await api.as(f.reps.school.token).get(`/situations/${id}/timeline`).expect(200);
    await api.as(f.privacy.token).get(`/situations/${id}/timeline`).expect(200);
    await api.as(f.analyst.token).get(`/situations/${id}`).expect(403);
    await api.as(f.analyst.token).get(`/situations/${id}/timeline`).expect(403);
    await api.as(f.analyst.token).get(`/situations/${id}/updates`).expect(403);
    await api.as(f.stranger.token).get(`/situations/${id}/timeline`).expect(404);
    await api.as(f.stranger.token).get(`/situations/${id}/updates`).expect(404);
    await api.as(f.coordinator.token).get(`/situations/7d0c5c1e-2b7a-4c53-9f0e-5a4bb1f0c0ff/timeline`).expect(404);
    const malformed = (await api.as(f.coordinator.token).get('/situations/not-a-uuid')).status;
    await api.as(f.coordinator.token).get(`/situations/not-a-uuid/timeline`).expect(malformed);
    await api.as().get(`/situations/${id}/timeline`).expect(401);

    const audit = await owner.query(
      `SELECT action, actor_id, outcome FROM audit_entries WHERE chain_id = $1 AND situation_id = $2 AND action LIKE 'situation.%.read' ORDER BY seq`,
      [f.tableId, id],
    );
    expect(audit.rows).toEqual([
      { action: 'situation.timeline.read', actor_id: f.reps.school.id, outcome: 'SUCCESS' },
      { action: 'situation.timeline.read', actor_id: f.privacy.id, outcome: 'SUCCESS' },
    ]);
    const refusals = await owner.query(`SELECT actor_id FROM audit_entries WHERE chain_id = $1 AND situation_id = $2 AND action = 'access.denied' AND outcome = 'DENIED'`, [
      f.tableId,
      id,
    ]);
    expect(refusals.rows.map((r) => r.actor_id)).toContain(f.analyst.id);
    await api.as(f.coordinator.token).get(`/situations/${id}/updates`).expect(200);
    const updatesRead = await owner.query(`SELECT actor_id FROM audit_entries WHERE chain_id = $1 AND situation_id = $2 AND action = 'situation.updates.read'`, [f.tableId, id]);
    expect(updatesRead.rows).toEqual([{ actor_id: f.coordinator.id }]);
  });

  it('keeps only the stub of a rejected or withdrawn referral: no narrative, no codes, no updates', async () => {
    const rejected = await walkTo(api, f, 'REJECTED');
    const r = await wholeTimeline(f.reps.police.token, rejected);
    expect(r.entries.map((e) => e.kind)).toEqual(['INTAKE', 'DECISION']);
    expect(r.entries[1].details).toEqual({ outcome: 'NOT_AER', againstAdvice: true, rationale: 'The table finds a single agency can respond to this.' });
    const text = JSON.stringify(r.entries);
    for (const secret of ['living in his vehicle', 'ALCOHOL_PERSON_ABUSE', '40-59', 'MAN']) expect(text).not.toContain(secret);

    const withdrawn = await walkTo(api, f, 'WITHDRAWN');
    const w = await wholeTimeline(f.coordinator.token, withdrawn);
    expect(w.entries.map((e) => [e.kind, e.agencyId])).toEqual([
      ['INTAKE', f.agencies.police.id],
      ['WITHDRAWAL', f.agencies.police.id],
    ]);
    expect(JSON.stringify(w.entries)).not.toContain('living in his vehicle');
    const updates = await api.as(f.coordinator.token).get(`/situations/${withdrawn}/updates`).expect(200);
    expect(updates.body).toEqual({ items: [], nextCursor: null });
  });

  it("lists a user's own identity reads, newest first, with the situation's reference and purpose, never the identity; nobody else's", async () => {
    const s = await submit(api, f);
    const c = api.as(f.coordinator.token);
    await c.post(`/situations/${s.id}/decision`, { outcome: 'AER', rationale: 'Meets the threshold.' }).expect(200);
    await c.post(`/situations/${s.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id] }).expect(200);
    await api.as(f.reps.police.token).put(`/situations/${s.id}/identity`, IDENTITY).expect(204);
    await api.as(f.reps.housing.token).get(`/situations/${s.id}/identity?purposeCode=HOME_VISIT&purpose=plan+joint+visit`).expect(200);
    await api.as(f.reps.housing.token).get(`/situations/${s.id}/identity?purposeCode=SAFETY_PLANNING`).expect(200);
    // a refused read (school has no standing) is the school rep's, not the housing rep's
    await api.as(f.reps.school.token).get(`/situations/${s.id}/identity?purposeCode=OTHER&purpose=just+curious+here`).expect(403);

    const mine = await api.as(f.reps.housing.token).get('/auth/me/identity-reads').expect(200);
    const ofThis = mine.body.items.filter((i: { situationId: string }) => i.situationId === s.id);
    expect(ofThis).toEqual([
      { at: expect.any(String), situationId: s.id, reference: s.reference, tableId: f.tableId, purposeCode: 'SAFETY_PLANNING', purposeNote: null, outcome: 'SUCCESS' },
      { at: expect.any(String), situationId: s.id, reference: s.reference, tableId: f.tableId, purposeCode: 'HOME_VISIT', purposeNote: 'plan joint visit', outcome: 'SUCCESS' },
    ]);
    expect(Date.parse(ofThis[0].at)).toBeGreaterThanOrEqual(Date.parse(ofThis[1].at));
    const text = JSON.stringify(mine.body);
    for (const v of [IDENTITY.givenName, IDENTITY.familyName, IDENTITY.dateOfBirth, IDENTITY.address, IDENTITY.phone]) expect(text).not.toContain(v);

    const school = await api.as(f.reps.school.token).get('/auth/me/identity-reads').expect(200);
    expect(school.body.items.filter((i: { situationId: string }) => i.situationId === s.id)).toEqual([
      { at: expect.any(String), situationId: s.id, reference: s.reference, tableId: f.tableId, purposeCode: 'OTHER', purposeNote: null, outcome: 'DENIED' },
    ]);
    const police = await api.as(f.reps.police.token).get('/auth/me/identity-reads').expect(200);
    expect(police.body.items.some((i: { situationId: string }) => i.situationId === s.id)).toBe(false);
    // an administrator holds no table role: nothing to list
    const admin = await api.as(f.admin.token).get('/auth/me/identity-reads').expect(200);
    expect(admin.body).toEqual({ items: [], nextCursor: null });
    await api.as().get('/auth/me/identity-reads').expect(401);

    // paged newest first
    const one = await api.as(f.reps.housing.token).get('/auth/me/identity-reads?limit=1').expect(200);
    expect(one.body.items[0].purposeCode).toBe('SAFETY_PLANNING');
    const next = await api.as(f.reps.housing.token).get(`/auth/me/identity-reads?limit=1&cursor=${one.body.nextCursor}`).expect(200);
    expect(next.body.items[0].purposeCode).toBe('HOME_VISIT');
    await api.as(f.reps.housing.token).get('/auth/me/identity-reads?cursor=bm90LWEtY3Vyc29y').expect(400);

    // the listing is itself audited, on the system chain (it spans tables)
    const audit = await owner.query(`SELECT actor_id, details FROM audit_entries WHERE chain_id = 'system' AND action = 'me.identity_reads' AND actor_id = $1 ORDER BY seq`, [
      f.reps.housing.id,
    ]);
    expect(audit.rows.length).toBe(3);
    expect(JSON.parse(audit.rows[0].details)).toEqual({ tables: 1, returned: mine.body.items.length });
    void t;
  });
});
