import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { AppendRow, AuditRepository } from './audit.repository';
import { AuditGroupCommit } from './audit-group-commit';
import { Actor, AuditEvent, SYSTEM_CHAIN } from './audit.types';
import { canonicalDetails, canonicalPayload, GENESIS_HASH } from './audit-hash';

/**
 * Writes the audit trail. `record` joins the caller's transaction (the entry commits or rolls back
 * with the change it records); `recordAlone` is group-committed, for reads, for refusals whose
 * business transaction rolled back, and for events with no transaction.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly repo: AuditRepository,
    private readonly groupCommit: AuditGroupCommit,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, actor: Actor, event: AuditEvent): Promise<{ seq: string; hash: string }> {
    return this.repo.append(manager, this.toRow(actor, event));
  }

  /**
   * An entry with no business transaction (reads, refusals, searches): group-committed with others
   * of its chain; resolves once committed.
   */
  async recordAlone(actor: Actor, event: AuditEvent): Promise<void> {
    await this.groupCommit.append(this.toRow(actor, event));
  }

  private toRow(actor: Actor, event: AuditEvent): AppendRow {
    const chainId = event.tableId ?? SYSTEM_CHAIN;
    const at = this.clock.now();
    const details = event.details ?? {};
    const payload = {
      chainId,
      at: at.toISOString(),
      actorId: actor.userId,
      actorAgencyId: actor.agencyId,
      tableId: event.tableId ?? null,
      action: event.action,
      outcome: event.outcome ?? 'SUCCESS',
      situationId: event.situationId ?? null,
      purpose: event.purpose ?? null,
      requestId: actor.requestId,
      details,
    } as const;
    return { ...payload, at, canonical: canonicalPayload(payload), details: canonicalDetails(details) };
  }

  /** For refusals: never let a failed audit write hide the refusal itself, but say so in the log. */
  async recordDenied(actor: Actor, event: AuditEvent): Promise<void> {
    try {
      await this.recordAlone(actor, { ...event, outcome: 'DENIED' });
    } catch (err) {
      this.logger.error({ action: event.action, err: (err as Error).name }, 'could not audit a refusal');
    }
  }

  /**
   * The details of the newest successful `action` entry of a situation, parsed (the identity vault
   * compares its row version with the one its last write recorded). Null when there is none.
   */
  async lastSuccessDetails(tableId: string, situationId: string, action: string): Promise<Record<string, unknown> | null> {
    const text = await this.repo.lastSuccessDetails(tableId, situationId, action);
    return text ? (JSON.parse(text) as Record<string, unknown>) : null;
  }

  createChain(manager: EntityManager, tableId: string): Promise<void> {
    return this.repo.createChain(manager, tableId, GENESIS_HASH);
  }
}
