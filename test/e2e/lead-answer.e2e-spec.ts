import { Client } from 'pg';
import { MeetingService } from '../../src/modules/meetings/meeting.service';
import { Api, TableFixture } from '../support/api';
import { IDENTITY, submit, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

const READ = '?purposeCode=HOME_VISIT&purpose=plan+joint+visit';

describe('Issue 16: the lead agency accepts or declines its lead', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  const answer = (id: string, body: object, token = f.reps.housing.token, headers?: Record<string, string>) => api.as(token).post(`/situations/${id}/lead-answer`, body, headers);
  const assign = (id: string, lead: string, assisting: string[] = []) =>
    api.as(f.coordinator.token).post(`/situations/${id}/assignment`, { leadAgencyId: lead, assistingAgencyIds: assisting });

  it('a new lead is PENDING; the lead accepts: stays ASSIGNED, answer recorded with time and agency, audited', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const before = await api.as(f.coordinator.token).get(`/situations/${id}`).expect(200);
    expect(before.body).toMatchObject({ leadAnswer: 'PENDING', leadAnswerOverdue: false, leadAnswerDetail: null });
    expect(before.body.leadAssignedAt).toEqual(expect.any(String));

    const res = await answer(id, { answer: 'ACCEPT', note: 'Outreach worker takes it from Monday.' }, f.reps.housing.token, { 'if-match': `"${before.body.version}"` }).expect(200);
    expect(res.body).toMatchObject({ status: 'ASSIGNED', leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id], leadAnswer: 'ACCEPTED' });
    expect(res.body.leadAnswerDetail).toMatchObject({
      answer: 'ACCEPTED',
      agencyId: f.agencies.housing.id,
      reasonCode: null,
      note: 'Outreach worker takes it from Monday.',
      answeredBy: f.reps.housing.id,
    });
    const tr = await owner.query(`SELECT action, from_status, to_status, actor_agency_id, details FROM situation_transitions WHERE situation_id = $1 ORDER BY id DESC LIMIT 1`, [
      id,
    ]);
    expect(tr.rows[0]).toMatchObject({ action: 'ACCEPT_LEAD', from_status: 'ASSIGNED', to_status: 'ASSIGNED', actor_agency_id: f.agencies.housing.id });
    expect(tr.rows[0].details).toMatchObject({ answer: 'ACCEPTED', leadAgencyId: f.agencies.housing.id, reasonCode: null });
    const audit = await owner.query(`SELECT outcome FROM audit_entries WHERE situation_id = $1 AND action = 'situation.lead_answer'`, [id]);
    expect(audit.rows).toEqual([{ outcome: 'SUCCESS' }]);

    // answering twice: 409 with its reason, translated
    const twice = await answer(id, { answer: 'DECLINE', reasonCode: 'CAPACITY' }).expect(409);
    expect(twice.body).toMatchObject({ code: 'CONFLICT', details: { reason: 'LEAD_ALREADY_ANSWERED' } });
    const fr = await answer(id, { answer: 'ACCEPT' }, f.reps.housing.token, { 'accept-language': 'fr' }).expect(409);
    expect(fr.body.message).toBe("L'organisme responsable a déjà répondu à cette attribution.");
  });

  it('a decline with a reason returns it to ACCEPTED without a lead; the coordinator reassigns; identity standing follows the lead', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    await api.as(f.reps.housing.token).get(`/situations/${id}/identity${READ}`).expect(200);

    const declined = await answer(id, { answer: 'DECLINE', reasonCode: 'MANDATE', note: 'Housing loss is not the main risk here.' }).expect(200);
    expect(declined.body).toMatchObject({ status: 'ACCEPTED', leadAgencyId: null, assistingAgencyIds: [], leadAnswer: 'DECLINED', leadAnswerOverdue: false });
    expect(declined.body.leadAnswerDetail).toMatchObject({ answer: 'DECLINED', agencyId: f.agencies.housing.id, reasonCode: 'MANDATE' });
    // the 48-hour clock counts from the decision again, and the SQL that lists late situations agrees
    expect(declined.body.mobilizationClock).toMatchObject({ from: 'DECISION' });
    expect(declined.body.lastAssignedAt ?? null).toBeNull();
    const stored = await owner.query('SELECT last_assigned_at FROM situations WHERE id = $1', [id]);
    expect(stored.rows[0].last_assigned_at).toBeNull();
    const tr = await owner.query(`SELECT action, from_status, to_status, details FROM situation_transitions WHERE situation_id = $1 ORDER BY id DESC LIMIT 1`, [id]);
    expect(tr.rows[0]).toMatchObject({ action: 'DECLINE_LEAD', from_status: 'ASSIGNED', to_status: 'ACCEPTED' });
    expect(tr.rows[0].details).toMatchObject({ answer: 'DECLINED', reasonCode: 'MANDATE', leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id] });

    // the declining agency has no standing any more: no identity, no second answer
    await api.as(f.reps.housing.token).get(`/situations/${id}/identity${READ}`).expect(403);
    await answer(id, { answer: 'ACCEPT' }).expect(403);
    // the coordinators are told, to assign again
    // (after commit, by an event handler: wait for it)
    let told = { rows: [] as { user_id: string }[] };
    for (let i = 0; i < 50 && told.rows.length === 0; i++) {
      told = await owner.query(`SELECT user_id FROM notifications WHERE situation_id = $1 AND kind = 'LEAD_DECLINED'`, [id]);
      if (told.rows.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(told.rows.map((r) => r.user_id)).toContain(f.coordinator.id);

    // reassigned to another lead: ASSIGNED, pending again; the new lead reads identity, the old one cannot
    const again = await assign(id, f.agencies.school.id, [f.agencies.health.id]).expect(200);
    expect(again.body).toMatchObject({ status: 'ASSIGNED', leadAgencyId: f.agencies.school.id, leadAnswer: 'PENDING', leadAnswerDetail: null });
    await api.as(f.reps.school.token).get(`/situations/${id}/identity${READ}`).expect(200);
    await api.as(f.reps.housing.token).get(`/situations/${id}/identity${READ}`).expect(403);
    await answer(id, { answer: 'ACCEPT' }).expect(403);
    await answer(id, { answer: 'ACCEPT' }, f.reps.school.token).expect(200);
  });

  it('the coordinator may choose the declined agency again (recorded)', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await answer(id, { answer: 'DECLINE', reasonCode: 'CAPACITY' }).expect(200);
    const again = await assign(id, f.agencies.housing.id).expect(200);
    expect(again.body).toMatchObject({ status: 'ASSIGNED', leadAnswer: 'PENDING' });
    const tr = await owner.query(`SELECT details FROM situation_transitions WHERE situation_id = $1 AND action = 'ASSIGN' ORDER BY id DESC LIMIT 1`, [id]);
    expect(tr.rows[0].details).toMatchObject({ leadDeclinedBefore: true, reassignment: false });
    await answer(id, { answer: 'ACCEPT' }).expect(200);
  });

  it('refuses a decline without a reason, OTHER without a note, a reason on an acceptance (400); identifying text (422); nothing changes', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const none = await answer(id, { answer: 'DECLINE' }).expect(400);
    expect(none.body.details.fields.map((x: { field: string }) => x.field)).toEqual(['reasonCode']);
    const fr = await answer(id, { answer: 'DECLINE' }, f.reps.housing.token, { 'accept-language': 'fr' }).expect(400);
    expect(fr.body.details.fields[0].problem).toBe('Un refus exige une raison (reasonCode).');
    await answer(id, { answer: 'DECLINE', reasonCode: 'OTHER' }).expect(400);
    await answer(id, { answer: 'ACCEPT', reasonCode: 'CAPACITY' }).expect(400);
    await answer(id, { answer: 'DECLINE', reasonCode: 'BUSY' }).expect(400);
    await answer(id, { answer: 'MAYBE' }).expect(400);
    await answer(id, { answer: 'DECLINE', reasonCode: 'CAPACITY', extra: 1 }).expect(400);

    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    const pii = await answer(id, { answer: 'DECLINE', reasonCode: 'CONFLICT', note: `Our worker is a cousin of ${IDENTITY.givenName} ${IDENTITY.familyName}.` }).expect(422);
    expect(pii.body.code).toBe('PII_DETECTED');
    expect(JSON.stringify(pii.body)).not.toContain(IDENTITY.familyName);
    const phone = await answer(id, { answer: 'DECLINE', reasonCode: 'OTHER', note: 'Call Emily Harcourt at 647-555-0102 instead.' }).expect(422);
    expect(phone.body.details.findings.every((x: { field: string }) => x.field === 'note')).toBe(true);
    const row = await owner.query('SELECT status, lead_agency_id, lead_answer, lead_answer_note FROM situations WHERE id = $1', [id]);
    expect(row.rows[0]).toEqual({ status: 'ASSIGNED', lead_agency_id: f.agencies.housing.id, lead_answer: null, lead_answer_note: null });
    expect(t.logs.join('')).not.toContain(IDENTITY.familyName);
  });

  it('only the lead agency representatives answer (403, audited); strangers 404; other states 409', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    for (const who of [f.reps.health, f.reps.police, f.reps.school, f.coordinator, f.privacy, f.analyst]) await answer(id, { answer: 'ACCEPT' }, who.token).expect(403);
    await answer(id, { answer: 'ACCEPT' }, f.stranger.token).expect(404);
    const denied = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE situation_id = $1 AND action = 'situation.lead_answer' AND outcome = 'DENIED'`, [id]);
    expect(denied.rows[0].n).toBeGreaterThanOrEqual(3);
    // role and standing before content: a non-lead gets 403 whatever it sends
    await answer(id, { answer: 'DECLINE' }, f.reps.health.token).expect(403);
    const stale = await answer(id, { answer: 'ACCEPT' }, f.reps.housing.token, { 'if-match': '"99"' }).expect(409);
    expect(stale.body.code).toBe('VERSION_MISMATCH');

    const mobilized = await walkTo(api, f, 'MOBILIZED');
    const late = await answer(mobilized, { answer: 'DECLINE', reasonCode: 'CAPACITY' }).expect(409);
    expect(late.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'MOBILIZED' } });
    const closed = await walkTo(api, f, 'CLOSED');
    await answer(closed, { answer: 'ACCEPT' }).expect(409);
  });

  it('flags a lead unanswered after 24 hours in the situation, the list and the agenda, and notifies the lead agency and the coordinators once', async () => {
    const service = t.app.get(MeetingService);
    while ((await service.notifyLeadAnswersOverdue()) > 0);
    const meeting = await api.as(f.coordinator.token).post(`/tables/${f.tableId}/meetings`, { scheduledFor: new Date().toISOString(), kind: 'REGULAR' }).expect(201);
    const id = await walkTo(api, f, 'ASSIGNED');
    expect(await service.notifyLeadAnswersOverdue()).toBe(0);
    await owner.query(`UPDATE situations SET lead_assigned_at = now() - interval '23 hours' WHERE id = $1`, [id]);
    expect(await service.notifyLeadAnswersOverdue()).toBe(0);
    await owner.query(`UPDATE situations SET lead_assigned_at = now() - interval '25 hours' WHERE id = $1`, [id]);

    const got = await api.as(f.reps.housing.token).get(`/situations/${id}`).expect(200);
    expect(got.body).toMatchObject({ leadAnswer: 'PENDING', leadAnswerOverdue: true });
    const listed = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/situations?status=ASSIGNED&limit=100`).expect(200);
    expect(listed.body.items.find((x: { id: string }) => x.id === id)).toMatchObject({ leadAnswer: 'PENDING', leadAnswerOverdue: true });
    const agenda = await api.as(f.coordinator.token).get(`/meetings/${meeting.body.id}/agenda`).expect(200);
    const items = [...agenda.body.updates, ...agenda.body.overdue].filter((x: { situationId: string }) => x.situationId === id);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item).toMatchObject({ leadAnswer: 'PENDING', leadAnswerOverdue: true });

    expect(await service.notifyLeadAnswersOverdue()).toBe(1);
    expect(await service.notifyLeadAnswersOverdue()).toBe(0);
    const sent = await owner.query(`SELECT user_id, payload FROM notifications WHERE situation_id = $1 AND kind = 'LEAD_ANSWER_OVERDUE'`, [id]);
    expect(sent.rows.map((r) => r.user_id).sort()).toEqual([f.reps.housing.id, f.coordinator.id].sort());
    const s = await owner.query('SELECT reference FROM situations WHERE id = $1', [id]);
    expect(sent.rows[0].payload).toEqual({ reference: s.rows[0].reference });
    const audited = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE situation_id = $1 AND action = 'situation.lead_answer_overdue'`, [id]);
    expect(audited.rows[0].n).toBe(1);
    const mine = await api.as(f.reps.housing.token).get('/notifications').expect(200);
    expect(mine.body.items.map((n: { kind: string }) => n.kind)).toContain('LEAD_ANSWER_OVERDUE');

    // answered: no longer flagged
    const accepted = await answer(id, { answer: 'ACCEPT' }).expect(200);
    expect(accepted.body.leadAnswerOverdue).toBe(false);
  });

  it('a reassignment keeping the lead keeps its answer; a new lead is pending again', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await answer(id, { answer: 'ACCEPT' }).expect(200);
    const same = await assign(id, f.agencies.housing.id, [f.agencies.school.id]).expect(200);
    expect(same.body.leadAnswer).toBe('ACCEPTED');
    const other = await assign(id, f.agencies.school.id).expect(200);
    expect(other.body).toMatchObject({ leadAnswer: 'PENDING', leadAnswerDetail: null });
    // a first submission has no lead and no answer
    const s = await submit(api, f);
    const fresh = await api.as(f.coordinator.token).get(`/situations/${s.id}`).expect(200);
    expect(fresh.body.leadAnswer).toBeNull();
  });

  it('labels the reasons and notifications in English and French', async () => {
    const en = await api.as(f.analyst.token).get('/taxonomy').expect(200);
    const fr = await api.as(f.analyst.token).get('/taxonomy', { 'accept-language': 'fr' }).expect(200);
    const codes = (list: { code: string }[]) => list.map((x) => x.code);
    expect(codes(en.body.labels.leadDeclineReasons)).toEqual(['CAPACITY', 'MANDATE', 'CONFLICT', 'OTHER']);
    const label = (list: { code: string; label: string }[], code: string) => list.find((x) => x.code === code)?.label;
    expect(label(fr.body.labels.leadDeclineReasons, 'MANDATE')).toBe('Hors de notre mandat');
    expect(label(en.body.labels.notificationKinds, 'LEAD_ANSWER_OVERDUE')).toBe('Lead unanswered after 24 hours');
  });
});
