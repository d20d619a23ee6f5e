import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { ErrorCode } from '../../common/errors/error-codes';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { SituationRecordsService } from '../situations/situation-records.service';
import { FORMAT_V2 } from './envelope-crypto';
import { IdentityIntegrityError, IdentitySealer } from './identity-sealer';
import { IdentityVaultRepository, VaultRow } from './identity-vault.repository';
import { decideKek, epochOfKek, newestPerEpoch, openEpoch, purgeEpoch } from './kek-policy';
import { KEK_STORE, KeyEncryptionKeyStore, KeyUnavailableError } from './kek-store';
import { BlindIndexKeyStore } from './blind-index-keys';
import { EquityRepository } from './equity.repository';
import { BlindIndexRepository } from './blind-index.repository';
import { BLIND_INDEX_KEYS, BlindIndexer } from './blind-indexer';
import { Subject, SubjectFormatError, subjectOf } from './subject';

const SYSTEM = { userId: null, agencyId: null, requestId: null };
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

export interface RowFailure {
  situationId: string;
  tableId: string;
  /** the integrity check that failed, or `key-unavailable` (its KEK or master key is not configured here) */
  reason: string;
}

export interface RotationProgress {
  done: number;
  total: number;
  failed: number;
}

export interface RotationReport {
  total: number;
  rewrapped: number;
  reencrypted: number;
  upgraded: number;
  keksRewrapped: number;
  /** blind index keys re-wrapped under the current master key */
  indexKeysRewrapped: number;
  failed: RowFailure[];
}

export interface ReindexReport {
  total: number;
  /** rows indexed again */
  indexed: number;
  /** persons indexed (with names and a date of birth) */
  persons: number;
  keyId: string;
  newKey: boolean;
  /** keys destroyed once every live row was indexed under `keyId` */
  keysDestroyed: string[];
  failed: RowFailure[];
}

export interface KekSweep {
  retired: string[];
  destroyed: string[];
}

/**
 * The vault's time- and operator-driven key work: moving data keys to the KEK of their purge month,
 * crypto-shredding (rows, then KEKs), and rotation. A row that does not open is reported and
 * skipped, never the end of a run.
 */
@Injectable()
export class IdentityVaultMaintenance {
  private readonly logger = new Logger('IdentityVault');

  constructor(
    private readonly repo: IdentityVaultRepository,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly sealer: IdentitySealer,
    @Inject(KEK_STORE) private readonly keks: KeyEncryptionKeyStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly situations: SituationRecordsService,
    private readonly blindIndex: BlindIndexer,
    @Inject(BLIND_INDEX_KEYS) private readonly indexKeys: BlindIndexKeyStore,
    private readonly indexRepo: BlindIndexRepository,
    private readonly equity: EquityRepository,
  ) {}

  /**
   * The scheduled purge: closed situations' data keys move to the KEK of their purge month, due
   * identities are shredded, then KEKs no live row needs are retired and, a backup retention
   * later, destroyed. Returns the number of situations purged.
   */
  async purgeDue(batch = 200): Promise<number> {
    await this.moveToPurgeEpochs(batch);
    let total = 0;
    for (;;) {
      const now = this.clock.now();
      const purged = await this.db.transaction(async (m) => {
        // Due situations (locked), their identities shredded, then all marked purged, even those without one.
        const due = await this.situations.dueForIdentityPurge(m, now, batch);
        if (due.length === 0) return 0;
        const ids = due.map((d) => d.situationId);
        // The blind index first: a purged situation can no longer be found by an access request.
        await this.blindIndex.remove(m, ids);
        // The equity answers go with the data key that seals them (docs/evaluation.md, 6.5); their counts stay.
        const hadEquity = await this.equity.removeAll(m, ids);
        const had = await this.repo.shred(m, ids, now);
        await this.situations.markIdentityPurged(m, ids, now);
        for (const r of due) {
          await this.audit.record(m, SYSTEM, {
            action: 'identity.purge',
            tableId: r.tableId,
            situationId: r.situationId,
            details: { hadIdentity: had.has(r.situationId), ...(hadEquity.has(r.situationId) ? { hadEquity: true } : {}) },
          });
        }
        return due.length;
      });
      total += purged;
      if (purged < batch) break;
    }
    if (total > 0) this.logger.log({ purged: total }, 'identity purge');
    await this.sweepKeks();
    return total;
  }

  /** Re-wraps the data key of every closed situation under the KEK of its purge month (v1 rows are upgraded). */
  async moveToPurgeEpochs(batch = 200): Promise<{ moved: number; failed: RowFailure[] }> {
    let moved = 0;
    const failed: RowFailure[] = [];
    let after = FIRST_ID;
    for (;;) {
      const now = this.clock.now();
      const n = await this.db.transaction(async (m) => {
        const rows = await this.repo.awaitingPurgeEpoch(m, now, after, batch);
        for (const row of rows) {
          const failure = await this.attempt(row, async () => {
            await this.resealRow(m, row, purgeEpoch(row.identityPurgeAt), now, false);
          });
          if (failure) failed.push(failure);
          else moved++;
        }
        if (rows.length) after = rows[rows.length - 1].situationId;
        return rows.length;
      });
      if (n < batch) break;
    }
    if (failed.length) this.logger.warn({ failed: failed.length, situations: failed.map((f) => f.situationId).slice(0, 20) }, 'identity rows not moved to their purge epoch');
    return { moved, failed };
  }

  /** Retires KEKs that take no new keys and wrap no live row; destroys those retired a backup retention ago. */
  async sweepKeks(): Promise<KekSweep> {
    const now = this.clock.now();
    const all = await this.keks.list();
    if (all.length === 0) return { retired: [], destroyed: [] };
    const refs = await this.repo.liveRowsPerKek(
      this.db,
      all.map((k) => k.id),
    );
    const newest = newestPerEpoch(all);
    const out: KekSweep = { retired: [], destroyed: [] };
    for (const k of all) {
      const decision = decideKek(k, refs.get(k.id) ?? 0, newest.get(k.epoch)?.id !== k.id, now, this.config.backupRetentionDays);
      if (decision === 'retire') {
        await this.keks.setRetired(k.id, now);
        out.retired.push(k.id);
      } else if (decision === 'unretire') {
        await this.keks.setRetired(k.id, null);
      } else if (decision === 'destroy') {
        await this.keks.destroy(k.id);
        out.destroyed.push(k.id);
        await this.audit.recordAlone(SYSTEM, { action: 'identity.kek-destroy', details: { kekId: k.id, epoch: k.epoch, retiredAt: k.retiredAt?.toISOString() ?? null } });
      }
    }
    if (out.destroyed.length || out.retired.length) this.logger.log({ retired: out.retired.length, destroyed: out.destroyed.length }, 'identity KEK sweep');
    return out;
  }

  /**
   * Rotation after a master key change: every KEK re-wrapped under the current master key, every
   * live data key re-wrapped under the newest KEK of its epoch, v1 rows upgraded. With `reencrypt`
   * (a master key or KEK is known compromised) every epoch gets a fresh KEK and every row a fresh
   * data key and fresh ciphertexts; the superseded KEKs are destroyed a backup retention later.
   */
  async rotate(opts: { reencrypt?: boolean; batch?: number; onProgress?: (p: RotationProgress) => void } = {}): Promise<RotationReport> {
    const batch = opts.batch ?? 200;
    const reencrypt = opts.reencrypt ?? false;
    const report: RotationReport = {
      total: await this.repo.countLive(this.db),
      rewrapped: 0,
      reencrypted: 0,
      upgraded: 0,
      keksRewrapped: await this.keks.rewrapAll(),
      indexKeysRewrapped: await this.indexKeys.rewrapAll(),
      failed: [],
    };
    const freshened = new Set<string>();
    let after = FIRST_ID;
    let done = 0;
    for (;;) {
      const now = this.clock.now();
      const n = await this.db.transaction(async (m) => {
        const rows = await this.repo.liveBatch(m, after, batch);
        const counts = { rewrapped: 0, reencrypted: 0, upgraded: 0 };
        for (const row of rows) {
          const epoch = row.identityPurgeAt ? purgeEpoch(row.identityPurgeAt) : row.kekId ? epochOfKek(row.kekId) : openEpoch(now);
          const failure = await this.attempt(row, async () => {
            if (reencrypt && !freshened.has(epoch)) {
              await this.keks.create(epoch, now);
              freshened.add(epoch);
            }
            const upgrade = row.format !== FORMAT_V2;
            await this.resealRow(m, row, epoch, now, reencrypt);
            counts[upgrade ? 'upgraded' : reencrypt ? 'reencrypted' : 'rewrapped']++;
          });
          if (failure) {
            report.failed.push(failure);
            await this.audit.record(m, SYSTEM, {
              action: 'identity.rekey',
              outcome: 'DENIED',
              tableId: failure.tableId,
              situationId: failure.situationId,
              details: { reason: failure.reason === 'key-unavailable' ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.IDENTITY_INTEGRITY_FAILURE, check: failure.reason },
            });
          }
        }
        if (rows.length) {
          after = rows[rows.length - 1].situationId;
          const changed = counts.rewrapped + counts.reencrypted + counts.upgraded;
          if (changed) await this.audit.record(m, SYSTEM, { action: 'identity.rekey', details: { ...counts, count: changed, reencrypt } });
          report.rewrapped += counts.rewrapped;
          report.reencrypted += counts.reencrypted;
          report.upgraded += counts.upgraded;
        }
        return rows.length;
      });
      done += n;
      opts.onProgress?.({ done, total: Math.max(report.total, done), failed: report.failed.length });
      if (n < batch) break;
    }
    if (reencrypt) await this.sweepKeks();
    return report;
  }

  /**
   * The blind index rebuilt from the vault: every live row opened and its persons indexed under the
   * newest key (`newKey`: a new one, made first). When every row was indexed, tokens of other keys
   * are dropped and those keys destroyed (a rotation); a row that does not open keeps its old
   * tokens and every key is kept. Audited on the system chain (counts and the key id only).
   */
  async reindex(opts: { newKey?: boolean; batch?: number; onProgress?: (p: RotationProgress) => void } = {}): Promise<ReindexReport> {
    const batch = opts.batch ?? 200;
    const newKey = opts.newKey ?? false;
    const start = this.clock.now();
    const key = newKey ? await this.indexKeys.create(start) : await this.indexKeys.newest(start);
    const report: ReindexReport = { total: await this.repo.countLive(this.db), indexed: 0, persons: 0, keyId: key.id, newKey, keysDestroyed: [], failed: [] };
    let after = FIRST_ID;
    for (;;) {
      const n = await this.db.transaction(async (m) => {
        const rows = await this.repo.liveBatch(m, after, batch);
        for (const row of rows) {
          const failure = await this.attempt(row, async () => {
            const opened = await this.sealer.open(row);
            let subject: Subject;
            try {
              subject = subjectOf(opened.values);
            } catch (err) {
              if (err instanceof SubjectFormatError) throw new IdentityIntegrityError('format');
              throw err;
            }
            report.persons += await this.blindIndex.index(m, row.tableId, row.situationId, subject, key);
            report.indexed++;
          });
          if (failure) report.failed.push(failure);
        }
        if (rows.length) after = rows[rows.length - 1].situationId;
        return rows.length;
      });
      opts.onProgress?.({ done: report.indexed + report.failed.length, total: Math.max(report.total, report.indexed), failed: report.failed.length });
      if (n < batch) break;
    }
    if (report.failed.length === 0) {
      await this.indexRepo.dropOtherKeys(this.db, key.id);
      for (const other of await this.indexKeys.all()) {
        if (other.id === key.id) continue;
        await this.indexKeys.destroy(other.id);
        report.keysDestroyed.push(other.id);
      }
    }
    await this.audit.recordAlone(SYSTEM, {
      action: 'identity.reindex',
      details: { indexed: report.indexed, persons: report.persons, failed: report.failed.length, keyId: key.id, newKey, keysDestroyed: report.keysDestroyed.length },
    });
    return report;
  }

  /**
   * A row under another KEK (and, `fresh` or upgraded, a new data key: its equity answers sealed again
   * under it). Answers that do not open under a row that does are dropped (audited `equity.drop`, their
   * counts stay in the tallies, as when an identity is written over a broken row): a bad answers'
   * ciphertext must not keep the identity under an old key, nor that key alive.
   */
  private async resealRow(m: EntityManager, row: VaultRow, epoch: string, now: Date, fresh: boolean): Promise<void> {
    let equity = await this.equity.find(m, row.situationId, row.tableId, true);
    let sealed;
    try {
      sealed = await this.sealer.reseal(row, epoch, now, fresh, equity?.ciphertext ?? null);
    } catch (err) {
      if (!(err instanceof IdentityIntegrityError) || err.check !== 'equity') throw err;
      await this.equity.remove(m, row.situationId, row.tableId);
      await this.audit.record(m, SYSTEM, {
        action: 'equity.drop',
        tableId: row.tableId,
        situationId: row.situationId,
        details: { reason: ErrorCode.IDENTITY_INTEGRITY_FAILURE, check: 'equity' },
      });
      equity = null;
      sealed = await this.sealer.reseal(row, epoch, now, fresh, null);
    }
    await this.repo.reseal(m, row.situationId, sealed);
    if (equity?.ciphertext && sealed.equity && sealed.equity !== equity.ciphertext) await this.equity.rekey(m, row.situationId, sealed.equity, row.rowVersion);
  }

  /** Runs one row's work; an unreadable row becomes a failure to report, anything else is thrown. */
  private async attempt(row: VaultRow, work: () => Promise<void>): Promise<RowFailure | null> {
    try {
      await work();
      return null;
    } catch (err) {
      if (err instanceof IdentityIntegrityError) return { situationId: row.situationId, tableId: row.tableId, reason: err.check };
      if (err instanceof KeyUnavailableError) return { situationId: row.situationId, tableId: row.tableId, reason: 'key-unavailable' };
      throw err;
    }
  }
}
