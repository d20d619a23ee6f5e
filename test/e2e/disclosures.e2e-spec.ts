import { Client } from 'pg';
import { DisclosureService } from '../../src/modules/disclosures/disclosure.service';
import { Api, TableFixture } from '../support/api';
import { looksLikeFormula, parseCsv } from '../support/csv';
import { IDENTITY, MEETS, submit, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

const DAY = 86_400_000;
const PERSON = { givenName: 'Isolde', familyName: 'Vantongeren', dateOfBirth: '1991-02-17', address: '77 Fictional Mews' };
const CONSENT = { obtainedAt: new Date(Date.now() - 3_600_000).toISOString(), scope: 'INTERVENING_AGENCIES' };
const IDENTITY_VALUES = [PERSON.givenName, PERSON.familyName, PERSON.dateOfBirth, PERSON.address, IDENTITY.givenName, IDENTITY.familyName, IDENTITY.address];

/**
 * Issue 17, section 1: legal authority, notice and consent, per disclosure. Each identity write is
 * a disclosure under an authority of the reference data (2026.4), checked against its conditions
 * (retired, sectors, consent), recorded with what it requires (notice due, consent), alerted when
 * notice is overdue, agreed with at closure, and listed for the privacy officer (register, CSV)
 * without any identity value.
 */
describe('disclosures of identity: authority, notice and consent', () => {
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

  const disclosuresOf = async (id: string, token = f.reps.police.token) => (await api.as(token).get(`/situations/${id}/disclosures`).expect(200)).body.items;

  it('GET /taxonomy exposes each authority with its conditions (2026.4): CYFSA s. 125 retired, FIPPA 42(1)(h) requires mailed notice', async () => {
    const en = await api.as(f.reps.police.token).get('/taxonomy').expect(200);
    expect(en.body.version).toBe('2026.5');
    const byCode = Object.fromEntries(en.body.legalAuthorities.map((a: { code: string }) => [a.code, a]));
    expect(byCode.CYFSA_S125).toMatchObject({ retired: true });
    expect(byCode.OTHER_STATUTE).toMatchObject({ retired: true });
    expect(byCode.FIPPA_S42_1_H).toMatchObject({
      section: '42(1)(h)',
      statute: 'FIPPA',
      retired: false,
      requires: { notice: { withinDays: 7, method: 'MAIL_LAST_KNOWN_ADDRESS' }, consent: false },
    });
    expect(byCode.MFIPPA_S32_H.sectors).toEqual(expect.arrayContaining(['POLICE', 'EDUCATION', 'HOUSING']));
    expect(byCode.CONSENT).toMatchObject({ sectors: [], requires: { notice: null, consent: true } });
    expect(byCode.PHIPA_S40_1.sectors).not.toContain('HOUSING');
    expect(Object.keys(byCode)).toEqual(expect.arrayContaining(['CYFSA_S292_1_G', 'YCJA_S125_6']));
    expect(en.body.labels.noticeMethods.map((l: { code: string }) => l.code)).toContain('MAIL_LAST_KNOWN_ADDRESS');
    const fr = await api.as(f.reps.police.token).get('/taxonomy', { 'accept-language': 'fr' }).expect(200);
    expect(fr.body.legalAuthorities.find((a: { code: string }) => a.code === 'FIPPA_S42_1_H').statute).toBe('LAIPVP');
    const stored = await owner.query(`SELECT data::jsonb -> 'legalAuthorities' AS a FROM taxonomy_versions WHERE version = '2026.4'`);
    expect(stored.rows[0].a.find((a: { code: string }) => a.code === 'CYFSA_S125').retired).toBe(true);
  });

  it('a retired authority is refused for a new disclosure (422 naming legalAuthority), and nothing is written', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const res = await api
      .as(f.reps.police.token)
      .put(`/situations/${id}/identity`, { ...PERSON, legalAuthority: 'CYFSA_S125' })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'LEGAL_AUTHORITY_REFUSED', details: { field: 'legalAuthority', reason: 'RETIRED' } });
    await api
      .as(f.reps.police.token)
      .put(`/situations/${id}/identity`, { ...PERSON, legalAuthority: 'OTHER_STATUTE' })
      .expect(422);
    expect((await owner.query('SELECT count(*)::int AS n FROM identity_disclosures WHERE situation_id = $1', [id])).rows[0].n).toBe(0);
  });

  it("an authority the disclosing agency's sector may not rely on is refused (422 SECTOR): housing may not use PHIPA 40(1)", async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const res = await api
      .as(f.reps.housing.token)
      .put(`/situations/${id}/identity`, { ...PERSON, legalAuthority: 'PHIPA_S40_1' })
      .expect(422);
    expect(res.body.details).toEqual({ field: 'legalAuthority', reason: 'SECTOR' });
    // the same authority for a health agency's representative... health only assists here, so police (MFIPPA 32(h)) writes
    await api
      .as(f.reps.police.token)
      .put(`/situations/${id}/identity`, { ...PERSON, legalAuthority: 'PHIPA_S40_1' })
      .expect(422);
    await api
      .as(f.reps.housing.token)
      .put(`/situations/${id}/identity`, { ...PERSON, legalAuthority: 'MFIPPA_S32_H' })
      .expect(204);
  });

  it('CONSENT needs the consent (400 naming consent); recorded with the agency, time and scope, no notice', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const missing = await api
      .as(f.reps.police.token)
      .put(`/situations/${id}/identity`, { ...PERSON, legalAuthority: 'CONSENT' })
      .expect(400);
    expect(JSON.stringify(missing.body.details)).toContain('consent');
    const stranger = await api
      .as(f.reps.police.token)
      .put(`/situations/${id}/identity`, { ...PERSON, legalAuthority: 'CONSENT', consent: { ...CONSENT, obtainedByAgencyId: f.agencies.school.id } })
      .expect(400);
    expect(JSON.stringify(stranger.body.details)).toContain('consent.obtainedByAgencyId');
    await api
      .as(f.reps.police.token)
      .put(`/situations/${id}/identity`, { ...PERSON, legalAuthority: 'CONSENT', consent: { ...CONSENT, obtainedAt: new Date(Date.now() + 2 * DAY).toISOString() } })
      .expect(400);
    await api
      .as(f.reps.police.token)
      .put(`/situations/${id}/identity`, { ...PERSON, legalAuthority: 'CONSENT', consent: CONSENT })
      .expect(204);
    const [d] = await disclosuresOf(id);
    expect(d).toMatchObject({
      legalAuthority: 'CONSENT',
      taxonomyVersion: '2026.5',
      disclosingAgency: { id: f.agencies.police.id },
      fields: ['address', 'dateOfBirth', 'familyName', 'givenName'],
      notice: { status: 'NOT_REQUIRED', dueAt: null },
      consent: { required: true, obtainedBy: { id: f.agencies.police.id }, scope: 'INTERVENING_AGENCIES' },
    });
    expect(d.receivingAgencies.map((a: { id: string }) => a.id).sort()).toEqual([f.agencies.housing.id, f.agencies.health.id].sort());
    expect(d.receivingAgencies.every((a: { name: string }) => a.name.length > 0)).toBe(true);
    // the audit entry of the write names the disclosure
    const audit = await owner.query(`SELECT details FROM audit_entries WHERE action = 'identity.write' AND situation_id = $1 AND outcome = 'SUCCESS'`, [id]);
    expect(JSON.parse(audit.rows[0].details).disclosureId).toBe(d.id);
  });

  it('a disclosure under MFIPPA 32(h): notice due 7 days later; the disclosing agency records it once (others 403, no notice 409)', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await api
      .as(f.reps.police.token)
      .put(`/situations/${id}/identity`, { ...PERSON, legalAuthority: 'MFIPPA_S32_H' })
      .expect(204);
    const [d] = await disclosuresOf(id);
    expect(d.notice).toMatchObject({ status: 'PENDING', requiredMethod: 'MAIL_LAST_KNOWN_ADDRESS', givenAt: null });
    expect(new Date(d.notice.dueAt).getTime() - new Date(d.disclosedAt).getTime()).toBe(7 * DAY);
    const path = `/situations/${id}/disclosures/${d.id}/notice`;
    const body = { givenAt: new Date().toISOString(), method: 'MAIL_LAST_KNOWN_ADDRESS' };
    // only the disclosing agency's representatives, whatever the body holds (403 before 400)
    await api.as(f.reps.housing.token).post(path, { method: 'PIGEON' }).expect(403);
    await api.as(f.reps.housing.token).post(path, body).expect(403);
    await api.as(f.coordinator.token).post(path, body).expect(403);
    await api.as(f.privacy.token).post(path, body).expect(403);
    await api.as(f.reps.police.token).post(`/situations/${id}/disclosures/${f.tableId}/notice`, body).expect(404);
    await api
      .as(f.reps.police.token)
      .post(path, { ...body, givenAt: new Date(Date.now() + DAY).toISOString() })
      .expect(400);
    await api
      .as(f.reps.police.token)
      .post(path, { ...body, givenAt: new Date(Date.now() - 30 * DAY).toISOString() })
      .expect(400);
    const given = await api.as(f.reps.police.token).post(path, body).expect(200);
    expect(given.body.notice).toMatchObject({ status: 'GIVEN', method: 'MAIL_LAST_KNOWN_ADDRESS' });
    expect((await api.as(f.reps.police.token).post(path, body).expect(409)).body.details.reason).toBe('NOTICE_ALREADY_RECORDED');
    // state before content (api.md): recorded already is 409 whatever the body holds
    expect((await api.as(f.reps.police.token).post(path, { method: 'PIGEON' }).expect(409)).body.details.reason).toBe('NOTICE_ALREADY_RECORDED');
    // a reader's agency becomes a receiving agency (health assists; it was already one, school never reads)
    await api.as(f.reps.health.token).get(`/situations/${id}/identity?purposeCode=SAFETY_PLANNING`).expect(200);
    // no notice required under CONSENT: 409
    const other = await walkTo(api, f, 'ASSIGNED');
    await api
      .as(f.reps.police.token)
      .put(`/situations/${other}/identity`, { ...PERSON, legalAuthority: 'CONSENT', consent: CONSENT })
      .expect(204);
    const [c] = await disclosuresOf(other);
    expect((await api.as(f.reps.police.token).post(`/situations/${other}/disclosures/${c.id}/notice`, body).expect(409)).body.details.reason).toBe('NOTICE_NOT_REQUIRED');
    expect((await api.as(f.reps.police.token).post(`/situations/${other}/disclosures/${c.id}/notice`, { givenAt: 'soon' }).expect(409)).body.details.reason).toBe(
      'NOTICE_NOT_REQUIRED',
    );
  });

  it('the consent route: the disclosing agency records or corrects it; others 403', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await api
      .as(f.reps.police.token)
      .put(`/situations/${id}/identity`, { ...PERSON, legalAuthority: 'MFIPPA_S32_H' })
      .expect(204);
    const [d] = await disclosuresOf(id);
    const path = `/situations/${id}/disclosures/${d.id}/consent`;
    await api.as(f.reps.housing.token).post(path, CONSENT).expect(403);
    await api
      .as(f.reps.police.token)
      .post(path, { ...CONSENT, scope: 'EVERYONE' })
      .expect(400);
    const res = await api
      .as(f.reps.police.token)
      .post(path, { ...CONSENT, obtainedByAgencyId: f.agencies.housing.id })
      .expect(200);
    expect(res.body.consent).toMatchObject({ required: false, obtainedBy: { id: f.agencies.housing.id }, scope: 'INTERVENING_AGENCIES' });
    const audit = await owner.query(`SELECT details FROM audit_entries WHERE action = 'disclosure.consent' AND situation_id = $1 AND outcome = 'SUCCESS'`, [id]);
    expect(JSON.parse(audit.rows[0].details)).toMatchObject({ disclosureId: d.id, scope: 'INTERVENING_AGENCIES' });
  });

  it('notice not recorded by its due date: OVERDUE, and the privacy officers are alerted once (the job claims it once)', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await api
      .as(f.reps.police.token)
      .put(`/situations/${id}/identity`, { ...PERSON, legalAuthority: 'MFIPPA_S32_H' })
      .expect(204);
    const [d] = await disclosuresOf(id);
    const jobs = t.app.get(DisclosureService);
    // not yet due: nothing
    await jobs.notifyNoticesOverdue();
    expect((await owner.query('SELECT notice_overdue_alerted_at FROM identity_disclosures WHERE id = $1', [d.id])).rows[0].notice_overdue_alerted_at).toBeNull();
    t.clock.advance(8 * DAY);
    try {
      expect((await disclosuresOf(id))[0].notice.status).toBe('OVERDUE');
      const [a, b] = await Promise.all([jobs.notifyNoticesOverdue(), jobs.notifyNoticesOverdue()]);
      expect(a + b).toBeGreaterThanOrEqual(1);
      await jobs.notifyNoticesOverdue();
      const notes = await owner.query(`SELECT user_id, payload FROM notifications WHERE kind = 'DISCLOSURE_NOTICE_OVERDUE' AND situation_id = $1`, [id]);
      expect(notes.rows.map((r) => r.user_id)).toEqual([f.privacy.id]);
      const mine = await api.as(f.privacy.token).get('/notifications').expect(200);
      const note = mine.body.items.find((n: { kind: string; situationId: string }) => n.kind === 'DISCLOSURE_NOTICE_OVERDUE' && n.situationId === id);
      expect(note.payload).toMatchObject({ disclosureId: d.id });
      expect(JSON.stringify(note)).not.toContain(PERSON.familyName);
      const audited = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'disclosure.notice_overdue' AND situation_id = $1`, [id]);
      expect(audited.rows[0].n).toBe(1);
      // the register filters it
      const overdue = await api.as(f.privacy.token).get(`/tables/${f.tableId}/disclosures?noticeStatus=OVERDUE&limit=200`).expect(200);
      expect(overdue.body.items.map((i: { id: string }) => i.id)).toContain(d.id);
    } finally {
      t.clock.reset();
    }
  });

  it('closure: PERSON or FAMILY never NOT_APPLICABLE (422 naming consentStatus); after a disclosure under CONSENT only OBTAINED', async () => {
    const c = api.as(f.coordinator.token);
    const plain = await walkTo(api, f, 'ASSIGNED');
    const na = await c.post(`/situations/${plain}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'NOT_APPLICABLE' }).expect(422);
    expect(na.body).toMatchObject({ code: 'CONSENT_STATUS_REFUSED', details: { field: 'consentStatus', reason: 'NOT_APPLICABLE_FOR_PERSONS' } });
    await c.post(`/situations/${plain}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'NOT_SOUGHT_RISK' }).expect(200);

    const consented = await walkTo(api, f, 'ASSIGNED');
    await api
      .as(f.reps.police.token)
      .put(`/situations/${consented}/identity`, { ...PERSON, legalAuthority: 'CONSENT', consent: CONSENT })
      .expect(204);
    const refused = await c.post(`/situations/${consented}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'REFUSED' }).expect(422);
    expect(refused.body.details).toEqual({ field: 'consentStatus', reason: 'CONSENT_DISCLOSURE_NEEDS_OBTAINED' });
    await c.post(`/situations/${consented}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);

    // a location may be closed NOT_APPLICABLE
    const s = await submit(api, f, f.reps.police.token, { ...MEETS, situationType: 'LOCATION' });
    await c.post(`/situations/${s.id}/decision`, { outcome: 'AER', rationale: 'Meets the threshold.' }).expect(200);
    await c.post(`/situations/${s.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id] }).expect(200);
    await c.post(`/situations/${s.id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'NOT_APPLICABLE' }).expect(200);
  });

  it('the register (PRIVACY_OFFICER): a period, paged, agency names, references, notice status; never an identity value; audited', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    const year = String(new Date().getUTCFullYear());
    const first = await api.as(f.privacy.token).get(`/tables/${f.tableId}/disclosures?period=${year}&limit=2`).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const all: { id: string; reference: string; disclosingAgency: { name: string } }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: typeof all; nextCursor: string | null } } = await api
        .as(f.privacy.token)
        .get(`/tables/${f.tableId}/disclosures?period=${year}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    const mine = all.find((i) => i.reference && i.id && i.disclosingAgency.name.startsWith('Agency police'))!;
    expect(mine).toBeDefined();
    const text = JSON.stringify(all);
    for (const v of IDENTITY_VALUES) expect(text).not.toContain(v);
    await api.as(f.privacy.token).get(`/tables/${f.tableId}/disclosures?period=2026-13`).expect(400);
    await api.as(f.privacy.token).get(`/tables/${f.tableId}/disclosures?noticeStatus=LATE`).expect(400);
    await api
      .as(f.privacy.token)
      .get(`/tables/${f.tableId}/disclosures?period=${Number(year) + 1}`)
      .expect(400);
    // who may read it: the privacy officer only
    for (const who of [f.coordinator, f.reps.police, f.analyst]) await api.as(who.token).get(`/tables/${f.tableId}/disclosures`).expect(403);
    await api.as(f.stranger.token).get(`/tables/${f.tableId}/disclosures`).expect(404);
    const audit = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'disclosure.register' AND chain_id = $1`, [f.tableId]);
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(3);
  });

  it('the register as CSV: English with commas, French with semicolons, cells neutralised, no identity; audited', async () => {
    for (const lang of ['en', 'fr'] as const) {
      const res = await api.as(f.privacy.token).get(`/tables/${f.tableId}/disclosures/export.csv`, { 'accept-language': lang }).expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const rows = parseCsv(res.text, lang === 'fr' ? ';' : ',');
      expect(rows[0]).toContain(lang === 'fr' ? 'autorisation légale' : 'legal authority');
      expect(rows.length).toBeGreaterThanOrEqual(6);
      expect(rows.slice(1).map((r) => r[6])).toEqual(expect.arrayContaining(['GIVEN', 'PENDING', 'NOT_REQUIRED']));
      expect(rows.flat().filter(looksLikeFormula)).toEqual([]);
      for (const v of IDENTITY_VALUES) expect(res.text).not.toContain(v);
    }
    await api.as(f.coordinator.token).get(`/tables/${f.tableId}/disclosures/export.csv`).expect(403);
    const audit = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'disclosure.export' AND chain_id = $1`, [f.tableId]);
    expect(audit.rows[0].n).toBe(2);
  });

  it("a situation's disclosures: its agencies, coordinators and privacy officers; an agency without standing 403", async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    for (const who of [f.reps.police, f.reps.housing, f.reps.health, f.coordinator, f.privacy]) await api.as(who.token).get(`/situations/${id}/disclosures`).expect(200);
    await api.as(f.reps.school.token).get(`/situations/${id}/disclosures`).expect(403);
    await api.as(f.analyst.token).get(`/situations/${id}/disclosures`).expect(403);
    const privacy = await api.as(f.privacy.token).get(`/situations/${id}/disclosures`).expect(200);
    for (const v of IDENTITY_VALUES) expect(JSON.stringify(privacy.body)).not.toContain(v);
  });
});
