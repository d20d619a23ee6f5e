import type { Actor } from '../../common/authz/principal';
import { canonicalUuid } from './audit-hash';

export const SYSTEM_CHAIN = 'system';

/**
 * The chain of a region (docs/evaluation.md, R12): its reads, its changes and the reviews of its
 * trail. A region's id is a uuid, so `region:` keeps its chain apart from every table's.
 */
export function regionChain(regionId: string): string {
  return `region:${canonicalUuid(regionId)}`;
}
export type AuditOutcome = 'SUCCESS' | 'DENIED';

/** What a caller records; `details` hold opaque ids, codes and counts only, never personal data. */
export interface AuditEvent {
  action: string;
  outcome?: AuditOutcome;
  tableId?: string | null;
  /** with no `tableId`: the entry goes on this region's chain (regionChain), not the system chain */
  regionId?: string | null;
  situationId?: string | null;
  purpose?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  chainId: string;
  seq: string;
  at: Date;
  actorId: string | null;
  actorAgencyId: string | null;
  tableId: string | null;
  action: string;
  outcome: AuditOutcome;
  situationId: string | null;
  purpose: string | null;
  requestId: string | null;
  details: string;
  prevHash: string;
  hash: string;
}

export type { Actor };

/** An entry as verification reads it: all text, `at` in ISO 8601 with milliseconds. */
export interface StoredEntry extends Omit<AuditRecord, 'at'> {
  at: string;
}
