import { Client } from 'pg';
import { Api, TableFixture } from '../support/api';
import { IDENTITY, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

describe('Issue 16: per-agency actions and contact attempts', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  const action = (id: string, body: object, token = f.reps.housing.token) => api.as(token).post(`/situations/${id}/actions`, body);
  const patch = (id: string, actionId: string, body: object, token = f.reps.housing.token, headers?: Record<string, string>) =>
    api.as(token).patch(`/situations/${id}/actions/${actionId}`, body, headers);
  const attempt = (id: string, body: object, token = f.reps.housing.token) => api.as(token).post(`/situations/${id}/contact-attempts`, body);
  const audits = async (id: string, act: string): Promise<{ outcome: string; details: Record<string, unknown> }[]> =>
    (await owner.query(`SELECT outcome, details FROM audit_entries WHERE situation_id = $1 AND action = $2 ORDER BY seq`, [id, act])).rows.map(
      (r: { outcome: string; details: unknown }) => ({
        outcome: r.outcome,
        details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
      }),
    );
  const PLAN = { description: 'Arrange a supported housing viewing with the outreach worker.', dueDate: day(3) };

  it('an intervening agency plans its own action; a coordinator plans for any intervening agency, at a meeting; audited with ids and codes only', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const mine = await action(id, PLAN).expect(201);
    expect(mine.body).toMatchObject({
      situationId: id,
      ownerAgencyId: f.agencies.housing.id,
      ownerAgencyName: expect.any(String),
      description: PLAN.description,
      dueDate: PLAN.dueDate,
      status: 'PLANNED',
      overdue: false,
      reasonCode: null,
      completedAt: null,
      meetingId: null,
      createdByAgencyId: f.agencies.housing.id,
      version: 1,
    });
    const meeting = await api.as(f.coordinator.token).post(`/tables/${f.tableId}/meetings`, { scheduledFor: new Date().toISOString(), kind: 'REGULAR' }).expect(201);
    const forHealth = await action(
      id,
      { ownerAgencyId: f.agencies.health.id, description: 'Book a clinic assessment.', dueDate: day(1), meetingId: meeting.body.id },
      f.coordinator.token,
    ).expect(201);
    expect(forHealth.body).toMatchObject({ ownerAgencyId: f.agencies.health.id, meetingId: meeting.body.id, createdByAgencyId: f.coordinator.agencyId });

    const entries = await audits(id, 'situation.action.create');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ outcome: 'SUCCESS', details: { actionId: mine.body.id, ownerAgencyId: f.agencies.housing.id, dueDate: PLAN.dueDate } });
    expect(JSON.stringify(entries)).not.toContain('housing viewing');

    // the coordinator may plan only for an intervening agency: the school is not one (400, named)
    const notIntervening = await action(id, { ...PLAN, ownerAgencyId: f.agencies.school.id }, f.coordinator.token).expect(400);
    expect(notIntervening.body.details.fields[0]).toMatchObject({ field: 'ownerAgencyId' });

    // the minutes of the meeting list the action agreed there, as it stands
    const minutes = await api.as(f.coordinator.token).post(`/meetings/${meeting.body.id}/close`).expect(200);
    expect(minutes.body.actions).toEqual([
      {
        situationId: id,
        reference: expect.any(String),
        actionId: forHealth.body.id,
        ownerAgencyId: f.agencies.health.id,
        description: 'Book a clinic assessment.',
        dueDate: day(1),
        status: 'PLANNED',
      },
    ]);
    // a closed meeting cannot be named any more
    await action(id, { ...PLAN, meetingId: meeting.body.id }).expect(409);
  });

  it('refuses by role and standing before the content (403 whatever the body), by state before the body (409)', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const junk = { description: 'Call 416-555-0199 today', dueDate: 'never', extra: true };
    // a representative of an agency that is not intervening (the school), or only originating (the police)
    for (const token of [f.reps.school.token, f.reps.police.token]) {
      await action(id, junk, token).expect(403);
      await attempt(id, junk, token).expect(403);
    }
    // a representative recording for another agency than its own
    const other = await action(id, { ...junk, ownerAgencyId: f.agencies.health.id }).expect(403);
    expect(other.body.code).toBe('FORBIDDEN');
    await attempt(id, { ...junk, agencyId: f.agencies.health.id }).expect(403);
    // roles without the step: the privacy officer, the analyst; a stranger gets 404
    await action(id, PLAN, f.privacy.token).expect(403);
    await action(id, PLAN, f.analyst.token).expect(403);
    await action(id, PLAN, f.stranger.token).expect(404);
    const denied = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE situation_id = $1 AND action = 'situation.action.create' AND outcome = 'DENIED'`, [id]);
    expect(denied.rows[0].n).toBeGreaterThanOrEqual(3);

    // not ASSIGNED or MOBILIZED: 409 before the body is looked at
    for (const status of ['SUBMITTED', 'ACCEPTED', 'CLOSED'] as const) {
      const sid = await walkTo(api, f, status);
      const res = await action(sid, junk, f.coordinator.token).expect(409);
      expect(res.body.code).toBe('INVALID_TRANSITION');
      await attempt(sid, junk, f.coordinator.token).expect(409);
    }
    // MOBILIZED is allowed
    const mobilized = await walkTo(api, f, 'MOBILIZED');
    await action(mobilized, PLAN).expect(201);
  });

  it('checks the text for identifying information, the known identity included (422), and the codes and dates (400)', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    const phone = await action(id, { ...PLAN, description: 'Call him at 416-555-0199 before Friday.' }).expect(422);
    expect(phone.body.code).toBe('PII_DETECTED');
    const known = await action(id, { ...PLAN, description: 'Meet Quillfeather at the drop-in centre.' }).expect(422);
    expect(known.body.details.findings[0]).toMatchObject({ field: 'description', kind: 'NAME' });
    const knownNote = await attempt(id, { attemptedAt: new Date().toISOString(), outcome: 'OTHER', note: 'Zephyrine answered the door then left.' }).expect(422);
    expect(knownNote.body.details.findings[0]).toMatchObject({ field: 'note' });
    // nothing written
    const rows = await owner.query(
      `SELECT (SELECT count(*) FROM situation_actions WHERE situation_id = $1)::int AS a, (SELECT count(*) FROM situation_contact_attempts WHERE situation_id = $1)::int AS c`,
      [id],
    );
    expect(rows.rows[0]).toEqual({ a: 0, c: 0 });

    await action(id, { ...PLAN, dueDate: '2026-02-30' }).expect(400);
    await action(id, { ...PLAN, dueDate: '03/12/2026' }).expect(400);
    await action(id, { dueDate: PLAN.dueDate }).expect(400);
    await attempt(id, { attemptedAt: new Date().toISOString(), outcome: 'MAYBE' }).expect(400);
    await attempt(id, { attemptedAt: new Date(Date.now() + 2 * DAY).toISOString(), outcome: 'NO_ANSWER' }).expect(400);
    const other = await attempt(id, { attemptedAt: new Date().toISOString(), outcome: 'OTHER' }).expect(400);
    expect(other.body.details.fields[0]).toMatchObject({ field: 'note', problem: 'the outcome OTHER needs a note' });
    const fr = await api
      .as(f.reps.housing.token)
      .post(`/situations/${id}/contact-attempts`, { attemptedAt: new Date().toISOString(), outcome: 'OTHER' }, { 'accept-language': 'fr' })
      .expect(400);
    expect(JSON.stringify(fr.body)).toContain('Le résultat OTHER (autre) exige une note.');
  });

  it('marks an action done or not done (final), with If-Match on its version and a reason code; only the owner agency or a coordinator', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const a = (await action(id, PLAN).expect(201)).body;
    // another intervening agency's representative may not change it
    await patch(id, a.id, { status: 'DONE' }, f.reps.health.token).expect(403);
    // an action of another situation is not found here
    const elsewhere = await walkTo(api, f, 'ASSIGNED');
    await patch(elsewhere, a.id, { status: 'DONE' }).expect(404);

    // stale If-Match: 409 before the body
    const stale = await patch(id, a.id, { status: 'NOPE' }, f.reps.housing.token, { 'if-match': '"7"' }).expect(409);
    expect(stale.body.code).toBe('VERSION_MISMATCH');
    // the content: codes, a reason for NOT_DONE, a note for OTHER, nothing to change
    await patch(id, a.id, { status: 'NOT_DONE', reasonCode: 'BORED' }).expect(400);
    const noReason = await patch(id, a.id, { status: 'NOT_DONE' }).expect(400);
    expect(noReason.body.details.fields[0]).toMatchObject({ field: 'reasonCode', problem: 'an action not done needs a reason' });
    const frNoReason = await patch(id, a.id, { status: 'NOT_DONE' }, f.reps.housing.token, { 'accept-language': 'fr' }).expect(400);
    expect(JSON.stringify(frNoReason.body)).toContain('Une action non réalisée exige une raison');
    await patch(id, a.id, { status: 'NOT_DONE', reasonCode: 'OTHER' }).expect(400);
    await patch(id, a.id, { status: 'DONE', reasonCode: 'NOT_REACHED' }).expect(400);
    await patch(id, a.id, {}).expect(400);
    // the new text is checked too, against the known identity (422), and nothing changes
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    const named = await patch(id, a.id, { status: 'NOT_DONE', reasonCode: 'OTHER', reasonNote: 'Quillfeather moved away.' }).expect(422);
    expect(named.body.details.findings[0]).toMatchObject({ field: 'reasonNote', kind: 'NAME' });

    // a new due date and description: still PLANNED, version 2
    const moved = await patch(id, a.id, { dueDate: day(-2), description: 'Arrange a supported housing viewing next week.' }, f.reps.housing.token, { 'if-match': '"1"' }).expect(
      200,
    );
    expect(moved.body).toMatchObject({ status: 'PLANNED', dueDate: day(-2), overdue: true, version: 2 });
    const view = await api.as(f.coordinator.token).get(`/situations/${id}`).expect(200);
    expect(view.body.actions).toEqual({ planned: 1, done: 0, notDone: 0, overdue: 1 });

    // the coordinator records it could not be done, with a reason
    const notDone = await patch(id, a.id, { status: 'NOT_DONE', reasonCode: 'PERSON_DECLINED' }, f.coordinator.token, { 'if-match': '2' }).expect(200);
    expect(notDone.body).toMatchObject({ status: 'NOT_DONE', reasonCode: 'PERSON_DECLINED', overdue: false, completedByAgencyId: f.coordinator.agencyId, version: 3 });
    expect(notDone.body.completedAt).toEqual(expect.any(String));
    // final: 409 ACTION_FINAL, translated
    const again = await patch(id, a.id, { status: 'DONE' }).expect(409);
    expect(again.body.details).toMatchObject({ reason: 'ACTION_FINAL' });
    const againFr = await patch(id, a.id, { status: 'DONE' }, f.reps.housing.token, { 'accept-language': 'fr' }).expect(409);
    expect(againFr.body.message).toBe('Cette action est déjà faite ou notée comme non réalisée. Planifiez plutôt une nouvelle action.');

    const b = (await action(id, { ...PLAN, description: 'Second visit with the landlord.' }).expect(201)).body;
    await patch(id, b.id, { status: 'DONE' }).expect(200);
    const counts = await api.as(f.coordinator.token).get(`/situations/${id}`).expect(200);
    expect(counts.body.actions).toEqual({ planned: 0, done: 1, notDone: 1, overdue: 0 });

    const entries = await audits(id, 'situation.action.update');
    expect(entries.filter((e) => e.outcome === 'SUCCESS').map((e) => e.details)).toEqual([
      expect.objectContaining({ actionId: a.id, from: 'PLANNED', to: 'PLANNED', changed: ['description', 'dueDate'], version: 2 }),
      expect.objectContaining({ actionId: a.id, from: 'PLANNED', to: 'NOT_DONE', reasonCode: 'PERSON_DECLINED', version: 3 }),
      expect.objectContaining({ actionId: b.id, from: 'PLANNED', to: 'DONE', reasonCode: null }),
    ]);
    expect(JSON.stringify(entries)).not.toContain('landlord');
  });

  it('records contact attempts for the own agency (a coordinator for any intervening agency); lists and the timeline show them with agency and time, paged', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    const at1 = new Date().toISOString();
    const first = await attempt(id, { attemptedAt: at1, outcome: 'NO_ANSWER' }).expect(201);
    expect(first.body).toMatchObject({ situationId: id, agencyId: f.agencies.housing.id, attemptedAt: at1, outcome: 'NO_ANSWER', note: null, meetingId: null });
    const second = await attempt(
      id,
      { agencyId: f.agencies.health.id, attemptedAt: new Date(Date.now() + 60_000).toISOString(), outcome: 'MESSAGE_LEFT', note: 'Left a message at the shelter desk.' },
      f.coordinator.token,
    ).expect(201);
    expect(second.body).toMatchObject({ agencyId: f.agencies.health.id, note: 'Left a message at the shelter desk.' });
    const audit = await audits(id, 'situation.contact_attempt');
    expect(audit.map((e) => e.details)).toEqual([
      expect.objectContaining({ contactAttemptId: first.body.id, agencyId: f.agencies.housing.id, outcome: 'NO_ANSWER' }),
      expect.objectContaining({ contactAttemptId: second.body.id, agencyId: f.agencies.health.id, outcome: 'MESSAGE_LEFT' }),
    ]);
    expect(JSON.stringify(audit)).not.toContain('shelter desk');

    // lists: read like the situation (privacy officer included), oldest attempt first, paged
    const list = await api.as(f.privacy.token).get(`/situations/${id}/contact-attempts?limit=1`).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([first.body.id]);
    const next = await api.as(f.privacy.token).get(`/situations/${id}/contact-attempts?limit=1&cursor=${list.body.nextCursor}`).expect(200);
    expect(next.body).toMatchObject({ items: [{ id: second.body.id }], nextCursor: null });
    await api.as(f.stranger.token).get(`/situations/${id}/contact-attempts`).expect(404);
    await api.as(f.analyst.token).get(`/situations/${id}/contact-attempts`).expect(403);
    await api.as(f.privacy.token).get(`/situations/${id}/contact-attempts?cursor=forged`).expect(400);

    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await action(id, { description: `Step ${n} of the housing plan.`, dueDate: day(n) }).expect(201)).body.id);
    await patch(id, ids[0], { status: 'DONE' }).expect(200);
    const page1 = await api.as(f.reps.school.token).get(`/situations/${id}/actions?limit=2`).expect(200);
    expect(page1.body.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(0, 2));
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await api.as(f.reps.school.token).get(`/situations/${id}/actions?limit=2&cursor=${page1.body.nextCursor}`).expect(200);
    expect(page2.body).toMatchObject({ items: [{ id: ids[2], status: 'PLANNED', overdue: false }], nextCursor: null });
    const reads = await owner.query(`SELECT action FROM audit_entries WHERE situation_id = $1 AND action IN ('situation.actions.read', 'situation.contact_attempts.read')`, [id]);
    expect(reads.rows.length).toBeGreaterThanOrEqual(4);

    // the timeline: ACTION (planned, then done) and CONTACT_ATTEMPT, each with its agency and time; never the identity
    const timeline = await api.as(f.coordinator.token).get(`/situations/${id}/timeline?limit=200`).expect(200);
    const work = timeline.body.items.filter((e: { kind: string }) => e.kind === 'ACTION' || e.kind === 'CONTACT_ATTEMPT');
    expect(work).toHaveLength(6);
    expect(work.filter((e: { kind: string }) => e.kind === 'CONTACT_ATTEMPT')).toEqual([
      expect.objectContaining({
        agencyId: f.agencies.housing.id,
        agencyName: expect.any(String),
        details: expect.objectContaining({ contactOutcome: 'NO_ANSWER', attemptedAt: at1 }),
      }),
      expect.objectContaining({
        agencyId: f.agencies.health.id,
        details: expect.objectContaining({ contactOutcome: 'MESSAGE_LEFT', note: 'Left a message at the shelter desk.' }),
      }),
    ]);
    const done = work.filter((e: { kind: string; details: { actionId: string } }) => e.kind === 'ACTION' && e.details.actionId === ids[0]);
    expect(done.map((e: { details: { actionStatus: string } }) => e.details.actionStatus)).toEqual(['PLANNED', 'DONE']);
    expect(done[0]).toMatchObject({ agencyId: f.agencies.housing.id, at: expect.any(String), details: { dueDate: day(1), description: 'Step 1 of the housing plan.' } });
    const text = JSON.stringify(timeline.body);
    for (const value of [IDENTITY.givenName, IDENTITY.familyName, IDENTITY.phone]) expect(text).not.toContain(value);
    // paged one entry at a time, the same entries in the same order
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api
        .as(f.coordinator.token)
        .get(`/situations/${id}/timeline?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      const page = res.body as { items: { at: string; kind: string }[]; nextCursor: string | null };
      all.push(...page.items.map((e) => `${e.at} ${e.kind}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual(timeline.body.items.map((e: { at: string; kind: string }) => `${e.at} ${e.kind}`));
  });

  it('serves the codes with English and French labels in GET /taxonomy', async () => {
    const en = await api.as(f.reps.housing.token).get('/taxonomy').expect(200);
    const fr = await api.as(f.reps.housing.token).get('/taxonomy', { 'accept-language': 'fr' }).expect(200);
    const codes = (l: { code: string }[]) => l.map((x) => x.code);
    expect(codes(en.body.labels.actionNotDoneReasons)).toEqual(['PERSON_DECLINED', 'NOT_REACHED', 'NOT_ELIGIBLE', 'NO_CAPACITY', 'CIRCUMSTANCES_CHANGED', 'OTHER']);
    expect(codes(en.body.labels.contactOutcomes)).toEqual(['REACHED', 'NO_ANSWER', 'MESSAGE_LEFT', 'DECLINED', 'WRONG_CONTACT_DETAILS', 'OTHER']);
    expect(codes(fr.body.labels.actionStatuses)).toEqual(['PLANNED', 'DONE', 'NOT_DONE']);
    expect(fr.body.labels.contactOutcomes.find((l: { code: string }) => l.code === 'WRONG_CONTACT_DETAILS').label).toBe('Coordonnées erronées');
    expect(fr.body.labels.actionStatuses.find((l: { code: string }) => l.code === 'NOT_DONE').label).toBe('Non réalisée');
    void t;
  });
});
