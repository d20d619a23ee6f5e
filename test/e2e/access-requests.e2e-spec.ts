import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { Client } from 'pg';
import { IdentityVaultService } from '../../src/modules/identity-vault/identity-vault.service';
import { Api, buildTable, TableFixture } from '../support/api';
import { MEETS, submit, walkTo } from '../support/situations';
import { ensureBuilt } from '../support/build';
import { runCli } from '../support/server-process';
import { operatorCliEnv, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { openWorld } from '../support/world';

/** An invented family; the PRIMARY's names carry accents, a hyphen and an apostrophe. */
const PRIMARY = { role: 'PRIMARY', givenName: 'Éloïse-Maëlle', familyName: "D'Aubigné Lefèvre", dateOfBirth: '2008-07-19' };
const CHILD = { role: 'CHILD', givenName: 'Ptolémée', familyName: "D'Aubigné Lefèvre", dateOfBirth: '2015-02-03' };
/** no date of birth: not indexed */
const PARENT = { role: 'PARENT', givenName: 'Octavien', familyName: "D'Aubigné Lefèvre", phone: '555-0188-27' };
const FAMILY = { kind: 'PERSONS', legalAuthority: 'MFIPPA_S32_H', persons: [PRIMARY, PARENT, CHILD] };

/** Words of the family that no stored byte, log line or audit entry may hold. */
const PERSONAL = [
  'Éloïse',
  'Eloise',
  'eloise',
  'Maëlle',
  'maelle',
  'Aubigné',
  'aubigne',
  'Lefèvre',
  'lefevre',
  'Ptolémée',
  'ptolemee',
  'Octavien',
  'octavien',
  '2008-07-19',
  '2015-02-03',
];

/** A search body: the person's names and date (a role, if given, is not part of it) and a purpose. */
const search = ({ role: _role, ...body }: { role?: string; givenName?: string; familyName?: string; dateOfBirth?: string }) => ({ purposeCode: 'ACCESS_REQUEST', ...body });
const ASKED = search({ givenName: PRIMARY.givenName, familyName: PRIMARY.familyName, dateOfBirth: PRIMARY.dateOfBirth });

/**
 * Issue 17, individual access requests: the privacy officer of a table searches a keyed blind index
 * of normalised names and dates of birth and gets references only; other tables, purged situations
 * and other dates are not found; the index, the audit trail and the logs hold no name.
 */
describe('individual access requests (blind index search)', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  let family: { id: string; reference: string };

  let own: TestDatabase;

  beforeAll(async () => {
    // A database of its own: the reindex and its key rotation walk every vault row of the database, and
    // the rows other suites leave in the shared one are sealed under their own apps' keys.
    own = await createTestDatabase();
    const shared = { owner: process.env.TEST_DATABASE_URL, app: process.env.TEST_APP_DATABASE_URL };
    process.env.TEST_DATABASE_URL = own.ownerUrl;
    process.env.TEST_APP_DATABASE_URL = own.appUrl;
    try {
      ({ t, api, f, owner, close } = await openWorld({ table: { identityRetentionDays: 30 } }));
    } finally {
      process.env.TEST_DATABASE_URL = shared.owner;
      process.env.TEST_APP_DATABASE_URL = shared.app;
    }
    family = await assigned(f, 'FAMILY');
    await api.as(f.reps.police.token).put(`/situations/${family.id}/subject`, FAMILY).expect(204);
  });
  afterAll(async () => {
    t.clock.reset();
    await close();
    await own.dropAndStop();
  });

  /** A situation of this type at table `g`, decided and assigned (housing leads, health assists). */
  async function assigned(g: TableFixture, situationType = 'PERSON'): Promise<{ id: string; reference: string }> {
    const s = await submit(api, g, g.reps.police.token, { ...MEETS, situationType });
    const c = api.as(g.coordinator.token);
    await c.post(`/situations/${s.id}/decision`, { outcome: 'AER', rationale: 'Meets the threshold.' }).expect(200);
    await c.post(`/situations/${s.id}/assignment`, { leadAgencyId: g.agencies.housing.id, assistingAgencyIds: [g.agencies.health.id] }).expect(200);
    return { id: s.id, reference: s.reference };
  }

  const find = (body: object, g: TableFixture = f) => api.as(g.privacy.token).post(`/tables/${g.tableId}/access-requests/search`, body);
  const ids = (res: { body: { matches: { situationId: string }[] } }) => res.body.matches.map((m) => m.situationId);

  it('an exact match answers the reference, status and dates of the situation, and nothing of the person', async () => {
    const res = await find(ASKED).expect(200);
    expect(res.body.matches).toEqual([
      { situationId: family.id, reference: family.reference, status: 'ASSIGNED', situationType: 'FAMILY', createdAt: expect.any(String), closedAt: null, identityPurgeAt: null },
    ]);
    for (const word of PERSONAL) expect(JSON.stringify(res.body)).not.toContain(word);
  });

  it('finds the names written without accents, in another case, with other spaces, hyphens and apostrophes, or swapped', async () => {
    for (const [givenName, familyName] of [
      ['eloise maelle', 'daubigne lefevre'],
      ['ELOISE-MAELLE', 'D AUBIGNE-LEFEVRE'],
      ['  Éloïse  Maëlle ', 'D’Aubigné  Lefèvre'],
      ['EloiseMaelle', 'DAubigneLefevre'],
      ["D'Aubigné Lefèvre", 'Éloïse-Maëlle'],
    ]) {
      const res = await find(search({ givenName, familyName, dateOfBirth: PRIMARY.dateOfBirth })).expect(200);
      expect({ givenName, familyName, found: ids(res) }).toEqual({ givenName, familyName, found: [family.id] });
    }
  });

  it('finds every person of the subject with a date of birth (a child), not one without (the parent)', async () => {
    expect(ids(await find(search({ givenName: 'ptolemee', familyName: 'daubigne lefevre', dateOfBirth: CHILD.dateOfBirth })).expect(200))).toEqual([family.id]);
    // the parent has no date of birth: a name alone is not indexed, whatever date is tried
    expect(ids(await find(search({ givenName: PARENT.givenName, familyName: PARENT.familyName, dateOfBirth: PRIMARY.dateOfBirth })).expect(200))).toEqual([]);
  });

  it('does not find another date of birth, another name, or a name part only', async () => {
    for (const body of [
      { givenName: PRIMARY.givenName, familyName: PRIMARY.familyName, dateOfBirth: '2008-07-18' },
      { givenName: PRIMARY.givenName, familyName: PRIMARY.familyName, dateOfBirth: '2015-02-03' },
      { givenName: 'Eloise', familyName: PRIMARY.familyName, dateOfBirth: PRIMARY.dateOfBirth },
      { givenName: PRIMARY.givenName, familyName: 'Lefevre', dateOfBirth: PRIMARY.dateOfBirth },
    ]) {
      expect(ids(await find(search(body)).expect(200))).toEqual([]);
    }
  });

  it("never another table's situation: the same person at another table is found only by that table's privacy officer", async () => {
    const g = await buildTable(api);
    const there = await assigned(g);
    await api
      .as(g.reps.police.token)
      .put(`/situations/${there.id}/subject`, { kind: 'PERSONS', legalAuthority: 'MFIPPA_S32_H', persons: [PRIMARY] })
      .expect(204);
    expect(ids(await find(ASKED).expect(200))).toEqual([family.id]);
    expect(ids(await find(ASKED, g).expect(200))).toEqual([there.id]);
    // the two tables' tokens of one person are unrelated (the table is keyed in)
    const tokens = await owner.query<{ table_id: string; token: Buffer }>('SELECT table_id, token FROM identity_blind_index WHERE situation_id = ANY($1::uuid[])', [
      [family.id, there.id],
    ]);
    const mine = new Set(tokens.rows.filter((r) => r.table_id === f.tableId).map((r) => r.token.toString('hex')));
    expect(tokens.rows.filter((r) => r.table_id === g.tableId).some((r) => mine.has(r.token.toString('hex')))).toBe(false);
  });

  it('a rewritten subject is indexed again: the former person is no longer found', async () => {
    const s = await assigned(f);
    const before = { role: 'PRIMARY', givenName: 'Barnabé', familyName: 'Quintrelle', dateOfBirth: '1979-12-01' };
    await api
      .as(f.reps.police.token)
      .put(`/situations/${s.id}/subject`, { kind: 'PERSONS', legalAuthority: 'MFIPPA_S32_H', persons: [before] })
      .expect(204);
    expect(ids(await find(search(before)).expect(200))).toEqual([s.id]);
    const after = { ...before, givenName: 'Barnabus' };
    await api
      .as(f.reps.police.token)
      .put(`/situations/${s.id}/subject`, { kind: 'PERSONS', legalAuthority: 'MFIPPA_S32_H', persons: [after] })
      .expect(204);
    expect(ids(await find(search(before)).expect(200))).toEqual([]);
    expect(ids(await find(search(after)).expect(200))).toEqual([s.id]);
  });

  it('a purged situation is no longer found: its tokens are deleted with the identity', async () => {
    const s = await assigned(f);
    const person = { role: 'PRIMARY', givenName: 'Sidonie', familyName: 'Vautrelain', dateOfBirth: '1964-05-30' };
    await api
      .as(f.reps.police.token)
      .put(`/situations/${s.id}/subject`, { kind: 'PERSONS', legalAuthority: 'MFIPPA_S32_H', persons: [person] })
      .expect(204);
    await api.as(f.coordinator.token).post(`/situations/${s.id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
    const closed = await find(search(person)).expect(200);
    expect(closed.body.matches).toEqual([expect.objectContaining({ situationId: s.id, status: 'CLOSED', closedAt: expect.any(String), identityPurgeAt: expect.any(String) })]);
    t.clock.advance(31 * 86_400_000);
    try {
      expect(await t.app.get(IdentityVaultService).purgeDue()).toBeGreaterThanOrEqual(1);
    } finally {
      t.clock.reset();
    }
    expect((await owner.query('SELECT 1 FROM identity_blind_index WHERE situation_id = $1', [s.id])).rowCount).toBe(0);
    expect(ids(await find(search(person)).expect(200))).toEqual([]);
    // and the database refuses a token for a purged identity (a late write cannot bring it back)
    await expect(
      owner.query(`INSERT INTO identity_blind_index (situation_id, table_id, key_id, token) VALUES ($1, $2, 'bi.0000000000000000', $3)`, [s.id, f.tableId, Buffer.alloc(32)]),
    ).rejects.toThrow(/live identity row/);
  });

  it('the index holds tokens only: no name or date in its rows or anywhere in a dump of the database, and no unkeyed hash', async () => {
    const rows = await owner.query('SELECT * FROM identity_blind_index WHERE situation_id = $1', [family.id]);
    expect(rows.rowCount).toBe(2); // the PRIMARY and the child; the parent has no date of birth
    expect(Object.keys(rows.rows[0]).sort()).toEqual(['key_id', 'situation_id', 'table_id', 'token']);
    const unkeyed = ['eloisemaelle|daubignelefevre|2008-07-19', `situation-table/blind-index/v1|${f.tableId}|eloisemaelle|daubignelefevre|2008-07-19`].map((s) =>
      createHash('sha256').update(s).digest('hex'),
    );
    for (const r of rows.rows as { token: Buffer }[]) expect(unkeyed).not.toContain(r.token.toString('hex'));
    const dump = execFileSync('pg_dump', ['--data-only', '--no-owner', t.ownerUrl], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
    expect(dump).toContain('identity_blind_index');
    for (const word of PERSONAL) expect(dump.toLowerCase()).not.toContain(word.toLowerCase());
  });

  it('the search is audited with its purpose and what it found, never the name or the date searched', async () => {
    const note = 'written request received by mail';
    const res = await find({ ...ASKED, purposeCode: 'ACCESS_REQUEST', purpose: note }).expect(200);
    expect(ids(res)).toEqual([family.id]);
    const entries = await owner.query<{ actor_id: string; purpose: string; details: Record<string, unknown>; row: string }>(
      `SELECT actor_id, purpose, details::jsonb AS details, row_to_json(e)::text AS row FROM audit_entries e
       WHERE chain_id = $1 AND action = 'access_request.search' ORDER BY seq DESC LIMIT 1`,
      [f.tableId],
    );
    expect(entries.rows[0]).toMatchObject({
      actor_id: f.privacy.id,
      purpose: `ACCESS_REQUEST: ${note}`,
      details: { purposeCode: 'ACCESS_REQUEST', purposeNote: note, matches: 1, situationIds: [family.id] },
    });
    const all = await owner.query<{ row: string }>(`SELECT row_to_json(e)::text AS row FROM audit_entries e WHERE chain_id = $1`, [f.tableId]);
    for (const word of PERSONAL) for (const r of all.rows) expect(r.row.toLowerCase()).not.toContain(word.toLowerCase());
    // the privacy officer reads the search in the table's audit trail
    const trail = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit?action=access_request.search&limit=5`).expect(200);
    expect(trail.body.items.length).toBeGreaterThanOrEqual(1);
  });

  it('a purpose note holding the searched name or date is refused (422), and OTHER needs a note (400)', async () => {
    const named = await find({ ...ASKED, purpose: 'request from Éloïse by phone' }).expect(422);
    expect(named.body.code).toBe('PII_DETECTED');
    await find({ ...ASKED, purpose: 'asked about the file of 2008-07-19' }).expect(422);
    const other = await find({ ...ASKED, purposeCode: 'OTHER' }).expect(400);
    expect(other.body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses what could never match: a name without letters, a date that is not one, a missing field (400 naming it)', async () => {
    const punct = await find(search({ givenName: "-'-", familyName: 'Quintrelle', dateOfBirth: '1979-12-01' })).expect(400);
    expect(JSON.stringify(punct.body.details)).toContain('givenName');
    const date = await find(search({ givenName: 'A', familyName: 'B', dateOfBirth: '1979-02-30' })).expect(400);
    expect(JSON.stringify(date.body)).toContain('dateOfBirth');
    await find(search({ givenName: 'A', familyName: 'B' })).expect(400);
    await find({ givenName: 'A', familyName: 'B', dateOfBirth: '1979-12-01', purposeCode: 'HOME_VISIT' }).expect(400);
  });

  it('the privacy officer only: other roles 403, another table 404, no token 401; the officer still reads no identity', async () => {
    for (const token of [f.coordinator.token, f.reps.police.token, f.reps.housing.token, f.analyst.token]) {
      await api.as(token).post(`/tables/${f.tableId}/access-requests/search`, ASKED).expect(403);
    }
    await api.as(f.stranger.token).post(`/tables/${f.tableId}/access-requests/search`, ASKED).expect(404);
    await api.as().post(`/tables/${f.tableId}/access-requests/search`, ASKED).expect(401);
    await api.as(f.privacy.token).get(`/situations/${family.id}/subject?purposeCode=SAFETY_PLANNING`).expect(403);
  });

  it('logs no name, date or body of any search', () => {
    const text = t.logs.join('\n').toLowerCase();
    expect(text).toContain('access-requests');
    for (const word of PERSONAL) expect(text).not.toContain(word.toLowerCase());
  });

  it('reindex (the backfill) rebuilds lost tokens; with a new key, the former key is destroyed and every row still found', async () => {
    const vault = t.app.get(IdentityVaultService);
    await owner.query('DELETE FROM identity_blind_index WHERE situation_id = $1', [family.id]);
    expect(ids(await find(ASKED).expect(200))).toEqual([]);
    const backfill = await vault.reindex();
    expect(backfill).toMatchObject({ newKey: false, failed: [], keysDestroyed: [] });
    expect(backfill.indexed).toBeGreaterThanOrEqual(3);
    expect(ids(await find(ASKED).expect(200))).toEqual([family.id]);

    const keyFiles = () => readdirSync(t.config.identityKekDir).filter((n) => n.endsWith('.bik.json'));
    expect(keyFiles()).toEqual([`${backfill.keyId}.bik.json`]);
    const rotated = await vault.reindex({ newKey: true });
    expect(rotated.keyId).not.toBe(backfill.keyId);
    expect(rotated.keysDestroyed).toEqual([backfill.keyId]);
    expect(keyFiles()).toEqual([`${rotated.keyId}.bik.json`]);
    const keys = await owner.query<{ key_id: string }>('SELECT DISTINCT key_id FROM identity_blind_index');
    expect(keys.rows.map((r) => r.key_id)).toEqual([rotated.keyId]);
    expect(ids(await find(ASKED).expect(200))).toEqual([family.id]);
    const audit = await owner.query(`SELECT details::jsonb AS details FROM audit_entries WHERE chain_id = 'system' AND action = 'identity.reindex' ORDER BY seq DESC LIMIT 1`);
    expect(audit.rows[0].details).toMatchObject({ newKey: true, failed: 0, keyId: rotated.keyId, keysDestroyed: 1 });
  });

  it('the CLI: identity:reindex backfills the index (a JSON report, exit 0); an unknown argument exits 64', async () => {
    ensureBuilt();
    const env = operatorCliEnv(t);
    const bad = await runCli(['identity:reindex', '--newkey'], env);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/unknown argument --newkey/);
    await owner.query('DELETE FROM identity_blind_index WHERE situation_id = $1', [family.id]);
    expect(ids(await find(ASKED).expect(200))).toEqual([]);
    const run = await runCli(['identity:reindex'], env);
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({ newKey: false, failed: [], keysDestroyed: [] });
    expect(ids(await find(ASKED).expect(200))).toEqual([family.id]);
  }, 300_000);

  it('a situation still walking (not assigned) has no identity and is not found', async () => {
    await walkTo(api, f, 'SUBMITTED');
    expect(ids(await find(search({ givenName: 'Nobody', familyName: 'Atall', dateOfBirth: '1990-01-01' })).expect(200))).toEqual([]);
  });
});
