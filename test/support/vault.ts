import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { decryptField, MasterKey, openField, toMasterKey, unwrapDataKey, unwrapKek, unwrapKey } from '../../src/modules/identity-vault/envelope-crypto';
import { IdentitySealer, IdentityValues, masterKeysOf } from '../../src/modules/identity-vault/identity-sealer';
import type { VaultRow } from '../../src/modules/identity-vault/identity-vault.repository';
import { FileKeyEncryptionKeyStore } from '../../src/modules/identity-vault/kek-store';

/** An identity_vault row as the owner reads it (every column). */
export interface StoredVaultRow {
  situation_id: string;
  table_id: string;
  wrapped_key: Buffer | null;
  master_key_id: string | null;
  ciphertexts: Record<string, string> | null;
  legal_authority: string;
  written_by: string | null;
  written_by_agency: string | null;
  written_at: Date;
  purged_at: Date | null;
  format: string;
  kek_id: string | null;
  row_version: number;
  row_mac: Buffer | null;
}

export async function vaultRow(c: Client, situationId: string): Promise<StoredVaultRow> {
  const r = await c.query<StoredVaultRow>('SELECT * FROM identity_vault WHERE situation_id = $1', [situationId]);
  if (r.rowCount !== 1) throw new Error(`no vault row for ${situationId}`);
  return r.rows[0];
}

export function toVaultRow(r: StoredVaultRow): VaultRow {
  return {
    situationId: r.situation_id,
    tableId: r.table_id,
    wrappedKey: r.wrapped_key,
    masterKeyId: r.master_key_id,
    ciphertexts: r.ciphertexts,
    legalAuthority: r.legal_authority,
    writtenBy: r.written_by,
    writtenByAgency: r.written_by_agency,
    writtenAt: r.written_at,
    purgedAt: r.purged_at,
    format: r.format,
    kekId: r.kek_id,
    rowVersion: r.row_version,
    rowMac: r.row_mac,
  };
}

/** Opens a stored row as the server does (integrity checks included), from the master keys and the KEK directory. */
export async function openStoredRow(r: StoredVaultRow, masterKey: Buffer, kekDir: string, previous: Buffer[] = []): Promise<IdentityValues> {
  const keys = masterKeysOf(masterKey, previous);
  const sealer = new IdentitySealer(new FileKeyEncryptionKeyStore(kekDir, keys.current, keys.all), keys.all);
  return (await sealer.open(toVaultRow(r))).values;
}

/**
 * The thief: a copy of a vault row (from a backup, a WAL archive, a replica), the master key and
 * every KEK file the server still holds. Tries every key it has on the row, under the row's own
 * labels and under each KEK's; returns the fields if anything opens, null otherwise.
 */
export function thiefOpens(r: StoredVaultRow, masterKey: Buffer, kekDir: string): Record<string, string> | null {
  if (!r.wrapped_key || !r.ciphertexts) return null;
  const master: MasterKey = toMasterKey(masterKey);
  const keks: { id: string; key: Buffer }[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(kekDir).filter((n) => n.endsWith('.kek.json'));
  } catch {
    files = [];
  }
  for (const name of files) {
    const f = JSON.parse(readFileSync(join(kekDir, name), 'utf8')) as { id: string; wrapped: string };
    try {
      keks.push(unwrapKek(master, f.id, Buffer.from(f.wrapped, 'base64')));
    } catch {
      /* not under this master key */
    }
  }
  const binding = { tableId: r.table_id, situationId: r.situation_id, version: r.row_version };
  const fields = Object.entries(r.ciphertexts);
  const attempt = (open: () => Record<string, string>): Record<string, string> | null => {
    try {
      return open();
    } catch {
      return null;
    }
  };
  for (const kek of keks) {
    for (const label of new Set([kek.id, r.kek_id ?? kek.id])) {
      const got = attempt(() => {
        const dataKey = unwrapDataKey({ id: label, key: kek.key }, r.wrapped_key!, binding);
        return Object.fromEntries(fields.map(([field, c]) => [field, openField(dataKey, binding, field, c)]));
      });
      if (got) return got;
    }
  }
  // A legacy (v1) wrapping under the master key itself.
  return attempt(() => {
    const b = { tableId: r.table_id, situationId: r.situation_id };
    const dataKey = unwrapKey(master, r.wrapped_key!, b);
    return Object.fromEntries(fields.map(([field, c]) => [field, decryptField(dataKey, b, field, c)]));
  });
}
