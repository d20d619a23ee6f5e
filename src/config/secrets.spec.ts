import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from './environment';
import { lowEntropy, resolveSecrets, SecretSources } from './secrets';

const RANDOM_JWT = randomBytes(48).toString('base64url');
const RANDOM_KEY = randomBytes(32).toString('base64');
const SIGNING = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

function production(jwtSecret: string, identityMasterKey = RANDOM_KEY) {
  return () =>
    resolveSecrets({ jwtSecret, identityMasterKey, auditSigningKey: SIGNING, production: true, dataDir: mkdtempSync(join(tmpdir(), 'st-secrets-')), warn: () => undefined });
}

const bytes = (f: (i: number) => number, n = 32) => Buffer.from(Array.from({ length: n }, (_, i) => f(i) & 0xff));

describe('production secrets refuse low-entropy values', () => {
  it.each([
    ['all bytes equal', bytes(() => 7)],
    ['two alternating bytes', bytes((i) => (i % 2 ? 0xaa : 0x55))],
    ['a few distinct bytes', bytes((i) => [1, 2, 3, 4][(i * 7) % 4])],
    ['an ascending sequence', bytes((i) => i)],
    ['a descending sequence', bytes((i) => 255 - i)],
    ['an arithmetic sequence mod 256 (step 31)', bytes((i) => 7 + i * 31)],
    ['two interleaved sequences', bytes((i) => (i % 2 ? 0x61 + i : 0x30 + i))],
    ['a 4-byte block repeated', bytes((i) => [0xde, 0xad, 0xbe, 0xef][i % 4])],
    ['a 13-byte block repeated 3 times', bytes((i) => [...Buffer.from('9f3a71c2e0b84d6e15a2c7f0d3', 'hex')][i % 13], 39)],
    ['a random half then zeros', Buffer.concat([randomBytes(16), Buffer.alloc(16)])],
    ['a random head then a run of one byte', Buffer.concat([randomBytes(12), Buffer.alloc(20, 0x41)])],
  ])('master key bytes: %s', (_shape, key) => {
    expect(lowEntropy(key)).not.toBeNull();
    expect(production(RANDOM_JWT, key.subarray(0, 32).toString('base64'))).toThrow(/IDENTITY_MASTER_KEY/);
  });

  it.each([
    ['a repeated word', 'secretsecretsecretsecretsecretsecret'],
    ['a repeated random-looking block', 'k3Y!x9#qk3Y!x9#qk3Y!x9#qk3Y!x9#q'],
    ['a block repeated with a tail', 'Zq8#Lm2!Zq8#Lm2!Zq8#Lm2!Zq8#Lm2!Zq8#X'],
    ['the alphabet and digits', 'abcdefghijklmnopqrstuvwxyz0123456789'],
    ['a keyboard walk repeated', 'qwertyuiopqwertyuiopqwertyuiopqwerty'],
    ['digits counting up', '01234567890123456789012345678901234'],
    ['the test suite secret (a sequence with a prefix)', 'test-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz'],
    ['two characters alternating with a few others', 'abababababababababababababab12345678'],
    ['a1b2c3...', 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8'],
    ['random characters around a run of the alphabet', 'Xr7#pQ2!abcdefghijklmnop9$Lw4@Tz'],
    ['random characters around a run of one character', 'Xr7#pQ2!mK5&zzzzzzzzzzzz9$Lw4@Tz'],
  ])('JWT_SECRET: %s', (_shape, secret) => {
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(production(secret)).toThrow(/JWT_SECRET/);
  });

  it('never puts the value in the message', () => {
    const secret = 'k3Y!x9#qk3Y!x9#qk3Y!x9#qk3Y!x9#q';
    expect(production(secret)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }));
  });

  it('accepts random values of every usual encoding (no false alarm in 20,000 draws each)', () => {
    const shapes: [string, () => Buffer][] = [
      ['32 random bytes', () => randomBytes(32)],
      ['base64 of 32 bytes', () => Buffer.from(randomBytes(32).toString('base64'))],
      ['base64url of 24 bytes (32 characters)', () => Buffer.from(randomBytes(24).toString('base64url'))],
      ['hex of 16 bytes (32 characters)', () => Buffer.from(randomBytes(16).toString('hex'))],
      ['hex of 32 bytes', () => Buffer.from(randomBytes(32).toString('hex'))],
    ];
    for (const [name, draw] of shapes) {
      const refused = Array.from({ length: 20_000 }, draw).filter((b) => lowEntropy(b) !== null).length;
      expect({ name, refused }).toEqual({ name, refused: 0 });
    }
    expect(production(RANDOM_JWT)).not.toThrow();
  });

  it('keeps the sequence-shaped test key usable outside production', () => {
    const key = bytes((i) => 7 + i * 31).toString('base64');
    expect(() =>
      resolveSecrets({ jwtSecret: RANDOM_JWT, identityMasterKey: key, production: false, dataDir: mkdtempSync(join(tmpdir(), 'st-secrets-')), warn: () => undefined }),
    ).not.toThrow();
  });
});

const MASTER = RANDOM_KEY;
const JWT = RANDOM_JWT;

describe('secrets: the audit signing key', () => {
  const base = (over: Partial<SecretSources> = {}): SecretSources & { warnings: string[] } => {
    const warnings: string[] = [];
    return { jwtSecret: JWT, identityMasterKey: MASTER, production: false, dataDir: mkdtempSync(join(tmpdir(), 'st-secrets-')), warn: (m) => warnings.push(m), warnings, ...over };
  };

  it('is required in production: never generated next to the checkpoints it signs', () => {
    const src = base({ production: true });
    expect(() => resolveSecrets(src)).toThrow(ConfigurationError);
    expect(() => resolveSecrets(src)).toThrow(/AUDIT_SIGNING_KEY is required when NODE_ENV=production/);
    expect(existsSync(join(src.dataDir, 'secrets.json'))).toBe(false);
  });

  it('in production, a pinned verification key alone is a verify-only configuration (nothing generated)', () => {
    const src = base({ production: true, auditVerifyKeyPinned: true });
    expect(resolveSecrets(src).auditSigningKey).toBeUndefined();
    expect(JSON.parse(readFileSync(join(src.dataDir, 'secrets.json'), 'utf8')).auditSigningKey).toBeUndefined();
  });

  it('outside production a missing key is generated once, kept, and said so', () => {
    const src = base();
    const first = resolveSecrets(src).auditSigningKey;
    expect(first).toMatch(/BEGIN PRIVATE KEY/);
    expect(src.warnings.some((w) => w.startsWith('AUDIT_SIGNING_KEY not set'))).toBe(true);
    expect(resolveSecrets({ ...src, warn: () => undefined }).auditSigningKey).toBe(first);
    expect(JSON.parse(readFileSync(join(src.dataDir, 'secrets.json'), 'utf8')).auditSigningKey).toBe(first);
  });

  it('uses the given key as is, in production too', () => {
    expect(resolveSecrets(base({ production: true, auditSigningKey: SIGNING })).auditSigningKey).toBe(SIGNING);
  });
});
