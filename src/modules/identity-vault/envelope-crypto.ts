import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Envelope encryption with AES-256-GCM (node:crypto). Pure: no Nest, no database.
 *
 * Format v1 (legacy, still readable): a random data key per situation encrypts each field; the
 * master key wraps the data key; associated data binds table, situation, field and master key id.
 *
 * Format v2: three levels. The master key wraps key-encryption keys (KEKs, kept outside
 * PostgreSQL, one per month epoch, destroyed after their epoch plus the backup retention); a KEK
 * wraps the row's data key; the data key encrypts each field, padded to a size class. Associated
 * data binds table, situation, row version and field (and the KEK id for the wrapped key), and an
 * HMAC under a key derived from the data key covers the whole row: version, write time, the set
 * of fields and their ciphertexts, the legal authority and the writer. Whoever lacks the data key
 * cannot restore a field, drop one, or change the row's metadata without the read noticing.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const FORMAT_VERSION = 'v1';

export interface MasterKey {
  id: string;
  key: Buffer;
}

export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update('situation-table/master-key-id').update(key).digest('hex').slice(0, 16);
}

export const toMasterKey = (key: Buffer): MasterKey => ({ id: masterKeyId(key), key });

function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

export interface Binding {
  tableId: string;
  situationId: string;
}

const wrapAad = (b: Binding, keyId: string) => `${FORMAT_VERSION}|wrap|${b.tableId}|${b.situationId}|${keyId}`;
const fieldAad = (b: Binding, field: string) => `${FORMAT_VERSION}|field|${b.tableId}|${b.situationId}|${field}`;

export function newDataKey(): Buffer {
  return randomBytes(32);
}

export function wrapKey(master: MasterKey, dataKey: Buffer, b: Binding): Buffer {
  return seal(master.key, dataKey, wrapAad(b, master.id));
}

export function unwrapKey(master: MasterKey, wrapped: Buffer, b: Binding): Buffer {
  return open(master.key, wrapped, wrapAad(b, master.id));
}

export function encryptField(dataKey: Buffer, b: Binding, field: string, value: string): string {
  return seal(dataKey, Buffer.from(value, 'utf8'), fieldAad(b, field)).toString('base64');
}

export function decryptField(dataKey: Buffer, b: Binding, field: string, sealed: string): string {
  return open(dataKey, Buffer.from(sealed, 'base64'), fieldAad(b, field)).toString('utf8');
}

// ---- format v2 -----------------------------------------------------------------------------------

export const FORMAT_V1 = 'v1';
export const FORMAT_V2 = 'v2';

/** A key-encryption key: wraps data keys; itself wrapped by the master key, stored outside the database. */
export interface Kek {
  id: string;
  key: Buffer;
}

/** What a v2 row is bound to besides its field name. */
export interface RowBinding extends Binding {
  version: number;
}

/** The row metadata the row MAC covers (besides table, situation, version and ciphertexts). */
export interface RowMeta {
  legalAuthority: string;
  writtenBy: string | null;
  writtenByAgency: string | null;
  writtenAt: Date;
}

const kekAad = (kekId: string, masterId: string) => `${FORMAT_V2}|kek|${kekId}|${masterId}`;
const wrapAadV2 = (b: RowBinding, kekId: string) => `${FORMAT_V2}|wrap|${b.tableId}|${b.situationId}|${b.version}|${kekId}`;
const fieldAadV2 = (b: RowBinding, field: string) => `${FORMAT_V2}|field|${b.tableId}|${b.situationId}|${b.version}|${field}`;

export function wrapKek(master: MasterKey, kek: Kek): Buffer {
  return seal(master.key, kek.key, kekAad(kek.id, master.id));
}

export function unwrapKek(master: MasterKey, kekId: string, wrapped: Buffer): Kek {
  return { id: kekId, key: open(master.key, wrapped, kekAad(kekId, master.id)) };
}

export function wrapDataKey(kek: Kek, dataKey: Buffer, b: RowBinding): Buffer {
  return seal(kek.key, dataKey, wrapAadV2(b, kek.id));
}

export function unwrapDataKey(kek: Kek, wrapped: Buffer, b: RowBinding): Buffer {
  return open(kek.key, wrapped, wrapAadV2(b, kek.id));
}

/**
 * Size classes: 32 bytes, then powers of two. ISO/IEC 7816-4 padding (0x80 then zeros), so every
 * given name of up to 31 bytes has the same ciphertext length.
 */
export const MIN_PADDED = 32;

export function paddedLength(n: number): number {
  let size = MIN_PADDED;
  while (size < n + 1) size *= 2;
  return size;
}

export function pad(plain: Buffer): Buffer {
  const out = Buffer.alloc(paddedLength(plain.length));
  plain.copy(out);
  out[plain.length] = 0x80;
  return out;
}

export function unpad(padded: Buffer): Buffer {
  let i = padded.length - 1;
  while (i >= 0 && padded[i] === 0) i--;
  if (i < 0 || padded[i] !== 0x80 || padded.length !== paddedLength(i)) throw new Error('bad padding');
  return padded.subarray(0, i);
}

export function sealField(dataKey: Buffer, b: RowBinding, field: string, value: string): string {
  return seal(dataKey, pad(Buffer.from(value, 'utf8')), fieldAadV2(b, field)).toString('base64');
}

export function openField(dataKey: Buffer, b: RowBinding, field: string, sealed: string): string {
  return unpad(open(dataKey, Buffer.from(sealed, 'base64'), fieldAadV2(b, field))).toString('utf8');
}

function macKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'situation-table/identity-row-mac/v2', 32));
}

/** HMAC-SHA256 over the row: binding, version, metadata and every (field, ciphertext) pair, in field order. */
export function rowMac(dataKey: Buffer, b: RowBinding, meta: RowMeta, ciphertexts: Record<string, string>): Buffer {
  const fields = Object.keys(ciphertexts).sort();
  const canonical = JSON.stringify([
    FORMAT_V2,
    b.tableId,
    b.situationId,
    b.version,
    meta.writtenAt.toISOString(),
    meta.legalAuthority,
    meta.writtenBy,
    meta.writtenByAgency,
    fields.map((f) => [f, ciphertexts[f]]),
  ]);
  return createHmac('sha256', macKey(dataKey)).update(canonical, 'utf8').digest();
}

export function rowMacMatches(expected: Buffer, actual: Buffer | null): boolean {
  return actual !== null && actual.length === expected.length && timingSafeEqual(expected, actual);
}

// ---- equity answers (docs/evaluation.md, 6.5) ------------------------------------------------------

/**
 * The equity answers of a situation: one AES-256-GCM ciphertext under the situation's own data key
 * (the one its identity row wraps), padded to a size class, with associated data binding the table
 * `equity_responses`, the situation's table and id, the field `equity` and the key version (the
 * identity row version whose data key seals it). Moved to another situation, or kept past a new key,
 * it does not open.
 */
const equityAad = (b: RowBinding) => `${FORMAT_V2}|equity_responses|${b.tableId}|${b.situationId}|equity|${b.version}`;

export function sealEquity(dataKey: Buffer, b: RowBinding, plaintext: string): string {
  return seal(dataKey, pad(Buffer.from(plaintext, 'utf8')), equityAad(b)).toString('base64');
}

export function openEquity(dataKey: Buffer, b: RowBinding, sealed: string): string {
  return unpad(open(dataKey, Buffer.from(sealed, 'base64'), equityAad(b))).toString('utf8');
}
