import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { Api, TableFixture } from '../support/api';
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

  it('answers in the order of checks of every write route (api.md): 401, then 404 or 403 as the other table routes, then 400, whatever the body', async () => {
    const answerOf = (res: Response) => ({ status: res.status, code: res.body?.code, message: res.body?.message, details: res.body?.details });
    const check = (tableId: string) => `/tables/${tableId}/deidentification/check`;
    // well-formed, identifying, and invalid bodies in turn: none may change an answer before the content's own
    const bodies: unknown[] = [
      { text: 'Escalating conflict with neighbours.' },
      { text: 'Call 416-555-0199.' },
      { text: 'x'.repeat(4001) },
      { text: 42 },
      { text: 'x', unknownField: true },
      {},
      [],
    ];
    const raw = ['{"text": ', `{"text":${'['.repeat(40)}${']'.repeat(40)}}`, '{"text":"x","__proto__":{"a":1}}'];
    const send = async (tableId: string, token: string | undefined) => {
      const answers = [];
      for (const body of bodies) answers.push(answerOf(await api.as(token).post(check(tableId), body)));
      for (const text of raw) answers.push(answerOf(await api.call('post', check(tableId), token).set('content-type', 'application/json').send(text)));
      return answers;
    };
    /** Every body, the same answer with `status`, and the same one another table write route gives that caller. */
    const same = async (tableId: string, token: string | undefined, status: number) => {
      const answers = await send(tableId, token);
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => status));
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect(answerOf(await api.as(token).post(`/tables/${tableId}/situations`, {}))).toEqual(answers[0]);
      return answers[0];
    };
    const notATable = randomUUID();
    // 1. authentication, before the table is even looked at
    for (const tableId of [f.tableId, notATable, 'not-a-uuid']) expect((await same(tableId, undefined, 401)).code).toBe('UNAUTHENTICATED');
    // 2. membership: a table that does not exist, a malformed id, a table the caller is not in: one 404
    const missing = await same(notATable, f.reps.police.token, 404);
    expect(await same('not-a-uuid', f.reps.police.token, 404)).toEqual(missing);
    expect(await same(f.tableId, f.stranger.token, 404)).toEqual(missing);
    // 3. role: a member without COORDINATOR or AGENCY_REP
    for (const member of [f.privacy, f.analyst]) expect((await same(f.tableId, member.token, 403)).code).toBe('FORBIDDEN');
    // 4. only then the body
    const answers = await send(f.tableId, f.reps.police.token);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 400, 400, 400, 400, 400, 400, 400, 400]);
    expect(answers.slice(2, 7).map((a) => a.code)).toEqual(answers.slice(2, 7).map(() => 'VALIDATION_FAILED'));
    expect(answers.slice(7).map((a) => a.code)).toEqual(raw.map(() => 'MALFORMED_REQUEST'));
  });
});
