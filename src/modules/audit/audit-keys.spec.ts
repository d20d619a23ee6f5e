import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { AuditKeys } from './audit-keys';

const pair = () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { priv: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), pub: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
};
const config = (auditSigningKey: string | undefined, auditVerifyPublicKeys: string[] = []) => ({ secrets: { auditSigningKey } as never, auditVerifyPublicKeys });

describe('audit keys', () => {
  const a = pair();
  const b = pair();

  it('signs heads that verify with the derived or the pinned public key, and with no other', () => {
    const server = AuditKeys.forServer(config(a.priv));
    const sig = server.signHead('t1', '42', 'f'.repeat(64));
    expect(server.verifyHead('t1', '42', 'f'.repeat(64), sig)).toBe(true);
    expect(AuditKeys.forVerification(config(undefined, [a.pub])).verifyHead('t1', '42', 'f'.repeat(64), sig)).toBe(true);
    expect(AuditKeys.forVerification(config(undefined, [b.pub])).verifyHead('t1', '42', 'f'.repeat(64), sig)).toBe(false);
    // bound to chain, seq and hash
    expect(server.verifyHead('t2', '42', 'f'.repeat(64), sig)).toBe(false);
    expect(server.verifyHead('t1', '43', 'f'.repeat(64), sig)).toBe(false);
    expect(server.verifyHead('t1', '42', 'e'.repeat(64), sig)).toBe(false);
    expect(server.verifyHead('t1', '42', 'f'.repeat(64), 'not base64 at all!')).toBe(false);
  });

  it('a head signature is not a checkpoint signature (domain separation)', () => {
    const server = AuditKeys.forServer(config(a.priv));
    const sig = server.signHead('t1', '42', 'f'.repeat(64));
    expect(server.verify(Buffer.from(`t1|42|${'f'.repeat(64)}|2026-01-01T00:00:00.000Z`), sig)).toBe(false);
  });

  it('during a rotation, several pinned keys verify; the signing key must be one of them', () => {
    const both = AuditKeys.forVerification(config(undefined, [a.pub, b.pub]));
    expect(both.verifyHead('c', '1', 'h', AuditKeys.forServer(config(a.priv)).signHead('c', '1', 'h'))).toBe(true);
    expect(both.verifyHead('c', '1', 'h', AuditKeys.forServer(config(b.priv)).signHead('c', '1', 'h'))).toBe(true);
    expect(() => AuditKeys.forServer(config(a.priv, [b.pub]))).toThrow(/does not match/);
  });

  it('the server refuses to start with a verification key only, or with a key of another kind', () => {
    expect(() => AuditKeys.forServer(config(undefined, [a.pub]))).toThrow(/AUDIT_SIGNING_KEY is required/);
    expect(() => AuditKeys.forVerification(config(undefined))).toThrow(/AUDIT_SIGNING_KEY or AUDIT_VERIFY_PUBLIC_KEY/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => AuditKeys.forServer(config(rsa))).toThrow(/Ed25519/);
    expect(() => AuditKeys.forServer(config('garbage'))).toThrow(/PKCS#8/);
    expect(() => AuditKeys.forVerification(config(undefined, ['garbage']))).toThrow(/AUDIT_VERIFY_PUBLIC_KEY/);
    expect(() => AuditKeys.forVerification(config(undefined, [a.pub])).signHead('c', '1', 'h')).toThrow(/AUDIT_SIGNING_KEY/);
  });
});
