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

/** A stored entry as the verifier reads it: every field as text, details as stored (canonical). */
export type StoredPayload = Omit<AuditPayload, 'details'>;

const str = (v: string | null): string => (v === null ? 'null' : JSON.stringify(v));

/**
 * The same bytes as `canonicalPayload`, built by concatenation from a stored entry whose details
 * text is already canonical (as `canonicalDetails` wrote it): keys in RFC 8785 order, strings
 * serialised as JSON.stringify does. Ten times faster than re-canonicalising, for verifying
 * millions of entries; a details text that is not canonical no longer matches its hash, as it
 * should not. Equivalence with the library is property-tested in audit-hash.spec.ts.
 */
export function canonicalStoredPayload(p: StoredPayload, detailsText: string): string {
  return (
    `{"action":${str(p.action)},"actorAgencyId":${str(p.actorAgencyId)},"actorId":${str(p.actorId)},"at":${str(p.at)},` +
    `"chainId":${str(p.chainId)},"details":${detailsText},"outcome":${str(p.outcome)},"purpose":${str(p.purpose)},` +
    `"requestId":${str(p.requestId)},"situationId":${str(p.situationId)},"tableId":${str(p.tableId)}}`
  );
}
