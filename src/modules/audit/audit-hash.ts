import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The fields of an audit entry that its hash covers (everything stored but seq and the hashes). */
export interface AuditPayload {
  chainId: string;
  at: string; // ISO 8601, milliseconds
  actorId: string | null;
  actorAgencyId: string | null;
  tableId: string | null;
  action: string;
  outcome: 'SUCCESS' | 'DENIED';
  situationId: string | null;
  purpose: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** RFC 8785 canonical JSON of the payload: the exact bytes the hash covers. */
export function canonicalPayload(p: AuditPayload): string {
  return canonicalize(p) as string;
}

export function canonicalDetails(details: Record<string, unknown>): string {
  return canonicalize(details) as string;
}

/** hash = SHA-256(prev_hash | seq | canonical payload), hex. The SQL append computes the same. */
export function entryHash(prevHash: string, seq: number | string, canonical: string): string {
  return createHash('sha256').update(`${prevHash}|${seq}|${canonical}`, 'utf8').digest('hex');
}
