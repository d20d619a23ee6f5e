import { Api, buildTable, TableFixture } from '../support/api';
import { BELOW, submit, walkTo } from '../support/situations';
import { openWorld } from '../support/world';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Item {
  situationId: string;
  reference: string;
  position: number;
  status: string;
  origin: string;
  stored: boolean;
  section: string | null;
  deferredFromMeetingId: string | null;
  deferredToMeetingId: string | null;
  discussedAt: string | null;
  discussedBy: string | null;
  sectorsNeeded: string[];
  sectorsAbsent: string[];
  taken: { kind: string; outcome: string | null; sectorsAbsent: string[]; at: string }[];
}

describe('the meeting agenda as items, attendance by person, the meeting in progress (issue 16)', () => {
  // long scenarios on a shared, loaded machine
  jest.setTimeout(240_000);
  let api: Api;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ api, close } = await openWorld());
  });
  afterAll(() => close());

  const meeting = async (f: TableFixture, at: Date): Promise<string> =>
    (await api.as(f.coordinator.token).post(`/tables/${f.tableId}/meetings`, { scheduledFor: at.toISOString(), kind: 'REGULAR' }).expect(201)).body.id;
  const items = async (f: TableFixture, mid: string): Promise<Item[]> => (await api.as(f.coordinator.token).get(`/meetings/${mid}/agenda`).expect(200)).body.items;
  const ids = (list: Item[]) => list.map((i) => i.situationId);

  it('computes the items from the sections until the first edit, then keeps their order; adds, removes, orders, marks discussed', async () => {
    const f = await buildTable(api);
    const c = api.as(f.coordinator.token);
    const open = await walkTo(api, f, 'ASSIGNED');
    const a = await submit(api, f);
    const b = await submit(api, f, f.reps.school.token, BELOW);
    const mid = await meeting(f, new Date(Date.now() + 7 * DAY));

    const computed = await items(f, mid);
    expect(ids(computed)).toEqual([open, a.id, b.id]);
    expect(computed.map((i) => [i.status, i.origin, i.stored, i.position])).toEqual([
      ['LISTED', 'AUTO', false, 1],
      ['LISTED', 'AUTO', false, 2],
      ['LISTED', 'AUTO', false, 3],
    ]);
    expect(computed[0].section).toBe('updates');
    expect(computed[1]).toMatchObject({ section: 'newSituations', reference: a.reference, sectorsNeeded: ['HEALTH', 'HOUSING', 'POLICE'], sectorsAbsent: [], taken: [] });
    // the three sections are still there
    const view = await c.get(`/meetings/${mid}/agenda`).expect(200);
    expect(view.body.newSituations.map((i: { situationId: string }) => i.situationId)).toEqual([a.id, b.id]);

    // order: the named first, the others after in their order
    const ordered = await c.put(`/meetings/${mid}/agenda/order`, { situationIds: [b.id, a.id] }).expect(200);
    expect(ids(ordered.body.items)).toEqual([b.id, a.id, open]);
    expect(ordered.body.items.every((i: Item) => i.stored)).toBe(true);
    await c.put(`/meetings/${mid}/agenda/order`, { situationIds: [b.id, b.id] }).expect(400);
    const unknown = await c.put(`/meetings/${mid}/agenda/order`, { situationIds: ['00000000-0000-4000-8000-000000000000'] }).expect(400);
    expect(unknown.body.details.fields).toEqual([{ field: 'situationIds', problem: 'must be situations on this agenda' }]);

    // a referral submitted after the first edit comes after the stored items
    const late = await submit(api, f);
    expect(ids(await items(f, mid))).toEqual([b.id, a.id, open, late.id]);

    // remove: kept as REMOVED, last; refused twice; adding it again by reference lists it again at the end
    const removed = await c.delete(`/meetings/${mid}/agenda/items/${b.id}`).expect(200);
    expect(removed.body.items.map((i: Item) => [i.situationId, i.status])).toEqual([
      [a.id, 'LISTED'],
      [open, 'LISTED'],
      [late.id, 'LISTED'],
      [b.id, 'REMOVED'],
    ]);
    const twice = await c.delete(`/meetings/${mid}/agenda/items/${b.id}`).expect(409);
    expect(twice.body.details.reason).toBe('AGENDA_ITEM_NOT_LISTED');
    await c.put(`/meetings/${mid}/agenda/order`, { situationIds: [b.id] }).expect(400);
    const relisted = await c.post(`/meetings/${mid}/agenda/items`, { reference: b.reference.toLowerCase() }).expect(201);
    expect(relisted.body.items.at(-1)).toMatchObject({ situationId: b.id, status: 'LISTED', origin: 'ADDED' });

    // add: a situation of the table not in the sections (a closed one), by id; refusals
    const closedOne = await walkTo(api, f, 'CLOSED');
    expect(ids(await items(f, mid))).not.toContain(closedOne);
    const added = await c.post(`/meetings/${mid}/agenda/items`, { situationId: closedOne }).expect(201);
    expect(added.body.items.at(-1)).toMatchObject({ situationId: closedOne, origin: 'ADDED', status: 'LISTED', situationStatus: 'CLOSED' });
    expect((await c.post(`/meetings/${mid}/agenda/items`, { situationId: closedOne }).expect(409)).body.details.reason).toBe('ALREADY_ON_AGENDA');
    const stub = await walkTo(api, f, 'WITHDRAWN');
    expect((await c.post(`/meetings/${mid}/agenda/items`, { situationId: stub }).expect(400)).body.details.fields[0].problem).toBe('must not be a rejected or withdrawn referral');
    const other = await buildTable(api);
    const foreign = await submit(api, other);
    await c.post(`/meetings/${mid}/agenda/items`, { situationId: foreign.id }).expect(400);
    await c.post(`/meetings/${mid}/agenda/items`, { reference: 'TST-1999-0001' }).expect(400);
    await c.post(`/meetings/${mid}/agenda/items`, { reference: 'not a reference' }).expect(400);
    await c.post(`/meetings/${mid}/agenda/items`, {}).expect(400);
    await c.post(`/meetings/${mid}/agenda/items`, { situationId: a.id, reference: a.reference }).expect(400);

    // mark discussed: when and by whom; once
    const discussed = await c.post(`/meetings/${mid}/agenda/items/${a.id}/discussed`).expect(200);
    expect(discussed.body.items.find((i: Item) => i.situationId === a.id)).toMatchObject({ status: 'DISCUSSED', discussedBy: f.coordinator.id });
    expect((await c.post(`/meetings/${mid}/agenda/items/${a.id}/discussed`).expect(409)).body.details.reason).toBe('AGENDA_ITEM_NOT_LISTED');
    await c.post(`/meetings/${mid}/agenda/items/${foreign.id}/discussed`).expect(404);
    await c.delete(`/meetings/${mid}/agenda/items/${a.id}`).expect(409);

    // who may: the coordinator only (the matrix covers every role); a stranger is told nothing
    await api.as(f.reps.police.token).post(`/meetings/${mid}/agenda/items/${late.id}/discussed`).expect(403);
    await api.as(f.stranger.token).put(`/meetings/${mid}/agenda/order`, { situationIds: [] }).expect(404);

    // audited with ids only
    const trail = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit?action=meeting.agenda.add`).expect(200);
    expect(trail.body.items.map((e: { details: Record<string, unknown> }) => e.details)).toEqual(
      expect.arrayContaining([expect.objectContaining({ meetingId: mid, situationId: closedOne }), expect.objectContaining({ meetingId: mid, situationId: b.id, relisted: true })]),
    );

    // a closed meeting keeps its items as they were and accepts nothing more
    await c.post(`/meetings/${mid}/close`).expect(200);
    const frozen = await items(f, mid);
    expect(frozen.every((i) => i.stored)).toBe(true);
    await submit(api, f);
    expect(ids(await items(f, mid))).toEqual(ids(frozen));
    for (const res of [
      c.post(`/meetings/${mid}/agenda/items`, { situationId: late.id }),
      c.delete(`/meetings/${mid}/agenda/items/${late.id}`),
      c.put(`/meetings/${mid}/agenda/order`, { situationIds: [] }),
      c.post(`/meetings/${mid}/agenda/items/${late.id}/defer`),
      c.post(`/meetings/${mid}/agenda/items/${late.id}/discussed`),
    ]) {
      const r = await res.expect(409);
      expect(r.body.details.reason).toBe('MEETING_CLOSED');
    }
  });

  it("defers an item to the table's next meeting by date, where it is listed first; 409 NO_NEXT_MEETING without one", async () => {
    const f = await buildTable(api);
    const c = api.as(f.coordinator.token);
    const a = await submit(api, f);
    const b = await submit(api, f);
    const later = await meeting(f, new Date(Date.now() + 14 * DAY));
    const first = await meeting(f, new Date(Date.now() + 7 * DAY));

    const deferred = await c.post(`/meetings/${first}/agenda/items/${b.id}/defer`).expect(200);
    expect(deferred.body.items.find((i: Item) => i.situationId === b.id)).toMatchObject({ status: 'DEFERRED', deferredToMeetingId: later });
    const next = await items(f, later);
    expect(next[0]).toMatchObject({ situationId: b.id, origin: 'DEFERRED', status: 'LISTED', deferredFromMeetingId: first, stored: true });
    expect(ids(next)).toEqual([b.id, a.id]);
    expect((await c.post(`/meetings/${first}/agenda/items/${b.id}/defer`).expect(409)).body.details.reason).toBe('AGENDA_ITEM_NOT_LISTED');

    // the last meeting has no next one
    const none = await c.post(`/meetings/${later}/agenda/items/${a.id}/defer`).expect(409);
    expect(none.body.details.reason).toBe('NO_NEXT_MEETING');
    expect((await items(f, later)).find((i) => i.situationId === a.id)?.status).toBe('LISTED');
  });

  it('attendance by person: members of the table, their agency and sector derived; sectors present; sectors absent on referrals and decisions', async () => {
    const f = await buildTable(api);
    const c = api.as(f.coordinator.token);
    const a = await submit(api, f);
    const mid = await meeting(f, new Date(Date.now() + 7 * DAY));

    const candidates = await c.get(`/meetings/${mid}/attendance/candidates`).expect(200);
    expect(candidates.body.map((p: { userId: string }) => p.userId)).toEqual(expect.arrayContaining([f.reps.police.id, f.reps.health.id, f.coordinator.id]));
    expect(candidates.body.map((p: { userId: string }) => p.userId)).not.toContain(f.stranger.id);
    expect(JSON.stringify(candidates.body)).not.toContain('@');
    await api.as(f.reps.police.token).get(`/meetings/${mid}/attendance/candidates`).expect(403);

    const set = await c.put(`/meetings/${mid}/attendance`, { attendees: [{ userId: f.reps.police.id }, { userId: f.coordinator.id }] }).expect(200);
    expect(set.body.attendance.sort()).toEqual([f.agencies.police.id, f.agencies.health.id].sort());
    expect(set.body.sectorsPresent).toEqual(['HEALTH', 'POLICE']);
    expect(set.body.attendees).toEqual(
      expect.arrayContaining([
        { userId: f.reps.police.id, displayName: 'Test User', agencyId: f.agencies.police.id, agencyName: expect.any(String), sector: 'POLICE' },
        { userId: f.coordinator.id, displayName: 'Test User', agencyId: f.agencies.health.id, agencyName: expect.any(String), sector: 'HEALTH' },
      ]),
    );
    expect(JSON.stringify(set.body)).not.toContain('@example');
    const got = await api.as(f.analyst.token).get(`/meetings/${mid}`).expect(200);
    expect(got.body.sectorsPresent).toEqual(['HEALTH', 'POLICE']);
    expect(got.body.attendees).toHaveLength(2);

    // refusals: a stranger, a malformed body, nothing given
    const stranger = await c.put(`/meetings/${mid}/attendance`, { attendees: [{ userId: f.stranger.id }] }).expect(400);
    expect(stranger.body.details.fields).toEqual([{ field: 'attendees', problem: 'must be members of this table' }]);
    await c.put(`/meetings/${mid}/attendance`, { attendees: [{ userId: 'nope' }] }).expect(400);
    await c.put(`/meetings/${mid}/attendance`, { attendees: [{ userId: f.reps.police.id }, { userId: f.reps.police.id }] }).expect(400);
    await c.put(`/meetings/${mid}/attendance`, {}).expect(400);

    // recording attendance stores the items; the referral shows the sector it needs that is absent
    const listed = await items(f, mid);
    expect(listed.find((i) => i.situationId === a.id)).toMatchObject({ stored: true, sectorsNeeded: ['HEALTH', 'HOUSING', 'POLICE'], sectorsAbsent: ['HOUSING'] });

    // { agencyIds } keeps working, and keeps the people recorded
    const agencies = await c.put(`/meetings/${mid}/attendance`, { agencyIds: [f.agencies.police.id, f.agencies.health.id, f.agencies.housing.id] }).expect(200);
    expect(agencies.body.sectorsPresent).toEqual(['HEALTH', 'HOUSING', 'POLICE']);
    expect(agencies.body.attendees).toHaveLength(2);
    expect((await items(f, mid)).find((i) => i.situationId === a.id)?.sectorsAbsent).toEqual([]);

    // a decision taken at the meeting without a sector it needs is recorded with it (transition, item, minutes)
    await c.put(`/meetings/${mid}/attendance`, { agencyIds: [], attendees: [{ userId: f.reps.police.id }] }).expect(200);
    await c.post(`/situations/${a.id}/decision`, { outcome: 'AER', meetingId: mid }).expect(200);
    const item = (await items(f, mid)).find((i) => i.situationId === a.id)!;
    expect(item.taken).toEqual([{ kind: 'DECISION', outcome: 'AER', sectorsAbsent: ['HEALTH', 'HOUSING'], at: expect.any(String) }]);
    const minutes = await c.get(`/meetings/${mid}/minutes`).expect(200);
    expect(minutes.body.decisions).toEqual([expect.objectContaining({ situationId: a.id, sectorsAbsent: ['HEALTH', 'HOUSING'] })]);
    expect(minutes.body.meeting.sectorsPresent).toEqual(['POLICE']);
  });

  it('an action taken during an open meeting without a meetingId belongs to the meeting in progress (the latest started)', async () => {
    const f = await buildTable(api);
    const c = api.as(f.coordinator.token);
    const open = await walkTo(api, f, 'ASSIGNED');
    const referral = await submit(api, f);
    const outOfWindow = await meeting(f, new Date(Date.now() - 13 * HOUR));
    const earlier = await meeting(f, new Date(Date.now() - 2 * HOUR));
    const current = await meeting(f, new Date(Date.now() - 10 * 60_000));
    const upcoming = await meeting(f, new Date(Date.now() + 2 * HOUR));

    const update = await api.as(f.reps.housing.token).post(`/situations/${open}/updates`, { note: 'Shelter bed confirmed for this week.' }).expect(201);
    expect(update.body.meetingId).toBe(current);
    // an action agreed during the meeting is the meeting's too (its minutes list it with its owner and due date)
    const agreed = await c
      .post(`/situations/${open}/actions`, { ownerAgencyId: f.agencies.housing.id, description: 'Book the shelter intake.', dueDate: '2099-01-15' })
      .expect(201);
    expect(agreed.body.meetingId).toBe(current);
    await c.post(`/situations/${referral.id}/decision`, { outcome: 'AER' }).expect(200);
    await c.post(`/situations/${referral.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [] }).expect(200);
    await api.as(f.reps.housing.token).post(`/situations/${referral.id}/lead-answer`, { answer: 'ACCEPT' }).expect(200);
    // a named meeting stays the one named
    await api.as(f.reps.housing.token).post(`/situations/${open}/updates`, { note: 'Named for the next meeting.', meetingId: upcoming }).expect(201);

    const minutes = await c.get(`/meetings/${current}/minutes`).expect(200);
    expect(minutes.body.updates).toEqual([expect.objectContaining({ situationId: open, updateId: update.body.id })]);
    expect(minutes.body.actions).toEqual([
      expect.objectContaining({ situationId: open, actionId: agreed.body.id, ownerAgencyId: f.agencies.housing.id, dueDate: '2099-01-15', status: 'PLANNED' }),
    ]);
    expect(minutes.body.decisions).toEqual([expect.objectContaining({ situationId: referral.id, outcome: 'AER' })]);
    expect(minutes.body.assignments).toEqual([expect.objectContaining({ situationId: referral.id })]);
    const list = await items(f, current);
    expect(list.find((i) => i.situationId === open)?.taken.map((t) => t.kind)).toEqual(['UPDATE']);
    expect(list.find((i) => i.situationId === referral.id)?.taken.map((t) => [t.kind, t.outcome])).toEqual([
      ['DECISION', 'AER'],
      ['ASSIGNMENT', null],
      ['LEAD_ANSWER', 'ACCEPTED'],
    ]);
    const situation = await c.get(`/situations/${referral.id}`).expect(200);
    expect(situation.body.decision.meetingId).toBe(current);
    for (const other of [outOfWindow, earlier, upcoming]) {
      const m = await c.get(`/meetings/${other}/minutes`).expect(200);
      expect([...m.body.decisions, ...m.body.assignments]).toEqual([]);
    }
    expect((await c.get(`/meetings/${upcoming}/minutes`).expect(200)).body.updates).toHaveLength(1);

    // once closed, the meeting in progress is the earlier one still open (the latest started)
    await c.post(`/meetings/${current}/close`).expect(200);
    const after = await api.as(f.reps.housing.token).post(`/situations/${open}/updates`, { note: 'After the close.' }).expect(201);
    expect(after.body.meetingId).toBe(earlier);
    // an edit or a withdrawal is never a meeting's; with no meeting in progress nothing is attributed
    await c.post(`/meetings/${earlier}/close`).expect(200);
    const none = await api.as(f.reps.housing.token).post(`/situations/${open}/updates`, { note: 'Between meetings.' }).expect(201);
    expect(none.body.meetingId).toBeNull();
  });
});
