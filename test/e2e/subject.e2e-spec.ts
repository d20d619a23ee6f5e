import { Client } from 'pg';
import { IdentityVaultService } from '../../src/modules/identity-vault/identity-vault.service';
import { Api, TableFixture } from '../support/api';
import { IDENTITY, MEETS, submit, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openStoredRow, thiefOpens, vaultRow } from '../support/vault';
import { openWorld } from '../support/world';

/** An invented family of three: a parent, the person at risk, and a younger child. */
const FAMILY = {
  kind: 'PERSONS',
  legalAuthority: 'MFIPPA_S32_H',
  persons: [
    { role: 'PRIMARY', givenName: 'Orlaith', familyName: 'Brackenridge', dateOfBirth: '2010-05-02' },
    { role: 'PARENT', givenName: 'Thaddeus', familyName: 'Brackenridge', phone: '555-0199-41', address: '88 Wistful Terrace' },
    { role: 'CHILD', givenName: 'Pemberly', familyName: 'Brackenridge', dateOfBirth: '2016-11-20' },
  ],
};
const PLACE = { kind: 'PLACE', legalAuthority: 'MFIPPA_S32_H', address: '1290 Larkspur Avenue', description: 'vacant rooming house, back entrance on the lane' };
const GROUP = {
  kind: 'GROUP',
  legalAuthority: 'MFIPPA_S32_H',
  description: 'youth gathering at the skate park after dark',
  contact: { givenName: 'Quenby', familyName: 'Marchetti', phone: '555-0133-72' },
};

const PURPOSE = 'purposeCode=SAFETY_PLANNING';
const PERSONAL = ['Orlaith', 'Thaddeus', 'Pemberly', 'Brackenridge', 'Larkspur', 'Wistful', 'Quenby', 'Marchetti', 'rooming house', 'skate park', '555-01'];

/**
 * Issue 16: the subject of a situation in the identity vault. Persons (a family, with roles), a
 * place or a group, written and read with the identity's standing, states, purpose and audit;
 * every value checks later free text; purge shreds every part and key rotation keeps every part
 * readable. `PUT/GET /identity` stay the one-person view of the same subject.
 */
describe('the subject of a situation (persons, place, group)', () => {
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

  /** A situation of this type, decided and assigned (housing leads, health assists; police originated). */
  async function assigned(situationType: string): Promise<string> {
    const s = await submit(api, f, f.reps.police.token, { ...MEETS, situationType });
    const c = api.as(f.coordinator.token);
    await c.post(`/situations/${s.id}/decision`, { outcome: 'AER', rationale: 'Meets the threshold.' }).expect(200);
    await c.post(`/situations/${s.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id] }).expect(200);
    return s.id;
  }

  it('a family of three: written, read whole by /subject (PRIMARY first), the PRIMARY alone by /identity', async () => {
    const id = await assigned('FAMILY');
    await api.as(f.reps.police.token).put(`/situations/${id}/subject`, FAMILY).expect(204);
    const read = await api.as(f.reps.health.token).get(`/situations/${id}/subject?${PURPOSE}&purpose=plan+joint+visit`).expect(200);
    expect(read.body).toMatchObject({ situationId: id, kind: 'PERSONS', place: null, group: null, legalAuthority: 'MFIPPA_S32_H', writtenByAgencyId: f.agencies.police.id });
    expect(read.body.persons.map((p: { role: string; givenName: string }) => [p.role, p.givenName])).toEqual([
      ['PRIMARY', 'Orlaith'],
      ['PARENT', 'Thaddeus'],
      ['CHILD', 'Pemberly'],
    ]);
    expect(read.body.persons[1]).toEqual({
      role: 'PARENT',
      givenName: 'Thaddeus',
      familyName: 'Brackenridge',
      dateOfBirth: null,
      address: '88 Wistful Terrace',
      phone: '555-0199-41',
    });
    const identity = await api.as(f.reps.housing.token).get(`/situations/${id}/identity?${PURPOSE}`).expect(200);
    expect(identity.body).toMatchObject({ givenName: 'Orlaith', familyName: 'Brackenridge', dateOfBirth: '2010-05-02', address: null, phone: null });
    // Every part is sealed: nothing of any person in the row as stored.
    const row = await vaultRow(owner, id);
    expect(Object.keys(row.ciphertexts!).sort()).toEqual(['dateOfBirth', 'familyName', 'givenName', 'persons']);
    for (const word of PERSONAL) expect(JSON.stringify(row)).not.toContain(word);
  });

  it('PUT /identity writes a PERSONS subject of one PRIMARY person, which /subject reads', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    const read = await api.as(f.reps.police.token).get(`/situations/${id}/subject?${PURPOSE}`).expect(200);
    expect(read.body.kind).toBe('PERSONS');
    expect(read.body.persons).toEqual([
      { role: 'PRIMARY', givenName: IDENTITY.givenName, familyName: IDENTITY.familyName, dateOfBirth: IDENTITY.dateOfBirth, address: IDENTITY.address, phone: IDENTITY.phone },
    ]);
  });

  it('a place and a group: written, read by /subject; /identity answers 409 SUBJECT_NOT_A_PERSON', async () => {
    const place = await assigned('LOCATION');
    await api.as(f.reps.housing.token).put(`/situations/${place}/subject`, PLACE).expect(204);
    const p = await api.as(f.reps.police.token).get(`/situations/${place}/subject?${PURPOSE}`).expect(200);
    expect(p.body).toMatchObject({ kind: 'PLACE', persons: [], group: null, place: { address: PLACE.address, description: PLACE.description }, legalAuthority: 'MFIPPA_S32_H' });
    const refused = await api.as(f.reps.police.token).get(`/situations/${place}/identity?${PURPOSE}`).expect(409);
    expect(refused.body.details.reason).toBe('SUBJECT_NOT_A_PERSON');

    const group = await assigned('GROUP');
    await api.as(f.reps.police.token).put(`/situations/${group}/subject`, GROUP).expect(204);
    const g = await api.as(f.reps.health.token).get(`/situations/${group}/subject?${PURPOSE}`).expect(200);
    expect(g.body).toMatchObject({ kind: 'GROUP', persons: [], place: null, group: { description: GROUP.description, contact: { ...GROUP.contact } } });
    // a group without its contact
    await api.as(f.reps.police.token).put(`/situations/${group}/subject`, { kind: 'GROUP', legalAuthority: 'MFIPPA_S32_H', description: 'neighbours of the building' }).expect(204);
    const g2 = await api.as(f.reps.health.token).get(`/situations/${group}/subject?${PURPOSE}`).expect(200);
    expect(g2.body.group).toEqual({ description: 'neighbours of the building', contact: null });
    await api.as(f.reps.health.token).get(`/situations/${group}/identity?${PURPOSE}`).expect(409);
  });

  it('the kind must be the one the situation type calls for: 422 SUBJECT_KIND_MISMATCH', async () => {
    const person = await walkTo(api, f, 'ASSIGNED');
    const res = await api.as(f.reps.police.token).put(`/situations/${person}/subject`, PLACE).expect(422);
    expect(res.body.code).toBe('SUBJECT_KIND_MISMATCH');
    expect(res.body.details).toEqual({ situationType: 'PERSON', expectedKind: 'PERSONS' });
    const fr = await api.as(f.reps.police.token).put(`/situations/${person}/subject`, GROUP).set('Accept-Language', 'fr').expect(422);
    expect(fr.body.message).toMatch(/exige un sujet de genre PERSONS/);
    const place = await assigned('LOCATION');
    await api.as(f.reps.police.token).put(`/situations/${place}/subject`, FAMILY).expect(422);
    // PUT /identity is a PERSONS subject: refused for a location
    await api.as(f.reps.police.token).put(`/situations/${place}/identity`, IDENTITY).expect(422);
  });

  it('validation: 400 naming the field (one PRIMARY, 1-12 persons, fields of another kind, roles, missing parts)', async () => {
    const id = await assigned('FAMILY');
    const put = (body: object) => api.as(f.reps.police.token).put(`/situations/${id}/subject`, body);
    const fields = async (body: object): Promise<string[]> => {
      const res = await put(body).expect(400);
      return (res.body.details.fields as { field: string }[]).map((x) => x.field);
    };
    const person = (role: string, i = 0) => ({ role, givenName: `Given${i}`, familyName: 'Invented' });
    expect(await fields({ ...FAMILY, persons: [person('PARENT'), person('CHILD', 1)] })).toEqual(['persons']);
    expect(await fields({ ...FAMILY, persons: [person('PRIMARY'), person('PRIMARY', 1)] })).toEqual(['persons']);
    expect(await fields({ ...FAMILY, persons: [] })).toContain('persons');
    expect(await fields({ ...FAMILY, persons: Array.from({ length: 13 }, (_, i) => person(i ? 'OTHER' : 'PRIMARY', i)) })).toContain('persons');
    expect(await fields({ ...FAMILY, persons: [person('COUSIN')] })).toEqual(expect.arrayContaining([expect.stringContaining('role')]));
    expect(await fields({ ...FAMILY, persons: [{ role: 'PRIMARY', givenName: 'Solo' }] })).toEqual(expect.arrayContaining([expect.stringContaining('familyName')]));
    expect(await fields({ kind: 'PERSONS', legalAuthority: 'MFIPPA_S32_H' })).toContain('persons');
    expect(await fields({ ...FAMILY, address: '12 Somewhere Road' })).toContain('address');
    expect(await fields({ ...FAMILY, contact: { givenName: 'A', familyName: 'B' } })).toContain('contact');
    expect(await fields({ ...FAMILY, kind: 'HOUSEHOLD' })).toContain('kind');
    expect(await fields({ ...FAMILY, legalAuthority: 'BECAUSE' })).toContain('legalAuthority');
    expect(await fields({ kind: 'PLACE', legalAuthority: 'MFIPPA_S32_H', address: '1 Invented Way' })).toContain('description');
    expect(await fields({ ...PLACE, persons: FAMILY.persons })).toContain('persons');
    expect(await fields({ ...GROUP, contact: { givenName: 'Only' } })).toEqual(expect.arrayContaining([expect.stringContaining('familyName')]));
    const fr = await put({ ...FAMILY, persons: [person('CHILD')] })
      .set('Accept-Language', 'fr')
      .expect(400);
    expect(JSON.stringify(fr.body)).toContain('exactement une personne principale');
    const other = await put({ ...FAMILY, address: '12 Somewhere Road' })
      .set('Accept-Language', 'fr')
      .expect(400);
    expect(other.body.details.fields).toContainEqual({ field: 'address', problem: 'Seulement avec le genre de sujet PLACE.' });
    // nothing was written
    await api.as(f.reps.police.token).get(`/situations/${id}/subject?${PURPOSE}`).expect(404);
  });

  it('standing and states: as the identity (403 before the body, 409 before assignment, 404 for a stranger)', async () => {
    const submitted = await walkTo(api, f, 'ACCEPTED');
    await api.as(f.reps.police.token).put(`/situations/${submitted}/subject`, { kind: 'nonsense' }).expect(409);
    await api.as(f.reps.police.token).get(`/situations/${submitted}/subject?${PURPOSE}`).expect(409);
    const id = await assigned('FAMILY');
    // writers: the originating and lead agencies' representatives; an invalid body from anyone else is still 403
    for (const who of [f.reps.health, f.reps.school, f.coordinator, f.analyst, f.privacy]) {
      await api.as(who.token).put(`/situations/${id}/subject`, { kind: 'nonsense' }).expect(403);
      await api.as(who.token).put(`/situations/${id}/subject`, FAMILY).expect(403);
    }
    await api.as(f.stranger.token).put(`/situations/${id}/subject`, FAMILY).expect(404);
    await api.as(f.reps.housing.token).put(`/situations/${id}/subject`, FAMILY).expect(204);
    // readers: originating, lead and assisting agencies' representatives, with a purpose
    for (const who of [f.reps.school, f.coordinator, f.analyst, f.privacy]) await api.as(who.token).get(`/situations/${id}/subject?${PURPOSE}`).expect(403);
    await api.as(f.stranger.token).get(`/situations/${id}/subject?${PURPOSE}`).expect(404);
    await api.as(f.reps.health.token).get(`/situations/${id}/subject`).expect(400);
    await api.as(f.reps.health.token).get(`/situations/${id}/subject?purposeCode=OTHER`).expect(400);
    await api.as(f.reps.health.token).get(`/situations/${id}/subject?purposeCode=HOME_VISIT`).expect(200);
    // the purpose note is checked against every person of the subject: the child's name is refused
    await api.as(f.reps.health.token).get(`/situations/${id}/subject?purposeCode=OTHER&purpose=visit+with+Pemberly+today`).expect(422);
  });

  it('every free text is checked against every part: a child, the place, the group contact (422)', async () => {
    const note = (id: string, text: string) => api.as(f.reps.housing.token).post(`/situations/${id}/updates`, { note: text });
    const family = await assigned('FAMILY');
    await api.as(f.reps.police.token).put(`/situations/${family}/subject`, FAMILY).expect(204);
    const child = await note(family, 'School reports that pemberly missed three days this week.').expect(422);
    expect(child.body.code).toBe('PII_DETECTED');
    await note(family, 'The parent phoned, 5550199 41, about the housing visit.').expect(422);
    await note(family, 'Housing visit booked for Thursday; school informed.').expect(201);

    const place = await assigned('LOCATION');
    await api.as(f.reps.police.token).put(`/situations/${place}/subject`, PLACE).expect(204);
    await note(place, 'Inspection at 1290 larkspur ave was postponed to next week.').expect(422);
    // the description's ordinary words are not refused (see subject.ts knownValuesOf)
    await note(place, 'The rooming house inspection was postponed to next week.').expect(201);

    const group = await assigned('GROUP');
    await api.as(f.reps.police.token).put(`/situations/${group}/subject`, GROUP).expect(204);
    await note(group, 'Outreach met marchetti on Friday; next meeting planned.').expect(422);
    await note(group, 'Outreach met the contact person on Friday.').expect(201);
    // other free text routes use the same values: a closure note
    await api
      .as(f.coordinator.token)
      .post(`/situations/${group}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED', note: 'Closed after Quenby moved away.' })
      .expect(422);
  });

  it('the audit trail records kinds, field names and counts, never a value of the subject', async () => {
    const id = await assigned('FAMILY');
    await api.as(f.reps.police.token).put(`/situations/${id}/subject`, FAMILY).expect(204);
    await api.as(f.reps.health.token).get(`/situations/${id}/subject?purposeCode=HOME_VISIT&purpose=joint+visit+planning`).expect(200);
    await api.as(f.reps.school.token).get(`/situations/${id}/subject?${PURPOSE}`).expect(403);
    const rows = await owner.query(
      `SELECT action, outcome, purpose, details::jsonb AS details FROM audit_entries WHERE situation_id = $1 AND action LIKE 'identity.%' ORDER BY seq`,
      [id],
    );
    expect(rows.rows.map((r: { action: string; outcome: string }) => `${r.action}:${r.outcome}`)).toEqual([
      'identity.write:SUCCESS',
      'identity.read:SUCCESS',
      'identity.read:DENIED',
    ]);
    expect(rows.rows[0].details).toMatchObject({ subjectKind: 'PERSONS', persons: 3, fields: ['dateOfBirth', 'familyName', 'givenName', 'persons'] });
    expect(rows.rows[1].details).toMatchObject({ subjectKind: 'PERSONS', persons: 3, purposeCode: 'HOME_VISIT' });
    const all = JSON.stringify(rows.rows);
    for (const word of PERSONAL) expect(all).not.toContain(word);
    // the reads appear in the caller's own identity reads, like an identity read
    const mine = await api.as(f.reps.health.token).get('/auth/me/identity-reads?limit=100').expect(200);
    expect(mine.body.items).toContainEqual(expect.objectContaining({ situationId: id, purposeCode: 'HOME_VISIT', outcome: 'SUCCESS' }));
    // and in the privacy officer's access log of the situation, with the purpose and without any value
    const log = await api.as(f.privacy.token).get(`/situations/${id}/access-log`).expect(200);
    expect(log.body.items).toContainEqual(expect.objectContaining({ action: 'identity.read', outcome: 'SUCCESS', purposeCode: 'HOME_VISIT', purposeNote: 'joint visit planning' }));
    expect(log.body.items).toContainEqual(expect.objectContaining({ action: 'identity.write', outcome: 'SUCCESS' }));
    for (const word of PERSONAL) expect(JSON.stringify(log.body)).not.toContain(word);
  });

  it('purge shreds every part: after it nothing of any person, place or group is readable', async () => {
    const vault = t.app.get(IdentityVaultService);
    const ids: string[] = [];
    for (const [type, body] of [
      ['FAMILY', FAMILY],
      ['LOCATION', PLACE],
      ['GROUP', GROUP],
    ] as const) {
      const id = await assigned(type);
      await api.as(f.reps.police.token).put(`/situations/${id}/subject`, body).expect(204);
      await api.as(f.coordinator.token).post(`/situations/${id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
      ids.push(id);
    }
    const before = await Promise.all(ids.map((id) => vaultRow(owner, id)));
    t.clock.advance(31 * 86_400_000);
    try {
      expect(await vault.purgeDue()).toBeGreaterThanOrEqual(3);
    } finally {
      t.clock.reset();
    }
    for (const [i, id] of ids.entries()) {
      const row = await vaultRow(owner, id);
      expect(row).toMatchObject({ wrapped_key: null, ciphertexts: null, kek_id: null, row_mac: null });
      expect(row.purged_at).not.toBeNull();
      await api.as(f.reps.police.token).get(`/situations/${id}/subject?${PURPOSE}`).expect(410);
      for (const word of PERSONAL) expect(JSON.stringify(row)).not.toContain(word);
      // and the copy taken before purge still opens with today's keys only until its KEK dies (identity-shredding.e2e-spec.ts);
      // here: the live database holds nothing to open
      expect(thiefOpens(row, t.config.secrets.identityMasterKey, t.config.identityKekDir)).toBeNull();
      expect(Object.keys(before[i].ciphertexts!).length).toBeGreaterThan(0);
    }
  });

  it('key rotation (re-encryption) keeps every part of every kind readable', async () => {
    const vault = t.app.get(IdentityVaultService);
    const written: [string, object][] = [];
    for (const [type, body] of [
      ['FAMILY', FAMILY],
      ['LOCATION', PLACE],
      ['GROUP', GROUP],
    ] as const) {
      const id = await assigned(type);
      await api.as(f.reps.police.token).put(`/situations/${id}/subject`, body).expect(204);
      written.push([id, (await api.as(f.reps.police.token).get(`/situations/${id}/subject?${PURPOSE}`).expect(200)).body]);
    }
    const before = await Promise.all(written.map(([id]) => vaultRow(owner, id)));
    const report = await vault.rotateMasterKey({ reencrypt: true });
    expect(report.failed.filter((x) => written.some(([id]) => id === x.situationId))).toEqual([]);
    for (const [i, [id, body]] of written.entries()) {
      const after = await vaultRow(owner, id);
      expect(after.wrapped_key).not.toEqual(before[i].wrapped_key);
      expect(after.ciphertexts).not.toEqual(before[i].ciphertexts);
      expect(Object.keys(after.ciphertexts!).sort()).toEqual(Object.keys(before[i].ciphertexts!).sort());
      const opened = await openStoredRow(after, t.config.secrets.identityMasterKey, t.config.identityKekDir);
      expect(Object.keys(opened).length).toBeGreaterThan(0);
      const read = await api.as(f.reps.police.token).get(`/situations/${id}/subject?${PURPOSE}`).expect(200);
      expect({ ...read.body, writtenAt: undefined }).toEqual({ ...body, writtenAt: undefined });
    }
  });
});
