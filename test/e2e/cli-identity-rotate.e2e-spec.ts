import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { masterKeyId } from '../../src/modules/identity-vault/envelope-crypto';
import { Api, buildTable, TableFixture } from '../support/api';
import { ensureBuilt } from '../support/build';
import { CliRun, runCli } from '../support/server-process';
import { IDENTITY, walkTo } from '../support/situations';
import { createTestApp, TEST_MASTER_KEY, TestApp, operatorCliEnv } from '../support/test-app';
import { StoredVaultRow, vaultRow } from '../support/vault';

/**
 * `identity:rotate-key`, compiled, against the suite's database (issue #21, "rotation that
 * completes"): one unreadable row is reported (and audited) and the run goes on; progress on
 * stderr; `--reencrypt` gives fresh KEKs, data keys and ciphertexts; after a master key change
 * the new key alone opens everything.
 */
jest.setTimeout(240_000);

const cli = (args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> => runCli(args, env, 120_000);

interface Report {
  reencrypt: boolean;
  total: number;
  rewrapped: number;
  reencrypted: number;
  upgraded: number;
  keksRewrapped: number;
  failed: { situationId: string; tableId: string; reason: string }[];
}

describe('cli identity:rotate-key', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let env: NodeJS.ProcessEnv;
  const good: string[] = [];
  let corrupt: string;

  beforeAll(async () => {
    ensureBuilt();
    t = await createTestApp();
    api = new Api(t);
    f = await buildTable(api);
    owner = new Client({ connectionString: t.ownerUrl });
    await owner.connect();
    env = operatorCliEnv(t);
    for (let i = 0; i < 3; i++) {
      const id = await walkTo(api, f, 'MOBILIZED');
      await api
        .as(f.reps.police.token)
        .put(`/situations/${id}/identity`, { ...IDENTITY, givenName: `Rotated${i}` })
        .expect(204);
      good.push(id);
    }
    corrupt = await walkTo(api, f, 'MOBILIZED');
    await api.as(f.reps.police.token).put(`/situations/${corrupt}/identity`, IDENTITY).expect(204);
    await owner.query(`UPDATE identity_vault SET legal_authority = 'IMMINENT_RISK' WHERE situation_id = $1`, [corrupt]);
  });
  afterAll(async () => {
    await owner?.end();
    await t?.close();
  });

  const parse = (run: CliRun): Report => {
    try {
      return JSON.parse(run.stdout) as Report;
    } catch {
      throw new Error(`cli printed no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
    }
  };
  const readAll = async (token = f.reps.police.token, app = api) => {
    for (const [i, id] of good.entries()) {
      const res = await app.as(token).get(`/situations/${id}/identity?purposeCode=SAFETY_PLANNING`).expect(200);
      expect(res.body.givenName).toBe(`Rotated${i}`);
    }
  };
  const kekFiles = () => readdirSync(t.config.identityKekDir).filter((n) => n.endsWith('.kek.json'));

  it('refuses an unknown argument with exit 64', async () => {
    const run = await cli(['identity:rotate-key', '--re-encrypt'], env);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/unknown argument --re-encrypt/);
  });

  it('re-wraps every data key, reports the unreadable row and goes on (exit 3), with progress on stderr', async () => {
    const before: StoredVaultRow[] = [];
    for (const id of good) before.push(await vaultRow(owner, id));
    const run = await cli(['identity:rotate-key'], env);
    const report = parse(run);
    expect(run.code).toBe(3);
    expect(report.reencrypt).toBe(false);
    expect(report.failed).toContainEqual({ situationId: corrupt, tableId: f.tableId, reason: 'row-mac' });
    expect(report.failed.map((x) => x.situationId)).not.toEqual(expect.arrayContaining([good[0]]));
    expect(report.rewrapped).toBeGreaterThanOrEqual(good.length);
    expect(run.stderr).toMatch(new RegExp(`identity:rotate-key ${report.total}/${report.total} rows \\(100 %\\), ${report.failed.length} failed`));
    for (const [i, id] of good.entries()) {
      const after = await vaultRow(owner, id);
      // The data key is wrapped anew (fresh IV); the ciphertexts are untouched.
      expect(after.wrapped_key).not.toEqual(before[i].wrapped_key);
      expect(after.ciphertexts).toEqual(before[i].ciphertexts);
    }
    await readAll();
    const audited = await owner.query(`SELECT outcome, details FROM audit_entries WHERE chain_id = $1 AND situation_id = $2 AND action = 'identity.rekey'`, [f.tableId, corrupt]);
    expect(audited.rows.map((r) => ({ outcome: r.outcome, ...JSON.parse(r.details) }))).toEqual([{ outcome: 'DENIED', reason: 'IDENTITY_INTEGRITY_FAILURE', check: 'row-mac' }]);
  });

  it('--reencrypt: fresh KEKs, data keys and ciphertexts; the superseded KEK is kept (the unreadable row still refers to it)', async () => {
    const before: StoredVaultRow[] = [];
    for (const id of good) before.push(await vaultRow(owner, id));
    const filesBefore = kekFiles();
    const run = await cli(['identity:rotate-key', '--reencrypt'], env);
    const report = parse(run);
    expect(report.reencrypt).toBe(true);
    expect(report.reencrypted).toBeGreaterThanOrEqual(good.length);
    expect(report.failed.map((x) => x.situationId)).toContain(corrupt);
    for (const [i, id] of good.entries()) {
      const after = await vaultRow(owner, id);
      expect(after.kek_id).not.toBe(before[i].kek_id);
      expect(after.ciphertexts!.givenName).not.toBe(before[i].ciphertexts!.givenName);
      expect(after.row_mac).not.toEqual(before[i].row_mac);
    }
    await readAll();
    // The old KEK is superseded but neither destroyed nor retired: the unreadable row was left as it
    // was, under it (and backups taken before the run still restore).
    const old = before[0].kek_id!;
    expect((await vaultRow(owner, corrupt)).kek_id).toBe(old);
    expect(kekFiles()).toContain(`${old}.kek.json`);
    expect(kekFiles().length).toBeGreaterThan(filesBefore.length);
    expect(JSON.parse(readFileSync(join(t.config.identityKekDir, `${old}.kek.json`), 'utf8')).retiredAt).toBeNull();
  });

  it('after a master key change, re-wraps every KEK so that the new master key alone opens every identity', async () => {
    const next = randomBytes(32).toString('base64');
    const run = await cli(['identity:rotate-key'], { ...env, IDENTITY_MASTER_KEY: next, IDENTITY_MASTER_KEY_PREVIOUS: TEST_MASTER_KEY });
    const report = parse(run);
    expect(report.keksRewrapped).toBeGreaterThanOrEqual(1);
    const nextId = masterKeyId(Buffer.from(next, 'base64'));
    for (const name of kekFiles()) expect(JSON.parse(readFileSync(join(t.config.identityKekDir, name), 'utf8')).masterKeyId).toBe(nextId);
    // A server with only the new key (no IDENTITY_MASTER_KEY_PREVIOUS) on the same KEK directory reads them all.
    const fresh = await createTestApp({ DATA_DIR: t.config.dataDir, IDENTITY_MASTER_KEY: next });
    try {
      await readAll(f.reps.police.token, new Api(fresh));
    } finally {
      await fresh.close();
    }
  });
});
