import { Client } from 'pg';
import type { Response } from 'supertest';
import { IdentityVaultService } from '../../src/modules/identity-vault/identity-vault.service';
import { stepRoles, SituationStep } from '../../src/modules/situations/domain/write-rules';
import { Api, TableFixture } from '../support/api';
import { routesOf } from '../support/routes';
import { IDENTITY, MEETS, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

/**
 * Issue #13.1: no oracle on write routes. The checks run in the contract's order (api.md):
 * authentication 401, table membership 404, role and standing 403, state and version 409, and only
 * then the content (400 validation, 422 identifying information). A caller who fails an earlier
 * check gets the very same answer whatever the body holds: the situation's own identity (in
 * several spellings), generic identifying information, clean text or a malformed body.
 */

/** Text that names the person whose identity the vault holds (support/situations IDENTITY), spelt several ways. */
const KNOWN = [
  'Zephyrine Quillfeather was seen at the shelter.',
  'spoke with zephyrine again, she is safer now',
  'QUILLFEATHER-ZEPHYRINE refused the referral.',
  'born 14 March 1987, lives at 4417 Imaginary Crescent',
];
const GENERIC_PII = ['call 416-555-0199 tonight', 'Her address is 12 Main Street, Toronto M5V 2T6', 'e-mail: someone@example.test'];
const CLEAN = 'Joint visit done; connected to shelter intake.';

/** What a client can tell one answer from another by (the request id aside). */
function answerOf(res: Response): { status: number; code: unknown; message: unknown; details: unknown } {
  return { status: res.status, code: res.body?.code, message: res.body?.message, details: res.body?.details };
}

describe('write routes: standing and state before content (no oracle)', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  /** An ASSIGNED situation (police originating, housing lead, health assisting) whose identity the vault holds. */
  async function withIdentity(status: 'ASSIGNED' | 'MOBILIZED' | 'CLOSED' = 'ASSIGNED'): Promise<string> {
    const id = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    if (status !== 'ASSIGNED') {
      await api
        .as(f.reps.housing.token)
        .post(`/situations/${id}/mobilization`, { mobilizedAt: new Date().toISOString(), services: ['HOUSING_SHELTER'] })
        .expect(200);
    }
    if (status === 'CLOSED') {
      await api.as(f.coordinator.token).post(`/situations/${id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
    }
    return id;
  }

  async function versionOf(id: string): Promise<number> {
    return (await owner.query<{ version: number }>('SELECT version FROM situations WHERE id = $1', [id])).rows[0].version;
  }

  async function piiRefusals(situationId: string): Promise<number> {
    const rows = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entries WHERE situation_id = $1 AND details LIKE '%PII_DETECTED%'`, [situationId]);
    return rows.rows[0].n;
  }

  /** Sends every body and expects one and the same answer with `status`. */
  async function sameAnswer(send: (body: unknown) => Promise<Response>, bodies: unknown[], status: number): Promise<ReturnType<typeof answerOf>> {
    const answers = [];
    for (const body of bodies) answers.push(answerOf(await send(body)));
    expect(answers[0].status).toBe(status);
    for (const a of answers) expect(a).toEqual(answers[0]);
    return answers[0];
  }

  const textBodies = (field: string, base: Record<string, unknown>, malformed: unknown[]): unknown[] => [
    ...KNOWN.map((v) => ({ ...base, [field]: v })),
    ...GENERIC_PII.map((v) => ({ ...base, [field]: v })),
    { ...base, [field]: CLEAN },
    ...malformed,
  ];

  it('declares on each situation write route exactly the roles its step allows (one rule for guard and service)', () => {
    const steps: Record<string, SituationStep> = {
      'POST /api/v1/situations/:id/decision': 'DECIDE',
      'POST /api/v1/situations/:id/withdraw': 'WITHDRAW',
      'PATCH /api/v1/situations/:id': 'EDIT',
      'POST /api/v1/situations/:id/assignment': 'ASSIGN',
      'POST /api/v1/situations/:id/lead-answer': 'ANSWER_LEAD',
      'POST /api/v1/situations/:id/mobilization': 'MOBILIZE',
      'POST /api/v1/situations/:id/updates': 'POST_UPDATE',
      'POST /api/v1/situations/:id/closure': 'CLOSE',
      'PUT /api/v1/situations/:id/identity': 'WRITE_IDENTITY',
      'GET /api/v1/situations/:id/identity': 'READ_IDENTITY',
    };
    const declared = Object.fromEntries(routesOf(t.app).map((r) => [`${r.method} ${r.path}`, r.rule]));
    for (const [route, step] of Object.entries(steps)) {
      const rule = declared[route];
      expect({ route, roles: rule?.kind === 'table' ? [...rule.roles].sort() : rule }).toEqual({ route, roles: stepRoles(step).sort() });
    }
  });

  it('POST /tables/:tableId/situations: 401, 404, 403 whatever the narrative holds; content only for callers who may submit', async () => {
    const path = `/tables/${f.tableId}/situations`;
    const bodies = textBodies('narrative', MEETS, [{ ...MEETS, narrative: 42 }, { ...MEETS, unknownField: true }, { narrative: 'x' }, []]);
    await sameAnswer((b) => api.as(undefined).post(path, b), bodies, 401);
    await sameAnswer((b) => api.as(f.stranger.token).post(path, b), bodies, 404);
    await sameAnswer((b) => api.as(f.analyst.token).post(path, b), bodies, 403);
    await sameAnswer((b) => api.as(f.privacy.token).post(path, b), bodies, 403);
    // a caller who may submit gets the content checks
    await api
      .as(f.reps.police.token)
      .post(path, { ...MEETS, narrative: GENERIC_PII[0] })
      .expect(422);
    await api
      .as(f.reps.police.token)
      .post(path, { ...MEETS, narrative: 42 })
      .expect(400);
  });

  it('POST /situations/:id/decision: role 403, state 409, stale If-Match 409, each whatever the rationale holds', async () => {
    const submitted = await walkTo(api, f, 'SUBMITTED');
    const accepted = await walkTo(api, f, 'ACCEPTED');
    const base = { outcome: 'AER' };
    const bodies = textBodies('rationale', base, [
      { outcome: 'MAYBE', rationale: CLEAN },
      { outcome: 'AER', rationale: 42 },
      { ...base, rationale: CLEAN, extra: 1 },
    ]);
    await sameAnswer((b) => api.as(f.reps.police.token).post(`/situations/${submitted}/decision`, b), bodies, 403);
    const state = await sameAnswer((b) => api.as(f.coordinator.token).post(`/situations/${accepted}/decision`, b), bodies, 409);
    expect(state.code).toBe('INVALID_TRANSITION');
    const stale = String((await versionOf(submitted)) + 7);
    const version = await sameAnswer((b) => api.as(f.coordinator.token).post(`/situations/${submitted}/decision`, b, { 'if-match': stale }), bodies, 409);
    expect(version.code).toBe('VERSION_MISMATCH');
    expect(await piiRefusals(submitted)).toBe(0);
    expect(await piiRefusals(accepted)).toBe(0);
    // the right caller, state and version: now the content is looked at
    await api.as(f.coordinator.token).post(`/situations/${submitted}/decision`, { outcome: 'AER', rationale: GENERIC_PII[0] }).expect(422);
    await api.as(f.coordinator.token).post(`/situations/${submitted}/decision`, { outcome: 'MAYBE' }).expect(400);
    const decided = await owner.query('SELECT status FROM situations WHERE id = $1', [submitted]);
    expect(decided.rows[0].status).toBe('SUBMITTED');
  });

  it('POST /situations/:id/withdraw: standing 403 before state 409 and before a bad If-Match', async () => {
    const submitted = await walkTo(api, f, 'SUBMITTED');
    const accepted = await walkTo(api, f, 'ACCEPTED');
    const bodies = [{}, { note: KNOWN[0] }, { reason: GENERIC_PII[0] }];
    // the coordinator (health) is not the originating agency: 403 in every state, whatever the body or If-Match
    await sameAnswer((b) => api.as(f.coordinator.token).post(`/situations/${submitted}/withdraw`, b), bodies, 403);
    await sameAnswer((b) => api.as(f.coordinator.token).post(`/situations/${accepted}/withdraw`, b), bodies, 403);
    await api.as(f.reps.school.token).post(`/situations/${submitted}/withdraw`, {}, { 'if-match': 'garbage' }).expect(403);
    await sameAnswer((b) => api.as(f.reps.police.token).post(`/situations/${accepted}/withdraw`, b), bodies, 409);
    const stale = String((await versionOf(submitted)) + 3);
    const version = await sameAnswer((b) => api.as(f.reps.police.token).post(`/situations/${submitted}/withdraw`, b, { 'if-match': stale }), bodies, 409);
    expect(version.code).toBe('VERSION_MISMATCH');
    // the refusal for want of standing is audited, as before
    const denied = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE situation_id = $1 AND action = 'situation.withdraw' AND outcome = 'DENIED'`, [submitted]);
    expect(denied.rows[0].n).toBeGreaterThanOrEqual(4);
  });

  it('PATCH /situations/:id: standing 403 and state 409 whatever the narrative holds; content only for the originating agency', async () => {
    const submitted = await walkTo(api, f, 'SUBMITTED');
    const accepted = await walkTo(api, f, 'ACCEPTED');
    const bodies = textBodies('narrative', MEETS, [{ ...MEETS, narrative: 42 }, { ...MEETS, unknownField: true }, { narrative: 'x' }, []]);
    await sameAnswer((b) => api.as(undefined).patch(`/situations/${submitted}`, b), bodies, 401);
    await sameAnswer((b) => api.as(f.stranger.token).patch(`/situations/${submitted}`, b), bodies, 404);
    // the coordinator (health) and housing are not the originating agency: 403 in every state
    await sameAnswer((b) => api.as(f.coordinator.token).patch(`/situations/${submitted}`, b), bodies, 403);
    await sameAnswer((b) => api.as(f.reps.housing.token).patch(`/situations/${accepted}`, b), bodies, 403);
    await sameAnswer((b) => api.as(f.reps.police.token).patch(`/situations/${accepted}`, b), bodies, 409);
    const stale = String((await versionOf(submitted)) + 4);
    const version = await sameAnswer((b) => api.as(f.reps.police.token).patch(`/situations/${submitted}`, b, { 'if-match': stale }), bodies, 409);
    expect(version.code).toBe('VERSION_MISMATCH');
    expect(await piiRefusals(submitted)).toBe(0);
    // the right caller, state and version: now the content is looked at
    await api
      .as(f.reps.police.token)
      .patch(`/situations/${submitted}`, { ...MEETS, narrative: GENERIC_PII[0] })
      .expect(422);
    await api
      .as(f.reps.police.token)
      .patch(`/situations/${submitted}`, { ...MEETS, narrative: 42 })
      .expect(400);
    expect(await versionOf(submitted)).toBe(1);
  });

  it('POST /situations/:id/assignment: role 403, state 409, stale If-Match 409 before the agencies are validated', async () => {
    const submitted = await walkTo(api, f, 'SUBMITTED');
    const accepted = await walkTo(api, f, 'ACCEPTED');
    const good = { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id] };
    const bodies = [
      good,
      { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.housing.id] },
      { leadAgencyId: f.agencies.outsider.id, assistingAgencyIds: [] },
      { leadAgencyId: 'not-a-uuid', assistingAgencyIds: 'x' },
      { ...good, note: KNOWN[0] },
    ];
    await sameAnswer((b) => api.as(f.reps.housing.token).post(`/situations/${accepted}/assignment`, b), bodies, 403);
    await sameAnswer((b) => api.as(f.coordinator.token).post(`/situations/${submitted}/assignment`, b), bodies, 409);
    const stale = String((await versionOf(accepted)) + 5);
    await sameAnswer((b) => api.as(f.coordinator.token).post(`/situations/${accepted}/assignment`, b, { 'if-match': stale }), bodies, 409);
    await api.as(f.coordinator.token).post(`/situations/${accepted}/assignment`, bodies[1]).expect(400);
  });

  it('POST /situations/:id/mobilization: standing 403 (even in the wrong state), state 409, stale If-Match 409, then validation', async () => {
    const accepted = await walkTo(api, f, 'ACCEPTED');
    const assigned = await walkTo(api, f, 'ASSIGNED');
    const mobilized = await walkTo(api, f, 'MOBILIZED');
    const good = { mobilizedAt: new Date().toISOString(), services: ['HOUSING_SHELTER'] };
    const bodies = [
      good,
      { ...good, mobilizedAt: new Date(Date.now() + 86_400_000).toISOString() },
      { ...good, services: ['NOT_A_SERVICE'] },
      { mobilizedAt: 'yesterday' },
      { ...good, note: KNOWN[1] },
    ];
    for (const id of [accepted, assigned, mobilized]) await sameAnswer((b) => api.as(f.reps.school.token).post(`/situations/${id}/mobilization`, b), bodies, 403);
    await sameAnswer((b) => api.as(f.reps.housing.token).post(`/situations/${mobilized}/mobilization`, b), bodies, 409);
    const stale = String((await versionOf(assigned)) + 2);
    await sameAnswer((b) => api.as(f.reps.housing.token).post(`/situations/${assigned}/mobilization`, b, { 'if-match': stale }), bodies, 409);
    await api.as(f.reps.housing.token).post(`/situations/${assigned}/mobilization`, bodies[1]).expect(400);
  });

  it('POST /situations/:id/lead-answer: without lead standing the same 403 whatever the note holds; answered: 409, never 422', async () => {
    const id = await withIdentity('ASSIGNED');
    const bodies = textBodies('note', { answer: 'DECLINE', reasonCode: 'OTHER' }, [{ answer: 'MAYBE' }, { answer: 'DECLINE' }, {}]);
    const refused = await sameAnswer((b) => api.as(f.reps.health.token).post(`/situations/${id}/lead-answer`, b), bodies, 403);
    expect(refused.code).toBe('FORBIDDEN');
    await sameAnswer((b) => api.as(f.coordinator.token).post(`/situations/${id}/lead-answer`, b), bodies, 403);
    await sameAnswer((b) => api.as(f.stranger.token).post(`/situations/${id}/lead-answer`, b), bodies, 404);
    const stale = String((await versionOf(id)) + 3);
    await sameAnswer((b) => api.as(f.reps.housing.token).post(`/situations/${id}/lead-answer`, b, { 'if-match': stale }), bodies, 409);
    expect(await piiRefusals(id)).toBe(0);
    await api.as(f.reps.housing.token).post(`/situations/${id}/lead-answer`, { answer: 'ACCEPT' }).expect(200);
    await sameAnswer((b) => api.as(f.reps.housing.token).post(`/situations/${id}/lead-answer`, b), bodies, 409);
    expect(await piiRefusals(id)).toBe(0);
  });

  it('POST /situations/:id/updates: without standing the same 403 whether or not the note names the person; closed: 409, never 422', async () => {
    const id = await withIdentity('ASSIGNED');
    const bodies = textBodies('note', {}, [{ note: 42 }, { note: CLEAN, extra: 1 }, {}]);
    const refused = await sameAnswer((b) => api.as(f.reps.school.token).post(`/situations/${id}/updates`, b), bodies, 403);
    expect(refused.code).toBe('FORBIDDEN');
    await sameAnswer((b) => api.as(f.privacy.token).post(`/situations/${id}/updates`, b), bodies, 403);
    await sameAnswer((b) => api.as(f.stranger.token).post(`/situations/${id}/updates`, b), bodies, 404);
    expect(await piiRefusals(id)).toBe(0);
    const stored = await owner.query('SELECT count(*)::int AS n FROM situation_updates WHERE situation_id = $1', [id]);
    expect(stored.rows[0].n).toBe(0);
    // with standing, the known name is refused (the content check still works)
    const named = await api.as(f.reps.housing.token).post(`/situations/${id}/updates`, { note: KNOWN[1] }).expect(422);
    expect(named.body.details.findings[0]).toMatchObject({ field: 'note', kind: 'NAME' });
    const closed = await withIdentity('CLOSED');
    const state = await sameAnswer((b) => api.as(f.reps.housing.token).post(`/situations/${closed}/updates`, b), bodies, 409);
    expect(state.code).toBe('INVALID_TRANSITION');
    expect(await piiRefusals(closed)).toBe(0);
  });

  it('a body that is not even JSON is answered after the access checks too: 401, 404, 403, 409, and 400 only for a caller who may write', async () => {
    const open = await withIdentity('ASSIGNED');
    const closed = await withIdentity('CLOSED');
    const raw = (token: string | undefined, id: string, text: string) => api.call('post', `/situations/${id}/updates`, token).set('content-type', 'application/json').send(text);
    const texts = ['{"note": ', `{"note": "${KNOWN[0]}"`, `{"note":${'['.repeat(40)}${']'.repeat(40)}}`, '{"note":"x","__proto__":{"a":1}}'];
    const answers = async (token: string | undefined, id: string) => Promise.all(texts.map(async (text) => answerOf(await raw(token, id, text))));
    for (const [token, id, status] of [
      [undefined, open, 401],
      [f.stranger.token, open, 404],
      [f.reps.school.token, open, 403],
      [f.reps.housing.token, closed, 409],
    ] as const) {
      const got = await answers(token, id);
      expect(got.map((a) => a.status)).toEqual(texts.map(() => status));
      for (const a of got) expect(a).toEqual(got[0]);
      // the same answer as for a well-formed body
      expect(answerOf(await api.as(token).post(`/situations/${id}/updates`, { note: CLEAN }))).toEqual(got[0]);
    }
    const malformed = await answers(f.reps.housing.token, open);
    expect(malformed.map((a) => [a.status, a.code])).toEqual(texts.map(() => [400, 'MALFORMED_REQUEST']));
  });

  it('POST /situations/:id/closure: role 403, ACCEPTED 409 and stale If-Match 409 whatever the note holds', async () => {
    const assigned = await withIdentity('ASSIGNED');
    const accepted = await walkTo(api, f, 'ACCEPTED');
    const base = { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' };
    const bodies = textBodies('note', base, [{ conclusion: 'CONNECTED_TO_SERVICES' }, { ...base, consentStatus: 'MAYBE' }, { ...base, note: 42 }]);
    await sameAnswer((b) => api.as(f.reps.housing.token).post(`/situations/${assigned}/closure`, b), bodies, 403);
    // an accepted situation without an assignment cannot be closed (domain.md, #13.10)
    const state = await sameAnswer((b) => api.as(f.coordinator.token).post(`/situations/${accepted}/closure`, b), bodies, 409);
    expect(state).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'ACCEPTED', action: 'CLOSE' } });
    const stale = String((await versionOf(assigned)) + 4);
    const version = await sameAnswer((b) => api.as(f.coordinator.token).post(`/situations/${assigned}/closure`, b, { 'if-match': stale }), bodies, 409);
    expect(version.code).toBe('VERSION_MISMATCH');
    expect(await piiRefusals(assigned)).toBe(0);
    // the right caller, state and version: the note naming the person is refused, then a clean closure passes
    await api
      .as(f.coordinator.token)
      .post(`/situations/${assigned}/closure`, { ...base, note: KNOWN[2] })
      .expect(422);
    const v = await versionOf(assigned);
    await api
      .as(f.coordinator.token)
      .post(`/situations/${assigned}/closure`, { ...base, note: CLEAN }, { 'if-match': String(v) })
      .expect(200);
    const row = await owner.query('SELECT status FROM situations WHERE id = $1', [accepted]);
    expect(row.rows[0].status).toBe('ACCEPTED');
  });

  it('PUT /situations/:id/identity: role and standing 403 before state 409, before the body is validated', async () => {
    const assigned = await walkTo(api, f, 'ASSIGNED');
    const accepted = await walkTo(api, f, 'ACCEPTED');
    const closed = await withIdentity('CLOSED');
    const bodies = [IDENTITY, { ...IDENTITY, dateOfBirth: 'yesterday' }, { givenName: 42 }, { ...IDENTITY, legalAuthority: 'NONE' }, {}];
    // health assists (no write standing), school is uninvolved, the coordinator and the privacy officer are not representatives
    for (const who of [f.reps.health, f.reps.school, f.coordinator, f.privacy]) {
      await sameAnswer((b) => api.as(who.token).put(`/situations/${assigned}/identity`, b), bodies, 403);
    }
    await sameAnswer((b) => api.as(f.reps.school.token).put(`/situations/${accepted}/identity`, b), bodies, 403);
    await sameAnswer((b) => api.as(f.reps.police.token).put(`/situations/${accepted}/identity`, b), bodies, 409);
    await sameAnswer((b) => api.as(f.reps.police.token).put(`/situations/${closed}/identity`, b), bodies, 409);
    const vault = await owner.query('SELECT count(*)::int AS n FROM identity_vault WHERE situation_id = ANY($1)', [[assigned, accepted]]);
    expect(vault.rows[0].n).toBe(0);
    await api.as(f.reps.police.token).put(`/situations/${assigned}/identity`, bodies[1]).expect(400);
    await api.as(f.reps.housing.token).put(`/situations/${assigned}/identity`, IDENTITY).expect(204);
  });

  it('GET /situations/:id/identity: 403 without standing whatever the purpose; 409 before the purpose; 410 after purge', async () => {
    const id = await withIdentity('ASSIGNED');
    const accepted = await walkTo(api, f, 'ACCEPTED');
    const q = (p: Record<string, string>) => new URLSearchParams(p).toString();
    const queries = [
      ...KNOWN.map((purpose) => q({ purposeCode: 'OTHER', purpose })),
      ...GENERIC_PII.map((purpose) => q({ purposeCode: 'HOME_VISIT', purpose })),
      q({ purposeCode: 'HOME_VISIT', purpose: 'plan joint visit' }),
      q({ purposeCode: 'HOME_VISIT' }),
      q({ purposeCode: 'NOT_A_CODE' }),
      q({ purpose: 'xxx' }),
      '',
    ];
    const get = (token: string, sid: string) => (query: unknown) => api.as(token).get(`/situations/${sid}/identity?${query as string}`);
    for (const who of [f.reps.school, f.coordinator, f.privacy, f.analyst]) await sameAnswer(get(who.token, id), queries, 403);
    await sameAnswer(get(f.stranger.token, id), queries, 404);
    await sameAnswer(get(f.reps.police.token, accepted), queries, 409);
    expect(await piiRefusals(id)).toBe(0);
    // no refused read stored its text
    const stored = await owner.query<{ purpose: string | null; details: string }>(`SELECT purpose, details FROM audit_entries WHERE situation_id = $1 AND outcome = 'DENIED'`, [
      id,
    ]);
    expect(stored.rows.length).toBeGreaterThanOrEqual(queries.length * 4);
    const trail = JSON.stringify(stored.rows);
    for (const text of [...KNOWN, ...GENERIC_PII]) expect(trail).not.toContain(text);
    expect(trail).not.toContain('Quillfeather');
    // purged: 410 for a representative with standing, whatever the purpose; 403 still for the others
    const purged = await withIdentity('CLOSED');
    await owner.query(`UPDATE situations SET identity_purge_at = now() - interval '1 minute' WHERE id = $1`, [purged]);
    await t.app.get(IdentityVaultService).purgeDue();
    const gone = await sameAnswer(get(f.reps.housing.token, purged), queries, 410);
    expect(gone.code).toBe('GONE');
    await sameAnswer(get(f.reps.school.token, purged), queries, 403);
  });

  it('GET /situations/:id/identity: a purpose that names the person is refused with 422 in every spelling, and nothing is stored', async () => {
    const id = await withIdentity('ASSIGNED');
    const read = (purposeCode: string, purpose?: string) =>
      api.as(f.reps.housing.token).get(`/situations/${id}/identity?${new URLSearchParams(purpose === undefined ? { purposeCode } : { purposeCode, purpose }).toString()}`);
    const naming = [
      'visit Zephyrine at home today',
      'visit ZEPHYRINE QUILLFEATHER at home',
      'follow up with quillfeather family',
      'check on her, born 1987-03-14',
      'check on her, born 14 March 1987',
      'door knock at 4417 Imaginary Crescent unit 9',
      'call her back at 555 0147 98',
    ];
    for (const purpose of naming) {
      const res = await read('OTHER', purpose);
      expect({ purpose, status: res.status, code: res.body.code }).toEqual({ purpose, status: 422, code: 'PII_DETECTED' });
      expect(JSON.stringify(res.body)).not.toContain('Zephyrine');
    }
    expect((await read('HOME_VISIT', 'call 416-555-0199 tonight')).status).toBe(422);
    // OTHER needs a note; a note must say something
    for (const [code, purpose] of [
      ['OTHER', undefined],
      ['OTHER', 'xxx'],
      ['OTHER', 'xxxxxxxxxx'],
      ['HOME_VISIT', 'aaaa aaaa'],
      ['HOME_VISIT', '12345678 90'],
      ['OTHER', '   '],
    ] as const) {
      expect({ code, purpose, status: (await read(code, purpose)).status }).toEqual({ code, purpose, status: 400 });
    }
    const reads = await owner.query<{ purpose: string | null; details: string; outcome: string }>(
      `SELECT purpose, details, outcome FROM audit_entries WHERE situation_id = $1 AND action = 'identity.read'`,
      [id],
    );
    expect(reads.rows.filter((r) => r.outcome === 'SUCCESS')).toHaveLength(0);
    const trail = JSON.stringify(reads.rows);
    for (const word of ['Zephyrine', 'ZEPHYRINE', 'quillfeather', '1987', 'Imaginary', '0147']) expect(trail).not.toContain(word);
    // a proper purpose passes and is recorded with its code and note
    await read('OTHER', 'prepare the joint visit with housing').expect(200);
    await read('SAFETY_PLANNING').expect(200);
    const log = await api.as(f.privacy.token).get(`/situations/${id}/access-log`).expect(200);
    const granted = log.body.items.filter((e: { action: string; outcome: string }) => e.action === 'identity.read' && e.outcome === 'SUCCESS');
    expect(granted.map((e: { purposeCode: string; purposeNote: string | null }) => [e.purposeCode, e.purposeNote])).toEqual([
      ['OTHER', 'prepare the joint visit with housing'],
      ['SAFETY_PLANNING', null],
    ]);
  });

  it('meetings: role 403 before validation; a closed meeting 409 before validation', async () => {
    const create = (token: string | undefined) => (b: unknown) => api.as(token).post(`/tables/${f.tableId}/meetings`, b);
    const meetingBodies = [{ scheduledFor: new Date().toISOString(), kind: 'REGULAR' }, { scheduledFor: 'soon', kind: 'WEEKLY' }, { note: KNOWN[0] }, {}];
    await sameAnswer(create(undefined), meetingBodies, 401);
    await sameAnswer(create(f.reps.police.token), meetingBodies, 403);
    await sameAnswer(create(f.stranger.token), meetingBodies, 404);
    const meeting = (await api.as(f.coordinator.token).post(`/tables/${f.tableId}/meetings`, meetingBodies[0]).expect(201)).body.id as string;
    const attendanceBodies = [{ agencyIds: [f.agencies.police.id] }, { agencyIds: 'all' }, { agencyIds: [f.agencies.outsider.id] }, { note: KNOWN[0] }];
    await sameAnswer((b) => api.as(f.reps.police.token).put(`/meetings/${meeting}/attendance`, b), attendanceBodies, 403);
    await api.as(f.coordinator.token).put(`/meetings/${meeting}/attendance`, attendanceBodies[1]).expect(400);
    await api.as(f.coordinator.token).post(`/meetings/${meeting}/close`).expect(200);
    const closed = await sameAnswer((b) => api.as(f.coordinator.token).put(`/meetings/${meeting}/attendance`, b), attendanceBodies, 409);
    expect(closed.code).toBe('CONFLICT');
    await sameAnswer((b) => api.as(f.coordinator.token).post(`/meetings/${meeting}/close`, b), [{}, { note: KNOWN[0] }], 409);
    await sameAnswer((b) => api.as(f.reps.police.token).post(`/meetings/${meeting}/close`, b), [{}, { note: KNOWN[0] }], 403);
  });

  it('administration: 401 without a token and 403 for non-admins before the body is validated', async () => {
    const bodies = [{ name: 'Agency', sector: 'POLICE' }, { name: 42 }, { sector: 'NOWHERE', extra: KNOWN[0] }, {}];
    await sameAnswer((b) => api.as(undefined).post('/agencies', b), bodies, 401);
    await sameAnswer((b) => api.as(f.coordinator.token).post('/agencies', b), bodies, 403);
    const userBodies = [{ email: 'x@example.test', displayName: 'X', password: 'short', agencyId: 'nope' }, { email: KNOWN[0] }, {}];
    await sameAnswer((b) => api.as(f.reps.police.token).post('/users', b), userBodies, 403);
    await sameAnswer((b) => api.as(f.privacy.token).post(`/tables/${f.tableId}/roles`, b), [{ userId: 'x', role: 'ADMIN' }, {}], 403);
  });
});
