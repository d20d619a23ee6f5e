import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from './environment';
import { resolveSecrets, SecretSources } from './secrets';

const MASTER = Buffer.from(Array.from({ length: 32 }, (_, i) => (11 + i * 29) & 0xff)).toString('base64');
const JWT = 'unit-test-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const SIGNING = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

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
