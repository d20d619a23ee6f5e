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

function checkJwtSecret(secret: string): void {
  if (secret.length < 32 || WEAK_JWT.test(secret) || new Set(secret).size < 8) {
    throw new ConfigurationError('JWT_SECRET is missing or weak: use at least 32 random characters');
  }
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
    checkJwtSecret(src.jwtSecret);
    // A generated signing key would sit next to the checkpoints it signs, on the server's disk.
    if (!src.auditSigningKey && !src.auditVerifyKeyPinned) throw new ConfigurationError('AUDIT_SIGNING_KEY is required when NODE_ENV=production');
  }
  const stored = loadStored(src.dataDir);
  let changed = false;
  const take = (name: keyof StoredSecrets, make: () => string): string => {
    if (!stored[name]) {
      stored[name] = make();
      changed = true;
      if (name === 'jwtSecret' || name === 'identityMasterKey' || name === 'auditSigningKey') src.warn(`${toEnvName(name)} not set: generated one and kept it in ${join(src.dataDir, SECRETS_FILE)}`);
    }
    return stored[name] as string;
  };
  const jwtSecret = src.jwtSecret ?? take('jwtSecret', () => randomBytes(48).toString('base64url'));
  checkJwtSecret(jwtSecret);
  const identityMasterKey = decodeMasterKey(src.identityMasterKey ?? take('identityMasterKey', () => randomBytes(32).toString('base64')));
  const dbAppPassword = take('dbAppPassword', () => randomBytes(24).toString('base64url'));
  const dbOwnerPassword = take('dbOwnerPassword', () => randomBytes(24).toString('base64url'));
  const auditSigningKey =
    src.auditSigningKey ??
    (src.auditVerifyKeyPinned || src.production ? undefined : take('auditSigningKey', () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));
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
