import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from './environment';

/** Secrets the server needs; generated once per DATA_DIR outside production. */
export interface Secrets {
  jwtSecret: string;
  identityMasterKey: Buffer;
  /** Password of the non-owner application database role (embedded and derived connections). */
  dbAppPassword: string;
  /** Superuser password of the embedded PostgreSQL cluster. */
  dbOwnerPassword: string;
  /**
   * Ed25519 private key (PKCS#8 PEM) that signs audit chain heads and checkpoints; kept outside the
   * database. Absent only in a verify-only configuration (AUDIT_VERIFY_PUBLIC_KEY and no signing key).
   */
  auditSigningKey?: string;
}

const SECRETS_FILE = 'secrets.json';
const WEAK_JWT = /^(secret|changeme|password|jwt[-_]?secret|test|dev)$/i;

export function decodeMasterKey(value: string, name = 'IDENTITY_MASTER_KEY'): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== value.trim().replace(/=+$/, '')) {
    throw new ConfigurationError(`${name} must be the base64 encoding of exactly 32 random bytes`);
  }
  if (key.every((b) => b === key[0])) throw new ConfigurationError(`${name} is not random (all bytes equal)`);
  return key;
}

function checkJwtSecret(secret: string, production: boolean): void {
  if (secret.length < 32 || WEAK_JWT.test(secret) || new Set(secret).size < 8) {
    throw new ConfigurationError('JWT_SECRET is missing or weak: use at least 32 random characters');
  }
  const problem = production ? lowEntropy(Buffer.from(secret, 'utf8')) : null;
  if (problem) throw new ConfigurationError(`JWT_SECRET is not random (${problem}): use at least 32 random characters, e.g. openssl rand -base64 48`);
}

/**
 * Why a secret that should be random is not, or null. Shapes a random value of 32+ bytes never
 * has (each with a margin of many orders of magnitude): few distinct bytes; a sequence (few
 * distinct steps from one byte to the next, one step far too common, or 8 equal steps in a row:
 * 0123..., abcd..., a1b2c3..., every 31st value, a word then the alphabet);
 * repeated blocks or runs (few distinct 3-byte substrings). Applied in production, where a
 * hand-made secret must not slip through; the value itself is never part of the message.
 */
export function lowEntropy(bytes: Buffer): string | null {
  const n = bytes.length;
  if (n === 0) return 'empty';
  if (bytes.every((b) => b === bytes[0])) return 'all bytes equal';
  if (new Set(bytes).size < Math.min(8, Math.ceil(n / 4))) return 'too few distinct characters';
  const steps = new Map<number, number>();
  let run = 0;
  let longestRun = 0;
  for (let i = 1; i < n; i++) {
    const step = (bytes[i] - bytes[i - 1] + 256) % 256;
    steps.set(step, (steps.get(step) ?? 0) + 1);
    run = i > 1 && step === (bytes[i - 1] - bytes[i - 2] + 256) % 256 ? run + 1 : 1;
    longestRun = Math.max(longestRun, run);
  }
  const commonest = Math.max(...steps.values());
  if (n >= 8 && (steps.size < (n - 1) / 4 || commonest >= Math.max(10, (n - 1) / 2.5) || longestRun >= 8)) return 'a sequence';
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= n; i++) grams.add(bytes.subarray(i, i + 3).toString('hex'));
  if (n >= 8 && grams.size < 0.6 * (n - 2)) return 'repeated blocks';
  return null;
}

export interface SecretSources {
  jwtSecret?: string;
  identityMasterKey?: string;
  auditSigningKey?: string;
  /** AUDIT_VERIFY_PUBLIC_KEY is set: a missing signing key is then not generated (verify-only). */
  auditVerifyKeyPinned?: boolean;
  production: boolean;
  dataDir: string;
  warn: (message: string) => void;
}

/**
 * In production the secrets (JWT, master key, audit signing key) must come from the environment and
 * be strong, or the start stops.
 * Elsewhere a missing one is generated once and kept (mode 0600) in DATA_DIR, with a warning.
 */
export function resolveSecrets(src: SecretSources): Secrets {
  if (src.production) {
    if (!src.jwtSecret) throw new ConfigurationError('JWT_SECRET is required when NODE_ENV=production');
    if (!src.identityMasterKey) throw new ConfigurationError('IDENTITY_MASTER_KEY is required when NODE_ENV=production');
    checkJwtSecret(src.jwtSecret, true);
    // A generated signing key would sit next to the checkpoints it signs, on the server's disk.
    if (!src.auditSigningKey && !src.auditVerifyKeyPinned) throw new ConfigurationError('AUDIT_SIGNING_KEY is required when NODE_ENV=production');
  }
  const stored = loadStored(src.dataDir);
  let changed = false;
  const take = (name: keyof StoredSecrets, make: () => string): string => {
    if (!stored[name]) {
      stored[name] = make();
      changed = true;
      if (name === 'jwtSecret' || name === 'identityMasterKey' || name === 'auditSigningKey')
        src.warn(`${toEnvName(name)} not set: generated one and kept it in ${join(src.dataDir, SECRETS_FILE)}`);
    }
    return stored[name] as string;
  };
  const jwtSecret = src.jwtSecret ?? take('jwtSecret', () => randomBytes(48).toString('base64url'));
  checkJwtSecret(jwtSecret, src.production);
  const identityMasterKey = decodeMasterKey(src.identityMasterKey ?? take('identityMasterKey', () => randomBytes(32).toString('base64')));
  const weakKey = src.production ? lowEntropy(identityMasterKey) : null;
  if (weakKey) throw new ConfigurationError(`IDENTITY_MASTER_KEY is not random (${weakKey}): use openssl rand -base64 32`);
  const dbAppPassword = take('dbAppPassword', () => randomBytes(24).toString('base64url'));
  const dbOwnerPassword = take('dbOwnerPassword', () => randomBytes(24).toString('base64url'));
  const auditSigningKey =
    src.auditSigningKey ??
    (src.auditVerifyKeyPinned || src.production
      ? undefined
      : take('auditSigningKey', () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));
  if (changed) saveStored(src.dataDir, stored);
  return { jwtSecret, identityMasterKey, dbAppPassword, dbOwnerPassword, auditSigningKey };
}

interface StoredSecrets {
  jwtSecret?: string;
  identityMasterKey?: string;
  dbAppPassword?: string;
  dbOwnerPassword?: string;
  auditSigningKey?: string;
}

function toEnvName(name: keyof StoredSecrets): string {
  return name === 'jwtSecret' ? 'JWT_SECRET' : name === 'auditSigningKey' ? 'AUDIT_SIGNING_KEY' : 'IDENTITY_MASTER_KEY';
}

function loadStored(dir: string): StoredSecrets {
  const file = join(dir, SECRETS_FILE);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  } catch {
    throw new ConfigurationError(`${file} is not valid JSON; fix or remove it`);
  }
}

function saveStored(dir: string, secrets: StoredSecrets): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, SECRETS_FILE);
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
}
