import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { IdentityVaultService } from '../../src/modules/identity-vault/identity-vault.service';
import { RetentionService } from '../../src/modules/meetings/retention.service';
import { Api, buildTable, TableFixture } from '../support/api';
import { IDENTITY, MEETS, submit } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

const DAY = 86_400_000;
const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

/** A distinctive word per free-text field (lower case, so the de-identification check sees no name). */
const MARK = {
  narrative: 'zqvxnarrativeone',
  edited: 'zqvxnarrativetwo',
  question: 'zqvxquestion',
  rationale: 'zqvxrationale',
  decline: 'zqvxdeclinenote',
  update: 'zqvxupdatenote',
  action: 'zqvxactiontext',
  reason: 'zqvxreasonnote',
  contact: 'zqvxcontactnote',
  closure: 'zqvxclosurenote',
  reopen: 'zqvxreopenrationale',
  stubNarrative: 'zqvxstubnarrative',
  stubRationale: 'zqvxstubrationale',
};
const text = (marker: string) => `The agencies agreed on the next step, see ${marker} in the working notes.`;

/** The whole test database as pg_dump writes it (data and schema, every table). */
function dump(ownerUrl: string): string {
  return execFileSync('pg_dump', ['--no-owner', '--no-privileges', ownerUrl], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
}

describe('Issue 17: retention that leaves no person-level history', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld({ table: { identityRetentionDays: 30 } }));
  });
  afterAll(async () => {
    t.clock.reset();
    await close();
  });

  const audits = async (id: string, action: string): Promise<Record<string, unknown>[]> =>
    (await owner.query(`SELECT details FROM audit_entries WHERE situation_id = $1 AND action = $2 ORDER BY seq`, [id, action])).rows.map(
      (r: { details: string }) => JSON.parse(r.details) as Record<string, unknown>,
    );
  const meeting = async (g: TableFixture, at: Date): Promise<string> =>
    (await api.as(g.coordinator.token).post(`/tables/${g.tableId}/meetings`, { scheduledFor: at.toISOString(), kind: 'REGULAR' }).expect(201)).body.id;

  it('erases every free text of a purged situation (and of a stub past its retention): none left in a pg_dump; the coded record stays and is counted', async () => {
    const c = api.as(f.coordinator.token);
    const housing = api.as(f.reps.housing.token);
    const first = await meeting(f, new Date(Date.now() - 60_000));

    // Every free-text field, through the API.
    const s = await submit(api, f, f.reps.police.token, { ...MEETS, narrative: text(MARK.narrative) });
    await c.post(`/situations/${s.id}/decision`, { outcome: 'DEFERRED', informationNeeded: text(MARK.question) }).expect(200);
    await api
      .as(f.reps.police.token)
      .patch(`/situations/${s.id}`, { ...MEETS, narrative: text(MARK.edited) })
      .expect(200);
    await c.post(`/situations/${s.id}/decision`, { outcome: 'AER', rationale: text(MARK.rationale), meetingId: first }).expect(200);
    const assign = { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id] };
    await c.post(`/situations/${s.id}/assignment`, assign).expect(200);
    await housing.post(`/situations/${s.id}/lead-answer`, { answer: 'DECLINE', reasonCode: 'OTHER', note: text(MARK.decline) }).expect(200);
    await c.post(`/situations/${s.id}/assignment`, assign).expect(200);
    await housing.post(`/situations/${s.id}/mobilization`, { mobilizedAt: new Date().toISOString(), services: ['HOUSING_SHELTER'] }).expect(200);
    await housing.put(`/situations/${s.id}/identity`, IDENTITY).expect(204);
    await housing.post(`/situations/${s.id}/updates`, { note: text(MARK.update), meetingId: first }).expect(201);
    const action = await housing.post(`/situations/${s.id}/actions`, { description: text(MARK.action), dueDate: day(3), meetingId: first }).expect(201);
    await housing.patch(`/situations/${s.id}/actions/${action.body.id}`, { status: 'NOT_DONE', reasonCode: 'OTHER', reasonNote: text(MARK.reason) }).expect(200);
    await housing.post(`/situations/${s.id}/contact-attempts`, { attemptedAt: new Date().toISOString(), outcome: 'OTHER', note: text(MARK.contact) }).expect(201);
    // the minutes of the meeting, approved at the next one: a snapshot holding the rationale, the update and the action
    await c.post(`/meetings/${first}/close`).expect(200);
    await meeting(f, new Date(Date.now() + DAY));
    const approved = await c.post(`/meetings/${first}/minutes/approval`).expect(200);
    expect(JSON.stringify(approved.body)).toContain(MARK.rationale);
    expect(JSON.stringify(approved.body)).toContain(MARK.update);
    await c.post(`/situations/${s.id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
    await c.post(`/situations/${s.id}/reopen`, { rationale: text(MARK.reopen) }).expect(200);
    const closed = await c.post(`/situations/${s.id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED', note: text(MARK.closure) }).expect(200);
    // a stub: rejected, its narrative erased at once, its rationale kept until its retention runs out
    const stub = await submit(api, f, f.reps.school.token, { ...MEETS, narrative: text(MARK.stubNarrative) });
    await c.post(`/situations/${stub.id}/decision`, { outcome: 'NOT_AER', rationale: text(MARK.stubRationale) }).expect(200);

    // Before: the dump holds every marker (the test would prove nothing otherwise), but those already
    // gone: the first narrative replaced by the edit, the decline's note by the new assignment, the
    // stub's narrative erased when it was rejected.
    const before = dump(t.ownerUrl);
    const gone = ['narrative', 'decline', 'stubNarrative'];
    for (const [field, marker] of Object.entries(MARK)) expect({ field, found: before.includes(marker) }).toEqual({ field, found: !gone.includes(field) });

    // The retention runs out: the purge job crypto-shreds the identity, the erasure follows it.
    t.clock.advance(new Date(closed.body.identityPurgeAt).getTime() - Date.now() + 60_000);
    try {
      expect(await t.app.get(IdentityVaultService).purgeDue()).toBeGreaterThanOrEqual(1);
      expect(await t.app.get(RetentionService).eraseDue()).toBeGreaterThanOrEqual(2);
      // idempotent: nothing left to erase
      expect(await t.app.get(RetentionService).eraseDue()).toBe(0);
    } finally {
      t.clock.reset();
    }

    // After: no marker anywhere in the dump, in any table (the audit trail included).
    const after = dump(t.ownerUrl);
    for (const [field, marker] of Object.entries(MARK)) expect({ field, found: after.includes(marker) }).toEqual({ field, found: false });
    // The coded record stays: the reference, the codes, the dates.
    expect(after).toContain(s.reference);
    const row = await owner.query(
      `SELECT status, conclusion, consent_status, situation_type, risk_categories, lead_agency_id, closed_at, identity_purged_at, texts_erased_at, narrative, decision_rationale
       FROM situations WHERE id = $1`,
      [s.id],
    );
    expect(row.rows[0]).toMatchObject({
      status: 'CLOSED',
      conclusion: 'CONNECTED_TO_SERVICES',
      consent_status: 'OBTAINED',
      situation_type: 'PERSON',
      lead_agency_id: f.agencies.housing.id,
      narrative: null,
      decision_rationale: null,
    });
    expect(row.rows[0].texts_erased_at).not.toBeNull();
    expect(row.rows[0].risk_categories.length).toBeGreaterThan(0);

    // The API says so: the texts were erased under the retention policy; the timeline keeps its steps.
    const view = await c.get(`/situations/${s.id}`).expect(200);
    expect(view.body).toMatchObject({ status: 'CLOSED', narrative: null, conclusion: 'CONNECTED_TO_SERVICES', textsErasedAt: expect.any(String) });
    const timeline = await c.get(`/situations/${s.id}/timeline?limit=100`).expect(200);
    expect(timeline.body.items.length).toBeGreaterThan(8);
    expect(JSON.stringify(timeline.body)).not.toMatch(/zqvx/);
    expect(JSON.stringify((await c.get(`/meetings/${first}/minutes`).expect(200)).body)).not.toMatch(/zqvx/);
    expect((await c.get(`/situations/${stub.id}`).expect(200)).body).toMatchObject({ status: 'REJECTED', textsErasedAt: expect.any(String) });

    // The reports still count it: its RTD row, with its codes.
    const rtd = await api.as(f.privacy.token).get(`/tables/${f.tableId}/reports/rtd-export.csv`).expect(200);
    expect(rtd.text).toContain(s.reference);
    expect(rtd.text).not.toMatch(/zqvx/);

    // Audited per situation: its reference and counts of what was erased, never a text.
    const [erased] = await audits(s.id, 'situation.texts_erase');
    expect(erased).toEqual({
      reference: s.reference,
      situationFields: expect.any(Number),
      transitions: 2,
      updates: 1,
      actions: 1,
      contactAttempts: 1,
      systemBarriers: 0,
      minutes: 1,
    });
    // the narrative, the rationale and the closure note at least
    expect(erased.situationFields).toBeGreaterThanOrEqual(3);
    const [stubErased] = await audits(stub.id, 'situation.texts_erase');
    expect(stubErased).toMatchObject({ reference: stub.reference, situationFields: 1 });
    expect(await audits(s.id, 'identity.purge')).toEqual([{ hadIdentity: true }]);

    // The approved minutes stay immutable otherwise, for the application role too.
    const app = new Client({ connectionString: t.appUrl });
    await app.connect();
    try {
      await expect(app.query(`UPDATE meeting_minutes SET document = '{}'::jsonb WHERE meeting_id = $1`, [first])).rejects.toThrow(/immutable/);
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.retention_erasure', 'on', true)`);
      await expect(app.query(`UPDATE meeting_minutes SET approved_by_name = 'Someone Else' WHERE meeting_id = $1`, [first])).rejects.toThrow(/immutable/);
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }
  });

  it('flags a situation with no activity after the dormancy flag period, clears the flag on activity, and closes it as DORMANT after the close period', async () => {
    const g = await buildTable(api);
    await api.as(g.admin.token).patch(`/tables/${g.tableId}`, { identityRetentionDays: 30, dormancyFlagDays: 14, dormancyCloseDays: 28 }).expect(200);
    const retention = t.app.get(RetentionService);
    const c = api.as(g.coordinator.token);
    const s = await submit(api, g);
    const notes = async () =>
      ((await c.get('/notifications?limit=100').expect(200)).body.items as { kind: string; situationId: string; payload: Record<string, unknown> }[]).filter(
        (n) => n.situationId === s.id,
      );
    const at = async <T>(days: number, fn: () => Promise<T>): Promise<T> => {
      t.clock.advance(days * DAY);
      try {
        return await fn();
      } finally {
        t.clock.reset();
      }
    };

    await at(13, () => retention.dormancy());
    expect((await c.get(`/situations/${s.id}`).expect(200)).body.dormant).toBe(false);
    await at(15, () => retention.dormancy());
    const flagged = (await c.get(`/situations/${s.id}`).expect(200)).body;
    expect(flagged).toMatchObject({ dormant: true, dormantSince: expect.any(String), status: 'SUBMITTED' });
    const list = await c.get(`/tables/${g.tableId}/situations?limit=100`).expect(200);
    expect(list.body.items.find((x: { id: string }) => x.id === s.id)).toMatchObject({ dormant: true });
    expect(await notes()).toEqual([expect.objectContaining({ kind: 'SITUATION_DORMANT', payload: { reference: s.reference, idleDays: 15 } })]);
    expect(await audits(s.id, 'situation.dormant_flag')).toEqual([{ idleDays: 15 }]);
    // flagged once: the job again changes nothing
    await at(16, () => retention.dormancy());
    expect(await notes()).toHaveLength(1);

    // activity (the agency edits its referral) clears the flag; the periods count again from it
    await at(20, () => api.as(g.reps.police.token).patch(`/situations/${s.id}`, MEETS).expect(200));
    expect((await c.get(`/situations/${s.id}`).expect(200)).body.dormant).toBe(false);
    await at(20 + 15, () => retention.dormancy());
    expect((await c.get(`/situations/${s.id}`).expect(200)).body).toMatchObject({ status: 'SUBMITTED', dormant: true });
    // still no activity past the close period: closed by the system, conclusion DORMANT, audited, notified
    await at(20 + 29, () => retention.dormancy());
    const closed = (await c.get(`/situations/${s.id}`).expect(200)).body;
    expect(closed).toMatchObject({ status: 'CLOSED', conclusion: 'DORMANT', dormant: false, identityPurgeAt: expect.any(String) });
    expect(new Date(closed.identityPurgeAt).getTime() - new Date(closed.closedAt).getTime()).toBe(30 * DAY);
    expect(await audits(s.id, 'situation.close_dormant')).toEqual([{ from: 'SUBMITTED', to: 'CLOSED', conclusion: 'DORMANT', idleDays: 29 }]);
    expect((await notes()).map((n) => n.kind).sort()).toEqual(['SITUATION_CLOSED_DORMANT', 'SITUATION_DORMANT', 'SITUATION_DORMANT']);
    const tl = await c.get(`/situations/${s.id}/timeline?limit=100`).expect(200);
    expect(tl.body.items.at(-1)).toMatchObject({ kind: 'CLOSURE', details: { conclusion: 'DORMANT' } });
    // a dormant closure is not reopened (a new referral is made); no coordinator closes with DORMANT
    expect((await c.post(`/situations/${s.id}/reopen`, { rationale: 'The person came back to the agency asking for help again.' }).expect(409)).body.details).toEqual({
      reason: 'REOPEN_NOT_ALLOWED',
    });
    const other = await submit(api, g);
    await c.post(`/situations/${other.id}/decision`, { outcome: 'AER', rationale: 'Meets the threshold.' }).expect(200);
    await c.post(`/situations/${other.id}/assignment`, { leadAgencyId: g.agencies.housing.id, assistingAgencyIds: [] }).expect(200);
    await c.post(`/situations/${other.id}/closure`, { conclusion: 'DORMANT', consentStatus: 'OBTAINED' }).expect(400);
  });

  it('validates the retention policy against its bounds (400 naming the field), at creation and on change; the table shows the bounds', async () => {
    const admin = api.as(f.admin.token);
    const name = () => `Retention ${Math.random().toString(36).slice(2, 8)}`;
    const fieldOf = (res: { body: { details: { fields: { field: string }[] } } }) => res.body.details.fields.map((x) => x.field);
    expect(fieldOf(await admin.post('/tables', { name: name(), identityRetentionDays: 7 }).expect(400))).toEqual(['identityRetentionDays']);
    expect(fieldOf(await admin.post('/tables', { name: name(), identityRetentionDays: 40, reopenLimitDays: 60 }).expect(400))).toEqual(['identityRetentionDays']);
    expect(fieldOf(await admin.post('/tables', { name: name(), dormancyFlagDays: 60, dormancyCloseDays: 60 }).expect(400))).toEqual(['dormancyCloseDays']);
    expect(fieldOf(await admin.post('/tables', { name: name(), dormancyFlagDays: 5 }).expect(400))).toEqual(['dormancyFlagDays']);
    const created = await admin.post('/tables', { name: name() }).expect(201);
    expect(created.body).toMatchObject({
      identityRetentionDays: 365,
      dormancyFlagDays: 60,
      dormancyCloseDays: 120,
      retentionBounds: { identityRetentionDays: { min: 30, max: 3650, default: 365 }, dormancyFlagDays: { min: 14, max: 365, default: 60 } },
    });
    const id = created.body.id as string;
    expect(fieldOf(await admin.patch(`/tables/${id}`, { identityRetentionDays: 20 }).expect(400))).toEqual(['identityRetentionDays']);
    await admin.patch(`/tables/${id}`, { reopenLimitDays: 90 }).expect(200);
    // the stored reopening period counts: a retention below it is refused
    expect(fieldOf(await admin.patch(`/tables/${id}`, { identityRetentionDays: 60 }).expect(400))).toEqual(['identityRetentionDays']);
    expect(fieldOf(await admin.patch(`/tables/${id}`, { dormancyCloseDays: 50 }).expect(400))).toEqual(['dormancyCloseDays']);
    const fr = await admin.patch(`/tables/${id}`, { dormancyCloseDays: 50 }, { 'accept-language': 'fr' }).expect(400);
    expect(fr.body.details.fields[0].field).toBe('dormancyCloseDays');
    const ok = await admin.patch(`/tables/${id}`, { identityRetentionDays: 90, dormancyFlagDays: 30, dormancyCloseDays: 50 }).expect(200);
    expect(ok.body).toMatchObject({ identityRetentionDays: 90, reopenLimitDays: 90, dormancyFlagDays: 30, dormancyCloseDays: 50 });
    const [entry] = (await owner.query(`SELECT details FROM audit_entries WHERE table_id = $1 AND action = 'table.update' ORDER BY seq DESC LIMIT 1`, [id])).rows;
    expect(JSON.parse(entry.details)).toEqual({ fields: ['dormancyCloseDays', 'dormancyFlagDays', 'identityRetentionDays'] });
  });
});
