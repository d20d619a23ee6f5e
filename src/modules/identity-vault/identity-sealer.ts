import {
  decryptField,
  FORMAT_V1,
  FORMAT_V2,
  Kek,
  MasterKey,
  newDataKey,
  toMasterKey,
  openEquity,
  openField,
  RowBinding,
  rowMac,
  rowMacMatches,
  sealEquity,
  sealField,
  unwrapDataKey,
  unwrapKey,
  wrapDataKey,
} from './envelope-crypto';
import type { VaultRow } from './identity-vault.repository';
import { KeyEncryptionKeyStore, KeyUnavailableError } from './kek-store';
import { SEALED_FIELDS, SealedValues } from './subject';

/** `equity`: the row opens, but the equity answers sealed under its key do not (reseal). */
export type IntegrityCheck = 'format' | 'key-wrap' | 'field' | 'row-mac' | 'rollback' | 'equity';

/**
 * A stored identity row that does not open as written: a ciphertext, a wrapped key or the row MAC
 * fails, or the row is older than the audit trail says. Never carries the values.
 */
export class IdentityIntegrityError extends Error {
  override readonly name = 'IdentityIntegrityError';
  constructor(readonly check: IntegrityCheck) {
    super(`identity row fails its ${check} check`);
  }
}

/** The opened fields of a row: a person's five and the parts of a subject (subject.ts). */
export type IdentityValues = SealedValues;

/** The columns a sealed row consists of. */
export interface SealedRow {
  format: string;
  rowVersion: number;
  wrappedKey: Buffer;
  kekId: string | null;
  masterKeyId: string | null;
  ciphertexts: Record<string, string>;
  rowMac: Buffer | null;
}

/** A row sealed with the situation's equity answers carried under its data key (null: none to carry). */
export type SealedWithEquity = SealedRow & { equity: string | null };

export interface OpenedRow {
  values: IdentityValues;
  fields: string[];
  format: string;
  version: number;
}

export interface SealInput {
  tableId: string;
  situationId: string;
  version: number;
  values: IdentityValues;
  legalAuthority: string;
  writtenBy: string | null;
  writtenByAgency: string | null;
  writtenAt: Date;
}

/**
 * Seals and opens identity rows (format v2: data key under a KEK of an epoch, KEKs under the
 * master key), opens legacy v1 rows (data key under the master key), and re-seals a row under
 * another KEK, with its data key (re-wrap) or a fresh one (re-encryption). No SQL here.
 */
export class IdentitySealer {
  constructor(
    private readonly keks: KeyEncryptionKeyStore,
    private readonly masters: ReadonlyMap<string, MasterKey>,
  ) {}

  /**
   * A new row under a fresh data key. `equity`: the situation's equity answers (plaintext, opened
   * from the row this one replaces), sealed under the new key and returned with the row.
   */
  async seal(input: SealInput, epoch: string, now: Date, equity: string | null = null): Promise<SealedWithEquity> {
    const kek = await this.keks.active(epoch, now);
    const dataKey = newDataKey();
    try {
      return { ...this.sealWith(dataKey, kek, input), equity: equity === null ? null : sealEquity(dataKey, this.bindingOf(input), equity) };
    } finally {
      dataKey.fill(0);
    }
  }

  /** The equity answers sealed under a live row's data key (the row checked whole first: a key from a row that fails never seals). */
  async sealEquity(row: VaultRow, plaintext: string): Promise<{ ciphertext: string; keyVersion: number }> {
    const { dataKey } = await this.openWithKey(row);
    try {
      return { ciphertext: sealEquity(dataKey, this.bindingOf(row), plaintext), keyVersion: row.rowVersion };
    } finally {
      dataKey.fill(0);
    }
  }

  /** Opens equity answers under a live row's data key; a ciphertext of another situation, table or key version fails its field check. */
  async openEquity(row: VaultRow, ciphertext: string, keyVersion: number): Promise<string> {
    const { dataKey } = await this.openWithKey(row);
    try {
      if (keyVersion !== row.rowVersion) throw new IdentityIntegrityError('field');
      return openEquity(dataKey, this.bindingOf(row), ciphertext);
    } catch (err) {
      if (err instanceof IdentityIntegrityError) throw err;
      throw new IdentityIntegrityError('field');
    } finally {
      dataKey.fill(0);
    }
  }

  /** Opens and checks a row: every ciphertext, the wrapped key and (v2) the row MAC. */
  async open(row: VaultRow): Promise<OpenedRow> {
    const { values, dataKey } = await this.openWithKey(row);
    dataKey.fill(0);
    return { values, fields: Object.keys(row.ciphertexts ?? {}).sort(), format: row.format, version: row.rowVersion };
  }

  /**
   * The row under the newest KEK of `epoch`. Its data key is kept (re-wrap) unless `fresh`, or the
   * row is v1 (upgraded to v2: new data key, padding, row MAC).
   */
  async reseal(row: VaultRow, epoch: string, now: Date, fresh: boolean, equity: string | null = null): Promise<SealedWithEquity> {
    const { values, dataKey } = await this.openWithKey(row);
    try {
      const kek = await this.keks.active(epoch, now);
      const binding = this.bindingOf(row);
      if (fresh || row.format !== FORMAT_V2) {
        // A fresh data key: the equity answers it carries are sealed again under it.
        let plain: string | null = null;
        if (equity !== null) {
          try {
            plain = openEquity(dataKey, binding, equity);
          } catch {
            // the identity opened: only the answers are bad (the caller drops them and reseals the row without)
            throw new IdentityIntegrityError('equity');
          }
        }
        const newKey = newDataKey();
        try {
          return { ...this.sealWith(newKey, kek, { ...this.inputOf(row), values }), equity: plain === null ? null : sealEquity(newKey, binding, plain) };
        } finally {
          newKey.fill(0);
        }
      }
      return { ...this.sealedOf(row), wrappedKey: wrapDataKey(kek, dataKey, binding), kekId: kek.id, equity };
    } finally {
      dataKey.fill(0);
    }
  }

  private sealWith(dataKey: Buffer, kek: Kek, input: SealInput): SealedRow {
    const binding: RowBinding = { tableId: input.tableId, situationId: input.situationId, version: input.version };
    const ciphertexts: Record<string, string> = {};
    for (const field of SEALED_FIELDS) {
      const value = input.values[field];
      if (value) ciphertexts[field] = sealField(dataKey, binding, field, value);
    }
    return {
      format: FORMAT_V2,
      rowVersion: input.version,
      wrappedKey: wrapDataKey(kek, dataKey, binding),
      kekId: kek.id,
      masterKeyId: null,
      ciphertexts,
      rowMac: rowMac(dataKey, binding, input, ciphertexts),
    };
  }

  private async openWithKey(row: VaultRow): Promise<{ values: IdentityValues; dataKey: Buffer }> {
    if (!row.wrappedKey || !row.ciphertexts) throw new IdentityIntegrityError('format');
    const c = row.ciphertexts;
    const unknown = Object.keys(c).filter((f) => !(SEALED_FIELDS as readonly string[]).includes(f));
    if (unknown.length || Object.values(c).some((v) => typeof v !== 'string')) throw new IdentityIntegrityError('format');
    if (row.format === FORMAT_V1) return this.openV1(row, c);
    if (row.format !== FORMAT_V2 || !row.kekId) throw new IdentityIntegrityError('format');
    const kek = await this.keks.get(row.kekId);
    if (!kek) throw new KeyUnavailableError('the KEK of this row is not in the store');
    const binding = this.bindingOf(row);
    let dataKey: Buffer;
    try {
      dataKey = unwrapDataKey(kek, row.wrappedKey, binding);
    } catch {
      throw new IdentityIntegrityError('key-wrap');
    }
    try {
      if (!rowMacMatches(rowMac(dataKey, binding, row, c), row.rowMac)) throw new IdentityIntegrityError('row-mac');
      const values: IdentityValues = {};
      for (const field of SEALED_FIELDS) {
        if (c[field] === undefined) continue;
        try {
          values[field] = openField(dataKey, binding, field, c[field]);
        } catch {
          throw new IdentityIntegrityError('field');
        }
      }
      return { values, dataKey };
    } catch (err) {
      dataKey.fill(0);
      throw err;
    }
  }

  private openV1(row: VaultRow, c: Record<string, string>): { values: IdentityValues; dataKey: Buffer } {
    const master = row.masterKeyId ? this.masters.get(row.masterKeyId) : undefined;
    if (!master) throw new KeyUnavailableError('master key not configured');
    const binding = { tableId: row.tableId, situationId: row.situationId };
    let dataKey: Buffer;
    try {
      dataKey = unwrapKey(master, row.wrappedKey!, binding);
    } catch {
      throw new IdentityIntegrityError('key-wrap');
    }
    const values: IdentityValues = {};
    try {
      for (const field of SEALED_FIELDS) if (c[field] !== undefined) values[field] = decryptField(dataKey, binding, field, c[field]);
    } catch {
      dataKey.fill(0);
      throw new IdentityIntegrityError('field');
    }
    return { values, dataKey };
  }

  private bindingOf(row: VaultRow | SealInput): RowBinding {
    return 'rowVersion' in row
      ? { tableId: row.tableId, situationId: row.situationId, version: row.rowVersion }
      : { tableId: row.tableId, situationId: row.situationId, version: row.version };
  }

  private inputOf(row: VaultRow): SealInput {
    return {
      tableId: row.tableId,
      situationId: row.situationId,
      version: row.rowVersion,
      values: {},
      legalAuthority: row.legalAuthority,
      writtenBy: row.writtenBy,
      writtenByAgency: row.writtenByAgency,
      writtenAt: row.writtenAt,
    };
  }

  private sealedOf(row: VaultRow): SealedRow {
    return {
      format: row.format,
      rowVersion: row.rowVersion,
      wrappedKey: row.wrappedKey!,
      kekId: row.kekId,
      masterKeyId: row.masterKeyId,
      ciphertexts: row.ciphertexts!,
      rowMac: row.rowMac,
    };
  }
}

/** The configured master keys: the current one, and every one (current and previous) by id. */
export function masterKeysOf(current: Buffer, previous: Buffer[]): { current: MasterKey; all: Map<string, MasterKey> } {
  const cur = toMasterKey(current);
  return { current: cur, all: new Map([cur, ...previous.map(toMasterKey)].map((k) => [k.id, k])) };
}
