import { IdentityVaultService } from '../../src/modules/identity-vault/identity-vault.service';
import { MeetingService } from '../../src/modules/meetings/meeting.service';
import { Api, buildTable, TableFixture } from '../support/api';
import { IDENTITY, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';
import type { Client } from 'pg';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RATIONALE = 'The housing placement fell through; the table resumes the intervention.';

interface Note {
  situationId: string;
  kind: string;
}

describe('issue 16: reopening a closed situation, and the 48-hour clock from the assignment', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  /** Runs `fn` with the clock moved forward by `ms`, then puts it back. */
  async function later<T>(ms: number, fn: () => Promise<T>): Promise<T> {
    t.clock.advance(ms);
    try {
      return await fn();
    } finally {
      t.clock.reset();
    }
  }

  const notes = async (token: string, id: string, kind: string): Promise<Note[]> => {
    const res = await api.as(token).get('/notifications?limit=100').expect(200);
    return (res.body.items as Note[]).filter((n) => n.situationId === id && n.kind === kind);
  };

  /** The job until it has nothing left (other situations of this database are claimed too). */
  const runClock = async (): Promise<void> => {
    const service = t.app.get(MeetingService);
    while ((await service.notifyOverdue()) > 0);
  };

  describe('POST /situations/:id/reopen', () => {
    it('returns a situation closed from MOBILIZED to MOBILIZED, keeps the closure in its history, audited', async () => {
      const id = await walkTo(api, f, 'CLOSED');
      const c = api.as(f.coordinator.token);
      const before = await c.get(`/situations/${id}`).expect(200);
      expect(before.body).toMatchObject({ status: 'CLOSED', conclusion: 'CONNECTED_TO_SERVICES' });
      const res = await c.post(`/situations/${id}/reopen`, { rationale: RATIONALE }).expect(200);
      expect(res.body).toMatchObject({ status: 'MOBILIZED', conclusion: null, consentStatus: null, closedAt: null, identityPurgeAt: null });
      expect(res.body.version).toBe(before.body.version + 1);
      const transitions = await owner.query(`SELECT action, from_status, to_status, details FROM situation_transitions WHERE situation_id = $1 ORDER BY id`, [id]);
      const actions = transitions.rows.map((r: { action: string }) => r.action);
      expect(actions.slice(-2)).toEqual(['CLOSE', 'REOPEN']);
      const reopen = transitions.rows[transitions.rows.length - 1];
      expect(reopen).toMatchObject({ from_status: 'CLOSED', to_status: 'MOBILIZED' });
      expect(reopen.details).toMatchObject({ rationale: RATIONALE, conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' });
      const audit = await owner.query(`SELECT details FROM audit_entries WHERE situation_id = $1 AND action = 'situation.reopen'`, [id]);
      expect(audit.rows).toHaveLength(1);
      expect(JSON.parse(audit.rows[0].details)).toMatchObject({ from: 'CLOSED', to: 'MOBILIZED' });
      expect(JSON.stringify(audit.rows[0].details)).not.toContain(RATIONALE);
      // the timeline tells it, with the rationale, after the closure it undid
      const timeline = await c.get(`/situations/${id}/timeline?limit=100`).expect(200);
      const kinds = timeline.body.items.map((e: { kind: string }) => e.kind);
      expect(kinds.slice(-2)).toEqual(['CLOSURE', 'REOPENING']);
      expect(timeline.body.items[kinds.length - 1].details).toEqual({ toStatus: 'MOBILIZED', rationale: RATIONALE });
      // open again: it can be closed again, and reopening an open situation is a state conflict
      await c.post(`/situations/${id}/reopen`, { rationale: RATIONALE }).expect(409);
      await c.post(`/situations/${id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
    });

    it('returns a situation closed from ASSIGNED to ASSIGNED', async () => {
      const id = await walkTo(api, f, 'ASSIGNED');
      const c = api.as(f.coordinator.token);
      await c.post(`/situations/${id}/closure`, { conclusion: 'MOVED', consentStatus: 'NOT_SOUGHT_UNREACHABLE' }).expect(200);
      const res = await later(2 * DAY, () => c.post(`/situations/${id}/reopen`, { rationale: RATIONALE }).expect(200));
      expect(res.body.status).toBe('ASSIGNED');
      // the agencies resume: the 48-hour clock starts again from the reopening, not from the old assignment
      expect(res.body.mobilizationClock).toMatchObject({ from: 'ASSIGNMENT', startedAt: res.body.lastAssignedAt });
      expect(Date.parse(res.body.lastAssignedAt)).toBeGreaterThan(Date.now() + DAY);
      expect(res.body.mobilizationClock.stage).not.toBe('OVERDUE');
    });

    it('refuses after the table period (409 REOPEN_PERIOD_OVER), and always with a period of 0 (409 REOPEN_NOT_ALLOWED)', async () => {
      const id = await walkTo(api, f, 'CLOSED');
      const c = api.as(f.coordinator.token);
      const over = await later(31 * DAY, () => c.post(`/situations/${id}/reopen`, { rationale: RATIONALE }).expect(409));
      expect(over.body.details).toMatchObject({ reason: 'REOPEN_PERIOD_OVER' });
      // the period is a state check: the same 409 whatever the body holds (before its validation)
      for (const body of [{}, { rationale: 'short' }, { rationale: 42 }]) {
        const same = await later(31 * DAY, () => c.post(`/situations/${id}/reopen`, body).expect(409));
        expect(same.body.details).toMatchObject({ reason: 'REOPEN_PERIOD_OVER' });
      }
      const french = await later(31 * DAY, () => c.post(`/situations/${id}/reopen`, { rationale: RATIONALE }).set('Accept-Language', 'fr').expect(409));
      expect(french.body.detail ?? french.body.message ?? JSON.stringify(french.body)).toMatch(/délai/);

      const g = await buildTable(api);
      const table = await api.as(g.admin.token).patch(`/tables/${g.tableId}`, { deferralLimitDays: 14 }).expect(200);
      expect(table.body.reopenLimitDays).toBe(30);
      await api.as(g.admin.token).patch(`/tables/${g.tableId}`, { reopenLimitDays: -1 }).expect(400);
      await api.as(g.admin.token).patch(`/tables/${g.tableId}`, { reopenLimitDays: 366 }).expect(400);
      const set = await api.as(g.admin.token).patch(`/tables/${g.tableId}`, { reopenLimitDays: 0 }).expect(200);
      expect(set.body.reopenLimitDays).toBe(0);
      const never = await walkTo(api, g, 'CLOSED');
      const refused = await api.as(g.coordinator.token).post(`/situations/${never}/reopen`, { rationale: RATIONALE }).expect(409);
      expect(refused.body.details).toMatchObject({ reason: 'REOPEN_NOT_ALLOWED' });
      await api.as(g.admin.token).patch(`/tables/${g.tableId}`, { reopenLimitDays: 365 }).expect(200);
      await api.as(g.coordinator.token).post(`/situations/${never}/reopen`, { rationale: RATIONALE }).expect(200);
    });

    it('refuses once the identity is purged: 410, like its reads', async () => {
      const g = await buildTable(api, { identityRetentionDays: 30 });
      const id = await walkTo(api, g, 'ASSIGNED');
      await api.as(g.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
      await api.as(g.coordinator.token).post(`/situations/${id}/closure`, { conclusion: 'MOVED', consentStatus: 'NOT_SOUGHT_UNREACHABLE' }).expect(200);
      // the retention (30 days, its shortest) runs out before the reopening period (30 days) ends: purged wins
      await later(30 * DAY + 60_000, async () => {
        expect(await t.app.get(IdentityVaultService).purgeDue()).toBeGreaterThanOrEqual(1);
        await api.as(g.reps.police.token).get(`/situations/${id}/identity?purposeCode=SAFETY_PLANNING`).expect(410);
        await api.as(g.coordinator.token).post(`/situations/${id}/reopen`, { rationale: RATIONALE }).expect(410);
      });
      // still refused the day after (purged is purged), and nothing changed
      await api.as(g.coordinator.token).post(`/situations/${id}/reopen`, { rationale: RATIONALE }).expect(410);
      expect((await api.as(g.coordinator.token).get(`/situations/${id}`).expect(200)).body.status).toBe('CLOSED');
    });

    it('is the coordinators’ only (403, audited), and checks the rationale: too short 400, identifying 422', async () => {
      const id = await walkTo(api, f, 'CLOSED');
      for (const token of [f.reps.housing.token, f.reps.police.token, f.privacy.token, f.analyst.token]) {
        await api.as(token).post(`/situations/${id}/reopen`, { rationale: RATIONALE }).expect(403);
      }
      await api.as(f.stranger.token).post(`/situations/${id}/reopen`, { rationale: RATIONALE }).expect(404);
      const denied = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE situation_id = $1 AND outcome = 'DENIED'`, [id]);
      expect(denied.rows[0].n).toBeGreaterThanOrEqual(4);
      const c = api.as(f.coordinator.token);
      await c.post(`/situations/${id}/reopen`, { rationale: 'too short' }).expect(400);
      await c.post(`/situations/${id}/reopen`, {}).expect(400);
      const pii = await c.post(`/situations/${id}/reopen`, { rationale: 'Reopened: she called again from 416-555-0199 last night.' }).expect(422);
      expect(JSON.stringify(pii.body)).not.toContain('416-555-0199');
      expect((await c.get(`/situations/${id}`).expect(200)).body.status).toBe('CLOSED');
    });
  });

  describe('the 48-hour clock', () => {
    it('warns the lead agency once at 24 hours after the assignment, then alerts the lead and the coordinators once at 48', async () => {
      const id = await walkTo(api, f, 'ASSIGNED');
      await later(25 * HOUR, runClock);
      expect(await notes(f.reps.housing.token, id, 'MOBILIZATION_WARNING')).toHaveLength(1);
      expect(await notes(f.reps.health.token, id, 'MOBILIZATION_WARNING')).toHaveLength(0); // assisting, not lead
      expect(await notes(f.coordinator.token, id, 'MOBILIZATION_WARNING')).toHaveLength(0);
      expect(await notes(f.coordinator.token, id, 'MOBILIZATION_OVERDUE')).toHaveLength(0);
      await later(26 * HOUR, runClock);
      expect(await notes(f.reps.housing.token, id, 'MOBILIZATION_WARNING')).toHaveLength(1);

      await later(49 * HOUR, runClock);
      await later(50 * HOUR, runClock);
      expect(await notes(f.reps.housing.token, id, 'MOBILIZATION_OVERDUE')).toHaveLength(1);
      expect(await notes(f.coordinator.token, id, 'MOBILIZATION_OVERDUE')).toHaveLength(1);
      expect(await notes(f.reps.school.token, id, 'MOBILIZATION_OVERDUE')).toHaveLength(0);
      expect(await notes(f.reps.housing.token, id, 'MOBILIZATION_WARNING')).toHaveLength(1);
    });

    it('alerts once at 49 hours without a warning first when the job finds it already late', async () => {
      const id = await walkTo(api, f, 'ASSIGNED');
      await later(49 * HOUR, runClock);
      expect(await notes(f.reps.housing.token, id, 'MOBILIZATION_OVERDUE')).toHaveLength(1);
      expect(await notes(f.coordinator.token, id, 'MOBILIZATION_OVERDUE')).toHaveLength(1);
      expect(await notes(f.reps.housing.token, id, 'MOBILIZATION_WARNING')).toHaveLength(0);
      const audit = await owner.query(`SELECT details FROM audit_entries WHERE situation_id = $1 AND action = 'situation.overdue'`, [id]);
      expect(audit.rows).toHaveLength(1);
      expect(JSON.parse(audit.rows[0].details)).toMatchObject({ from: 'ASSIGNMENT', hoursSinceStart: 49 });
    });

    it('counts from the decision while unassigned: alerts the coordinators at 49 hours', async () => {
      const id = await walkTo(api, f, 'ACCEPTED');
      await later(49 * HOUR, runClock);
      expect(await notes(f.coordinator.token, id, 'MOBILIZATION_OVERDUE')).toHaveLength(1);
      for (const rep of Object.values(f.reps)) {
        expect(await notes(rep.token, id, 'MOBILIZATION_OVERDUE')).toHaveLength(0);
        expect(await notes(rep.token, id, 'MOBILIZATION_WARNING')).toHaveLength(0);
      }
    });

    it('restarts at the assignment: the agenda, the overdue filter and the view agree', async () => {
      const c = api.as(f.coordinator.token);
      const meeting = await c.post(`/tables/${f.tableId}/meetings`, { scheduledFor: new Date().toISOString(), kind: 'REGULAR' }).expect(201);
      const id = await walkTo(api, f, 'ACCEPTED');
      const accepted = await walkTo(api, f, 'ACCEPTED');
      // assigned 30 hours after the decision
      await later(30 * HOUR, () => c.post(`/situations/${id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [] }).expect(200));
      const lastAssigned = (await owner.query('SELECT last_assigned_at FROM situations WHERE id = $1', [id])).rows[0].last_assigned_at as Date;
      const lateOf = async () => {
        const [agenda, list, notLate] = await Promise.all([
          c.get(`/meetings/${meeting.body.id}/agenda`).expect(200),
          c.get(`/tables/${f.tableId}/situations?overdue=true&limit=100`).expect(200),
          c.get(`/tables/${f.tableId}/situations?overdue=false&limit=100`).expect(200),
        ]);
        const ids = (xs: { situationId?: string; id?: string }[]) => xs.map((x) => x.situationId ?? x.id);
        return { agenda: ids(agenda.body.overdue), list: ids(list.body.items), notLate: ids(notLate.body.items), items: agenda.body.overdue, views: list.body.items };
      };
      // 55 hours after the decision, 25 after the assignment: not late (the unassigned one is)
      const at55 = await later(55 * HOUR, lateOf);
      expect(at55.agenda).not.toContain(id);
      expect(at55.list).not.toContain(id);
      expect(at55.notLate).toContain(id);
      expect(at55.agenda).toContain(accepted);
      expect(at55.list).toContain(accepted);
      const view = await later(55 * HOUR, () => c.get(`/situations/${id}`).expect(200));
      expect(view.body.lastAssignedAt).toBe(lastAssigned.toISOString());
      expect(view.body.mobilizationClock).toMatchObject({ from: 'ASSIGNMENT', stage: 'WARNING', startedAt: lastAssigned.toISOString() });
      // 79 hours after the decision, 49 after the assignment: late everywhere, 1 hour over
      const at79 = await later(79 * HOUR, lateOf);
      expect(at79.agenda).toContain(id);
      expect(at79.list).toContain(id);
      expect(at79.notLate).not.toContain(id);
      expect(at79.items.find((i: { situationId: string }) => i.situationId === id).hoursOverdue).toBe(1);
      expect(at79.views.find((v: { id: string }) => v.id === id).mobilizationClock).toMatchObject({ stage: 'OVERDUE', from: 'ASSIGNMENT' });
    });
  });
});
