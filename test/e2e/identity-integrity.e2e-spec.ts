import { Client } from 'pg';
import { encryptField, newDataKey, toMasterKey, wrapKey } from '../../src/modules/identity-vault/envelope-crypto';
import { IdentityVaultService } from '../../src/modules/identity-vault/identity-vault.service';
import { Api, TableFixture } from '../support/api';
import { IDENTITY, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openStoredRow, StoredVaultRow, vaultRow } from '../support/vault';
import { openWorld } from '../support/world';

/**
 * Issue #21, the attacker with SQL (the database owner, or anyone who can write the vault table):
 * the row is bound to what it is (version, write time, set of fields, legal authority, writer),
 * so restoring an older row, deleting a field or editing the metadata is refused on read (409
 * IDENTITY_INTEGRITY_FAILURE), audited as a failed identity access and flagged for the privacy
 * officer; other routes that check free text against the vault keep working.
 */
describe('identity vault integrity: rows bound to what they are, failures audited and distinct', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  const withIdentity = async (identity: object = IDENTITY): Promise<string> => {
    const id = await walkTo(api, f, 'MOBILIZED');
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, identity).expect(204);
    return id;
  };
  const read = (id: string) => api.as(f.reps.police.token).get(`/situations/${id}/identity?purposeCode=SAFETY_PLANNING`);
  const expectIntegrityFailure = async (id: string, check: string) => {
    const res = await read(id);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('IDENTITY_INTEGRITY_FAILURE');
    for (const v of [IDENTITY.givenName, IDENTITY.familyName, IDENTITY.address]) expect(JSON.stringify(res.body)).not.toContain(v);
    const audit = await owner.query(
      `SELECT outcome, purpose, details FROM audit_entries WHERE chain_id = $1 AND situation_id = $2 AND action = 'identity.read' ORDER BY seq DESC LIMIT 1`,
      [f.tableId, id],
    );
    expect(audit.rows[0]).toMatchObject({ outcome: 'DENIED', purpose: 'SAFETY_PLANNING' });
    expect(JSON.parse(audit.rows[0].details)).toEqual({ reason: 'IDENTITY_INTEGRITY_FAILURE', check, purposeCode: 'SAFETY_PLANNING' });
  };

  it('refuses an older row restored over a newer one (rollback), audits it and flags it for the privacy officer', async () => {
    const id = await withIdentity();
    const old = await vaultRow(owner, id);
    await api
      .as(f.reps.police.token)
      .put(`/situations/${id}/identity`, { ...IDENTITY, address: '12 Other Invented Lane' })
      .expect(204);
    expect((await vaultRow(owner, id)).row_version).toBe(old.row_version + 1);
    await read(id).expect(200);
    // The owner puts the whole older row back: every column consistent with itself, MAC included.
    await owner.query(
      `UPDATE identity_vault SET wrapped_key = $2, kek_id = $3, ciphertexts = $4, row_mac = $5, row_version = $6, legal_authority = $7,
         written_by = $8, written_by_agency = $9, written_at = $10 WHERE situation_id = $1`,
      [id, old.wrapped_key, old.kek_id, JSON.stringify(old.ciphertexts), old.row_mac, old.row_version, old.legal_authority, old.written_by, old.written_by_agency, old.written_at],
    );
    // The old row is internally valid (it opens with the keys) ...
    expect(await openStoredRow(await vaultRow(owner, id), t.config.secrets.identityMasterKey, t.config.identityKekDir)).toMatchObject({ address: IDENTITY.address });
    // ... but not what the audit trail says was written last.
    await expectIntegrityFailure(id, 'rollback');

    const anomalies = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/anomalies?officeStartHour=0&officeEndHour=24&timeZone=UTC&maxReadsPerHour=1000`).expect(200);
    const flag = anomalies.body.flags.find((x: { kind: string }) => x.kind === 'IDENTITY_INTEGRITY_FAILURE');
    expect(flag).toBeDefined();
    expect(flag.entries.map((e: { situationId: string }) => e.situationId)).toContain(id);
    // The reader is not the suspect: no refusal flag for them from this read.
    const refused = anomalies.body.flags.filter((x: { kind: string; actorId: string }) => x.kind === 'IDENTITY_REFUSED' && x.actorId === f.reps.police.id);
    expect(refused).toEqual([]);
  });

  it.each<[string, (r: StoredVaultRow) => [string, unknown[]], string]>([
    ['deleting a field', () => [`ciphertexts = ciphertexts - 'phone'`, []], 'row-mac'],
    ['changing the legal authority', () => [`legal_authority = 'IMMINENT_RISK'`, []], 'row-mac'],
    ['changing the writing agency', () => [`written_by_agency = (SELECT id FROM agencies WHERE id <> written_by_agency LIMIT 1)`, []], 'row-mac'],
    ['changing the write time', () => [`written_at = written_at - interval '1 day'`, []], 'row-mac'],
    ['changing the row version', (r) => [`row_version = $2`, [r.row_version + 1]], 'key-wrap'],
    ['removing the row MAC', () => [`row_mac = decode('00', 'hex')`, []], 'row-mac'],
  ])('refuses a row edited by %s', async (_name, edit, check) => {
    const id = await withIdentity();
    await read(id).expect(200);
    const [set, params] = edit(await vaultRow(owner, id));
    await owner.query(`UPDATE identity_vault SET ${set} WHERE situation_id = $1`, [id, ...params]);
    await expectIntegrityFailure(id, check);
  });

  it('refuses a field copied from an older version of the same row', async () => {
    const id = await withIdentity();
    const old = await vaultRow(owner, id);
    await api
      .as(f.reps.police.token)
      .put(`/situations/${id}/identity`, { ...IDENTITY, givenName: 'Ysolde' })
      .expect(204);
    await owner.query(`UPDATE identity_vault SET ciphertexts = jsonb_set(ciphertexts, '{givenName}', to_jsonb($2::text)) WHERE situation_id = $1`, [
      id,
      old.ciphertexts!.givenName,
    ]);
    await expectIntegrityFailure(id, 'row-mac');
  });

  it('a corrupt row never turns an update or a closure into a 500: the known-value check is skipped, audited and flagged', async () => {
    const id = await withIdentity();
    await owner.query(`UPDATE identity_vault SET legal_authority = 'IMMINENT_RISK' WHERE situation_id = $1`, [id]);
    await api.as(f.reps.housing.token).post(`/situations/${id}/updates`, { note: 'Visited; connected to shelter intake.' }).expect(201);
    // The generic detector still runs on the text.
    await api.as(f.reps.housing.token).post(`/situations/${id}/updates`, { note: 'call 416-555-0199 tonight' }).expect(422);
    await api
      .as(f.coordinator.token)
      .post(`/situations/${id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED', note: 'Closed after the joint visit.' })
      .expect(200);
    const checks = await owner.query(`SELECT outcome, details FROM audit_entries WHERE chain_id = $1 AND situation_id = $2 AND action = 'identity.check'`, [f.tableId, id]);
    expect(checks.rows.length).toBeGreaterThanOrEqual(2);
    for (const r of checks.rows) expect({ outcome: r.outcome, ...JSON.parse(r.details) }).toEqual({ outcome: 'DENIED', reason: 'IDENTITY_INTEGRITY_FAILURE', check: 'row-mac' });
    const anomalies = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/anomalies`).expect(200);
    const flag = anomalies.body.flags.find((x: { kind: string }) => x.kind === 'IDENTITY_INTEGRITY_FAILURE');
    expect(flag.entries.map((e: { situationId: string }) => e.situationId)).toContain(id);
  });

  it('raises no false alarm when reads race with writes of the same identity', async () => {
    const id = await withIdentity();
    const statuses: number[] = [];
    await Promise.all([
      (async () => {
        for (let i = 0; i < 8; i++)
          await api
            .as(f.reps.police.token)
            .put(`/situations/${id}/identity`, { ...IDENTITY, givenName: `Racer${i}` })
            .expect(204);
      })(),
      ...[0, 1, 2].map(async () => {
        for (let i = 0; i < 8; i++) statuses.push((await read(id)).status);
      }),
    ]);
    expect(statuses).toHaveLength(24);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect((await vaultRow(owner, id)).row_version).toBe(9);
  });

  it('hides name lengths: a 2-letter and a 20-letter given name have ciphertexts of the same length', async () => {
    const short = await withIdentity({ ...IDENTITY, givenName: 'Al' });
    const long = await withIdentity({ ...IDENTITY, givenName: 'Maximilienne-Josepha' });
    const a = (await vaultRow(owner, short)).ciphertexts!.givenName;
    const b = (await vaultRow(owner, long)).ciphertexts!.givenName;
    expect(Buffer.from(a, 'base64').length).toBe(Buffer.from(b, 'base64').length);
  });

  it('keeps legacy v1 rows readable, and rotation upgrades them to v2 (padded, version- and MAC-bound)', async () => {
    const id = await walkTo(api, f, 'MOBILIZED');
    // A row as the previous release wrote it: data key wrapped by the master key, no padding, no MAC.
    const master = toMasterKey(t.config.secrets.identityMasterKey);
    const binding = { tableId: f.tableId, situationId: id };
    const dataKey = newDataKey();
    const c = { givenName: encryptField(dataKey, binding, 'givenName', 'Oriane'), familyName: encryptField(dataKey, binding, 'familyName', 'Vasquez-Lind') };
    await owner.query(
      `INSERT INTO identity_vault (situation_id, table_id, wrapped_key, master_key_id, ciphertexts, legal_authority, written_by, written_by_agency, written_at)
       VALUES ($1, $2, $3, $4, $5, 'CONSENT', $6, $7, now())`,
      [id, f.tableId, wrapKey(master, dataKey, binding), master.id, JSON.stringify(c), f.reps.police.id, f.agencies.police.id],
    );
    expect(await vaultRow(owner, id)).toMatchObject({ format: 'v1', kek_id: null, row_mac: null });
    expect((await read(id).expect(200)).body).toMatchObject({ givenName: 'Oriane', familyName: 'Vasquez-Lind' });

    const report = await t.app.get(IdentityVaultService).rotateMasterKey();
    expect(report.failed.map((x) => x.situationId)).not.toContain(id);
    expect(report.upgraded).toBeGreaterThanOrEqual(1);
    const upgraded = await vaultRow(owner, id);
    expect(upgraded).toMatchObject({ format: 'v2', master_key_id: null });
    expect(upgraded.kek_id).toMatch(/^open-\d{4}-\d{2}\./);
    expect(upgraded.row_mac).toBeInstanceOf(Buffer);
    expect(Buffer.from(upgraded.ciphertexts!.familyName, 'base64').length).toBe(12 + 16 + 32);
    expect((await read(id).expect(200)).body).toMatchObject({ givenName: 'Oriane', familyName: 'Vasquez-Lind' });
    // Now bound like any v2 row.
    await owner.query(`UPDATE identity_vault SET ciphertexts = ciphertexts - 'familyName' WHERE situation_id = $1`, [id]);
    await expectIntegrityFailure(id, 'row-mac');
  });
});
