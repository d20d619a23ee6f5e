import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RefusalRecorder } from '../../common/authz/refusal-recorder';
import { Clock } from '../../common/clock/clock';
import { AppendRow, AuditRepository, ChainHead } from './audit.repository';
import { AuditQueryRepository } from './audit-query.repository';
import { AuditGroupCommit } from './audit-group-commit';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditHeadAuthority } from './audit-head-authority';
import { Actor, AuditEvent, regionChain, SYSTEM_CHAIN } from './audit.types';
import { canonicalEntry, canonicalUuid, GENESIS_HASH } from './audit-hash';
import { Refusal, RefusalFolder, RefusalSummary } from './refusal-summary';

/** How often folded refusals of finished minutes are written. */
const REFUSAL_FLUSH_MS = 5_000;

/**
 * Writes the audit trail. `record` joins the caller's transaction (the entry commits or rolls back
 * with the change it records); `recordAlone` is group-committed, for reads, for refusals whose
 * business transaction rolled back, and for events with no transaction.
 */
@Injectable()
export class AuditService implements BeforeApplicationShutdown, RefusalRecorder {
  private readonly logger = new Logger('Audit');
  private readonly refusals = new RefusalFolder();
  private readonly refusalTimer: NodeJS.Timeout;

  constructor(
    private readonly repo: AuditRepository,
    private readonly groupCommit: AuditGroupCommit,
    private readonly clock: Clock,
    private readonly authority: AuditHeadAuthority,
    private readonly checkpoints: AuditCheckpoints,
    private readonly query: AuditQueryRepository,
  ) {
    this.refusalTimer = setInterval(() => void this.flushRefusals(), REFUSAL_FLUSH_MS);
    this.refusalTimer.unref();
  }

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
      chainId: event.tableId ?? (event.regionId ? regionChain(event.regionId) : SYSTEM_CHAIN),
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

  /**
   * An access refusal of the guard (non-member, wrong role): the first of an actor's minute at a
   * table is written at once, the rest are folded into one summarising entry (refusal-summary.ts),
   * so probing cannot fill a chain.
   */
  async recordRefusal(actor: Actor, refusal: Omit<Refusal, 'actorId' | 'actorAgencyId'>): Promise<void> {
    const now = this.clock.now();
    const first = this.refusals.add({ ...refusal, actorId: actor.userId, actorAgencyId: actor.agencyId }, now);
    const due = this.refusals.takeDue(now);
    await Promise.all([
      first
        ? this.recordDenied(actor, {
            action: 'access.denied',
            tableId: refusal.tableId,
            regionId: refusal.regionId,
            situationId: refusal.situationId,
            details: { route: refusal.route, reason: refusal.reason },
          })
        : undefined,
      ...due.map((s) => this.writeSummary(s)),
    ]);
  }

  /** Writes the summaries of finished minutes (all of them with `everything`). */
  async flushRefusals(everything = false): Promise<void> {
    await Promise.all(this.refusals.takeDue(this.clock.now(), everything).map((s) => this.writeSummary(s)));
  }

  private writeSummary(s: RefusalSummary): Promise<void> {
    return this.recordDenied(
      { userId: s.actorId, agencyId: s.actorAgencyId, requestId: null },
      {
        action: 'access.denied',
        tableId: s.tableId,
        regionId: s.regionId,
        situationId: s.situationIds.length === 1 ? s.situationIds[0] : null,
        details: { summary: true, count: s.count, minuteStart: s.minuteStart, routes: s.routes, reasons: s.reasons, situationIds: s.situationIds },
      },
    );
  }

  /** Folded refusals are written before the appender's pool closes (onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.refusalTimer);
    await this.flushRefusals(true);
  }

  /**
   * The details of the newest successful `action` entry of a situation, parsed (the identity vault
   * compares its row version with the one its last write recorded). Null when there is none.
   */
  async lastSuccessDetails(tableId: string, situationId: string, action: string): Promise<Record<string, unknown> | null> {
    const text = await this.repo.lastSuccessDetails(tableId, situationId, action);
    return text ? (JSON.parse(text) as Record<string, unknown>) : null;
  }

  /**
   * A user's own identity reads at the given tables (`identity.read`, successful or refused), newest
   * first, `limit` of them after the keyset `before` (at, table, seq). The purpose is the code and
   * the note as stored: the note was checked like any free text before it was written.
   */
  async identityReadsBy(actorId: string, tableIds: string[], before: readonly [string, string, string] | null, limit: number): Promise<OwnIdentityRead[]> {
    if (tableIds.length === 0) return [];
    const rows = await this.query.readsBy(
      actorId,
      tableIds.map((id) => canonicalUuid(id)),
      before,
      limit,
    );
    return rows.map((r) => {
      let d: { purposeCode?: unknown; purposeNote?: unknown } = {};
      try {
        d = JSON.parse(r.details) as typeof d;
      } catch {
        d = {};
      }
      return {
        at: new Date(r.at),
        tableId: r.chainId,
        seq: r.seq,
        situationId: r.situationId,
        outcome: r.outcome === 'DENIED' ? 'DENIED' : 'SUCCESS',
        purposeCode: typeof d.purposeCode === 'string' ? d.purposeCode : null,
        purposeNote: typeof d.purposeNote === 'string' ? d.purposeNote : null,
      };
    });
  }

  createChain(manager: EntityManager, tableId: string): Promise<void> {
    return this.repo.createChain(manager, canonicalUuid(tableId), GENESIS_HASH);
  }

  /** The head of a new region's chain, in the transaction that creates the region (R12). */
  createRegionChain(manager: EntityManager, regionId: string): Promise<void> {
    return this.repo.createChain(manager, regionChain(regionId), GENESIS_HASH);
  }
}

/** One identity read by the user who asks for their own (`identityReadsBy`). */
export interface OwnIdentityRead {
  at: Date;
  tableId: string;
  seq: string;
  situationId: string | null;
  outcome: 'SUCCESS' | 'DENIED';
  purposeCode: string | null;
  purposeNote: string | null;
}
