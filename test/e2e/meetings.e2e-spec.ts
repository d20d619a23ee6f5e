import { MeetingService } from '../../src/modules/meetings/meeting.service';
import { Api, buildTable, TableFixture } from '../support/api';
import { BELOW, submit, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

const HOUR = 3_600_000;

describe('the weekly meeting: agenda, attendance, decisions in context, minutes, 48-hour clock', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, close } = await openWorld());
  });
  afterAll(() => close());

  it('runs a whole meeting: schedule, agenda, attendance, two decisions, an assignment, updates, close, minutes', async () => {
    const c = api.as(f.coordinator.token);
    const open = await walkTo(api, f, 'ASSIGNED');
    const first = await submit(api, f, f.reps.police.token);
    const second = await submit(api, f, f.reps.school.token, BELOW);

    const meeting = await c.post(`/tables/${f.tableId}/meetings`, { scheduledFor: new Date().toISOString(), kind: 'REGULAR' }).expect(201);
    expect(meeting.body).toMatchObject({ tableId: f.tableId, kind: 'REGULAR', status: 'OPEN', attendance: [] });
    const mid = meeting.body.id;
    await api.as(f.reps.police.token).post(`/tables/${f.tableId}/meetings`, { scheduledFor: new Date().toISOString(), kind: 'REGULAR' }).expect(403);
    const listed = await api.as(f.analyst.token).get(`/tables/${f.tableId}/meetings`).expect(200);
    expect(listed.body.items.map((m: { id: string }) => m.id)).toContain(mid);

    const agenda = await api.as(f.reps.housing.token).get(`/meetings/${mid}/agenda`).expect(200);
    expect(agenda.body.updates.map((i: { situationId: string }) => i.situationId)).toContain(open);
    expect(agenda.body.newSituations.map((i: { situationId: string }) => i.situationId)).toEqual(expect.arrayContaining([first.id, second.id]));
    const item = agenda.body.newSituations.find((i: { situationId: string }) => i.situationId === first.id);
    expect(item).toMatchObject({ reference: first.reference, situationType: 'PERSON', originatingSector: 'POLICE' });
    expect(item.riskCategories).toEqual(expect.arrayContaining(['ALCOHOL', 'HOUSING']));
    expect(item.threshold.meets).toBe(true);
    expect(item.narrative).toBeUndefined();
    await api.as(f.analyst.token).get(`/meetings/${mid}/agenda`).expect(403);
    await api.as(f.stranger.token).get(`/meetings/${mid}/agenda`).expect(404);

    await c.put(`/meetings/${mid}/attendance`, { agencyIds: [f.agencies.police.id, f.agencies.health.id, f.agencies.housing.id] }).expect(200);
    await c.put(`/meetings/${mid}/attendance`, { agencyIds: [f.agencies.outsider.id] }).expect(400);
    // an attendee that is itself an array: ValidateNested alone walks into it (a 500 the fuzz found)
    await c.put(`/meetings/${mid}/attendance`, { attendees: [[]] }).expect(400);
    await c.put(`/meetings/${mid}/attendance`, { attendees: [[{ userId: f.coordinator.id }]] }).expect(400);

    await c.post(`/situations/${first.id}/decision`, { outcome: 'AER', meetingId: mid }).expect(200);
    await c.post(`/situations/${second.id}/decision`, { outcome: 'NOT_AER', rationale: 'Below the threshold; school can respond.', meetingId: mid }).expect(200);
    await c.post(`/situations/${first.id}/assignment`, { leadAgencyId: f.agencies.health.id, assistingAgencyIds: [f.agencies.police.id], meetingId: mid }).expect(200);
    await api.as(f.reps.housing.token).post(`/situations/${open}/updates`, { note: 'Shelter bed confirmed for this week.', meetingId: mid }).expect(201);
    // without a meetingId, an update posted while the meeting is in progress belongs to it (issue 16)
    await api.as(f.reps.housing.token).post(`/situations/${open}/updates`, { note: 'Posted during the meeting without naming it.' }).expect(201);

    const minutes = await c.post(`/meetings/${mid}/close`).expect(200);
    expect(minutes.body.meeting.status).toBe('CLOSED');
    expect(minutes.body.attendance.map((a: { agencyId: string }) => a.agencyId).sort()).toEqual([f.agencies.police.id, f.agencies.health.id, f.agencies.housing.id].sort());
    expect(minutes.body.decisions.map((d: { reference: string; outcome: string }) => [d.reference, d.outcome])).toEqual([
      [first.reference, 'AER'],
      [second.reference, 'NOT_AER'],
    ]);
    expect(minutes.body.assignments).toEqual([
      expect.objectContaining({ situationId: first.id, leadAgencyId: f.agencies.health.id, leadSector: 'HEALTH', assistingAgencyIds: [f.agencies.police.id] }),
    ]);
    expect(minutes.body.updates).toEqual([
      expect.objectContaining({ situationId: open, note: 'Shelter bed confirmed for this week.' }),
      expect.objectContaining({ situationId: open, note: 'Posted during the meeting without naming it.' }),
    ]);
    expect(minutes.body.closures).toEqual([]);

    // a closed meeting accepts nothing more
    await c.post(`/meetings/${mid}/close`).expect(409);
    await c.put(`/meetings/${mid}/attendance`, { agencyIds: [] }).expect(409);
    await api.as(f.reps.housing.token).post(`/situations/${open}/updates`, { note: 'Late addition.', meetingId: mid }).expect(409);
    const again = await api.as(f.privacy.token).get(`/meetings/${mid}/minutes`).expect(200);
    expect(again.body.decisions).toHaveLength(2);
  });

  it('bounds each agenda section, and the items computed from them, and says how many it holds and which were cut, in meeting order', async () => {
    const g = await buildTable(api);
    const c = api.as(g.coordinator.token);
    const meeting = await c.post(`/tables/${g.tableId}/meetings`, { scheduledFor: new Date().toISOString(), kind: 'REGULAR' }).expect(201);
    const path = `/meetings/${meeting.body.id}/agenda`;
    const submitted = [];
    for (let i = 0; i < 3; i++) submitted.push(await submit(api, g));
    const open = [await walkTo(api, g, 'ASSIGNED'), await walkTo(api, g, 'MOBILIZED')];

    const whole = await c.get(path).expect(200);
    expect(whole.body.limit).toBe(100);
    expect(whole.body.totals).toEqual({ updates: 2, newSituations: 3, overdue: 0 });
    expect(whole.body.truncated).toEqual({ updates: false, newSituations: false, overdue: false });
    expect(whole.body.newSituations.map((i: { situationId: string }) => i.situationId)).toEqual(submitted.map((s) => s.id));
    expect(whole.body.updates.map((i: { situationId: string }) => i.situationId)).toEqual(open);

    const cut = await c.get(`${path}?limit=2`).expect(200);
    expect(cut.body.limit).toBe(2);
    expect(cut.body.newSituations.map((i: { situationId: string }) => i.situationId)).toEqual(submitted.slice(0, 2).map((s) => s.id));
    expect(cut.body.totals.newSituations).toBe(3);
    expect(cut.body.truncated).toEqual({ updates: false, newSituations: true, overdue: false });
    // the computed items come from the sections as read: bounded by the same limit (updates, then new referrals)
    const itemIds = (r: { body: { items: { situationId: string }[] } }) => r.body.items.map((i) => i.situationId);
    expect(itemIds(whole)).toEqual([...open, ...submitted.map((s) => s.id)]);
    expect(itemIds(cut)).toEqual([...open, submitted[0].id, submitted[1].id]);

    t.clock.advance(50 * HOUR);
    try {
      const late = await c.get(`${path}?limit=1`).expect(200);
      // the assigned one is late (48 hours after its assignment), the mobilised one is not; the oldest clock comes first
      expect(late.body.totals).toEqual({ updates: 2, newSituations: 3, overdue: 1 });
      expect(late.body.truncated).toEqual({ updates: true, newSituations: true, overdue: false });
      expect(late.body.updates.map((i: { situationId: string }) => i.situationId)).toEqual([open[0]]);
      expect(late.body.overdue).toEqual([expect.objectContaining({ situationId: open[0], hoursOverdue: 2 })]);
    } finally {
      t.clock.reset();
    }
    await c.get(`${path}?limit=0`).expect(400);
    await c.get(`${path}?limit=101`).expect(400);
  });

  it("orders the overdue section by the 48-hour clock: a reassignment restarts a situation's clock", async () => {
    const g = await buildTable(api);
    const c = api.as(g.coordinator.token);
    const meeting = await c.post(`/tables/${g.tableId}/meetings`, { scheduledFor: new Date().toISOString(), kind: 'REGULAR' }).expect(201);
    const first = await walkTo(api, g, 'ASSIGNED');
    const second = await walkTo(api, g, 'ASSIGNED');
    try {
      t.clock.advance(10 * HOUR);
      // the first one, decided first, is reassigned: its clock starts again, after the second one's
      await c.post(`/situations/${first}/assignment`, { leadAgencyId: g.agencies.police.id, assistingAgencyIds: [g.agencies.health.id] }).expect(200);
      t.clock.advance(50 * HOUR);
      const agenda = await c.get(`/meetings/${meeting.body.id}/agenda`).expect(200);
      expect(agenda.body.overdue.map((i: { situationId: string; hoursOverdue: number }) => [i.situationId, i.hoursOverdue])).toEqual([
        [second, 12],
        [first, 2],
      ]);
    } finally {
      t.clock.reset();
    }
  });

  it('lists the upcoming meetings only (open, from an hour ago on), the next first, whatever the number before', async () => {
    const g = await buildTable(api);
    const c = api.as(g.coordinator.token);
    const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
    const schedule = async (hours: number) => (await c.post(`/tables/${g.tableId}/meetings`, { scheduledFor: at(hours), kind: 'REGULAR' }).expect(201)).body.id as string;
    const past = await schedule(-48);
    const underWay = await schedule(-0.5);
    const closed = await schedule(72);
    const later = await schedule(240);
    await c.post(`/meetings/${closed}/close`).expect(200);
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((m) => m.id);
    expect(ids(await api.as(g.reps.police.token).get(`/tables/${g.tableId}/meetings`).expect(200))).toEqual([past, underWay, closed, later]);
    const upcoming = await api.as(g.reps.police.token).get(`/tables/${g.tableId}/meetings?upcoming=true`).expect(200);
    expect(ids(upcoming)).toEqual([underWay, later]);
    const next = await api.as(g.reps.police.token).get(`/tables/${g.tableId}/meetings?upcoming=true&limit=1`).expect(200);
    expect(ids(next)).toEqual([underWay]);
    expect(ids(await api.as(g.reps.police.token).get(`/tables/${g.tableId}/meetings?upcoming=true&limit=1&cursor=${next.body.nextCursor}`).expect(200))).toEqual([later]);
    expect(ids(await api.as(g.reps.police.token).get(`/tables/${g.tableId}/meetings?upcoming=false`).expect(200))).toHaveLength(4);
    await api.as(g.reps.police.token).get(`/tables/${g.tableId}/meetings?upcoming=soon`).expect(400);
  });

  it('refuses a meeting of another table', async () => {
    const other = await buildTable(api);
    const m = await api.as(other.coordinator.token).post(`/tables/${other.tableId}/meetings`, { scheduledFor: new Date().toISOString(), kind: 'EMERGENCY' }).expect(201);
    const s = await submit(api, f);
    await api.as(f.coordinator.token).post(`/situations/${s.id}/decision`, { outcome: 'AER', meetingId: m.body.id }).expect(400);
    await api.as(f.coordinator.token).get(`/meetings/${m.body.id}`).expect(404);
  });

  it('shows late situations as overdue and notifies the coordinator and lead agency once', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const mobilized = await walkTo(api, f, 'MOBILIZED');
    const meeting = await api.as(f.coordinator.token).post(`/tables/${f.tableId}/meetings`, { scheduledFor: new Date().toISOString(), kind: 'REGULAR' }).expect(201);
    const service = t.app.get(MeetingService);
    let agenda = await api.as(f.coordinator.token).get(`/meetings/${meeting.body.id}/agenda`).expect(200);
    expect(agenda.body.overdue.map((i: { situationId: string }) => i.situationId)).not.toContain(id);
    t.clock.advance(50 * HOUR);
    try {
      agenda = await api.as(f.coordinator.token).get(`/meetings/${meeting.body.id}/agenda`).expect(200);
      const late = agenda.body.overdue.find((i: { situationId: string }) => i.situationId === id);
      expect(late.hoursOverdue).toBe(2);
      expect(agenda.body.overdue.map((i: { situationId: string }) => i.situationId)).not.toContain(mobilized);
      // The job takes 500 late situations a run, of every table: other suites' situations share
      // this database, so run it until it has nothing left, then once more.
      let notified = 0;
      for (let n = await service.notifyOverdue(); n > 0; n = await service.notifyOverdue()) notified += n;
      expect(notified).toBeGreaterThanOrEqual(1);
      expect(await service.notifyOverdue()).toBe(0);
    } finally {
      t.clock.reset();
    }
    const lead = await api.as(f.reps.housing.token).get('/notifications').expect(200);
    const coordinator = await api.as(f.coordinator.token).get('/notifications').expect(200);
    const overdueFor = (items: { situationId: string; kind: string }[]) => items.filter((n) => n.situationId === id && n.kind === 'MOBILIZATION_OVERDUE');
    expect(overdueFor(lead.body.items)).toHaveLength(1);
    expect(overdueFor(coordinator.body.items)).toHaveLength(1);
    // found already late: alerted, not also warned as if it were at 24 hours
    expect(lead.body.items.filter((n: { situationId: string; kind: string }) => n.situationId === id && n.kind === 'MOBILIZATION_WARNING')).toHaveLength(0);
    const school = await api.as(f.reps.school.token).get('/notifications').expect(200);
    expect(overdueFor(school.body.items)).toHaveLength(0);
  });
});
