import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { AuditService } from '../audit/audit.service';
import { IdentityVaultService } from '../identity-vault/identity-vault.service';
import { NotificationService } from '../notifications/notification.service';
import { DormantSituation, SituationRecordsService } from '../situations/situation-records.service';
import type { ErasedCounts } from '../situations/domain/retention';
import { MinutesService } from './minutes.service';

const SYSTEM = { userId: null, agencyId: null, requestId: null };

/**
 * Retention that leaves no person-level history (issue 17, section 2; situations/domain/retention.ts),
 * as time-driven jobs (src/modules/jobs) that are safe on several servers at once: rows are claimed
 * with SKIP LOCKED or marked atomically, and each step is idempotent.
 *
 * - `eraseDue`: after the identity purge (the vault's job), every free text of each purged
 *   situation (and of each stub past its retention) is erased, one situation per transaction:
 *   the situations module's tables through SituationRecordsService, the approved minutes through
 *   MinutesService; one audit entry per situation names it and counts what was erased.
 * - `dormancy`: situations idle past their table's flag period are flagged and the coordinators
 *   notified; flagged and idle past the close period, the system closes them as DORMANT (audited).
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly situations: SituationRecordsService,
    private readonly minutes: MinutesService,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly vault: IdentityVaultService,
  ) {}

  /** Erases the free texts of every situation due; returns how many situations were erased. */
  async eraseDue(batch = 50): Promise<number> {
    let total = 0;
    for (;;) {
      const now = this.clock.now();
      const n = await this.db.transaction(async (m) => {
        const due = await this.situations.dueForTextErasure(m, now, batch);
        for (const s of due) {
          const counts: ErasedCounts = { ...(await this.situations.eraseTexts(m, s.id, now)), minutes: await this.minutes.eraseSituationTexts(m, s.tableId, s.id) };
          await this.audit.record(m, SYSTEM, {
            action: 'situation.texts_erase',
            tableId: s.tableId,
            situationId: s.id,
            details: { reference: s.reference, ...counts },
          });
        }
        return due.length;
      });
      total += n;
      if (n < batch) break;
    }
    if (total > 0) this.logger.log({ erased: total }, 'free texts erased');
    return total;
  }

  /**
   * Flags dormant situations, then closes those dormant past the close period; returns flagged +
   * closed. Each step runs in batches (one transaction a batch, claimed rows only) until none is left,
   * so a backlog is cleared in one run, not a batch an hour.
   */
  async dormancy(batch = 200): Promise<number> {
    const now = this.clock.now();
    let total = 0;
    for (;;) {
      const flagged = await this.db.transaction(async (m) => {
        const rows = await this.situations.claimDormantFlags(m, now, batch);
        for (const r of rows) {
          await this.audit.record(m, SYSTEM, { action: 'situation.dormant_flag', tableId: r.tableId, situationId: r.id, details: { idleDays: r.idleDays } });
        }
        return rows;
      });
      await this.notify(flagged, false, now);
      total += flagged.length;
      if (flagged.length < batch) break;
    }
    for (;;) {
      const closed = await this.db.transaction(async (m) => {
        const rows = await this.situations.closeDormant(m, now, batch);
        for (const r of rows) {
          // a dormant closure is a closure: the equity answers' counts move to CLOSED_OTHER (docs/evaluation.md, 6.5)
          await this.vault.restageEquity(m, r.tableId, r.id);
          await this.audit.record(m, SYSTEM, {
            action: 'situation.close_dormant',
            tableId: r.tableId,
            situationId: r.id,
            details: { from: r.from, to: 'CLOSED', conclusion: 'DORMANT', idleDays: r.idleDays },
          });
        }
        return rows;
      });
      await this.notify(closed, true, now);
      total += closed.length;
      if (closed.length < batch) break;
    }
    return total;
  }

  private async notify(rows: DormantSituation[], closed: boolean, at: Date): Promise<void> {
    for (const r of rows) {
      try {
        await this.notifications.notifyDormant({ tableId: r.tableId, situationId: r.id, reference: r.reference, idleDays: r.idleDays, closed, at });
      } catch (err) {
        this.logger.error({ err: (err as Error)?.name }, 'dormancy notification failed');
      }
    }
  }
}
