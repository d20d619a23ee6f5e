import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Envelope encryption with AES-256-GCM (node:crypto). A random data key per situation encrypts
 * each field; the master key wraps the data key. Associated data binds every ciphertext to its
 * table, situation, field and key, so a ciphertext copied into another row or field fails to open.
 * Pure: no Nest, no database.
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
