import { Client } from 'pg';
import { IdentityVaultService } from '../../src/modules/identity-vault/identity-vault.service';
import { RetentionService } from '../../src/modules/meetings/retention.service';
import { TAXONOMY } from '../../src/modules/taxonomy/taxonomy.constants';
import { Api, TableFixture } from '../support/api';
import { IDENTITY, MEETS, submit } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';
import { EQUITY_REFERENCE } from '../../src/modules/identity-vault/equity-reference';

/** The equity notice in force: what a client that just read the form sends back. */
const NOTICE_VERSION = EQUITY_REFERENCE.version;

const PURPOSE = 'purposeCode=SERVICE_CONNECTION';
const CONTACT = { equityContactTitle: 'Privacy officer, Example Situation Table', equityContactEmail: 'privacy.office@example.test' };
/** Answers that name codes no other field of the row holds, to search the stored row for. */
const ANSWERS = { INDIGENOUS_IDENTITY: ['METIS', 'INUIT'], RACE: ['SOUTHEAST_ASIAN'], RELIGION: ['SIKH'], GENDER_IDENTITY: ['TWO_SPIRIT'] };
const ASKED = { asked: 'ASKED', answeredBy: 'SELF', noticeVersion: NOTICE_VERSION, noticeGiven: true, answers: ANSWERS };
const GROUP_OF = new Map(TAXONOMY.conclusions.map((c) => [c.code, c.group]));
const QUESTIONS = ['INDIGENOUS_IDENTITY', 'RACE', 'RELIGION', 'ETHNIC_ORIGIN', 'GENDER_IDENTITY'] as const;

/**
 * Issue 19, docs/evaluation.md section 6.2-6.5: the voluntary equity questions at Filter 3. Who may
 * record and read them and in which order the refusals come; the answers sealed under the
 * situation's own data key (no plaintext at rest, bound to their situation), audited without the
 * answers, counted per stage in the same transaction as every change (checked against a naive
 * count), withdrawn, re-sealed when the identity is written again or re-encrypted, and deleted
 * with the identity's purge.
 */
describe('Issue 19: equity data', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  /** What this suite recorded and did not withdraw: the naive reference of the tallies. */
  const live = new Map<string, { asked: boolean; answers: Record<string, string[]> }>();

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld({ table: { identityRetentionDays: 30 } }));
    await api.as(f.admin.token).patch(`/tables/${f.tableId}`, CONTACT).expect(200);
  });
  afterAll(async () => {
    t.clock.reset();
    await close();
  });

  /** A PERSON (or other type) situation, decided and assigned: `lead` leads, police originated; its subject written unless told. */
  async function assigned(options: { lead?: 'housing' | 'police'; type?: string; subject?: boolean } = {}): Promise<string> {
    const s = await submit(api, f, f.reps.police.token, { ...MEETS, situationType: options.type ?? 'PERSON' });
    const c = api.as(f.coordinator.token);
    await c.post(`/situations/${s.id}/decision`, { outcome: 'AER', rationale: 'Meets the threshold.' }).expect(200);
    const lead = options.lead ?? 'housing';
    await c.post(`/situations/${s.id}/assignment`, { leadAgencyId: f.agencies[lead].id, assistingAgencyIds: [f.agencies.health.id] }).expect(200);
    if (options.subject !== false) await api.as(f.reps.police.token).put(`/situations/${s.id}/identity`, IDENTITY).expect(204);
    return s.id;
  }
  const put = (id: string, body: object, token = f.reps.police.token, headers?: Record<string, string>) => api.as(token).put(`/situations/${id}/equity`, body, headers);
  const record = async (id: string, body: Record<string, unknown> = ASKED, token = f.reps.police.token) => {
    await put(id, body, token).expect(200);
    live.set(id, { asked: body.asked === 'ASKED', answers: (body.answers as Record<string, string[]>) ?? {} });
  };
  const stored = async (id: string) => (await owner.query('SELECT * FROM equity_responses WHERE situation_id = $1', [id])).rows[0];
  const audits = async (id: string, action: string) =>
    (await owner.query('SELECT outcome, details FROM audit_entries WHERE situation_id = $1 AND action = $2 ORDER BY seq', [id, action])).rows.map(
      (r: { outcome: string; details: unknown }) => ({
        outcome: r.outcome,
        details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
      }),
    );

  /** The tallies of the table as stored. */
  const tallies = async (): Promise<Record<string, number>> =>
    Object.fromEntries(
      (await owner.query('SELECT question, category, stage, count FROM equity_tallies WHERE table_id = $1', [f.tableId])).rows.map(
        (r: { question: string; category: string; stage: string; count: number }) => [`${r.question}|${r.category}|${r.stage}`, r.count],
      ),
    );
  /** The naive count: every live record, its category per question worked out by hand, at the stages its situation is at now. */
  const naive = async (): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const [id, r] of live) {
      const s = (await owner.query('SELECT status, lead_sector, conclusion FROM situations WHERE id = $1', [id])).rows[0];
      const stages = ['RECORDED'];
      if (s.lead_sector === 'POLICE') stages.push('POLICE_LED');
      if (s.status === 'CLOSED') stages.push(`CLOSED_${GROUP_OF.get(s.conclusion)}`);
      for (const q of QUESTIONS) {
        const a = r.answers[q] ?? [];
        const category = !r.asked ? 'NOT_ASKED' : a.length === 0 ? 'NOT_ANSWERED' : a.length === 1 ? a[0] : q === 'INDIGENOUS_IDENTITY' ? 'MULTIPLE_INDIGENOUS' : 'MULTIPLE';
        for (const stage of stages) out[`${q}|${category}|${stage}`] = (out[`${q}|${category}|${stage}`] ?? 0) + 1;
      }
    }
    return out;
  };
  const expectTallies = async () => expect(await tallies()).toEqual(await naive());

  it('refuses a record until the table names the contact of the notice (409), then serves the notice filled in, in English and French', async () => {
    const id = await assigned();
    await owner.query('UPDATE situation_tables SET equity_contact_title = NULL, equity_contact_email = NULL WHERE id = $1', [f.tableId]);
    const form = await api.as(f.reps.police.token).get(`/situations/${id}/equity/form`).expect(200);
    expect(form.body.notice.contactSet).toBe(false);
    expect(form.body.record).toBeNull();
    const refused = await put(id, ASKED).expect(409);
    expect(refused.body.details.reason).toBe('EQUITY_CONTACT_NOT_SET');

    await api.as(f.admin.token).patch(`/tables/${f.tableId}`, CONTACT).expect(200);
    const en = await api.as(f.reps.police.token).get(`/situations/${id}/equity/form`).expect(200);
    expect(en.body.version).toBe(NOTICE_VERSION);
    expect(en.body.notice.contactSet).toBe(true);
    expect(en.body.notice.text).toContain('deleted, 30 days after the situation is closed.');
    expect(en.body.notice.text).toContain(`Contact ${CONTACT.equityContactTitle}, ${CONTACT.equityContactEmail}.`);
    expect(en.body.questions.map((q: { code: string }) => q.code)).toEqual([...QUESTIONS]);
    expect(en.body.questions.every((q: { options: { code: string }[] }) => q.options.some((o) => o.code === 'PREFER_NOT_TO_ANSWER'))).toBe(true);
    const fr = await api.as(f.reps.housing.token).get(`/situations/${id}/equity/form`, { 'accept-language': 'fr' }).expect(200);
    expect(fr.body.notice.title).toBe('À propos de ces questions facultatives');
    expect((await audits(id, 'equity.form')).filter((a) => a.outcome === 'SUCCESS').map((a) => a.details)).toEqual([
      { recorded: false, version: NOTICE_VERSION },
      { recorded: false, version: NOTICE_VERSION },
      { recorded: false, version: NOTICE_VERSION },
    ]);
    expect(fr.body.notice.text).toContain('30\u00a0jours après la fermeture de la situation');
    expect(fr.body.questions.find((q: { code: string }) => q.code === 'GENDER_IDENTITY').options.find((o: { code: string }) => o.code === 'TWO_SPIRIT').label).toBe(
      'Personne bispirituelle',
    );
    // 2026.2: the French of this origin reads as French
    expect(fr.body.questions.find((q: { code: string }) => q.code === 'ETHNIC_ORIGIN').options.find((o: { code: string }) => o.code === 'LATIN_CENTRAL_SOUTH_AMERICAN').label).toBe(
      'Origines latino-américaines, centraméricaines et sud-américaines',
    );
  });

  it('checks in order: 401, 404, 403, 409, then 400 (a caller without standing learns nothing from its body)', async () => {
    const id = await assigned();
    const bad = { ...ASKED, answers: { RACE: ['PURPLE'] } };
    await api.as().put(`/situations/${id}/equity`, ASKED).expect(401);
    await api.as().get(`/situations/${id}/equity/form`).expect(401);
    await put('00000000-0000-4000-8000-000000000000', bad).expect(404);
    // a rep of an agency seated only at another table: not a member here
    await put(id, bad, f.stranger.token).expect(404);
    // the assisting agency, the coordinator, the privacy officer, the analyst: 403 whatever the body
    for (const token of [f.reps.health.token, f.reps.school.token, f.coordinator.token, f.privacy.token, f.analyst.token]) {
      await put(id, bad, token).expect(403);
      await api.as(token).get(`/situations/${id}/equity/form`).expect(403);
      await api.as(token).delete(`/situations/${id}/equity`).expect(403);
    }
    // state: not yet assigned; a subject not written; a subject that is not a person
    const accepted = await submit(api, f);
    await api.as(f.coordinator.token).post(`/situations/${accepted.id}/decision`, { outcome: 'AER', rationale: 'Meets the threshold.' }).expect(200);
    expect((await put(accepted.id, bad).expect(409)).body.code).toBe('INVALID_TRANSITION');
    const unwritten = await assigned({ subject: false });
    expect((await put(unwritten, bad).expect(409)).body.details.reason).toBe('SUBJECT_NOT_WRITTEN');
    const group = await assigned({ type: 'GROUP', subject: false });
    expect((await put(group, bad).expect(409)).body.details.reason).toBe('SUBJECT_NOT_A_PERSON');
    // then the content
    const res = await put(id, bad).expect(400);
    expect(res.body.details.fields.map((x: { field: string }) => x.field).join()).toContain('RACE');
    const fr = await put(id, { ...ASKED, answers: { RELIGION: ['SIKH', 'HINDU'] } }, f.reps.police.token, { 'accept-language': 'fr' }).expect(400);
    expect(fr.body.details.fields).toEqual([{ field: 'answers.RELIGION', problem: 'Une seule réponse est admise à cette question.' }]);
    await put(id, { ...ASKED, noticeGiven: false }).expect(400);
    await put(id, { ...ASKED, answeredBy: undefined }).expect(400);
    await put(id, { asked: 'NOT_ASKED', noticeVersion: NOTICE_VERSION }).expect(400);
    await put(id, { asked: 'NOT_ASKED', notAskedReason: 'NOT_REACHED', noticeVersion: NOTICE_VERSION, answers: ANSWERS }).expect(400);
    for (const body of [{}, { ...ASKED, answers: 'SIKH' }, { ...ASKED, answers: { RACE: 'WHITE' } }, { ...ASKED, answers: { RACE: [[]] } }, { ...ASKED, noticeVersion: 7 }, []]) {
      await put(id, body).expect(400);
    }
    expect((await put(id, { ...ASKED, noticeVersion: '2025.9' }).expect(409)).body.details.reason).toBe('EQUITY_NOTICE_OUTDATED');
    // an outdated notice is a state (409), answered before the body's own problems (400)
    expect((await put(id, { ...ASKED, noticeVersion: '2025.9', answers: { RACE: 'WHITE' } }).expect(409)).body.details.reason).toBe('EQUITY_NOTICE_OUTDATED');
    // nothing was recorded by any refusal; the refusals for want of standing are audited
    expect(await stored(id)).toBeUndefined();
    // (the two representatives without standing; the other roles are refused by the route's role before it)
    expect((await audits(id, 'equity.write')).filter((a) => a.outcome === 'DENIED' && a.details.reason === 'FORBIDDEN')).toHaveLength(2);
    // every field empty is a record: asked, the notice given, nothing answered
    await record(id, { asked: 'ASKED', answeredBy: 'AUTHORIZED_PERSON', noticeVersion: NOTICE_VERSION, noticeGiven: true });
    await expectTallies();
  });

  it('stores no plaintext answer, one ciphertext length whatever the answers, and audits the questions answered, never the answers', async () => {
    const a = await assigned();
    const b = await assigned();
    await record(a);
    await record(b, { ...ASKED, answers: { RACE: ['PREFER_NOT_TO_ANSWER'] } });
    const row = await stored(a);
    expect(row.table_id).toBe(f.tableId);
    expect(row.asked).toBe(true);
    expect(row.answered_by).toBe('SELF');
    expect(row.notice_version).toBe(NOTICE_VERSION);
    expect(row.recorded_by_agency).toBe(f.agencies.police.id);
    const text = JSON.stringify(row);
    for (const code of ['METIS', 'INUIT', 'SOUTHEAST_ASIAN', 'SIKH', 'TWO_SPIRIT', 'INDIGENOUS_IDENTITY', 'RELIGION']) expect(text).not.toContain(code);
    expect(Buffer.from(row.ciphertext, 'base64').length).toBe(Buffer.from((await stored(b)).ciphertext, 'base64').length);
    // nothing of it in the identity row
    const vault = (await owner.query('SELECT ciphertexts FROM identity_vault WHERE situation_id = $1', [a])).rows[0];
    expect(Object.keys(vault.ciphertexts)).not.toContain('equity');

    const [entry] = await audits(a, 'equity.write');
    // who answered (a parent for a minor, say) stays with the sealed record, out of the trail
    expect(entry.details).toEqual({
      asked: 'ASKED',
      questionsAnswered: ['GENDER_IDENTITY', 'INDIGENOUS_IDENTITY', 'RACE', 'RELIGION'],
      noticeVersion: NOTICE_VERSION,
      correction: false,
    });
    const leaked = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE details::text ~ '(METIS|SOUTHEAST_ASIAN|SIKH|TWO_SPIRIT)'`);
    expect(leaked.rows[0].n).toBe(0);
    expect(t.logs.join('\n')).not.toMatch(/SOUTHEAST_ASIAN|TWO_SPIRIT/);
    // the reference data is read-only to the application's role (seeded by migrations only)
    const app = new Client({ connectionString: t.appUrl });
    await app.connect();
    try {
      expect((await app.query('SELECT version FROM equity_reference_versions ORDER BY version')).rows.map((r: { version: string }) => r.version)).toEqual(['2026.1', '2026.2']);
      await expect(app.query(`UPDATE equity_reference_versions SET data = '{}'`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
    await expectTallies();
  });

  it('reads the answers back to the recording agency only, while open, with a purpose, audited as an identity read', async () => {
    const id = await assigned();
    await record(id);
    const read = await api.as(f.reps.police.token).get(`/situations/${id}/equity?${PURPOSE}`).expect(200);
    expect(read.body.answers).toEqual({ GENDER_IDENTITY: ['TWO_SPIRIT'], INDIGENOUS_IDENTITY: ['INUIT', 'METIS'], RACE: ['SOUTHEAST_ASIAN'], RELIGION: ['SIKH'] });
    expect(read.body).toMatchObject({ asked: 'ASKED', answeredBy: 'SELF', notAskedReason: null, recordedByMyAgency: true, recordedByAgencyId: f.agencies.police.id });
    // the lead agency has standing but did not record them; the assisting agency has none
    await api.as(f.reps.housing.token).get(`/situations/${id}/equity?${PURPOSE}`).expect(403);
    await api.as(f.reps.health.token).get(`/situations/${id}/equity?${PURPOSE}`).expect(403);
    await api.as(f.privacy.token).get(`/situations/${id}/equity?${PURPOSE}`).expect(403);
    // a purpose is required (after standing)
    await api.as(f.reps.police.token).get(`/situations/${id}/equity`).expect(400);
    await api.as(f.reps.housing.token).get(`/situations/${id}/equity`).expect(403);
    const reads = await audits(id, 'identity.read');
    expect(reads.find((r) => r.outcome === 'SUCCESS')!.details).toEqual({
      fields: ['equity'],
      questionsAnswered: ['GENDER_IDENTITY', 'INDIGENOUS_IDENTITY', 'RACE', 'RELIGION'],
      purposeCode: 'SERVICE_CONNECTION',
    });
    expect(reads.filter((r) => r.outcome === 'DENIED').length).toBeGreaterThanOrEqual(2);
    // the form says a record exists and whose, never the answers
    const form = await api.as(f.reps.housing.token).get(`/situations/${id}/equity/form`).expect(200);
    expect(form.body.record).toMatchObject({ recordedByAgencyId: f.agencies.police.id, recordedByMyAgency: false, noticeVersion: NOTICE_VERSION });
    expect(JSON.stringify(form.body.record)).not.toContain('SIKH');
    // nothing recorded: 404
    const none = await assigned();
    await api.as(f.reps.police.token).get(`/situations/${none}/equity?${PURPOSE}`).expect(404);
    // closed: no longer read back (409)
    await api.as(f.coordinator.token).post(`/situations/${id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
    expect((await api.as(f.reps.police.token).get(`/situations/${id}/equity?${PURPOSE}`).expect(409)).body.code).toBe('INVALID_TRANSITION');
    await expectTallies();
  });

  it('binds a ciphertext to its situation: moved to another, it does not open (409, audited), and nothing leaks', async () => {
    const a = await assigned();
    const b = await assigned();
    await record(a);
    await record(b, { ...ASKED, answers: { RACE: ['WHITE'] } });
    const original = (await stored(b)).ciphertext;
    await owner.query('UPDATE equity_responses SET ciphertext = (SELECT ciphertext FROM equity_responses WHERE situation_id = $1) WHERE situation_id = $2', [a, b]);
    const res = await api.as(f.reps.police.token).get(`/situations/${b}/equity?${PURPOSE}`).expect(409);
    expect(res.body.code).toBe('IDENTITY_INTEGRITY_FAILURE');
    expect(JSON.stringify(res.body)).not.toMatch(/SIKH|METIS/);
    expect((await audits(b, 'identity.read')).some((r) => r.outcome === 'DENIED' && r.details.reason === 'IDENTITY_INTEGRITY_FAILURE')).toBe(true);
    // an older key version does not open either
    await owner.query('UPDATE equity_responses SET ciphertext = $2, key_version = key_version + 1 WHERE situation_id = $1', [b, original]);
    await api.as(f.reps.police.token).get(`/situations/${b}/equity?${PURPOSE}`).expect(409);
    await owner.query('UPDATE equity_responses SET key_version = key_version - 1 WHERE situation_id = $1', [b]);
    expect((await api.as(f.reps.police.token).get(`/situations/${b}/equity?${PURPOSE}`).expect(200)).body.answers).toEqual({ RACE: ['WHITE'] });
  });

  it('keeps the answers readable when the identity is written again (new data key) and after re-encryption', async () => {
    const id = await assigned();
    await record(id);
    const before = await stored(id);
    await api
      .as(f.reps.housing.token)
      .put(`/situations/${id}/identity`, { ...IDENTITY, phone: '555-0171-33' })
      .expect(204);
    const after = await stored(id);
    expect(after.key_version).toBe(before.key_version + 1);
    expect(after.ciphertext).not.toBe(before.ciphertext);
    expect((await api.as(f.reps.police.token).get(`/situations/${id}/equity?${PURPOSE}`).expect(200)).body.answers.RELIGION).toEqual(['SIKH']);
    const report = await t.app.get(IdentityVaultService).rotateMasterKey({ reencrypt: true });
    expect(report.failed.filter((x) => x.situationId === id)).toEqual([]);
    const rotated = await stored(id);
    expect(rotated.ciphertext).not.toBe(after.ciphertext);
    expect((await api.as(f.reps.police.token).get(`/situations/${id}/equity?${PURPOSE}`).expect(200)).body.answers.RELIGION).toEqual(['SIKH']);
  });

  it('keeps the tallies in step when corrections cross at once (no deadlock: one writer of a table-month at a time)', async () => {
    const [a, b] = [await assigned({ lead: 'police' }), await assigned({ lead: 'police' })];
    await record(a, { ...ASKED, answers: { RACE: ['WHITE'] } });
    await record(b, { ...ASKED, answers: { RACE: ['BLACK'] } });
    for (let round = 0; round < 6; round++) {
      const [x, y] = round % 2 ? ['WHITE', 'BLACK'] : ['BLACK', 'WHITE'];
      const answers = await Promise.all([
        api.as(f.reps.police.token).put(`/situations/${a}/equity`, { ...ASKED, answers: { RACE: [x] } }),
        api.as(f.reps.police.token).put(`/situations/${b}/equity`, { ...ASKED, answers: { RACE: [y] } }),
      ]);
      expect(answers.map((r) => r.status)).toEqual([200, 200]);
    }
    // the last round left a WHITE and b BLACK: said again through record(), which the naive count follows
    await record(a, { ...ASKED, answers: { RACE: ['WHITE'] } });
    await record(b, { ...ASKED, answers: { RACE: ['BLACK'] } });
    await expectTallies();
  });

  it('keeps the tallies in step with each answer, correction, withdrawal, assignment, decline, closure and reopening (against a naive count)', async () => {
    const a = await assigned({ lead: 'police' });
    await record(a);
    await expectTallies();
    expect((await tallies())['RACE|SOUTHEAST_ASIAN|POLICE_LED']).toBeGreaterThanOrEqual(1);
    // a correction: categories move
    await record(a, { ...ASKED, answers: { RACE: ['BLACK', 'WHITE'], ETHNIC_ORIGIN: ['AFRICAN'] } });
    expect((await audits(a, 'equity.write')).at(-1)!.details.correction).toBe(true);
    await expectTallies();
    // not asked, with a reason
    const b = await assigned();
    await record(b, { asked: 'NOT_ASKED', notAskedReason: 'NOT_SAFE_OR_APPROPRIATE', noticeVersion: NOTICE_VERSION }, f.reps.housing.token);
    expect((await stored(b)).ciphertext).toBeNull();
    // why the questions were not asked (not safe, say) is not in the trail either
    expect((await audits(b, 'equity.write')).at(-1)!.details).toEqual({ asked: 'NOT_ASKED', noticeVersion: NOTICE_VERSION, correction: false });
    await expectTallies();
    // reassignment to the police, then the police declines: POLICE_LED follows the lead
    const c = api.as(f.coordinator.token);
    await c.post(`/situations/${b}/assignment`, { leadAgencyId: f.agencies.police.id, assistingAgencyIds: [] }).expect(200);
    await expectTallies();
    await api.as(f.reps.police.token).post(`/situations/${b}/lead-answer`, { answer: 'DECLINE', reasonCode: 'MANDATE' }).expect(200);
    await expectTallies();
    // closure (RISK_LOWERED group), reopening, closure again (another group)
    await c.post(`/situations/${a}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
    await expectTallies();
    expect(Object.keys(await tallies()).some((k) => k.endsWith('|CLOSED_' + GROUP_OF.get('CONNECTED_TO_SERVICES')))).toBe(true);
    await c.post(`/situations/${a}/reopen`, { rationale: 'The person asked for help again after the closure was recorded.' }).expect(200);
    await expectTallies();
    const other = TAXONOMY.conclusions.find((x) => x.group !== GROUP_OF.get('CONNECTED_TO_SERVICES') && x.code !== 'DORMANT')!.code;
    await c.post(`/situations/${a}/closure`, { conclusion: other, consentStatus: 'OBTAINED' }).expect(200);
    await expectTallies();
    // a withdrawal takes every count back; rows at 0 are gone
    const d = await assigned();
    await record(d, { ...ASKED, answers: { RELIGION: ['NO_RELIGION'] } });
    const withCount = (await tallies())['RELIGION|NO_RELIGION|RECORDED'];
    await api.as(f.reps.housing.token).delete(`/situations/${d}/equity`).expect(204);
    live.delete(d);
    expect(await stored(d)).toBeUndefined();
    await expectTallies();
    expect((await tallies())['RELIGION|NO_RELIGION|RECORDED'] ?? 0).toBe(withCount - 1);
    expect((await owner.query('SELECT count(*)::int AS n FROM equity_tallies WHERE count = 0')).rows[0].n).toBe(0);
    const [w] = await audits(d, 'equity.withdraw');
    expect(w.details).toEqual({ asked: 'ASKED', questionsWithdrawn: ['RELIGION'] });
    await api.as(f.reps.housing.token).delete(`/situations/${d}/equity`).expect(404);
  });

  it('deletes the answers with the identity purge, in its transaction, and keeps the counts: nothing decrypts afterwards', async () => {
    const id = await assigned();
    await record(id);
    const closed = await api.as(f.coordinator.token).post(`/situations/${id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
    await expectTallies();
    const before = await tallies();
    t.clock.advance(new Date(closed.body.identityPurgeAt).getTime() - Date.now() + 60_000);
    try {
      expect(await t.app.get(IdentityVaultService).purgeDue()).toBeGreaterThanOrEqual(1);
    } finally {
      t.clock.reset();
    }
    expect(await stored(id)).toBeUndefined();
    const vault = (await owner.query('SELECT wrapped_key, ciphertexts, purged_at FROM identity_vault WHERE situation_id = $1', [id])).rows[0];
    expect(vault.wrapped_key).toBeNull();
    expect(vault.purged_at).not.toBeNull();
    const purge = (await audits(id, 'identity.purge'))[0];
    expect(purge.details).toEqual({ hadIdentity: true, hadEquity: true });
    // the counts survive the purge (reports come from them), unchanged
    expect(await tallies()).toEqual(before);
    // nothing left to read or withdraw
    expect((await api.as(f.reps.police.token).get(`/situations/${id}/equity?${PURPOSE}`).expect(409)).body.code).toBe('INVALID_TRANSITION');
    await api.as(f.reps.police.token).delete(`/situations/${id}/equity`).expect(409);
  });

  it('another agency with standing corrects the answers: it becomes the recording agency, and the read-back follows it', async () => {
    const id = await assigned();
    await record(id, { ...ASKED, answers: { RELIGION: ['SIKH'] } });
    // the lead agency (housing) records the person's correction
    await record(id, { ...ASKED, answers: { RELIGION: ['BUDDHIST'], GENDER_IDENTITY: ['WOMAN'] } }, f.reps.housing.token);
    expect((await audits(id, 'equity.write')).at(-1)!.details).toMatchObject({ correction: true });
    expect((await api.as(f.reps.police.token).get(`/situations/${id}/equity/form`).expect(200)).body.record).toMatchObject({
      recordedByAgencyId: f.agencies.housing.id,
      recordedByMyAgency: false,
    });
    await api.as(f.reps.police.token).get(`/situations/${id}/equity?${PURPOSE}`).expect(403);
    const read = await api.as(f.reps.housing.token).get(`/situations/${id}/equity?${PURPOSE}`).expect(200);
    expect(read.body.answers).toEqual({ GENDER_IDENTITY: ['WOMAN'], RELIGION: ['BUDDHIST'] });
    await expectTallies();
  });

  it('asks about the primary person of a FAMILY situation as of a PERSON one, and counts the answers alike', async () => {
    const id = await assigned({ type: 'FAMILY' });
    await record(id, { ...ASKED, answers: { RACE: ['BLACK'], INDIGENOUS_IDENTITY: ['NO'] } });
    const read = await api.as(f.reps.police.token).get(`/situations/${id}/equity?${PURPOSE}`).expect(200);
    expect(read.body.answers).toEqual({ INDIGENOUS_IDENTITY: ['NO'], RACE: ['BLACK'] });
    expect((await tallies())['RACE|BLACK|RECORDED']).toBeGreaterThanOrEqual(1);
    await expectTallies();
  });

  it('after closure, while the identity is live: recorded answers are corrected or withdrawn (6.4), none first recorded, none read back', async () => {
    const c = api.as(f.coordinator.token);
    const closeIt = (id: string) => c.post(`/situations/${id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
    const [corrected, withdrawn, never] = [await assigned(), await assigned(), await assigned()];
    await record(corrected, { ...ASKED, answers: { RELIGION: ['SIKH'] } });
    await record(withdrawn, { ...ASKED, answers: { GENDER_IDENTITY: ['WOMAN'] } });
    for (const id of [corrected, withdrawn, never]) await closeIt(id);
    // the person changes an answer: the counts move within the closed stage
    await api.as(f.reps.police.token).get(`/situations/${corrected}/equity/form`).expect(200);
    await record(corrected, { ...ASKED, answers: { RELIGION: ['NO_RELIGION'] } });
    expect((await stored(corrected)).tallied_stages).toEqual(['RECORDED', `CLOSED_${GROUP_OF.get('CONNECTED_TO_SERVICES')}`]);
    expect((await audits(corrected, 'equity.write')).at(-1)!.details).toMatchObject({ correction: true });
    // the lead agency withdraws them at the person's request: every count taken back
    await api.as(f.reps.housing.token).delete(`/situations/${withdrawn}/equity`).expect(204);
    live.delete(withdrawn);
    expect(await stored(withdrawn)).toBeUndefined();
    await expectTallies();
    // nothing recorded before the closure: no first record now, nor its form (409); and no read-back of any
    expect((await put(never, ASKED).expect(409)).body.code).toBe('INVALID_TRANSITION');
    await api.as(f.reps.police.token).get(`/situations/${never}/equity/form`).expect(409);
    await api.as(f.reps.police.token).get(`/situations/${corrected}/equity?${PURPOSE}`).expect(409);
    // standing still counts: the assisting agency may not
    await api.as(f.reps.health.token).delete(`/situations/${corrected}/equity`).expect(403);
    // (the purge deletes the answers with the identity: a later write would be a first record, refused as above)
  });

  it("moves the counts when the system closes a situation as dormant (the dormancy job's closure, in its transaction)", async () => {
    await api.as(f.admin.token).patch(`/tables/${f.tableId}`, { dormancyFlagDays: 14, dormancyCloseDays: 28 }).expect(200);
    const id = await assigned();
    await record(id, { ...ASKED, answers: { GENDER_IDENTITY: ['NON_BINARY'] } });
    const retention = t.app.get(RetentionService);
    for (const days of [15, 45]) {
      t.clock.advance(days * 86_400_000);
      try {
        await retention.dormancy();
      } finally {
        t.clock.reset();
      }
    }
    const s = (await owner.query('SELECT status, conclusion FROM situations WHERE id = $1', [id])).rows[0];
    expect(s).toEqual({ status: 'CLOSED', conclusion: 'DORMANT' });
    expect((await stored(id)).tallied_stages).toEqual(['RECORDED', `CLOSED_${GROUP_OF.get('DORMANT')}`]);
    await expectTallies();
  });

  it('an identity written over a row that no longer opens drops the answers it cannot carry (audited), and the write goes through', async () => {
    const id = await assigned();
    await record(id);
    await owner.query(`UPDATE identity_vault SET row_mac = decode(repeat('00', 32), 'hex') WHERE situation_id = $1`, [id]);
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    live.delete(id);
    expect(await stored(id)).toBeUndefined();
    expect(await audits(id, 'equity.drop')).toEqual([{ outcome: 'SUCCESS', details: { reason: 'IDENTITY_INTEGRITY_FAILURE', check: 'row-mac' } }]);
    await api.as(f.reps.police.token).get(`/situations/${id}/equity?${PURPOSE}`).expect(404);
  });

  /** Answers whose ciphertext no longer opens (its first bytes changed), under an identity row that still does. */
  const spoil = (id: string) => owner.query(`UPDATE equity_responses SET ciphertext = 'AAAAAAAA' || substr(ciphertext, 9) WHERE situation_id = $1`, [id]);

  it("withdraws answers that no longer open (the person's choice does not wait for a repair): deleted, their counts left, audited as such", async () => {
    const id = await assigned();
    await record(id);
    const before = await tallies();
    await spoil(id);
    await api.as(f.reps.police.token).get(`/situations/${id}/equity?${PURPOSE}`).expect(409);
    await api.as(f.reps.police.token).delete(`/situations/${id}/equity`).expect(204);
    live.delete(id);
    expect(await stored(id)).toBeUndefined();
    // what the answers were cannot be known: the counts stay where they were (docs/evaluation.md, "Not built yet")
    expect(await tallies()).toEqual(before);
    expect((await audits(id, 'equity.withdraw')).filter((a) => a.outcome === 'SUCCESS')).toEqual([
      { outcome: 'SUCCESS', details: { asked: 'ASKED', talliesAdjusted: false, reason: 'IDENTITY_INTEGRITY_FAILURE', check: 'field' } },
    ]);
    await api.as(f.reps.police.token).get(`/situations/${id}/equity?${PURPOSE}`).expect(404);
  });

  it('re-encrypts an identity whose answers no longer open: the answers dropped (audited), the row under its new key, still readable', async () => {
    const id = await assigned();
    await record(id);
    const kek = async () => (await owner.query('SELECT kek_id, wrapped_key FROM identity_vault WHERE situation_id = $1', [id])).rows[0];
    const before = await kek();
    await spoil(id);
    const report = await t.app.get(IdentityVaultService).rotateMasterKey({ reencrypt: true });
    expect(report.failed.filter((x) => x.situationId === id)).toEqual([]);
    live.delete(id);
    expect(await stored(id)).toBeUndefined();
    expect(await audits(id, 'equity.drop')).toEqual([{ outcome: 'SUCCESS', details: { reason: 'IDENTITY_INTEGRITY_FAILURE', check: 'equity' } }]);
    expect((await kek()).wrapped_key).not.toEqual(before.wrapped_key);
    const read = await api.as(f.reps.police.token).get(`/situations/${id}/identity?purposeCode=SERVICE_CONNECTION`).expect(200);
    expect(read.body.familyName).toBe(IDENTITY.familyName);
  });
});
