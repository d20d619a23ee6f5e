import { Client } from 'pg';
import { IdentityVaultService } from '../../src/modules/identity-vault/identity-vault.service';
import { RetentionService } from '../../src/modules/meetings/retention.service';
import { Api, TableFixture } from '../support/api';
import { IDENTITY, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

const DAY = 86_400_000;
/** An invented, de-identified note, distinctive enough to search the audit trail for. */
const NOTE = 'No evening program within reach of the Brightwater area';

/**
 * Issue 19, docs/evaluation.md section 5: system barriers recorded at closure, with a lead's
 * decline and with an action not done; validated (400), de-identified (422), audited with codes
 * only, changed while the situation may be reopened, erased with the texts, kept to their table.
 */
describe('Issue 19: system barriers', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
  });
  afterAll(async () => {
    t.clock.reset();
    await close();
  });

  const closure = (id: string, body: object, token = f.coordinator.token, headers?: Record<string, string>) =>
    api.as(token).post(`/situations/${id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED', ...body }, headers);
  const change = (id: string, body: object, token = f.coordinator.token, headers?: Record<string, string>) => api.as(token).put(`/situations/${id}/system-barriers`, body, headers);
  const stored = async (id: string) =>
    (
      await owner.query(
        `SELECT table_id, context, code, service, note, assignment_id::text AS assignment_id, action_id, agency_id, recorded_by FROM situation_system_barriers WHERE situation_id = $1 ORDER BY id`,
        [id],
      )
    ).rows;
  const mask = async (id: string): Promise<number> => (await owner.query('SELECT barrier_mask FROM situations WHERE id = $1', [id])).rows[0].barrier_mask;
  const audits = async (id: string, action: string) =>
    (await owner.query(`SELECT outcome, details FROM audit_entries WHERE situation_id = $1 AND action = $2 ORDER BY seq`, [id, action])).rows.map(
      (r: { outcome: string; details: unknown }) => ({
        outcome: r.outcome,
        details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
      }),
    );

  it('GET /taxonomy serves 2026.5 with the barriers and their contexts, in English and French', async () => {
    const en = await api.as(f.reps.police.token).get('/taxonomy').expect(200);
    expect(en.body.version).toBe('2026.5');
    expect(en.body.systemBarriers.map((b: { code: string }) => b.code)).toEqual(['NO_SERVICE', 'WAIT_LIST', 'ELIGIBILITY', 'CAPACITY', 'GEOGRAPHY', 'LANGUAGE', 'OTHER']);
    expect(en.body.systemBarrierContexts.map((b: { code: string }) => b.code)).toEqual(['CLOSURE', 'LEAD_DECLINE', 'ACTION_NOT_DONE']);
    const fr = await api.as(f.reps.police.token).get('/taxonomy', { 'accept-language': 'fr' }).expect(200);
    expect(fr.body.systemBarriers.find((b: { code: string }) => b.code === 'LANGUAGE')).toEqual({
      code: 'LANGUAGE',
      label: 'Langue (service non offert dans la langue de la personne)',
      shortLabel: 'Langue',
    });
    expect(fr.body.systemBarrierContexts.find((b: { code: string }) => b.code === 'LEAD_DECLINE').label).toBe('Refus de la responsabilité');
  });

  it('records barriers with the closure: shown to readers, the mask kept by the trigger, audited with codes and never the note', async () => {
    const id = await walkTo(api, f, 'MOBILIZED');
    const res = await closure(id, {
      systemBarriers: [{ code: 'WAIT_LIST', service: 'MENTAL_HEALTH' }, { code: 'CAPACITY' }, { code: 'OTHER', note: `  ${NOTE}  ` }],
    }).expect(200);
    expect(res.body.status).toBe('CLOSED');
    expect(res.body.systemBarriers).toEqual([
      expect.objectContaining({ context: 'CLOSURE', code: 'WAIT_LIST', service: 'MENTAL_HEALTH', note: null, assignmentId: null, actionId: null }),
      expect.objectContaining({ context: 'CLOSURE', code: 'CAPACITY', service: null, note: null }),
      expect.objectContaining({ context: 'CLOSURE', code: 'OTHER', note: NOTE, agencyId: f.agencies.health.id }),
    ]);
    expect(await mask(id)).toBe(2 | 8 | 64);

    // every reader of the situation sees them, the privacy officer too
    for (const token of [f.coordinator.token, f.reps.police.token, f.privacy.token]) {
      const read = await api.as(token).get(`/situations/${id}`).expect(200);
      expect(read.body.systemBarriers.map((b: { code: string }) => b.code)).toEqual(['WAIT_LIST', 'CAPACITY', 'OTHER']);
    }
    const [entry] = await audits(id, 'situation.close');
    expect(entry.details.systemBarriers).toEqual(['WAIT_LIST:MENTAL_HEALTH', 'CAPACITY', 'OTHER']);
    const noted = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE details::text LIKE '%Brightwater%'`);
    expect(noted.rows[0].n).toBe(0);
    const tr = await owner.query(`SELECT details FROM situation_transitions WHERE situation_id = $1 AND action = 'CLOSE'`, [id]);
    expect(JSON.stringify(tr.rows[0].details)).not.toContain('Brightwater');
  });

  it('refuses bad codes, services and notes with a 400 naming the field (never a 500), and records nothing', async () => {
    const id = await walkTo(api, f, 'MOBILIZED');
    const field = async (systemBarriers: unknown): Promise<string[]> => {
      const res = await closure(id, { systemBarriers }).expect(400);
      return res.body.details.fields.map((x: { field: string }) => x.field);
    };
    expect((await field([{ code: 'TOO_FAR' }])).join()).toContain('code');
    expect((await field([{ code: 'WAIT_LIST', service: 'TELEPORTATION' }])).join()).toContain('service');
    expect(await field([{ code: 'OTHER' }])).toEqual(['systemBarriers[0].note']);
    expect(await field([{ code: 'CAPACITY' }, { code: 'WAIT_LIST', note: 'full' }])).toEqual(['systemBarriers[1].note']);
    expect(await field([{ code: 'CAPACITY' }, { code: 'CAPACITY' }])).toEqual(['systemBarriers[1]']);
    await closure(id, { systemBarriers: [{ code: 'CAPACITY', colour: 'red' }] }).expect(400);
    await closure(id, { systemBarriers: 'CAPACITY' }).expect(400);
    await closure(id, { systemBarriers: ['CAPACITY'] }).expect(400);
    await closure(id, { systemBarriers: [null] }).expect(400);
    // an item that is itself an array: ValidateNested alone walks into it (a 500 the fuzz found)
    await closure(id, { systemBarriers: [[]] }).expect(400);
    await closure(id, { systemBarriers: [[{ code: 'CAPACITY' }]] }).expect(400);
    await closure(id, { systemBarriers: [{ code: 'OTHER', note: 42 }] }).expect(400);
    await closure(id, { systemBarriers: Array.from({ length: 21 }, () => ({ code: 'CAPACITY' })) }).expect(400);
    const fr = await closure(id, { systemBarriers: [{ code: 'OTHER' }] }, f.coordinator.token, { 'accept-language': 'fr' }).expect(400);
    expect(fr.body.details.fields[0].problem).toBe("L'obstacle OTHER (autre) exige une note.");

    // identifying text in a note: 422, as every free text, the text never echoed
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    const pii = await closure(id, { systemBarriers: [{ code: 'OTHER', note: `${IDENTITY.givenName} ${IDENTITY.familyName} has no bus to the clinic` }] }).expect(422);
    expect(pii.body.code).toBe('PII_DETECTED');
    expect(pii.body.details.findings.map((x: { field: string }) => x.field)).toContain('systemBarriers[0].note');
    expect(JSON.stringify(pii.body)).not.toContain(IDENTITY.familyName);

    expect(await stored(id)).toEqual([]);
    expect((await api.as(f.coordinator.token).get(`/situations/${id}`).expect(200)).body).toMatchObject({ status: 'MOBILIZED', systemBarriers: [] });
  });

  it('changes the closure barriers while the situation may be reopened, in the order of checks, audited with codes added and removed; then they are final', async () => {
    const open = await walkTo(api, f, 'MOBILIZED');
    // not closed: 409, whatever the body holds (state before content)
    await change(open, { systemBarriers: [{ code: 'NOPE' }] }).expect(409);
    const id = await walkTo(api, f, 'CLOSED');
    // a representative: 403 before the body is looked at; another table: 404
    await change(id, { systemBarriers: [{ code: 'NOPE' }] }, f.reps.housing.token).expect(403);
    await change(id, { systemBarriers: [] }, f.stranger.token).expect(404);
    await change(id, { systemBarriers: [{ code: 'NOPE' }] }).expect(400);
    await change(id, {}).expect(400);

    const before = await api.as(f.coordinator.token).get(`/situations/${id}`).expect(200);
    await change(id, { systemBarriers: [] }, f.coordinator.token, { 'if-match': `"${before.body.version + 5}"` }).expect(409);
    const first = await change(id, { systemBarriers: [{ code: 'GEOGRAPHY', service: 'HOUSING_SHELTER' }, { code: 'LANGUAGE' }] }, f.coordinator.token, {
      'if-match': `"${before.body.version}"`,
    }).expect(200);
    expect(first.body.version).toBe(before.body.version + 1);
    expect(first.body.systemBarriers.map((b: { code: string; service: string | null }) => [b.code, b.service])).toEqual([
      ['GEOGRAPHY', 'HOUSING_SHELTER'],
      ['LANGUAGE', null],
    ]);
    expect(await mask(id)).toBe(16 | 32);
    const second = await change(id, { systemBarriers: [{ code: 'LANGUAGE' }, { code: 'OTHER', note: NOTE }] }).expect(200);
    expect(second.body.systemBarriers.map((b: { code: string }) => b.code)).toEqual(['LANGUAGE', 'OTHER']);
    expect(await mask(id)).toBe(32 | 64);
    const entries = await audits(id, 'situation.system_barriers');
    expect(entries.map((e) => e.outcome)).toEqual(['SUCCESS', 'SUCCESS']);
    expect(entries.map((e) => e.details)).toEqual([
      expect.objectContaining({ context: 'CLOSURE', added: ['GEOGRAPHY:HOUSING_SHELTER', 'LANGUAGE'], removed: [] }),
      expect.objectContaining({ context: 'CLOSURE', added: ['OTHER'], removed: ['GEOGRAPHY:HOUSING_SHELTER'] }),
    ]);
    expect(JSON.stringify(entries)).not.toContain('Brightwater');
    // the representative's refusal was audited by the access guard (a role the route does not take)
    const denied = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE situation_id = $1 AND actor_id = $2 AND action = 'access.denied' AND outcome = 'DENIED'`, [
      id,
      f.reps.housing.id,
    ]);
    expect(denied.rows[0].n).toBe(1);

    // an empty list removes them
    const none = await change(id, { systemBarriers: [] }).expect(200);
    expect(none.body.systemBarriers).toEqual([]);
    expect(await mask(id)).toBe(0);

    // past the table's reopening period (30 days): final
    t.clock.advance(31 * DAY);
    try {
      const late = await change(id, { systemBarriers: [{ code: 'CAPACITY' }] }).expect(409);
      expect(late.body).toMatchObject({ code: 'CONFLICT', details: { reason: 'BARRIERS_FINAL' } });
      const fr = await change(id, { systemBarriers: [] }, f.coordinator.token, { 'accept-language': 'fr' }).expect(409);
      expect(fr.body.message).toContain('définitifs');
    } finally {
      t.clock.reset();
    }
  });

  it("a closure reopened and closed again: the new closure's barriers replace the former's when given, and stay when not", async () => {
    const id = await walkTo(api, f, 'MOBILIZED');
    await closure(id, { systemBarriers: [{ code: 'WAIT_LIST' }, { code: 'LANGUAGE' }] }).expect(200);
    const reopen = () => api.as(f.coordinator.token).post(`/situations/${id}/reopen`, { rationale: 'The shelter placement fell through; the table resumes.' }).expect(200);
    await reopen();
    // the same codes again: no duplicate, they replace
    const again = await closure(id, { systemBarriers: [{ code: 'WAIT_LIST' }, { code: 'CAPACITY' }] }).expect(200);
    expect(again.body.systemBarriers.map((b: { code: string }) => b.code)).toEqual(['WAIT_LIST', 'CAPACITY']);
    expect(await mask(id)).toBe(2 | 8);
    await reopen();
    const kept = await closure(id, {}).expect(200);
    expect(kept.body.systemBarriers.map((b: { code: string }) => b.code)).toEqual(['WAIT_LIST', 'CAPACITY']);
    await reopen();
    const none = await closure(id, { systemBarriers: [] }).expect(200);
    expect(none.body.systemBarriers).toEqual([]);
    expect(await mask(id)).toBe(0);
  });

  it("records barriers with a lead's decline, linked to the assignment it ends; refuses them with an acceptance", async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const answer = (body: object) => api.as(f.reps.housing.token).post(`/situations/${id}/lead-answer`, body);
    const refused = await answer({ answer: 'ACCEPT', systemBarriers: [{ code: 'CAPACITY' }] }).expect(400);
    expect(refused.body.details.fields).toEqual([{ field: 'systemBarriers', problem: 'only with the answer DECLINE' }]);
    await answer({ answer: 'DECLINE', reasonCode: 'CAPACITY', systemBarriers: [{ code: 'OTHER' }] }).expect(400);

    const declined = await answer({ answer: 'DECLINE', reasonCode: 'CAPACITY', systemBarriers: [{ code: 'CAPACITY', service: 'HOUSING_SHELTER' }] }).expect(200);
    expect(declined.body.status).toBe('ACCEPTED');
    const assignment = await owner.query('SELECT id::text AS id FROM situation_assignments WHERE situation_id = $1 ORDER BY id DESC LIMIT 1', [id]);
    expect(await stored(id)).toEqual([
      expect.objectContaining({
        context: 'LEAD_DECLINE',
        code: 'CAPACITY',
        service: 'HOUSING_SHELTER',
        assignment_id: assignment.rows[0].id,
        action_id: null,
        agency_id: f.agencies.housing.id,
        recorded_by: f.reps.housing.id,
      }),
    ]);
    expect(declined.body.systemBarriers).toEqual([expect.objectContaining({ context: 'LEAD_DECLINE', code: 'CAPACITY', assignmentId: assignment.rows[0].id })]);
    expect(await mask(id)).toBe(8);
    const [entry] = await audits(id, 'situation.lead_answer');
    expect(entry.details).toMatchObject({ reasonCode: 'CAPACITY', systemBarriers: ['CAPACITY:HOUSING_SHELTER'] });
  });

  it('records barriers with an action marked NOT_DONE, linked to the action; refuses them with DONE', async () => {
    const id = await walkTo(api, f, 'MOBILIZED');
    const plan = async () =>
      (await api.as(f.reps.housing.token).post(`/situations/${id}/actions`, { description: 'Book an intake at the shelter', dueDate: '2099-01-15' }).expect(201)).body.id as string;
    const mark = (actionId: string, body: object) => api.as(f.reps.housing.token).patch(`/situations/${id}/actions/${actionId}`, body);
    const done = await plan();
    const refused = await mark(done, { status: 'DONE', systemBarriers: [{ code: 'WAIT_LIST' }] }).expect(400);
    expect(refused.body.details.fields).toEqual([{ field: 'systemBarriers', problem: 'only with the status NOT_DONE' }]);
    await mark(done, { status: 'NOT_DONE', reasonCode: 'NOT_ELIGIBLE', systemBarriers: [{ code: 'ELIGIBILITY', note: 'age limit' }] }).expect(400);

    const marked = await mark(done, { status: 'NOT_DONE', reasonCode: 'NOT_ELIGIBLE', systemBarriers: [{ code: 'ELIGIBILITY' }, { code: 'OTHER', note: NOTE }] }).expect(200);
    expect(marked.body).toMatchObject({ status: 'NOT_DONE', reasonCode: 'NOT_ELIGIBLE' });
    expect((await stored(id)).map((r) => [r.context, r.code, r.action_id])).toEqual([
      ['ACTION_NOT_DONE', 'ELIGIBILITY', done],
      ['ACTION_NOT_DONE', 'OTHER', done],
    ]);
    const [entry] = (await audits(id, 'situation.action.update')).slice(-1);
    expect(entry.details).toMatchObject({ actionId: done, reasonCode: 'NOT_ELIGIBLE', systemBarriers: ['ELIGIBILITY', 'OTHER'] });
    expect(JSON.stringify(entry)).not.toContain('Brightwater');
    const view = await api.as(f.reps.police.token).get(`/situations/${id}`).expect(200);
    expect(view.body.systemBarriers.map((b: { context: string; actionId: string }) => [b.context, b.actionId])).toEqual([
      ['ACTION_NOT_DONE', done],
      ['ACTION_NOT_DONE', done],
    ]);
  });

  it("keeps barriers to their table: another table reads nothing, and the database refuses a row whose table is not its situation's", async () => {
    const id = await walkTo(api, f, 'MOBILIZED');
    await closure(id, { systemBarriers: [{ code: 'NO_SERVICE' }] }).expect(200);
    await api.as(f.stranger.token).get(`/situations/${id}`).expect(404);
    const other = await owner.query('SELECT id FROM situation_tables WHERE id <> $1 LIMIT 1', [f.tableId]);
    await expect(
      owner.query(`INSERT INTO situation_system_barriers (situation_id, table_id, context, code, recorded_at) VALUES ($1, $2, 'CLOSURE', 'CAPACITY', now())`, [
        id,
        other.rows[0].id,
      ]),
    ).rejects.toMatchObject({ code: '23503' });
    // a note on another code than OTHER, or a decline without its assignment, is refused by the database too
    await expect(
      owner.query(`INSERT INTO situation_system_barriers (situation_id, table_id, context, code, note, recorded_at) VALUES ($1, $2, 'CLOSURE', 'CAPACITY', 'x', now())`, [
        id,
        f.tableId,
      ]),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      owner.query(`INSERT INTO situation_system_barriers (situation_id, table_id, context, code, recorded_at) VALUES ($1, $2, 'LEAD_DECLINE', 'CAPACITY', now())`, [id, f.tableId]),
    ).rejects.toMatchObject({ code: '23514' });
    // once per (situation, context, link, code, service)
    await expect(
      owner.query(`INSERT INTO situation_system_barriers (situation_id, table_id, context, code, recorded_at) VALUES ($1, $2, 'CLOSURE', 'NO_SERVICE', now())`, [id, f.tableId]),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it("erases the barriers' notes with the situation's texts at retention; the codes stay", async () => {
    const id = await walkTo(api, f, 'MOBILIZED');
    const closed = await closure(id, { systemBarriers: [{ code: 'OTHER', note: NOTE }, { code: 'WAIT_LIST' }] }).expect(200);
    t.clock.advance(new Date(closed.body.identityPurgeAt).getTime() - Date.now() + 60_000);
    try {
      await t.app.get(IdentityVaultService).purgeDue();
      expect(await t.app.get(RetentionService).eraseDue()).toBeGreaterThanOrEqual(1);
    } finally {
      t.clock.reset();
    }
    expect((await stored(id)).map((r) => [r.code, r.note])).toEqual([
      ['OTHER', null],
      ['WAIT_LIST', null],
    ]);
    expect(await mask(id)).toBe(2 | 64);
    const [erased] = await audits(id, 'situation.texts_erase');
    expect(erased?.details).toMatchObject({ systemBarriers: 1 });
    const left = await owner.query(`SELECT count(*)::int AS n FROM situation_system_barriers WHERE note LIKE '%Brightwater%' AND situation_id = $1`, [id]);
    expect(left.rows[0].n).toBe(0);
  });
});
