import type { Actor } from './principal';

/** A refusal the access guard records (see AuditService.recordRefusal). */
export interface GuardRefusal {
  /** the table refused; null for a region's (then `regionId`: the refusal goes on the region's chain) */
  tableId: string | null;
  regionId?: string;
  situationId: string | null;
  /** `METHOD /declared/route` */
  route: string;
  reason: string;
}

/** An audited refusal with its own entry. Ids, codes and counts only. */
export interface DeniedEvent {
  action: string;
  tableId?: string | null;
  regionId?: string | null;
  situationId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * What the cross-cutting guards need of the audit trail, as an injection token: common/ imports no
 * feature module. The audit module provides it (useExisting: AuditService).
 */
export abstract class RefusalRecorder {
  /** Folded per actor, table (or region) and minute (probing cannot fill a chain). */
  abstract recordRefusal(actor: Actor, refusal: GuardRefusal): Promise<void>;
  /** One entry, written before the answer; a failed write is logged, never hides the refusal. */
  abstract recordDenied(actor: Actor, event: DeniedEvent): Promise<void>;
}
