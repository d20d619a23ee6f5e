import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Api, buildTable, TableFixture } from '../support/api';
import { ensureBuilt } from '../support/build';
import { CliRun, runCli } from '../support/server-process';
import { createTestApp, TEST_AUDIT_SIGNING_KEY, TestApp, operatorCliEnv } from '../support/test-app';

/**
 * The operations CLI, compiled, against the suite's database: `audit:verify <tableId>` passes on an
 * untouched chain and names the exact entry an owner edited behind the trigger's back (exit 2).
 */
jest.setTimeout(180_000);

const cli = (args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> => runCli(args, env, 60_000);

describe('cli audit:verify', () => {
  let t: TestApp;
  let f: TableFixture;
  let owner: Client;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    ensureBuilt();
    t = await createTestApp();
    f = await buildTable(new Api(t));
    owner = new Client({ connectionString: t.ownerUrl });
    await owner.connect();
    env = operatorCliEnv(t);
  });
  afterAll(async () => {
    await owner?.end();
    await t?.close();
  });

  const parse = (run: CliRun): { valid: boolean; chains: { chainId: string; valid: boolean; checked: number; firstInvalidSeq?: string; invalid?: object[] }[] } => {
    try {
      return JSON.parse(run.stdout);
    } catch {
      throw new Error(`cli printed no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
    }
  };

  it('without a command exits 64 and prints the usage', async () => {
    const run = await cli([], env);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/usage:/);
    expect(run.stderr).toContain('audit:verify');
    expect(run.stdout).toBe('');
  });

  it('with an unknown command exits 64 too', async () => {
    const run = await cli(['no-such-command'], env);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('audit:verify');
  });

  it('passes an untouched chain (exit 0) and names the first tampered entry (exit 2)', async () => {
    const entries = await owner.query<{ seq: string; details: string }>('SELECT seq::text AS seq, details FROM audit_entries WHERE chain_id = $1 ORDER BY seq', [f.tableId]);
    expect(entries.rowCount).toBeGreaterThanOrEqual(3);

    const clean = await cli(['audit:verify', f.tableId], env);
    expect(clean.code).toBe(0);
    expect(parse(clean)).toEqual({ valid: true, chains: [{ chainId: f.tableId, valid: true, checked: entries.rowCount }] });

    // An owner edits one entry in the middle of the chain, switching the append-only trigger off
    // for the length of its own transaction.
    const target = entries.rows[1];
    const tamper = async (details: string): Promise<void> => {
      await owner.query('BEGIN');
      try {
        await owner.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete');
        const updated = await owner.query('UPDATE audit_entries SET details = $3 WHERE chain_id = $1 AND seq = $2', [f.tableId, target.seq, details]);
        expect(updated.rowCount).toBe(1);
        await owner.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete');
        await owner.query('COMMIT');
      } catch (err) {
        await owner.query('ROLLBACK'); // also undoes DISABLE TRIGGER
        throw err;
      }
    };
    const forged = JSON.stringify({ ...(JSON.parse(target.details) as object), forged: true });
    await tamper(forged);
    try {
      const trigger = await owner.query<{ tgenabled: string }>(`SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_entries_no_update_delete'`);
      expect(trigger.rows[0].tgenabled).toBe('O');

      const broken = await cli(['audit:verify', f.tableId], env);
      expect(broken.code).toBe(2);
      expect(parse(broken)).toMatchObject({
        valid: false,
        chains: [
          {
            chainId: f.tableId,
            valid: false,
            checked: entries.rowCount,
            firstInvalidSeq: target.seq,
            invalid: [{ fromSeq: target.seq, toSeq: target.seq, reason: 'hash does not match the entry' }],
          },
        ],
      });
    } finally {
      // Leave the shared suite database as it was: later suites may verify every chain.
      await tamper(target.details);
    }
    const restored = await cli(['audit:verify', f.tableId], env);
    expect(restored.code).toBe(0);
  });

  it('prints each new checkpoint line for a log shipper, and an auditor verifies with the pinned public key alone', async () => {
    await new Api(t).as(f.privacy.token).get(`/tables/${f.tableId}/audit`).expect(200); // moves the chain
    const shipped = await cli(['audit:checkpoint', '--lines'], env);
    expect(shipped.code).toBe(0);
    const lines = shipped.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { chainId: string; seq: string; head: string; sig: string });
    expect(lines.find((l) => l.chainId === f.tableId)).toEqual(
      expect.objectContaining({ seq: expect.stringMatching(/^\d+$/), head: expect.stringMatching(/^[0-9a-f]{64}$/), sig: expect.any(String) }),
    );

    const publicKey = (pem: string) => Buffer.from(createPublicKey(pem).export({ type: 'spki', format: 'pem' })).toString('base64');
    const auditorEnv = { ...env, AUDIT_SIGNING_KEY: undefined, AUDIT_VERIFY_PUBLIC_KEY: publicKey(Buffer.from(TEST_AUDIT_SIGNING_KEY, 'base64').toString('utf8')) };
    const ok = await cli(['audit:verify', f.tableId], auditorEnv);
    expect(ok.code).toBe(0);
    expect(parse(ok).valid).toBe(true);
    // Pinned to another key: neither the head signature nor the checkpoints verify.
    const other = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const wrong = await cli(['audit:verify', f.tableId], { ...auditorEnv, AUDIT_VERIFY_PUBLIC_KEY: publicKey(other) });
    expect(wrong.code).toBe(2);
    const reasons = parse(wrong).chains[0].invalid!.map((r) => (r as { reason: string }).reason);
    expect(reasons).toEqual(expect.arrayContaining(['chain head signature does not verify']));
    expect(reasons.some((r) => /invalid signature/.test(r))).toBe(true);
  });

  it('the application role itself cannot edit the trail', async () => {
    const asApp = t.app.get(DataSource);
    await expect(asApp.query(`UPDATE audit_entries SET details = '{}' WHERE chain_id = $1`, [f.tableId])).rejects.toThrow(/permission denied/);
  });
});
