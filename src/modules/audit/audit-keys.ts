import { createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ConfigurationError } from '../../config/environment';

/**
 * The audit trail's keys, outside the database: an Ed25519 private key that signs every chain head
 * the server writes (and the checkpoints), and the public keys that verify them. Verification
 * needs only a public key (`AUDIT_VERIFY_PUBLIC_KEY`, pinned), so an auditor can verify without
 * the power to sign; without a pin, the public key is derived from `AUDIT_SIGNING_KEY`.
 */
export class AuditKeys {
  constructor(
    private readonly privateKey: KeyObject | null,
    private readonly publicKeys: readonly KeyObject[],
  ) {}

  /** As the server needs them: able to sign (a ConfigurationError otherwise). */
  static forServer(config: Pick<AppConfig, 'secrets' | 'auditVerifyPublicKeys'>): AuditKeys {
    const { privateKey, publicKeys } = AuditKeys.parse(config);
    if (!privateKey) throw new ConfigurationError('AUDIT_SIGNING_KEY is required to write the audit trail (a verification key alone only verifies)');
    return new AuditKeys(privateKey, publicKeys);
  }

  /** For verification only (the CLI's audit:verify): the pinned public keys, or the signing key's. */
  static forVerification(config: Pick<AppConfig, 'secrets' | 'auditVerifyPublicKeys'>): AuditKeys {
    const { privateKey, publicKeys } = AuditKeys.parse(config);
    return new AuditKeys(privateKey, publicKeys);
  }

  /** Parses and cross-checks the configured keys (also called at start, so a bad key stops it). */
  static parse(config: Pick<AppConfig, 'secrets' | 'auditVerifyPublicKeys'>): { privateKey: KeyObject | null; publicKeys: KeyObject[] } {
    let privateKey: KeyObject | null = null;
    if (config.secrets.auditSigningKey) {
      try {
        privateKey = createPrivateKey(config.secrets.auditSigningKey);
      } catch {
        throw new ConfigurationError('AUDIT_SIGNING_KEY is not a PKCS#8 PEM private key (or its base64)');
      }
      if (privateKey.asymmetricKeyType !== 'ed25519') throw new ConfigurationError('AUDIT_SIGNING_KEY must be an Ed25519 key');
    }
    const pinned = config.auditVerifyPublicKeys.map((pem) => {
      try {
        const key = createPublicKey(pem);
        if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
        return key;
      } catch {
        throw new ConfigurationError('AUDIT_VERIFY_PUBLIC_KEY must hold Ed25519 public keys (SPKI PEM, or its base64), comma-separated');
      }
    });
    if (privateKey && pinned.length > 0) {
      const own = createPublicKey(privateKey);
      if (!pinned.some((k) => k.equals(own))) throw new ConfigurationError('AUDIT_SIGNING_KEY does not match any key of AUDIT_VERIFY_PUBLIC_KEY');
    }
    const publicKeys = pinned.length > 0 ? pinned : privateKey ? [createPublicKey(privateKey)] : [];
    if (publicKeys.length === 0) throw new ConfigurationError('the audit trail needs AUDIT_SIGNING_KEY or AUDIT_VERIFY_PUBLIC_KEY');
    return { privateKey, publicKeys };
  }

  get canSign(): boolean {
    return this.privateKey !== null;
  }

  /** Ed25519 signature (base64) of a chain head as the server wrote it. */
  signHead(chainId: string, seq: string, hash: string): string {
    return this.sign(headMessage(chainId, seq, hash));
  }

  verifyHead(chainId: string, seq: string, hash: string, sig: string): boolean {
    return this.verify(headMessage(chainId, seq, hash), sig);
  }

  sign(message: Buffer): string {
    if (!this.privateKey) throw new ConfigurationError('AUDIT_SIGNING_KEY is required to sign');
    return sign(null, message, this.privateKey).toString('base64');
  }

  /** True when any trusted public key verifies the signature (several during a key rotation). */
  verify(message: Buffer, sig: string): boolean {
    let bytes: Buffer;
    try {
      bytes = Buffer.from(sig, 'base64');
    } catch {
      return false;
    }
    return this.publicKeys.some((key) => {
      try {
        return verify(null, message, key, bytes);
      } catch {
        return false;
      }
    });
  }
}

/** Domain-separated from checkpoint messages (`chainId|seq|head|at`), which never start with this. */
const headMessage = (chainId: string, seq: string, hash: string): Buffer => Buffer.from(`audit-head:v1|${chainId}|${seq}|${hash}`, 'utf8');

/** The Nest provider: the server's keys, from the configuration. */
export const AUDIT_KEYS_PROVIDER = { provide: AuditKeys, useFactory: (config: AppConfig) => AuditKeys.forServer(config), inject: [APP_CONFIG] };
