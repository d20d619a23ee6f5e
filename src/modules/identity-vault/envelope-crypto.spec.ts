import { randomBytes } from 'node:crypto';
import { Binding, decryptField, encryptField, FORMAT_VERSION, MasterKey, masterKeyId, newDataKey, toMasterKey, unwrapKey, wrapKey } from './envelope-crypto';

const IV = 12;
const TAG = 16;

const MASTER_A = toMasterKey(Buffer.alloc(32, 0xa1));
const MASTER_B = toMasterKey(Buffer.alloc(32, 0xb2));
const HERE: Binding = { tableId: '11111111-1111-4111-8111-111111111111', situationId: '22222222-2222-4222-8222-222222222222' };
const OTHER_SITUATION: Binding = { ...HERE, situationId: '33333333-3333-4333-8333-333333333333' };
const OTHER_TABLE: Binding = { ...HERE, tableId: '44444444-4444-4444-8444-444444444444' };

const NAME = 'Hélène Côté';

/** Every single-bit and whole-byte change of `buf`, one at a time. */
function* tamperings(buf: Buffer): Generator<[string, Buffer]> {
  for (let i = 0; i < buf.length; i++) {
    const flipped = Buffer.from(buf);
    flipped[i] ^= 0x01;
    yield [`byte ${i} low bit`, flipped];
    const inverted = Buffer.from(buf);
    inverted[i] ^= 0xff;
    yield [`byte ${i} inverted`, inverted];
  }
}

const b64 = (s: string) => Buffer.from(s, 'base64');

describe('envelope-crypto', () => {
  describe('masterKeyId', () => {
    it('is 16 lowercase hex characters', () => {
      expect(masterKeyId(MASTER_A.key)).toMatch(/^[0-9a-f]{16}$/);
      expect(masterKeyId(randomBytes(32))).toMatch(/^[0-9a-f]{16}$/);
    });

    it('is stable for the same key (and for a copy of it)', () => {
      const key = randomBytes(32);
      expect(masterKeyId(key)).toBe(masterKeyId(key));
      expect(masterKeyId(Buffer.from(key))).toBe(masterKeyId(key));
    });

    it('differs between keys, even keys one bit apart', () => {
      const key = randomBytes(32);
      const near = Buffer.from(key);
      near[31] ^= 0x01;
      expect(masterKeyId(near)).not.toBe(masterKeyId(key));
      expect(masterKeyId(MASTER_A.key)).not.toBe(masterKeyId(MASTER_B.key));
      const ids = new Set(Array.from({ length: 50 }, () => masterKeyId(randomBytes(32))));
      expect(ids.size).toBe(50);
    });

    it('does not reveal the key: the id is not a prefix of the key hex', () => {
      expect(MASTER_A.key.toString('hex').startsWith(MASTER_A.id)).toBe(false);
    });

    it('toMasterKey carries the key and its id', () => {
      const key = randomBytes(32);
      const m = toMasterKey(key);
      expect(m.key.equals(key)).toBe(true);
      expect(m.id).toBe(masterKeyId(key));
    });
  });

  describe('newDataKey', () => {
    it('is 32 bytes (AES-256)', () => {
      const k = newDataKey();
      expect(Buffer.isBuffer(k)).toBe(true);
      expect(k).toHaveLength(32);
    });

    it('is fresh each time', () => {
      const keys = Array.from({ length: 20 }, () => newDataKey().toString('hex'));
      expect(new Set(keys).size).toBe(20);
      expect(keys).not.toContain(Buffer.alloc(32).toString('hex'));
    });
  });

  describe('wrapKey / unwrapKey', () => {
    it('round-trips the data key', () => {
      const dk = newDataKey();
      const wrapped = wrapKey(MASTER_A, dk, HERE);
      expect(unwrapKey(MASTER_A, wrapped, HERE).equals(dk)).toBe(true);
    });

    it('is IV ‖ tag ‖ 32-byte ciphertext and does not contain the data key in clear', () => {
      const dk = newDataKey();
      const wrapped = wrapKey(MASTER_A, dk, HERE);
      expect(wrapped).toHaveLength(IV + TAG + 32);
      expect(wrapped.includes(dk)).toBe(false);
      expect(wrapped.subarray(IV + TAG).equals(dk)).toBe(false);
    });

    it('uses a fresh random IV: the same key wrapped twice gives different bytes, both open', () => {
      const dk = newDataKey();
      const w1 = wrapKey(MASTER_A, dk, HERE);
      const w2 = wrapKey(MASTER_A, dk, HERE);
      expect(w1.equals(w2)).toBe(false);
      expect(w1.subarray(0, IV).equals(w2.subarray(0, IV))).toBe(false);
      expect(unwrapKey(MASTER_A, w1, HERE).equals(dk)).toBe(true);
      expect(unwrapKey(MASTER_A, w2, HERE).equals(dk)).toBe(true);
    });

    it('fails with another master key', () => {
      const wrapped = wrapKey(MASTER_A, newDataKey(), HERE);
      expect(() => unwrapKey(MASTER_B, wrapped, HERE)).toThrow();
    });

    it('fails when the master key id does not match (binding to the key version)', () => {
      const wrapped = wrapKey(MASTER_A, newDataKey(), HERE);
      const sameKeyOtherId: MasterKey = { id: MASTER_B.id, key: MASTER_A.key };
      expect(() => unwrapKey(sameKeyOtherId, wrapped, HERE)).toThrow();
    });

    it('fails when moved to another situation', () => {
      const wrapped = wrapKey(MASTER_A, newDataKey(), HERE);
      expect(() => unwrapKey(MASTER_A, wrapped, OTHER_SITUATION)).toThrow();
    });

    it('fails when moved to another table', () => {
      const wrapped = wrapKey(MASTER_A, newDataKey(), HERE);
      expect(() => unwrapKey(MASTER_A, wrapped, OTHER_TABLE)).toThrow();
    });

    it('fails when table and situation ids are swapped', () => {
      const wrapped = wrapKey(MASTER_A, newDataKey(), HERE);
      expect(() => unwrapKey(MASTER_A, wrapped, { tableId: HERE.situationId, situationId: HERE.tableId })).toThrow();
    });

    it('fails when the ids are re-split across the separator', () => {
      const b: Binding = { tableId: 'ab', situationId: 'c' };
      const wrapped = wrapKey(MASTER_A, newDataKey(), b);
      expect(() => unwrapKey(MASTER_A, wrapped, { tableId: 'a', situationId: 'bc' })).toThrow();
    });

    it('fails when any byte of the wrapped key is tampered with', () => {
      const wrapped = wrapKey(MASTER_A, newDataKey(), HERE);
      let cases = 0;
      for (const [, bad] of tamperings(wrapped)) {
        expect(() => unwrapKey(MASTER_A, bad, HERE)).toThrow();
        cases++;
      }
      expect(cases).toBe(2 * (IV + TAG + 32));
    });

    it('fails when truncated or extended', () => {
      const wrapped = wrapKey(MASTER_A, newDataKey(), HERE);
      expect(() => unwrapKey(MASTER_A, wrapped.subarray(0, wrapped.length - 1), HERE)).toThrow();
      expect(() => unwrapKey(MASTER_A, wrapped.subarray(0, IV + TAG), HERE)).toThrow();
      expect(() => unwrapKey(MASTER_A, wrapped.subarray(0, IV + TAG - 1), HERE)).toThrow(/too short/);
      expect(() => unwrapKey(MASTER_A, Buffer.alloc(0), HERE)).toThrow(/too short/);
      expect(() => unwrapKey(MASTER_A, Buffer.concat([wrapped, Buffer.from([0])]), HERE)).toThrow();
    });
  });

  describe('encryptField / decryptField', () => {
    const dk = newDataKey();

    it.each([
      ['a French name', NAME],
      ['an empty string', ''],
      ['an address with accents', '123, rue de l’Église, Trois-Rivières (Québec) G9A 1A1'],
      ['emoji and CJK', '👩🏽‍⚕️ 山田 花子'],
      ['a long value', 'é'.repeat(10_000)],
      ['control characters and the AAD separator', 'a|b\n\t\0c'],
    ])('round-trips %s', (_label, value) => {
      const sealed = encryptField(dk, HERE, 'fullName', value);
      expect(decryptField(dk, HERE, 'fullName', sealed)).toBe(value);
    });

    it('produces base64 of IV ‖ tag ‖ ciphertext of the UTF-8 bytes, with no plaintext in it', () => {
      const sealed = encryptField(dk, HERE, 'fullName', NAME);
      expect(sealed).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      const raw = b64(sealed);
      expect(raw).toHaveLength(IV + TAG + Buffer.byteLength(NAME, 'utf8'));
      expect(raw.includes(Buffer.from(NAME, 'utf8'))).toBe(false);
      expect(sealed).not.toContain('Côté');
    });

    it('uses a fresh random IV: the same plaintext gives different ciphertexts', () => {
      const sealed = Array.from({ length: 20 }, () => encryptField(dk, HERE, 'fullName', NAME));
      expect(new Set(sealed).size).toBe(20);
      const ivs = sealed.map((s) => b64(s).subarray(0, IV).toString('hex'));
      expect(new Set(ivs).size).toBe(20);
      for (const s of sealed) expect(decryptField(dk, HERE, 'fullName', s)).toBe(NAME);
    });

    it('fails with another data key', () => {
      const sealed = encryptField(dk, HERE, 'fullName', NAME);
      expect(() => decryptField(newDataKey(), HERE, 'fullName', sealed)).toThrow();
    });

    it('fails when moved to another field', () => {
      const sealed = encryptField(dk, HERE, 'fullName', NAME);
      expect(() => decryptField(dk, HERE, 'address', sealed)).toThrow();
      expect(() => decryptField(dk, HERE, 'fullname', sealed)).toThrow();
      expect(() => decryptField(dk, HERE, '', sealed)).toThrow();
    });

    it('fails when moved to another situation', () => {
      const sealed = encryptField(dk, HERE, 'fullName', NAME);
      expect(() => decryptField(dk, OTHER_SITUATION, 'fullName', sealed)).toThrow();
    });

    it('fails when moved to another table', () => {
      const sealed = encryptField(dk, HERE, 'fullName', NAME);
      expect(() => decryptField(dk, OTHER_TABLE, 'fullName', sealed)).toThrow();
    });

    it('a field ciphertext is not a wrapped key, and a wrapped key is not a field', () => {
      // same key material, different purpose: the domain-separated associated data keeps them apart
      const master = toMasterKey(dk);
      const wrapped = wrapKey(master, newDataKey(), HERE);
      expect(() => decryptField(dk, HERE, master.id, wrapped.toString('base64'))).toThrow();
      const sealed = encryptField(dk, HERE, master.id, 'x'.repeat(32));
      expect(() => unwrapKey(master, b64(sealed), HERE)).toThrow();
    });

    it('fails when any byte of the ciphertext is tampered with', () => {
      const sealed = encryptField(dk, HERE, 'fullName', NAME);
      const raw = b64(sealed);
      let cases = 0;
      for (const [, bad] of tamperings(raw)) {
        expect(() => decryptField(dk, HERE, 'fullName', bad.toString('base64'))).toThrow();
        cases++;
      }
      expect(cases).toBe(2 * raw.length);
    });

    it('fails when a whole IV or tag is replaced', () => {
      const raw = b64(encryptField(dk, HERE, 'fullName', NAME));
      const newIv = Buffer.concat([randomBytes(IV), raw.subarray(IV)]);
      const zeroTag = Buffer.concat([raw.subarray(0, IV), Buffer.alloc(TAG), raw.subarray(IV + TAG)]);
      expect(() => decryptField(dk, HERE, 'fullName', newIv.toString('base64'))).toThrow();
      expect(() => decryptField(dk, HERE, 'fullName', zeroTag.toString('base64'))).toThrow();
    });

    it('fails when two ciphertexts are spliced (IV and tag of one, body of another)', () => {
      const r1 = b64(encryptField(dk, HERE, 'fullName', NAME));
      const r2 = b64(encryptField(dk, HERE, 'fullName', 'Jean Tremblay'));
      const spliced = Buffer.concat([r1.subarray(0, IV + TAG), r2.subarray(IV + TAG)]);
      expect(() => decryptField(dk, HERE, 'fullName', spliced.toString('base64'))).toThrow();
    });

    it('throws on a truncated ciphertext', () => {
      const raw = b64(encryptField(dk, HERE, 'fullName', NAME));
      for (let len = 0; len < raw.length; len++) {
        expect(() => decryptField(dk, HERE, 'fullName', raw.subarray(0, len).toString('base64'))).toThrow();
      }
      expect(() => decryptField(dk, HERE, 'fullName', raw.subarray(0, IV + TAG - 1).toString('base64'))).toThrow(/too short/);
      expect(() => decryptField(dk, HERE, 'fullName', '')).toThrow(/too short/);
    });

    it('throws on a ciphertext with bytes appended', () => {
      const raw = b64(encryptField(dk, HERE, 'fullName', NAME));
      expect(() => decryptField(dk, HERE, 'fullName', Buffer.concat([raw, Buffer.from('x')]).toString('base64'))).toThrow();
    });

    it('rejects a data key that is not 32 bytes', () => {
      expect(() => encryptField(randomBytes(16), HERE, 'fullName', NAME)).toThrow();
      expect(() => encryptField(Buffer.alloc(0), HERE, 'fullName', NAME)).toThrow();
    });
  });

  describe('the envelope end to end', () => {
    it('wrap → store → unwrap → decrypt the fields of one situation', () => {
      const dk = newDataKey();
      const wrapped = wrapKey(MASTER_A, dk, HERE);
      const row = {
        fullName: encryptField(dk, HERE, 'fullName', NAME),
        birthDate: encryptField(dk, HERE, 'birthDate', '1984-02-29'),
      };
      const opened = unwrapKey(MASTER_A, wrapped, HERE);
      expect(decryptField(opened, HERE, 'fullName', row.fullName)).toBe(NAME);
      expect(decryptField(opened, HERE, 'birthDate', row.birthDate)).toBe('1984-02-29');
    });

    it('master key rotation: re-wrapping under a new master key keeps the fields readable', () => {
      const dk = newDataKey();
      const sealed = encryptField(dk, HERE, 'fullName', NAME);
      const rewrapped = wrapKey(MASTER_B, unwrapKey(MASTER_A, wrapKey(MASTER_A, dk, HERE), HERE), HERE);
      expect(() => unwrapKey(MASTER_A, rewrapped, HERE)).toThrow();
      expect(decryptField(unwrapKey(MASTER_B, rewrapped, HERE), HERE, 'fullName', sealed)).toBe(NAME);
    });

    it('crypto-shredding: the fields of one situation cannot be opened with another situation key', () => {
      const dk1 = newDataKey();
      const dk2 = newDataKey();
      const sealed = encryptField(dk1, HERE, 'fullName', NAME);
      expect(() => decryptField(dk2, HERE, 'fullName', sealed)).toThrow();
    });

    it('declares a format version', () => {
      expect(FORMAT_VERSION).toBe('v1');
    });
  });
});
