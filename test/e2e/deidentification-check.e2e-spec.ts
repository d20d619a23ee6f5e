import { Api, TableFixture } from '../support/api';
import { Client } from 'pg';
import { openWorld } from '../support/world';

/** POST /tables/:tableId/deidentification/check: the check a form calls while the user types. */
describe('de-identification check for forms', () => {
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  it('answers the kinds and positions of identifying text, and nothing for de-identified text', async () => {
    const text = 'Lives with Johnathan Smith, call 416-555-0199 after school.';
    const res = await api.as(f.reps.police.token).post(`/tables/${f.tableId}/deidentification/check`, { text }).expect(200);
    const kinds = (res.body.findings as { kind: string; start: number; end: number }[]).map((x) => [x.kind, text.slice(x.start, x.end)]);
    expect(kinds).toEqual(expect.arrayContaining([['PHONE', '416-555-0199']]));
    expect(kinds.some(([k, s]) => k === 'NAME' && s.includes('Smith'))).toBe(true);
    const clean = await api
      .as(f.reps.police.token)
      .post(`/tables/${f.tableId}/deidentification/check`, { text: 'Escalating conflict with neighbours; eviction notice received.' })
      .expect(200);
    expect(clean.body).toEqual({ findings: [] });
  });

  it('is for the table’s coordinators and representatives only, and writes nothing to the trail', async () => {
    const count = async () => Number((await owner.query('SELECT count(*) AS n FROM audit_entries WHERE actor_id = $1', [f.reps.police.id])).rows[0].n);
    const before = await count();
    await api.as(f.reps.police.token).post(`/tables/${f.tableId}/deidentification/check`, { text: 'Call 416-555-0199.' }).expect(200);
    expect(await count()).toBe(before);
    await api.as(f.privacy.token).post(`/tables/${f.tableId}/deidentification/check`, { text: 'x' }).expect(403);
    await api.as(f.stranger.token).post(`/tables/${f.tableId}/deidentification/check`, { text: 'x' }).expect(404);
    await api.as(undefined).post(`/tables/${f.tableId}/deidentification/check`, { text: 'x' }).expect(401);
    await api
      .as(f.reps.police.token)
      .post(`/tables/${f.tableId}/deidentification/check`, { text: 'x'.repeat(4001) })
      .expect(400);
  });
});
