import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/app-config';
import { ConfigurationError } from '../../config/environment';
import { PasswordHasher } from './password-hasher';

const env = (extra: Record<string, string> = {}) => ({
  DATA_DIR: mkdtempSync(join(tmpdir(), 'st-hasher-')),
  JWT_SECRET: randomBytes(36).toString('base64'),
  IDENTITY_MASTER_KEY: randomBytes(32).toString('base64'),
  AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  ...extra,
});

/** The cost parameters argon2 writes into a hash (`$m=19456,p=1,t=2$`): [memory KiB, passes, lanes]. */
const costOf = (hash: string) => {
  const params = Object.fromEntries((/\$(m=[^$]+)\$/.exec(hash)?.[1] ?? '').split(',').map((kv) => kv.split('=')));
  return [Number(params.m), Number(params.t), Number(params.p)];
};

describe('password hashing cost (PASSWORD_HASH_PROFILE)', () => {
  it('hashes with argon2id at the OWASP minimum by default, in production as elsewhere', async () => {
    for (const extra of [{}, { NODE_ENV: 'production' }, { NODE_ENV: 'development' }] as Record<string, string>[]) {
      const config = loadConfig(env(extra));
      expect(config.passwordHashProfile).toBe('standard');
      const hash = await new PasswordHasher(config).hash('correct horse battery staple');
      expect(hash.startsWith('$argon2id$')).toBe(true);
      expect(costOf(hash)).toEqual([19456, 2, 1]);
    }
  });

  it('refuses the test suites’ fast profile outside NODE_ENV=test', () => {
    for (const NODE_ENV of [undefined, 'production', 'development', 'TEST']) {
      const extra: Record<string, string> = { PASSWORD_HASH_PROFILE: 'test-only-fast', ...(NODE_ENV ? { NODE_ENV } : {}) };
      expect(() => loadConfig(env(extra))).toThrow(ConfigurationError);
    }
    expect(() => loadConfig(env({ PASSWORD_HASH_PROFILE: 'weak', NODE_ENV: 'test' }))).toThrow(ConfigurationError);
  });

  it('under NODE_ENV=test, the fast profile hashes cheaply, and each profile verifies the other’s hashes', async () => {
    const fast = new PasswordHasher(loadConfig(env({ NODE_ENV: 'test', PASSWORD_HASH_PROFILE: 'test-only-fast' })));
    const standard = new PasswordHasher(loadConfig(env()));
    const cheap = await fast.hash('an invented passphrase');
    expect(costOf(cheap)).toEqual([1024, 1, 1]);
    expect(await standard.verify(cheap, 'an invented passphrase')).toBe(true);
    expect(await fast.verify(await standard.hash('another one'), 'another one')).toBe(true);
    expect(await fast.verify(cheap, 'not it')).toBe(false);
    expect(await fast.verify(null, 'anything')).toBe(false);
  });
});
