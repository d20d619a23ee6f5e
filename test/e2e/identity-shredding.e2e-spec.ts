import { readdirSync } from 'node:fs';
import { Client } from 'pg';
import { IdentityVaultService } from '../../src/modules/identity-vault/identity-vault.service';
import { Api, TableFixture } from '../support/api';
import { IDENTITY, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { thiefOpens, vaultRow } from '../support/vault';
import { openWorld } from '../support/world';

const DAY = 86_400_000;
const FIELDS = { givenName: IDENTITY.givenName, familyName: IDENTITY.familyName, dateOfBirth: IDENTITY.dateOfBirth, address: IDENTITY.address, phone: IDENTITY.phone };
const month = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
const nextMonthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));

/**
 * Issue #21: purge used to NULL the key columns while the old wrapped key stayed in backups, WAL
 * archives and replicas, and the master key never changed: master key + any older copy = the
 * "purged" identity. Here the attacker holds a copy of the row taken before closure and one taken
 * after closure but before purge, plus everything the server holds afterwards (master key, every
 * KEK left in IDENTITY_KEK_DIR), and must get nothing once the backup retention has passed.
 */
describe('crypto-shredding shreds: copies taken before purge die with their KEK', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld({ env: { BACKUP_RETENTION_DAYS: '35' }, table: { identityRetentionDays: 30 } }));
  });
  afterAll(async () => {
    t.clock.reset();
    await close();
  });

  it('a pre-purge copy of the database plus the master key and the remaining KEKs cannot decrypt a purged identity', async () => {
    const master = t.config.secrets.identityMasterKey;
    const kekDir = t.config.identityKekDir;
    const vault = t.app.get(IdentityVaultService);
    const id = await walkTo(api, f, 'MOBILIZED');
    const walFrom = await currentWalLsn(owner);
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);

    // Backup 1: taken while the situation is open. The data key is under this month's "open" KEK.
    const whileOpen = await vaultRow(owner, id);
    expect(whileOpen.format).toBe('v2');
    expect(whileOpen.master_key_id).toBeNull();
    expect(whileOpen.kek_id).toMatch(new RegExp(`^open-${month(t.clock.now())}\\.`));
    // The thief's tools work: today, that copy plus the server's keys reads the identity.
    expect(thiefOpens(whileOpen, master, kekDir)).toEqual(FIELDS);

    const closed = await api.as(f.coordinator.token).post(`/situations/${id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
    const purgeAt = new Date(closed.body.identityPurgeAt);
    // The purge job moves the data key to the KEK of the purge month.
    await vault.purgeDue();
    const afterClosure = await vaultRow(owner, id);
    expect(afterClosure.kek_id).toMatch(new RegExp(`^purge-${month(purgeAt)}\\.`));
    expect(afterClosure.wrapped_key).not.toEqual(whileOpen.wrapped_key);
    await api.as(f.reps.police.token).get(`/situations/${id}/identity?purposeCode=SAFETY_PLANNING`).expect(200);
    // Backup 2 (after closure, before purge) is readable with the server's keys too, for now.
    expect(thiefOpens(afterClosure, master, kekDir)).toEqual(FIELDS);
    const walTo = await currentWalLsn(owner);

    // Purge day: the live row is shredded ...
    t.clock.advance(purgeAt.getTime() - Date.now() + 60_000);
    expect(await vault.purgeDue()).toBeGreaterThanOrEqual(1);
    expect((await vaultRow(owner, id)).wrapped_key).toBeNull();
    // ... but within the backup retention the older copies still open: that is what BACKUP_RETENTION_DAYS bounds.
    expect(thiefOpens(afterClosure, master, kekDir)).toEqual(FIELDS);
    // And not only in backups: the write-ahead log (what a WAL archive or a replica receives) still
    // holds both wrapped data keys of the "purged" identity after the purge.
    const wal = await readWal(owner, walFrom, walTo);
    expect(keyBody(afterClosure.wrapped_key!).length).toBeGreaterThanOrEqual(32);
    expect(wal.includes(keyBody(whileOpen.wrapped_key!))).toBe(true);
    expect(wal.includes(keyBody(afterClosure.wrapped_key!))).toBe(true);

    // The purge month ends: no live row needs either KEK any more, both are retired ...
    t.clock.reset();
    t.clock.advance(nextMonthStart(purgeAt).getTime() - Date.now() + 60_000);
    await vault.purgeDue();
    const kekFiles = () => readdirSync(kekDir).filter((n) => n.endsWith('.kek.json'));
    expect(kekFiles().some((n) => n.startsWith(afterClosure.kek_id!))).toBe(true);
    // ... and destroyed once the backup retention has passed since.
    t.clock.advance(35 * DAY + 60_000);
    await vault.purgeDue();
    expect(kekFiles().some((n) => n.startsWith(afterClosure.kek_id!) || n.startsWith(whileOpen.kek_id!))).toBe(false);

    // The thief now holds both copies, the master key and every KEK the server kept: nothing opens.
    expect(thiefOpens(whileOpen, master, kekDir)).toBeNull();
    expect(thiefOpens(afterClosure, master, kekDir)).toBeNull();

    const destroyed = await owner.query<{ details: string }>(
      `SELECT details FROM audit_entries WHERE chain_id = 'system' AND action = 'identity.kek-destroy' AND details LIKE $1`,
      [`%${afterClosure.kek_id}%`],
    );
    expect(destroyed.rowCount).toBe(1);
    t.clock.reset();
    await api.as(f.reps.police.token).get(`/situations/${id}/identity?purposeCode=SAFETY_PLANNING`).expect(410);
  });
});

async function currentWalLsn(c: Client): Promise<string> {
  return (await c.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn;
}

/**
 * The WAL segments written between two positions, as a thief with a WAL archive (or the database
 * host's files) has them: read through pg_read_binary_file (the suite's owner is a superuser).
 */
async function readWal(c: Client, from: string, to: string): Promise<Buffer> {
  const pageSize = Number((await c.query<{ wal_block_size: string }>('SHOW wal_block_size')).rows[0].wal_block_size);
  const names = await c.query<{ first: string; last: string }>('SELECT pg_walfile_name($1::pg_lsn) AS first, pg_walfile_name($2::pg_lsn) AS last', [from, to]);
  const { first, last } = names.rows[0];
  const files = await c.query<{ name: string }>(`SELECT name FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$' AND name >= $1 AND name <= $2 ORDER BY name`, [first, last]);
  const parts: Buffer[] = [];
  for (const { name } of files.rows) {
    const segment = (await c.query<{ data: Buffer }>('SELECT pg_read_binary_file($1) AS data', [`pg_wal/${name}`])).rows[0].data;
    for (let at = 0; at < segment.length; at += pageSize) parts.push(pageBody(segment.subarray(at, at + pageSize)));
  }
  return Buffer.concat(parts);
}

/**
 * A WAL page without its header, as a record reader joins them: a record that runs over a page
 * boundary (8 kB pages) has the next page's header in the middle of its bytes on disk. The header
 * is 24 bytes, or 40 when it carries the long form (XLP_LONG_HEADER, the first page of a segment).
 */
function pageBody(page: Buffer): Buffer {
  const XLP_LONG_HEADER = 0x0002;
  return page.subarray(page.readUInt16LE(2) & XLP_LONG_HEADER ? 40 : 24);
}

/**
 * The part of a wrapped key that every WAL record of its row holds whole. An UPDATE whose new row
 * stays on its page is logged without the bytes it shares with the old row at either end (heap
 * update prefix and suffix compression), so when a new random key happens to start with the old
 * one's first byte (1 in 256), that byte is in the WAL only with the old row. The thief, who has
 * the old row too, rebuilds it; the test looks for the 44 bytes in the middle.
 */
function keyBody(key: Buffer): Buffer {
  return key.subarray(8, key.length - 8);
}
