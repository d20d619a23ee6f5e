import type { Actor } from './principal';

/** A refusal the access guard records (see AuditService.recordRefusal). */
export interface GuardRefusal {
  tableId: string;
  situationId: string | null;
  /** `METHOD /declared/route` */
  route: string;
  reason: string;
}

/** An audited refusal with its own entry. Ids, codes and counts only. */
export interface DeniedEvent {
  action: string;
  tableId?: string | null;
  situationId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * What the cross-cutting guards need of the audit trail, as an injection token: common/ imports no
 * feature module. The audit module provides it (useExisting: AuditService).
 */
export abstract class RefusalRecorder {
  /** Folded per actor, table and minute (probing cannot fill a chain). */
  abstract recordRefusal(actor: Actor, refusal: GuardRefusal): Promise<void>;
  /** One entry, written before the answer; a failed write is logged, never hides the refusal. */
  abstract recordDenied(actor: Actor, event: DeniedEvent): Promise<void>;
}
