import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { AppendRow, AuditRepository, ChainHead } from './audit.repository';
import { AuditGroupCommit } from './audit-group-commit';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditHeadAuthority } from './audit-head-authority';
import { Actor, AuditEvent, SYSTEM_CHAIN } from './audit.types';
import { canonicalEntry, canonicalUuid, GENESIS_HASH } from './audit-hash';

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
    private readonly authority: AuditHeadAuthority,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  async record(manager: EntityManager, actor: Actor, event: AuditEvent): Promise<ChainHead> {
    const row = this.toRow(actor, event);
    const head = await this.repo.append(manager, row, this.authority);
    this.checkpoints.noteHead(row.chainId, head.seq);
    return head;
  }

  /**
   * An entry with no business transaction (reads, refusals, searches): group-committed with others
   * of its chain; resolves once committed.
   */
  async recordAlone(actor: Actor, event: AuditEvent): Promise<void> {
    const row = this.toRow(actor, event);
    const head = await this.groupCommit.append(row);
    this.checkpoints.noteHead(row.chainId, head.seq);
  }

  /** Every value canonicalised in one place (canonicalEntry): the hash covers exactly what is stored. */
  private toRow(actor: Actor, event: AuditEvent): AppendRow {
    return canonicalEntry({
      chainId: event.tableId ?? SYSTEM_CHAIN,
      at: this.clock.now(),
      actorId: actor.userId,
      actorAgencyId: actor.agencyId,
      tableId: event.tableId ?? null,
      action: event.action,
      outcome: event.outcome ?? 'SUCCESS',
      situationId: event.situationId ?? null,
      purpose: event.purpose ?? null,
      requestId: actor.requestId,
      details: event.details ?? {},
    });
  }

  /** For refusals: never let a failed audit write hide the refusal itself, but say so in the log. */
  async recordDenied(actor: Actor, event: AuditEvent): Promise<void> {
    try {
      await this.recordAlone(actor, { ...event, outcome: 'DENIED' });
    } catch (err) {
      this.logger.error({ action: event.action, err: (err as Error).name }, 'could not audit a refusal');
    }
  }

  createChain(manager: EntityManager, tableId: string): Promise<void> {
    return this.repo.createChain(manager, canonicalUuid(tableId), GENESIS_HASH);
  }
}
