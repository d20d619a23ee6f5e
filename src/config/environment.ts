import { plainToInstance, Transform } from 'class-transformer';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/** The process environment as the contract (api.md, "Running") names it, validated at start. */
export class Environment {
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATABASE_URL?: string;

  /** Optional runtime connection as the non-owner application role (see README, "Database roles"). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  DATABASE_APP_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR?: string;

  @IsOptional()
  @IsString()
  JWT_SECRET?: string;

  @IsOptional()
  @IsString()
  IDENTITY_MASTER_KEY?: string;

  /** Former master keys (comma-separated base64), readable until `identity:rotate-key` re-wraps. */
  @IsOptional()
  @IsString()
  IDENTITY_MASTER_KEY_PREVIOUS?: string;

  /** Directory of the identity key-encryption keys (one file per KEK, each wrapped by the master key); default DATA_DIR/identity-keks. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  IDENTITY_KEK_DIR?: string;

  /** Days the oldest backup, WAL archive or replica copy is kept: a KEK is destroyed this long after its last live row left it. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(3650)
  BACKUP_RETENTION_DAYS?: number;

  /** Days after a year's end before its annual report may be generated (docs/evaluation.md, section 8); default 60. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(365)
  ANNUAL_REPORT_LAG_DAYS?: number;

  /** Days after a quarter's end before its equity counts are frozen and may be published (docs/evaluation.md, 6.6); default 90. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(30)
  @Max(365)
  EQUITY_FREEZE_LAG_DAYS?: number;

  /** Ed25519 private key (PKCS#8 PEM, or its base64) signing audit checkpoints; generated outside production if absent. */
  /** Ed25519 private key (PKCS#8 PEM, or its base64) signing audit chain heads and checkpoints; required in production, generated elsewhere. */
  @IsOptional()
  @IsString()
  AUDIT_SIGNING_KEY?: string;

  /** Pinned Ed25519 public keys (SPKI PEM, or base64 of it; comma-separated) that verify audit heads and checkpoints. */
  @IsOptional()
  @IsString()
  AUDIT_VERIFY_PUBLIC_KEY?: string;

  /** Directory of the signed checkpoint file (a separate, append-only mount); DATA_DIR when unset. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUDIT_CHECKPOINT_DIR?: string;

  @IsOptional()
  @IsString()
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /**
   * argon2id's cost: `standard` (the OWASP minimum, the default) or `test-only-fast` (1 MiB, one pass),
   * which the test suites use to sign in thousands of invented users; refused unless NODE_ENV=test.
   */
  @IsOptional()
  @IsIn(['standard', 'test-only-fast'])
  PASSWORD_HASH_PROFILE?: 'standard' | 'test-only-fast';

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_IP_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @IsBooleanString()
  RATE_LIMIT_ENABLED?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(2)
  @Max(200)
  DB_POOL_SIZE?: number;

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /** Behind a reverse proxy: `true`, or proxy addresses/CIDRs (Fastify's trustProxy) so limits see client addresses. */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  /** Bearer token a Prometheus scraper presents at /metrics (16+ characters); without it /metrics is off. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /** SMTP server of the e-mail notifications (`smtp://user:pass@host:587`, `smtps://` for implicit TLS); without it no e-mail is sent. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Sender of the e-mail notifications (`Situation Table <no-reply@example.org>` or an address); required with SMTP_URL. */
  @IsOptional()
  @IsString()
  @MinLength(3)
  MAIL_FROM?: string;

  /** The address people open the web interface at (`https://situations.example.org`): the links in e-mails; required with SMTP_URL. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'PUBLIC_URL must be an http(s) URL without query or fragment' })
  PUBLIC_URL?: string;
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** Validates the raw environment; the message names variables, never their values. */
export function validateEnvironment(raw: NodeJS.ProcessEnv): Environment {
  const present = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(Environment, present, { excludeExtraneousValues: false });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const names = errors.map((e) => `${e.property} (${Object.keys(e.constraints ?? {}).join(', ')})`);
    throw new ConfigurationError(`Invalid environment: ${names.join('; ')}`);
  }
  if (env.SMTP_URL && (!env.MAIL_FROM || !env.PUBLIC_URL)) throw new ConfigurationError('Invalid environment: SMTP_URL needs MAIL_FROM and PUBLIC_URL');
  return env;
}
