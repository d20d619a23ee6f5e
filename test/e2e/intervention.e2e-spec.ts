import { Client } from 'pg';
import { AuditVerifier } from '../../src/modules/audit/audit-verifier';
import { IdentityVaultService } from '../../src/modules/identity-vault/identity-vault.service';
import { Api, TableFixture } from '../support/api';
import { IDENTITY, submit, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

describe('Filters 3 and 4: assignment, identity vault, mobilisation, updates, closure', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld({ table: { identityRetentionDays: 30 } }));
  });
  afterAll(() => close());

  it('walks SUBMITTED → ACCEPTED → ASSIGNED → MOBILIZED → CLOSED with each step refused to those without standing', async () => {
    const c = api.as(f.coordinator.token);
    const s = await submit(api, f, f.reps.police.token);
    // decision
    await api.as(f.reps.police.token).post(`/situations/${s.id}/decision`, { outcome: 'AER' }).expect(403);
    await api.as(f.stranger.token).post(`/situations/${s.id}/decision`, { outcome: 'AER' }).expect(404);
    await api.as(f.coordinator.token).post(`/situations/${s.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [] }).expect(409);
    await c.post(`/situations/${s.id}/decision`, { outcome: 'AER' }).expect(200);
    // identity before assignment is refused
    await api.as(f.reps.police.token).put(`/situations/${s.id}/identity`, IDENTITY).expect(409);
    // assignment
    await api.as(f.reps.housing.token).post(`/situations/${s.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [] }).expect(403);
    await c.post(`/situations/${s.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.housing.id] }).expect(400);
    await c.post(`/situations/${s.id}/assignment`, { leadAgencyId: f.agencies.outsider.id, assistingAgencyIds: [] }).expect(400);
    const assigned = await c.post(`/situations/${s.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id] }).expect(200);
    expect(assigned.body).toMatchObject({ status: 'ASSIGNED', leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id] });
    // identity write: representatives of the originating or lead agency only
    await api.as(f.reps.health.token).put(`/situations/${s.id}/identity`, IDENTITY).expect(403);
    await api.as(f.coordinator.token).put(`/situations/${s.id}/identity`, IDENTITY).expect(403);
    await api.as(f.reps.school.token).put(`/situations/${s.id}/identity`, IDENTITY).expect(403);
    await api.as(f.reps.police.token).put(`/situations/${s.id}/identity`, IDENTITY).expect(204);
    // identity read: representatives of the originating, lead, assisting agencies; purpose code required
    const read = await api.as(f.reps.health.token).get(`/situations/${s.id}/identity?purposeCode=HOME_VISIT&purpose=plan+joint+visit`).expect(200);
    expect(read.body).toMatchObject({ givenName: IDENTITY.givenName, familyName: IDENTITY.familyName, dateOfBirth: IDENTITY.dateOfBirth, legalAuthority: 'MFIPPA_S32_H' });
    await api.as(f.reps.housing.token).get(`/situations/${s.id}/identity`).expect(400);
    await api.as(f.reps.housing.token).get(`/situations/${s.id}/identity?purpose=plan+joint+visit`).expect(400);
    await api.as(f.reps.housing.token).get(`/situations/${s.id}/identity?purposeCode=OTHER`).expect(400);
    await api.as(f.reps.housing.token).get(`/situations/${s.id}/identity?purposeCode=OTHER&purpose=xxx`).expect(400);
    await api.as(f.reps.housing.token).get(`/situations/${s.id}/identity?purposeCode=HOME_VISIT`).expect(200);
    for (const other of [f.reps.school, f.analyst]) await api.as(other.token).get(`/situations/${s.id}/identity?purposeCode=OTHER&purpose=just+curious`).expect(403);
    // only representatives: the privacy officer sits for housing (the lead agency) and the
    // coordinator for health (assisting), yet neither holds AGENCY_REP
    await api.as(f.privacy.token).get(`/situations/${s.id}/identity?purposeCode=OTHER&purpose=review+disclosure`).expect(403);
    await api.as(f.coordinator.token).get(`/situations/${s.id}/identity?purposeCode=INTERVENTION_PLANNING&purpose=prepare+meeting`).expect(403);
    await api.as(f.stranger.token).get(`/situations/${s.id}/identity?purposeCode=OTHER&purpose=just+curious`).expect(404);
    // mobilisation: lead, assisting or coordinator
    await api
      .as(f.reps.school.token)
      .post(`/situations/${s.id}/mobilization`, { mobilizedAt: new Date().toISOString(), services: ['HOUSING_SHELTER'] })
      .expect(403);
    await api
      .as(f.reps.housing.token)
      .post(`/situations/${s.id}/mobilization`, { mobilizedAt: new Date(Date.now() + 86_400_000).toISOString(), services: ['HOUSING_SHELTER'] })
      .expect(400);
    await api
      .as(f.reps.housing.token)
      .post(`/situations/${s.id}/mobilization`, { mobilizedAt: new Date().toISOString(), services: ['NOT_A_SERVICE'] })
      .expect(400);
    const mob = await api
      .as(f.reps.housing.token)
      .post(`/situations/${s.id}/mobilization`, { mobilizedAt: new Date().toISOString(), services: ['HOUSING_SHELTER', 'MENTAL_HEALTH'] })
      .expect(200);
    expect(mob.body.status).toBe('MOBILIZED');
    // per agency (issue 16): the lead's row; the assisting agency still to mobilise; the lead's answer accepted by it
    expect(mob.body).toMatchObject({ services: ['HOUSING_SHELTER', 'MENTAL_HEALTH'], leadAnswer: 'ACCEPTED' });
    expect(mob.body.agencies).toEqual([
      { agencyId: f.agencies.housing.id, role: 'LEAD', mobilizedAt: mob.body.mobilizedAt, services: ['HOUSING_SHELTER', 'MENTAL_HEALTH'] },
      { agencyId: f.agencies.health.id, role: 'ASSISTING', mobilizedAt: null, services: [] },
    ]);
    // updates
    await api.as(f.reps.school.token).post(`/situations/${s.id}/updates`, { note: 'Visited today.' }).expect(403);
    const upd = await api.as(f.reps.health.token).post(`/situations/${s.id}/updates`, { note: 'Joint visit done; connected to shelter intake.' }).expect(201);
    expect(upd.body).toMatchObject({ situationId: s.id, authorAgencyId: f.agencies.health.id });
    // closure: coordinator; conclusion and consent required
    await api.as(f.reps.housing.token).post(`/situations/${s.id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(403);
    await c.post(`/situations/${s.id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES' }).expect(400);
    await c.post(`/situations/${s.id}/closure`, { consentStatus: 'OBTAINED' }).expect(400);
    const closed = await c.post(`/situations/${s.id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
    expect(closed.body.status).toBe('CLOSED');
    const purgeAt = new Date(closed.body.identityPurgeAt).getTime() - new Date(closed.body.closedAt).getTime();
    expect(purgeAt).toBe(30 * 86_400_000);
    await c.post(`/situations/${s.id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(409);
    await api.as(f.reps.health.token).post(`/situations/${s.id}/updates`, { note: 'Too late.' }).expect(409);
    // identity still readable after closure, until purge
    await api.as(f.reps.police.token).get(`/situations/${s.id}/identity?purposeCode=SERVICE_CONNECTION&purpose=follow+up`).expect(200);

    const transitions = await owner.query('SELECT action, from_status, to_status FROM situation_transitions WHERE situation_id = $1 ORDER BY id', [s.id]);
    expect(transitions.rows.map((r) => r.to_status)).toEqual(['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'MOBILIZED', 'CLOSED']);
  });

  it("compares a mobilisation to the decision to the second: the decision's own second is not before it, the second before is", async () => {
    const s = await submit(api, f);
    const c = api.as(f.coordinator.token);
    // the decision well inside its second (about .500), so truncating the time the web sends matters
    t.clock.advance((1500 - (Date.now() % 1000)) % 1000);
    try {
      const decided = await c.post(`/situations/${s.id}/decision`, { outcome: 'AER', rationale: 'Meets the threshold.' }).expect(200);
      const decidedAt = new Date(decided.body.decidedAt as string);
      expect(decidedAt.getTime() % 1000).not.toBe(0);
      await c.post(`/situations/${s.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [] }).expect(200);
      const second = Math.floor(decidedAt.getTime() / 1000) * 1000;
      const before = await api
        .as(f.reps.housing.token)
        .post(`/situations/${s.id}/mobilization`, { mobilizedAt: new Date(second - 1000).toISOString(), services: ['HOUSING_SHELTER'] })
        .expect(400);
      expect(JSON.stringify(before.body)).toContain('must not be before the decision');
      const sameSecond = new Date(second).toISOString().replace('.000Z', 'Z');
      const mob = await api
        .as(f.reps.housing.token)
        .post(`/situations/${s.id}/mobilization`, { mobilizedAt: sameSecond, services: ['HOUSING_SHELTER'] })
        .expect(200);
      expect(mob.body).toMatchObject({ status: 'MOBILIZED', mobilizedAt: new Date(second).toISOString() });
    } finally {
      t.clock.reset();
    }
  });

  it('records reassignment with who, when, from and to, and the sectors at that moment', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const res = await api
      .as(f.coordinator.token)
      .post(`/situations/${id}/assignment`, { leadAgencyId: f.agencies.police.id, assistingAgencyIds: [f.agencies.school.id] })
      .expect(200);
    expect(res.body.status).toBe('ASSIGNED');
    const rows = await owner.query(
      'SELECT lead_agency_id, lead_sector, assisting, previous_lead_agency_id, assigned_by FROM situation_assignments WHERE situation_id = $1 ORDER BY id',
      [id],
    );
    expect(rows.rows).toHaveLength(2);
    expect(rows.rows[1]).toMatchObject({
      lead_agency_id: f.agencies.police.id,
      lead_sector: 'POLICE',
      previous_lead_agency_id: f.agencies.housing.id,
      assigned_by: f.coordinator.id,
    });
    expect(rows.rows[1].assisting).toEqual([{ agencyId: f.agencies.school.id, sector: 'EDUCATION' }]);
  });

  it('notifies the lead and assisting agencies of an assignment, after commit', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    let found = false;
    for (let i = 0; i < 20 && !found; i++) {
      const list = await api.as(f.reps.housing.token).get('/notifications').expect(200);
      found = list.body.items.some((n: { situationId: string; kind: string }) => n.situationId === id && n.kind === 'SITUATION_ASSIGNED');
      if (!found) await new Promise((r) => setTimeout(r, 50));
    }
    expect(found).toBe(true);
    // no SMTP_URL in this suite: no e-mail is queued (README, "E-mail notifications")
    const queued = await owner.query('SELECT count(*)::int AS n FROM email_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.situation_id = $1', [id]);
    expect(queued.rows[0].n).toBe(0);
    const school = await api.as(f.reps.school.token).get('/notifications').expect(200);
    expect(school.body.items.some((n: { situationId: string }) => n.situationId === id)).toBe(false);
    const mine = await api.as(f.reps.housing.token).get('/notifications?unread=true').expect(200);
    const n = mine.body.items.find((x: { situationId: string }) => x.situationId === id);
    await api.as(f.reps.housing.token).post(`/notifications/${n.id}/read`).expect(204);
    await api.as(f.reps.school.token).post(`/notifications/${n.id}/read`).expect(404);
  });

  it('checks later free text against the vault: the known name is refused in an update, accent- and case-insensitively', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await api
      .as(f.reps.police.token)
      .put(`/situations/${id}/identity`, { ...IDENTITY, givenName: 'Hélène', familyName: 'Côté-Ouellet' })
      .expect(204);
    const res = await api.as(f.reps.housing.token).post(`/situations/${id}/updates`, { note: 'spoke with helene again, she is safer now' }).expect(422);
    expect(res.body.details.findings[0]).toMatchObject({ field: 'note', kind: 'NAME' });
  });

  it('audits every identity read and refusal with its purpose, and never the identity itself', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    await api.as(f.reps.housing.token).get(`/situations/${id}/identity?purposeCode=HOME_VISIT&purpose=door+knock+with+police`).expect(200);
    await api.as(f.reps.school.token).get(`/situations/${id}/identity?purposeCode=OTHER&purpose=statistics+review`).expect(403);
    await api.as(f.analyst.token).get(`/situations/${id}/identity?purposeCode=OTHER&purpose=statistics+review`).expect(403);
    const rows = await owner.query(
      `SELECT action, outcome, purpose, details, actor_id FROM audit_entries WHERE situation_id = $1 AND (action LIKE 'identity.%' OR action = 'access.denied') ORDER BY seq`,
      [id],
    );
    expect(rows.rows.map((r) => [r.action, r.outcome, r.purpose, r.actor_id])).toEqual([
      ['identity.write', 'SUCCESS', null, f.reps.police.id],
      ['identity.read', 'SUCCESS', 'HOME_VISIT: door knock with police', f.reps.housing.id],
      // refused before the note was checked: the note is not stored
      ['identity.read', 'DENIED', null, f.reps.school.id],
      ['access.denied', 'DENIED', null, f.analyst.id],
    ]);
    expect(JSON.parse(rows.rows[1].details)).toMatchObject({ purposeCode: 'HOME_VISIT', purposeNote: 'door knock with police' });
    expect(JSON.parse(rows.rows[2].details)).toMatchObject({ reason: 'FORBIDDEN', purposeCode: 'OTHER' });
    const all = await owner.query('SELECT details, purpose FROM audit_entries WHERE chain_id = $1', [f.tableId]);
    const text = JSON.stringify(all.rows);
    for (const value of Object.values(IDENTITY).filter((v) => v !== IDENTITY.legalAuthority)) expect(text).not.toContain(value);
  });

  it('refuses a purpose that holds identifying information', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    await api
      .as(f.reps.police.token)
      .get(`/situations/${id}/identity?purposeCode=OTHER&purpose=${encodeURIComponent('call 416-555-0199 tonight')}`)
      .expect(422);
  });

  it('purges identity at the purge date: key and ciphertext gone, 410 after, audited', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    await api.as(f.coordinator.token).post(`/situations/${id}/closure`, { conclusion: 'MOVED', consentStatus: 'NOT_SOUGHT_UNREACHABLE' }).expect(200);
    const vault = t.app.get(IdentityVaultService);
    await vault.purgeDue();
    await api.as(f.reps.police.token).get(`/situations/${id}/identity?purposeCode=SAFETY_PLANNING`).expect(200);
    t.clock.advance(31 * 86_400_000);
    try {
      expect(await vault.purgeDue()).toBeGreaterThanOrEqual(1);
    } finally {
      t.clock.reset();
    }
    await api.as(f.reps.police.token).get(`/situations/${id}/identity?purposeCode=SAFETY_PLANNING`).expect(410);
    const row = await owner.query('SELECT wrapped_key, ciphertexts, purged_at FROM identity_vault WHERE situation_id = $1', [id]);
    expect(row.rows[0]).toMatchObject({ wrapped_key: null, ciphertexts: null });
    expect(row.rows[0].purged_at).toBeInstanceOf(Date);
    const audit = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE situation_id = $1 AND action = 'identity.purge'`, [id]);
    expect(audit.rows[0].n).toBe(1);
  });

  it('keeps identity ciphertext only: a dump of the whole database holds none of the values, nor do the logs', async () => {
    const id = await walkTo(api, f, 'MOBILIZED');
    await api.as(f.reps.housing.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);
    await api.as(f.reps.housing.token).get(`/situations/${id}/identity?purposeCode=HOME_VISIT`).expect(200);
    const dump = await dumpDatabase(owner);
    expect(dump).toContain('identity_vault');
    for (const value of [IDENTITY.givenName, IDENTITY.familyName, IDENTITY.dateOfBirth, IDENTITY.address, IDENTITY.phone]) {
      expect(dump).not.toContain(value);
      expect(t.logs.join('\n')).not.toContain(value);
    }
    const copied = await owner.query('SELECT ciphertexts FROM identity_vault WHERE situation_id = $1', [id]);
    expect(Object.keys(copied.rows[0].ciphertexts)).toEqual(expect.arrayContaining(['givenName', 'familyName']));
  });

  it('refuses to open a ciphertext moved to another situation (bound by associated data)', async () => {
    const a = await walkTo(api, f, 'ASSIGNED');
    const b = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.police.token).put(`/situations/${a}/identity`, IDENTITY).expect(204);
    await api
      .as(f.reps.police.token)
      .put(`/situations/${b}/identity`, { ...IDENTITY, givenName: 'Other' })
      .expect(204);
    await owner.query(`UPDATE identity_vault SET ciphertexts = (SELECT ciphertexts FROM identity_vault WHERE situation_id = $1) WHERE situation_id = $2`, [a, b]);
    const res = await api.as(f.reps.police.token).get(`/situations/${b}/identity?purposeCode=SAFETY_PLANNING`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('IDENTITY_INTEGRITY_FAILURE');
    expect(JSON.stringify(res.body)).not.toContain(IDENTITY.givenName);
  });

  it('leaves the chain intact', async () => {
    expect((await t.app.get(AuditVerifier).verifyChain(f.tableId)).valid).toBe(true);
  });
});

/**
 * A logical dump of every table, every row in its text form (what pg_dump --data-only writes; done
 * in SQL so it works whatever the server version of the machine's pg_dump).
 */
async function dumpDatabase(c: Client): Promise<string> {
  const tables = await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const parts: string[] = [];
  for (const { tablename } of tables.rows) {
    const rows = await c.query(`SELECT t::text AS line FROM ${c.escapeIdentifier(tablename)} t`);
    parts.push(`-- ${tablename}`, ...rows.rows.map((r) => r.line));
  }
  return parts.join('\n');
}
