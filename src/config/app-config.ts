import { resolve } from 'node:path';
import { ConfigurationError, Environment, validateEnvironment } from './environment';
import { decodeMasterKey, resolveSecrets, Secrets } from './secrets';

/** The typed configuration every module reads (injected as APP_CONFIG). */
export interface AppConfig {
  port: number;
  production: boolean;
  /** argon2id's cost profile (PASSWORD_HASH_PROFILE): `test-only-fast` only under NODE_ENV=test */
  passwordHashProfile: 'standard' | 'test-only-fast';
  dataDir: string;
  databaseUrl?: string;
  databaseAppUrl?: string;
  dbPoolSize: number;
  logLevel: string;
  jwtTtlSeconds: number;
  loginIpLimitPerMinute: number;
  rateLimitEnabled: boolean;
  corsOrigins: string[];
  trustProxy: boolean | string[];
  bootstrapAdmin?: { email: string; password: string };
  secrets: Secrets;
  /** pinned Ed25519 public keys (PEM) verifying audit heads and checkpoints; empty: derived from the signing key */
  auditVerifyPublicKeys: string[];
  /** directory of audit-checkpoints.jsonl (a separate append-only mount in production) */
  auditCheckpointDir: string;
  /** master keys of earlier generations, to unwrap data keys not yet re-wrapped */
  previousMasterKeys: Buffer[];
  /** bearer token of the Prometheus scraper; undefined: /metrics is off */
  metricsToken?: string;
  /** where the identity key-encryption keys are kept (outside the database) */
  identityKekDir: string;
  /** how long backups, WAL archives and replicas keep a copy: KEKs are destroyed this long after their last live row left */
  backupRetentionDays: number;
  /** e-mail notifications; undefined (no SMTP_URL): no e-mail is written to the outbox or sent */
  mail?: MailConfig;
  /** days after a year's end before its annual report may be generated (docs/evaluation.md, section 8; default 60) */
  annualReportLagDays: number;
  /** days after a quarter's end before its equity counts are frozen (R9) */
  equityFreezeLagDays: number;
}

export interface MailConfig {
  smtpUrl: string;
  from: string;
  /** the web interface's address, without a trailing slash: the links in e-mails */
  publicUrl: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export function loadConfig(raw: NodeJS.ProcessEnv = process.env, warn: (m: string) => void = () => undefined): AppConfig {
  const env: Environment = validateEnvironment(raw);
  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const secrets = resolveSecrets({
    jwtSecret: env.JWT_SECRET || undefined,
    identityMasterKey: env.IDENTITY_MASTER_KEY || undefined,
    auditSigningKey: env.AUDIT_SIGNING_KEY ? pemOf(env.AUDIT_SIGNING_KEY) : undefined,
    auditVerifyKeyPinned: !!env.AUDIT_VERIFY_PUBLIC_KEY,
    production,
    dataDir,
    warn,
  });
  if (production && !env.IDENTITY_KEK_DIR) {
    warn('IDENTITY_KEK_DIR not set: the identity key-encryption keys are kept under DATA_DIR; in production keep them off the database host and out of its backups (SECURITY.md)');
  }
  const passwordHashProfile = env.PASSWORD_HASH_PROFILE ?? 'standard';
  if (passwordHashProfile !== 'standard' && env.NODE_ENV !== 'test') {
    throw new ConfigurationError(`PASSWORD_HASH_PROFILE=${passwordHashProfile} is for the test suites only: it needs NODE_ENV=test`);
  }
  return {
    port: env.PORT ?? 3000,
    production,
    passwordHashProfile,
    dataDir,
    databaseUrl: env.DATABASE_URL,
    databaseAppUrl: env.DATABASE_APP_URL,
    dbPoolSize: env.DB_POOL_SIZE ?? 10,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    jwtTtlSeconds: env.JWT_TTL_SECONDS ?? 3600,
    loginIpLimitPerMinute: env.LOGIN_IP_LIMIT_PER_MINUTE ?? 60,
    rateLimitEnabled: (env.RATE_LIMIT_ENABLED ?? 'true') === 'true',
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    bootstrapAdmin: env.BOOTSTRAP_ADMIN_EMAIL && env.BOOTSTRAP_ADMIN_PASSWORD ? { email: env.BOOTSTRAP_ADMIN_EMAIL, password: env.BOOTSTRAP_ADMIN_PASSWORD } : undefined,
    secrets,
    auditVerifyPublicKeys: publicKeysOf(env.AUDIT_VERIFY_PUBLIC_KEY),
    auditCheckpointDir: resolve(env.AUDIT_CHECKPOINT_DIR ?? dataDir),
    previousMasterKeys: (env.IDENTITY_MASTER_KEY_PREVIOUS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
      .map((k) => decodeMasterKey(k, 'IDENTITY_MASTER_KEY_PREVIOUS')),
    metricsToken: env.METRICS_TOKEN,
    identityKekDir: resolve(env.IDENTITY_KEK_DIR ?? resolve(dataDir, 'identity-keks')),
    backupRetentionDays: env.BACKUP_RETENTION_DAYS ?? 35,
    annualReportLagDays: env.ANNUAL_REPORT_LAG_DAYS ?? 60,
    equityFreezeLagDays: env.EQUITY_FREEZE_LAG_DAYS ?? 90,
    mail: env.SMTP_URL && env.MAIL_FROM && env.PUBLIC_URL ? { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, publicUrl: env.PUBLIC_URL.replace(/\/+$/, '') } : undefined,
  };
}

/** A PEM given as is, or base64-encoded (easier in environment files). */
function pemOf(value: string): string {
  return value.includes('-----BEGIN') ? value : Buffer.from(value, 'base64').toString('utf8');
}

/** One PEM, or comma-separated base64 of PEMs (one line each in an environment file). */
function publicKeysOf(value?: string): string[] {
  if (!value) return [];
  if (value.includes('-----BEGIN')) return [value];
  return value
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map(pemOf);
}

function parseTrustProxy(value?: string): boolean | string[] {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
