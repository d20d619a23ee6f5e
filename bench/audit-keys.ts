// The bench server's audit signing key, generated once per run: the server gets it (AUDIT_SIGNING_KEY),
// the seeder signs the heads of the chains it bulk-inserts with it, and the database floors append
// exactly as the server does (vouch for the head, sign the new one).
import { generateKeyPairSync } from 'node:crypto';
import { AuditHeadAuthority } from '../src/modules/audit/audit-head-authority';
import { AuditKeys } from '../src/modules/audit/audit-keys';

const PEM = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** For the server's environment: base64 of the PKCS#8 PEM. */
export const BENCH_AUDIT_SIGNING_KEY = Buffer.from(PEM).toString('base64');
export const BENCH_AUDIT_KEYS = AuditKeys.forServer({ secrets: { auditSigningKey: PEM } as never, auditVerifyPublicKeys: [] });
export const BENCH_HEAD_AUTHORITY = new AuditHeadAuthority(BENCH_AUDIT_KEYS);
