import { Client } from 'pg';
import { Api, TableFixture, unique } from '../support/api';
import { MEETS, submit } from '../support/situations';
import { openWorld } from '../support/world';

/** Issue #16: GET /situations/by-reference/:reference, within the tables the caller sits at. */
describe('a situation by its reference', () => {
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  let s: { id: string; reference: string };

  beforeAll(async () => {
    // A code of its own: references of other suites' tables (all TST) in the same database would
    // make the stranger's probe land on one of theirs.
    ({ api, f, owner, close } = await openWorld({ table: { code: 'LOOKUP' } }));
    s = await submit(api, f);
  });
  afterAll(() => close());

  const byReference = (reference: string) => `/situations/by-reference/${encodeURIComponent(reference)}`;

  it('answers the situation, as GET /situations/:id does, to each role that may read it, in any case', async () => {
    expect(s.reference).toMatch(/^LOOKUP-\d{4}-\d{4}$/);
    const direct = await api.as(f.coordinator.token).get(`/situations/${s.id}`).expect(200);
    for (const member of [f.coordinator, f.reps.housing, f.privacy]) {
      const res = await api.as(member.token).get(byReference(s.reference)).expect(200);
      expect(res.body).toEqual(direct.body);
    }
    await api.as(f.reps.police.token).get(byReference(s.reference.toLowerCase())).expect(200);
    const mixed = `${s.reference.slice(0, 2)}${s.reference.slice(2).toLowerCase()}`;
    expect((await api.as(f.reps.police.token).get(byReference(mixed)).expect(200)).body.id).toBe(s.id);
  });

  it('audits each read as situation.read on the situation, like GET /situations/:id', async () => {
    const before = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = $1 AND situation_id = $2 AND action = 'situation.read'`, [
      f.tableId,
      s.id,
    ]);
    await api.as(f.reps.school.token).get(byReference(s.reference)).expect(200);
    const rows = await owner.query(`SELECT actor_id, outcome FROM audit_entries WHERE chain_id = $1 AND situation_id = $2 AND action = 'situation.read' ORDER BY seq`, [
      f.tableId,
      s.id,
    ]);
    expect(rows.rows).toHaveLength(before.rows[0].n + 1);
    expect(rows.rows.at(-1)).toEqual({ actor_id: f.reps.school.id, outcome: 'SUCCESS' });
  });

  it('answers 404 for a reference at a table the caller is not in, exactly as for one that does not exist (refusal audited at its table)', async () => {
    const unknown = await api.as(f.stranger.token).get(byReference('LOOKUP-1999-0001')).expect(404);
    const elsewhere = await api.as(f.stranger.token).get(byReference(s.reference)).expect(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(elsewhere.body)).toEqual(strip(unknown.body));
    // an administrator holds no table role
    await api.as(f.admin.token).get(byReference(s.reference)).expect(404);
    const denied = await owner.query(`SELECT situation_id, details FROM audit_entries WHERE chain_id = $1 AND actor_id = $2 AND action = 'access.denied'`, [
      f.tableId,
      f.stranger.id,
    ]);
    expect(denied.rows.map((r) => ({ situationId: r.situation_id, ...JSON.parse(r.details) }))).toContainEqual({
      situationId: s.id,
      reason: 'not_a_member',
      route: 'GET /api/v1/situations/by-reference/:reference',
    });
  });

  it('answers 403 to a member without a reading role (as GET /situations/:id), 401 without a token, 400 for a malformed reference', async () => {
    await api.as(f.analyst.token).get(`/situations/${s.id}`).expect(403);
    await api.as(f.analyst.token).get(byReference(s.reference)).expect(403);
    await api.as().get(byReference(s.reference)).expect(401);
    await api.as().get(byReference('not a reference')).expect(401);
    for (const bad of [
      'TST-2026',
      'TST-26-0001',
      'TST-2026-001',
      '1TST-2026-0001',
      'TST_2026_0001',
      'TST-2026-0001-2',
      ' TST-2026-0001',
      `${'T'.repeat(13)}-2026-0001`,
      'TST-2026-0000000001',
    ]) {
      const res = await api.as(f.coordinator.token).get(byReference(bad)).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'reference', problem: 'must be a situation reference such as PEEL-2026-0012' }] } });
    }
    const fr = await api.as(f.coordinator.token).get(byReference('TST-2026'), { 'accept-language': 'fr' }).expect(400);
    expect(fr.body.details.fields[0].problem).toBe('La valeur doit être un numéro de référence de situation, par exemple PEEL-2026-0012.');
  });

  it('finds the situation at the one table where the caller may read it when two tables share a code; 409 when both would do', async () => {
    const a = api.as(f.admin.token);
    const twin = await a.post('/tables', { name: unique('Twin table'), code: f.code }).expect(201);
    await a.post(`/tables/${twin.body.id}/agencies`, { agencyId: f.agencies.police.id }).expect(201);
    await a.post(`/tables/${twin.body.id}/agencies`, { agencyId: f.agencies.school.id }).expect(201);
    await a.post(`/tables/${twin.body.id}/roles`, { userId: f.reps.police.id, role: 'AGENCY_REP' }).expect(201);
    await a.post(`/tables/${twin.body.id}/roles`, { userId: f.reps.school.id, role: 'ANALYST' }).expect(201);
    const token = f.reps.police.token;
    // the twin numbers its own: its first situation takes the reference of the main table's first
    const first = await api.as(token).post(`/tables/${twin.body.id}/situations`, MEETS).expect(201);
    expect(first.body.reference).toBe(s.reference);
    const mainTwin = await owner.query<{ id: string }>('SELECT id FROM situations WHERE table_id = $1 AND reference = $2', [f.tableId, first.body.reference]);
    expect(mainTwin.rows.map((r) => r.id)).toEqual([s.id]);
    // the police rep may read both: ambiguous; a coordinator of the main table alone is not in doubt
    const both = await api.as(token).get(byReference(first.body.reference)).expect(409);
    expect(both.body).toMatchObject({ code: 'CONFLICT', details: { reason: 'AMBIGUOUS_REFERENCE' } });
    // the school rep reads at the main table only (an analyst at the twin): the main table's
    expect((await api.as(f.reps.school.token).get(byReference(first.body.reference)).expect(200)).body.id).toBe(s.id);
    // the housing rep sits at the main table only
    expect((await api.as(f.reps.housing.token).get(byReference(first.body.reference)).expect(200)).body.id).toBe(s.id);
  });
});
