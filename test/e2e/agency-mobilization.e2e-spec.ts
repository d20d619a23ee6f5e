import { Client } from 'pg';
import { QueryRunner } from 'typeorm';
import { AgencyMobilizations1765020000000 } from '../../migrations/1765020000000-AgencyMobilizations';
import { ReportChanges1765230000000 } from '../../migrations/1765230000000-ReportChanges';
import { Api, TableFixture } from '../support/api';
import { walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

/**
 * Issue 16, Filter 4 per agency: each intervening agency records its own mobilisation and the
 * services it connected; the lead's is the situation's (ASSIGNED → MOBILIZED, and its acceptance
 * while its answer is pending); an assisting agency's keeps the status.
 */
describe('Issue 16: mobilisation per agency and the services each connected', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  const now = () => new Date().toISOString();
  const mobilize = (id: string, body: object, token = f.reps.housing.token, headers?: Record<string, string>) =>
    api.as(token).post(`/situations/${id}/mobilization`, { mobilizedAt: now(), ...body }, headers);
  const putServices = (id: string, agencyId: string, services: string[], token = f.reps.health.token, headers?: Record<string, string>) =>
    api.as(token).put(`/situations/${id}/agencies/${agencyId}/services`, { services }, headers);
  const view = async (id: string) => (await api.as(f.coordinator.token).get(`/situations/${id}`).expect(200)).body;
  const rows = async (id: string) =>
    (
      await owner.query(
        `SELECT agency_id, role, services, recorded_by, superseded_at IS NOT NULL AS superseded FROM situation_agency_mobilizations WHERE situation_id = $1 ORDER BY id`,
        [id],
      )
    ).rows;

  it('an assisting agency mobilises first: recorded, status ASSIGNED kept, clock still running; then the lead: MOBILIZED, acceptance recorded', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const before = await view(id);
    expect(before.agencies).toEqual([
      { agencyId: f.agencies.housing.id, role: 'LEAD', mobilizedAt: null, services: [] },
      { agencyId: f.agencies.health.id, role: 'ASSISTING', mobilizedAt: null, services: [] },
    ]);
    expect(before.mobilizationClock).not.toBeNull();

    const at = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    const assisting = await mobilize(id, { mobilizedAt: at, services: ['MEDICAL_HOSPITAL'] }, f.reps.health.token, { 'if-match': `"${before.version}"` }).expect(200);
    expect(assisting.body).toMatchObject({ status: 'ASSIGNED', mobilizedAt: null, services: [], leadAnswer: 'PENDING', version: before.version + 1 });
    expect(assisting.body.mobilizationClock).not.toBeNull();
    expect(assisting.body.agencies[1]).toEqual({ agencyId: f.agencies.health.id, role: 'ASSISTING', mobilizedAt: at, services: ['MEDICAL_HOSPITAL'] });
    expect(assisting.body.agencies[0].mobilizedAt).toBeNull();

    const lead = await mobilize(id, { services: ['HOUSING_SHELTER', 'INCOME_SUPPORT'] }).expect(200);
    expect(lead.body).toMatchObject({ status: 'MOBILIZED', services: ['HOUSING_SHELTER', 'INCOME_SUPPORT'], leadAnswer: 'ACCEPTED', mobilizationClock: null });
    expect(lead.body.leadAnswerDetail).toMatchObject({ answer: 'ACCEPTED', agencyId: f.agencies.housing.id, answeredBy: f.reps.housing.id, reasonCode: null });
    expect(lead.body.agencies.map((a: { mobilizedAt: string | null }) => a.mobilizedAt !== null)).toEqual([true, true]);
    expect(await rows(id)).toEqual([
      { agency_id: f.agencies.health.id, role: 'ASSISTING', services: ['MEDICAL_HOSPITAL'], recorded_by: f.reps.health.id, superseded: false },
      { agency_id: f.agencies.housing.id, role: 'LEAD', services: ['HOUSING_SHELTER', 'INCOME_SUPPORT'], recorded_by: f.reps.housing.id, superseded: false },
    ]);

    const tr = await owner.query(`SELECT action, from_status, to_status, details FROM situation_transitions WHERE situation_id = $1 AND action LIKE 'MOBILIZE%' ORDER BY id`, [id]);
    expect(tr.rows.map((r) => [r.action, r.from_status, r.to_status])).toEqual([
      ['MOBILIZE_AGENCY', 'ASSIGNED', 'ASSIGNED'],
      ['MOBILIZE', 'ASSIGNED', 'MOBILIZED'],
    ]);
    expect(tr.rows[1].details).toMatchObject({ agencyId: f.agencies.housing.id, role: 'LEAD', leadAccepted: true, services: ['HOUSING_SHELTER', 'INCOME_SUPPORT'] });

    // audited with ids and codes only
    const audit = await owner.query(`SELECT outcome, details FROM audit_entries WHERE situation_id = $1 AND action = 'situation.mobilize' ORDER BY seq`, [id]);
    expect(audit.rows.map((r) => [r.outcome, ...['agencyId', 'role', 'to'].map((k) => JSON.parse(r.details)[k])])).toEqual([
      ['SUCCESS', f.agencies.health.id, 'ASSISTING', 'ASSIGNED'],
      ['SUCCESS', f.agencies.housing.id, 'LEAD', 'MOBILIZED'],
    ]);

    // the timeline: one MOBILIZATION entry per agency, with its agency and time
    const timeline = await api.as(f.reps.police.token).get(`/situations/${id}/timeline`).expect(200);
    const mobs = timeline.body.items.filter((e: { kind: string }) => e.kind === 'MOBILIZATION');
    expect(mobs.map((e: { details: { agencyId: string; agencyRole: string; mobilizedAt: string } }) => [e.details.agencyId, e.details.agencyRole])).toEqual([
      [f.agencies.health.id, 'ASSISTING'],
      [f.agencies.housing.id, 'LEAD'],
    ]);
    expect(mobs[0].details.mobilizedAt).toBe(at);
    expect(mobs[1].details.leadAccepted).toBe(true);
  });

  it('an assisting agency mobilises after the lead (status MOBILIZED kept); each agency once per assignment (409); wrong statuses 409', async () => {
    const id = await walkTo(api, f, 'MOBILIZED');
    const again = await mobilize(id, { services: ['HOUSING_SHELTER'] }).expect(409);
    expect(again.body).toMatchObject({ code: 'CONFLICT', details: { reason: 'AGENCY_ALREADY_MOBILIZED' } });
    const fr = await mobilize(id, { services: ['HOUSING_SHELTER'] }, f.reps.housing.token, { 'accept-language': 'fr' }).expect(409);
    expect(fr.body.message).toBe("Cet organisme a déjà inscrit sa mobilisation pour l'attribution en cours.");
    // the old body of a coordinator (no agencyId: the lead's) is the lead's, already recorded
    await mobilize(id, { services: ['HOUSING_SHELTER'] }, f.coordinator.token).expect(409);
    // 409 before the content: an invalid body gets the same answer
    await mobilize(id, { services: ['NOT_A_SERVICE'] }).expect(409);

    const assisting = await mobilize(id, { services: ['MENTAL_HEALTH'] }, f.reps.health.token).expect(200);
    expect(assisting.body.status).toBe('MOBILIZED');
    expect(assisting.body.services).toEqual(['HOUSING_SHELTER']);
    expect(assisting.body.agencies[1]).toMatchObject({ role: 'ASSISTING', services: ['MENTAL_HEALTH'] });
    await mobilize(id, { services: ['MENTAL_HEALTH'] }, f.reps.health.token).expect(409);

    for (const status of ['ACCEPTED', 'CLOSED', 'SUBMITTED'] as const) {
      const other = await walkTo(api, f, status);
      const res = await mobilize(other, { services: ['MENTAL_HEALTH'] }, f.reps.health.token).expect(status === 'SUBMITTED' || status === 'ACCEPTED' ? 403 : 409);
      if (res.status === 409) expect(res.body.code).toBe('INVALID_TRANSITION');
      await mobilize(other, { agencyId: f.agencies.health.id, services: ['MENTAL_HEALTH'] }, f.coordinator.token).expect(409);
    }
  });

  it('a non-intervening agency is refused (403, audited); a representative records only its own agency (403); strangers 404; a stale If-Match 409', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await mobilize(id, { services: ['POLICE'] }, f.reps.police.token).expect(403);
    await mobilize(id, { services: ['NOT_A_SERVICE'] }, f.reps.school.token).expect(403);
    // the assisting agency's representative names the lead: 403 whatever the rest holds
    await mobilize(id, { agencyId: f.agencies.housing.id, services: ['MENTAL_HEALTH'] }, f.reps.health.token).expect(403);
    await mobilize(id, { agencyId: 'not-a-uuid', services: [] }, f.reps.health.token).expect(403);
    for (const who of [f.privacy, f.analyst]) await mobilize(id, { services: ['POLICE'] }, who.token).expect(403);
    await mobilize(id, { services: ['POLICE'] }, f.stranger.token).expect(404);
    const denied = await owner.query(`SELECT details FROM audit_entries WHERE situation_id = $1 AND action = 'situation.mobilize' AND outcome = 'DENIED'`, [id]);
    expect(denied.rows.length).toBeGreaterThanOrEqual(4);
    expect(denied.rows.map((r) => JSON.parse(r.details).reason)).toContain('records only its own agency');
    // its own agency named explicitly is fine
    const stale = await mobilize(id, { agencyId: f.agencies.health.id, services: ['MENTAL_HEALTH'] }, f.reps.health.token, { 'if-match': '"99"' }).expect(409);
    expect(stale.body.code).toBe('VERSION_MISMATCH');
    await mobilize(id, { agencyId: f.agencies.health.id, services: ['MENTAL_HEALTH'] }, f.reps.health.token).expect(200);
    expect(await rows(id)).toHaveLength(1);
  });

  it('a coordinator records any agency: the named one, or the lead without agencyId (the old body), which accepts for it; an agency outside the assignment 400', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const school = await mobilize(id, { agencyId: f.agencies.school.id, services: ['EDUCATION_SUPPORT'] }, f.coordinator.token).expect(400);
    expect(school.body.details.fields.map((x: { field: string }) => x.field)).toEqual(['agencyId']);
    const fr = await mobilize(id, { agencyId: f.agencies.school.id, services: ['EDUCATION_SUPPORT'] }, f.coordinator.token, { 'accept-language': 'fr' }).expect(400);
    expect(fr.body.details.fields[0].problem).toBe("Ce doit être l'organisme responsable ou un organisme d'appui de l'attribution en cours.");

    const assisting = await mobilize(id, { agencyId: f.agencies.health.id, services: ['MENTAL_HEALTH'] }, f.coordinator.token).expect(200);
    expect(assisting.body).toMatchObject({ status: 'ASSIGNED', leadAnswer: 'PENDING' });
    // the body of before issue 16: the lead's mobilisation, the situation MOBILIZED, the lead's acceptance recorded
    const lead = await api
      .as(f.coordinator.token)
      .post(`/situations/${id}/mobilization`, { mobilizedAt: now(), services: ['HOUSING_SHELTER'] })
      .expect(200);
    expect(lead.body).toMatchObject({ status: 'MOBILIZED', services: ['HOUSING_SHELTER'], leadAnswer: 'ACCEPTED' });
    expect(lead.body.leadAnswerDetail).toMatchObject({ agencyId: f.agencies.housing.id, answeredBy: f.coordinator.id });
    expect((await rows(id)).map((r) => [r.agency_id, r.role, r.recorded_by])).toEqual([
      [f.agencies.health.id, 'ASSISTING', f.coordinator.id],
      [f.agencies.housing.id, 'LEAD', f.coordinator.id],
    ]);
  });

  it('a lead that accepted before keeps its answer; the mobilisation records no second acceptance', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const accepted = await api.as(f.reps.housing.token).post(`/situations/${id}/lead-answer`, { answer: 'ACCEPT' }).expect(200);
    const res = await mobilize(id, { services: ['HOUSING_SHELTER'] }).expect(200);
    expect(res.body.leadAnswerDetail.answeredAt).toBe(accepted.body.leadAnswerDetail.answeredAt);
    const tr = await owner.query(`SELECT details FROM situation_transitions WHERE situation_id = $1 AND action = 'MOBILIZE'`, [id]);
    expect(tr.rows[0].details.leadAccepted).toBeUndefined();
  });

  it('services: the agency (or a coordinator) changes those it connected after mobilising; audited with codes; on the timeline', async () => {
    const id = await walkTo(api, f, 'MOBILIZED');
    // not mobilised yet: 409; another agency's representative: 403; not a UUID: 404
    const notYet = await putServices(id, f.agencies.health.id, ['MENTAL_HEALTH']).expect(409);
    expect(notYet.body.details.reason).toBe('AGENCY_NOT_MOBILIZED');
    await putServices(id, f.agencies.housing.id, ['MENTAL_HEALTH']).expect(403);
    await putServices(id, f.agencies.housing.id, ['MENTAL_HEALTH'], f.reps.police.token).expect(403);
    await putServices(id, 'nope', ['MENTAL_HEALTH'], f.coordinator.token).expect(404);
    await putServices(id, f.agencies.school.id, ['MENTAL_HEALTH'], f.coordinator.token).expect(409);

    await mobilize(id, { services: ['MENTAL_HEALTH'] }, f.reps.health.token).expect(200);
    await putServices(id, f.agencies.health.id, []).expect(400);
    await putServices(id, f.agencies.health.id, ['NOT_A_SERVICE']).expect(400);
    const v = (await view(id)).version;
    await putServices(id, f.agencies.health.id, ['MENTAL_HEALTH', 'COUNSELLING'], f.reps.health.token, { 'if-match': `"${v - 1}"` }).expect(409);
    const changed = await putServices(id, f.agencies.health.id, ['MENTAL_HEALTH', 'COUNSELLING'], f.reps.health.token, { 'if-match': `"${v}"` }).expect(200);
    expect(changed.body).toMatchObject({ status: 'MOBILIZED', version: v + 1, services: ['HOUSING_SHELTER'] });
    expect(changed.body.agencies[1]).toMatchObject({ agencyId: f.agencies.health.id, services: ['MENTAL_HEALTH', 'COUNSELLING'] });

    // the lead's services, changed by a coordinator, are the situation's
    const lead = await putServices(id, f.agencies.housing.id, ['INCOME_SUPPORT'], f.coordinator.token).expect(200);
    expect(lead.body.services).toEqual(['INCOME_SUPPORT']);
    expect(lead.body.agencies[0].services).toEqual(['INCOME_SUPPORT']);

    const audit = await owner.query(`SELECT details FROM audit_entries WHERE situation_id = $1 AND action = 'situation.services' AND outcome = 'SUCCESS' ORDER BY seq`, [id]);
    expect(JSON.parse(audit.rows[0].details)).toMatchObject({
      agencyId: f.agencies.health.id,
      role: 'ASSISTING',
      services: ['MENTAL_HEALTH', 'COUNSELLING'],
      added: ['COUNSELLING'],
      removed: [],
    });
    expect(JSON.parse(audit.rows[1].details)).toMatchObject({ agencyId: f.agencies.housing.id, added: ['INCOME_SUPPORT'], removed: ['HOUSING_SHELTER'] });
    const denied = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE situation_id = $1 AND action = 'situation.services' AND outcome = 'DENIED'`, [id]);
    expect(denied.rows[0].n).toBeGreaterThanOrEqual(2);

    const timeline = await api.as(f.coordinator.token).get(`/situations/${id}/timeline`).expect(200);
    const services = timeline.body.items.filter((e: { kind: string }) => e.kind === 'SERVICES');
    expect(services.map((e: { details: object }) => e.details)).toEqual([
      { agencyId: f.agencies.health.id, agencyRole: 'ASSISTING', services: ['MENTAL_HEALTH', 'COUNSELLING'], added: ['COUNSELLING'], removed: [] },
      { agencyId: f.agencies.housing.id, agencyRole: 'LEAD', services: ['INCOME_SUPPORT'], added: ['INCOME_SUPPORT'], removed: ['HOUSING_SHELTER'] },
    ]);

    // closed: no more changes
    await api.as(f.coordinator.token).post(`/situations/${id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
    const closed = await putServices(id, f.agencies.health.id, ['MENTAL_HEALTH']).expect(409);
    expect(closed.body.code).toBe('INVALID_TRANSITION');
  });

  it('a reassignment starts afresh: the former rows are history, an agency no longer in it loses its standing, each mobilises again', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await mobilize(id, { services: ['MENTAL_HEALTH'] }, f.reps.health.token).expect(200);
    const re = await api
      .as(f.coordinator.token)
      .post(`/situations/${id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.school.id] })
      .expect(200);
    expect(re.body.agencies).toEqual([
      { agencyId: f.agencies.housing.id, role: 'LEAD', mobilizedAt: null, services: [] },
      { agencyId: f.agencies.school.id, role: 'ASSISTING', mobilizedAt: null, services: [] },
    ]);
    expect((await rows(id)).map((r) => [r.agency_id, r.superseded])).toEqual([[f.agencies.health.id, true]]);
    // health is no longer intervening: neither its mobilisation nor its services
    await mobilize(id, { services: ['MENTAL_HEALTH'] }, f.reps.health.token).expect(403);
    await putServices(id, f.agencies.health.id, ['COUNSELLING']).expect(403);

    await mobilize(id, { services: ['EDUCATION_SUPPORT'] }, f.reps.school.token).expect(200);
    const lead = await mobilize(id, { services: ['HOUSING_SHELTER'] }).expect(200);
    expect(lead.body.status).toBe('MOBILIZED');

    // a mobilised situation reassigned to a new lead: still MOBILIZED; the new lead records its own without changing the status
    const moved = await api
      .as(f.coordinator.token)
      .post(`/situations/${id}/assignment`, { leadAgencyId: f.agencies.police.id, assistingAgencyIds: [f.agencies.housing.id] })
      .expect(200);
    expect(moved.body).toMatchObject({ status: 'MOBILIZED', leadAnswer: 'PENDING' });
    expect(moved.body.agencies.every((a: { mobilizedAt: string | null }) => a.mobilizedAt === null)).toBe(true);
    const mobilizedAt = moved.body.mobilizedAt;
    const police = await mobilize(id, { services: ['POLICE'] }, f.reps.police.token).expect(200);
    expect(police.body).toMatchObject({ status: 'MOBILIZED', mobilizedAt, services: ['POLICE'], leadAnswer: 'ACCEPTED' });
    const tr = await owner.query(`SELECT action, to_status FROM situation_transitions WHERE situation_id = $1 ORDER BY id DESC LIMIT 1`, [id]);
    expect(tr.rows[0]).toEqual({ action: 'MOBILIZE_AGENCY', to_status: 'MOBILIZED' });
    // the former assignment's rows are kept, superseded
    expect((await rows(id)).map((r) => r.superseded)).toEqual([true, true, true, false]);
  });

  it("the lead's decline ends the assignment's mobilisations too", async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await mobilize(id, { services: ['MENTAL_HEALTH'] }, f.reps.health.token).expect(200);
    const declined = await api.as(f.reps.housing.token).post(`/situations/${id}/lead-answer`, { answer: 'DECLINE', reasonCode: 'CAPACITY' }).expect(200);
    expect(declined.body.agencies).toEqual([]);
    expect((await rows(id)).map((r) => r.superseded)).toEqual([true]);
  });

  it('lists carry the agencies; the minutes list one mobilisation per agency', async () => {
    const meeting = await api.as(f.coordinator.token).post(`/tables/${f.tableId}/meetings`, { scheduledFor: now(), kind: 'REGULAR' }).expect(201);
    const id = await walkTo(api, f, 'ASSIGNED');
    await mobilize(id, { services: ['MENTAL_HEALTH'], meetingId: meeting.body.id }, f.reps.health.token).expect(200);
    await mobilize(id, { services: ['HOUSING_SHELTER'], meetingId: meeting.body.id }).expect(200);
    const list = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/situations?status=MOBILIZED&limit=200`).expect(200);
    const item = list.body.items.find((s: { id: string }) => s.id === id);
    expect(item.agencies.map((a: { role: string; services: string[] }) => [a.role, a.services])).toEqual([
      ['LEAD', ['HOUSING_SHELTER']],
      ['ASSISTING', ['MENTAL_HEALTH']],
    ]);
    const minutes = await api.as(f.coordinator.token).post(`/meetings/${meeting.body.id}/close`).expect(200);
    expect(minutes.body.mobilizations.filter((m: { situationId: string }) => m.situationId === id).map((m: { agencyId: string; role: string }) => [m.agencyId, m.role])).toEqual([
      [f.agencies.health.id, 'ASSISTING'],
      [f.agencies.housing.id, 'LEAD'],
    ]);
  });

  // Last: it drops and recreates the table in this suite's own database.
  it('the migration: a situation mobilised before it gets its lead row (superseded when reassigned since); others none', async () => {
    const kept = await walkTo(api, f, 'MOBILIZED');
    const moved = await walkTo(api, f, 'MOBILIZED');
    await api.as(f.coordinator.token).post(`/situations/${moved}/assignment`, { leadAgencyId: f.agencies.school.id, assistingAgencyIds: [] }).expect(200);
    const assigned = await walkTo(api, f, 'ASSIGNED');
    const runner = { query: (sql: string) => owner.query(sql) } as unknown as QueryRunner;
    await new AgencyMobilizations1765020000000().down(runner);
    await new AgencyMobilizations1765020000000().up(runner);
    // the table recreated lost the change log's triggers (a later migration's): put them back for the suites after this one on this database
    await new ReportChanges1765230000000().down(runner);
    await new ReportChanges1765230000000().up(runner);
    const triggers = await owner.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = 'situation_agency_mobilizations'::regclass AND tgname LIKE 'report_changes_%'`);
    expect(triggers.rows[0].n).toBe(4);
    // the grants the server applies at start, for the table recreated
    const role = new URL(t.appUrl).username;
    await owner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON situation_agency_mobilizations TO "${role}"; GRANT SELECT, INSERT, DELETE ON report_changes TO "${role}"; GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "${role}"`,
    );
    const migrated = await owner.query(
      `SELECT situation_id, agency_id, role, services, recorded_by, superseded_at IS NOT NULL AS superseded FROM situation_agency_mobilizations WHERE situation_id = ANY($1::uuid[])`,
      [[kept, moved, assigned]],
    );
    const bySituation = new Map(migrated.rows.map((r) => [r.situation_id, r]));
    expect(migrated.rows).toHaveLength(2);
    expect(bySituation.get(kept)).toMatchObject({
      agency_id: f.agencies.housing.id,
      role: 'LEAD',
      services: ['HOUSING_SHELTER'],
      recorded_by: f.reps.housing.id,
      superseded: false,
    });
    expect(bySituation.get(moved)).toMatchObject({ agency_id: f.agencies.housing.id, role: 'LEAD', superseded: true });
    const v = await view(kept);
    expect(v.agencies[0]).toMatchObject({ agencyId: f.agencies.housing.id, role: 'LEAD', services: ['HOUSING_SHELTER'] });
    expect(v.agencies[0].mobilizedAt).toBe(v.mobilizedAt);
    await mobilize(kept, { services: ['HOUSING_SHELTER'] }).expect(409);
  });
});
