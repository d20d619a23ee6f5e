import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { I18nService } from 'nestjs-i18n';
import { Readable } from 'node:stream';
import { Actor, TableScope } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { csvBatchStream } from '../../common/http/csv';
import type { Language } from '../../common/http/language';
import { DomainError } from '../../common/errors/domain-error';
import { decodeCursor, encodeCursor, Page, pageLimit, SEQ_CURSOR, toPage } from '../../common/http/pagination';
import { AuditFilter, AuditQueryRepository, NamedAuditRecord } from './audit-query.repository';
import {
  AccessLogQuery,
  AccessLogView,
  AnomaliesView,
  AnomalyQuery,
  AuditActorsView,
  AuditEntryView,
  AuditFilterQuery,
  RegionAuditQuery,
  SignInEventView,
  SignInHistoryQuery,
  VerifyView,
} from './audit-query.dto';
import { signInReason } from './sign-in-events';
import { AuditService } from './audit.service';
import { AuditRecord, regionChain } from './audit.types';
import { AuditVerifier } from './audit-verifier';
import { Anomaly, AnomalyThresholds, DEFAULT_THRESHOLDS, findAnomalies, findIdentityGuesses, findIntegrityFailures, findProbing, thresholdProblems } from './anomaly-rules';
import { AnomalyThresholdsDto, AnomalyThresholdsView } from './anomaly-thresholds.dto';
import { AnomalyThresholdsRepository, ThresholdsRow } from './anomaly-thresholds.repository';

/** Entries a keyset page of the CSV export reads (two pages are held at once: the one written and the next, read meanwhile). */
const EXPORT_BATCH = 1000;
const MAX_ACTORS = 1000;
/** The trail's columns, then the names of the ids (last, so that a reader of the earlier export finds its columns where they were). */
export const CSV_COLUMNS = [
  'seq',
  'at',
  'actorId',
  'actorAgencyId',
  'action',
  'outcome',
  'situationId',
  'purpose',
  'requestId',
  'details',
  'prevHash',
  'hash',
  'actorDisplayName',
  'actorAgencyName',
];
const SIGN_IN_CURSOR = ['time', 'seq'] as const;

/** A trail and where its review is recorded: a table's chain, or a region's (R12). */
interface TrailAt {
  chainId: string;
  tableId?: string;
  regionId?: string;
}

export function mapEntry(e: AuditRecord & Partial<Pick<NamedAuditRecord, 'actorDisplayName' | 'actorAgencyName'>>): AuditEntryView {
  let details: Record<string, unknown> = {};
  try {
    details = JSON.parse(e.details) as Record<string, unknown>;
  } catch {
    details = { unreadable: true };
  }
  return {
    seq: e.seq,
    at: new Date(e.at).toISOString(),
    actorId: e.actorId,
    actorDisplayName: e.actorDisplayName ?? null,
    actorAgencyId: e.actorAgencyId,
    actorAgencyName: e.actorAgencyName ?? null,
    action: e.action,
    outcome: e.outcome,
    situationId: e.situationId,
    purpose: e.purpose,
    requestId: e.requestId,
    details,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}

/**
 * The privacy officer's view of a table's audit trail: search, export, verification, access logs
 * and anomaly flags. Every use of it is itself audited.
 */
@Injectable()
export class AuditReviewService {
  constructor(
    private readonly query: AuditQueryRepository,
    private readonly audit: AuditService,
    private readonly verifier: AuditVerifier,
    private readonly clock: Clock,
    private readonly i18n: I18nService,
    private readonly thresholdsRepo: AnomalyThresholdsRepository,
    private readonly db: DataSource,
  ) {}

  search(scope: TableScope, actor: Actor, q: AuditFilterQuery): Promise<Page<AuditEntryView>> {
    return this.searchChain({ chainId: scope.tableId, tableId: scope.tableId }, actor, q);
  }

  /** A region's trail (R12), for administrators: its reads and changes, newest first; the search is recorded on it. */
  regionTrail(regionId: string, actor: Actor, q: RegionAuditQuery): Promise<Page<AuditEntryView>> {
    return this.searchChain({ chainId: regionChain(regionId), regionId }, actor, q);
  }

  private async searchChain(at: TrailAt, actor: Actor, q: AuditFilterQuery): Promise<Page<AuditEntryView>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, SEQ_CURSOR);
    const filter = { ...toFilter(at.chainId, q), beforeSeq: cursor ? String(cursor[0]) : undefined };
    const rows = await this.query.page(filter, limit + 1);
    await this.audit.recordAlone(actor, {
      action: 'audit.search',
      tableId: at.tableId,
      regionId: at.regionId,
      details: { filter: describe(q), returned: Math.min(rows.length, limit) },
    });
    const items = rows.slice(0, limit).map(mapEntry);
    return { items, nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].seq]) : null };
  }

  /**
   * A CSV stream of the filtered trail, newest first, read in keyset batches (constant memory), in
   * the caller's language's CSV format with its header; the cells are the trail's own codes,
   * identifiers and hashes in both languages (api.md, "CSV").
   */
  async exportCsv(scope: TableScope, actor: Actor, q: AuditFilterQuery, lang: Language = 'en'): Promise<Readable> {
    await this.audit.recordAlone(actor, { action: 'audit.export', tableId: scope.tableId, details: { filter: describe(q) } });
    const base = toFilter(scope.tableId, q);
    const repo = this.query;
    type Page = Awaited<ReturnType<typeof repo.page>>;
    const cells = (e: Page[number]): string[] => [
      e.seq,
      new Date(e.at).toISOString(),
      e.actorId ?? '',
      e.actorAgencyId ?? '',
      e.action,
      e.outcome,
      e.situationId ?? '',
      e.purpose ?? '',
      e.requestId ?? '',
      e.details,
      e.prevHash,
      e.hash,
      e.actorDisplayName ?? '',
      e.actorAgencyName ?? '',
    ];
    // Keyset pages, the next one read while this one is written (issue 18: the database and the CSV
    // writer work at the same time); a client that goes away leaves no read unawaited.
    async function* batches(): AsyncGenerator<string[][]> {
      let next: Promise<Page> | undefined = repo.page(base, EXPORT_BATCH);
      try {
        while (next) {
          const batch: Page = await next;
          next = batch.length < EXPORT_BATCH ? undefined : repo.page({ ...base, beforeSeq: batch[batch.length - 1].seq }, EXPORT_BATCH);
          yield batch.map(cells);
        }
      } finally {
        next?.catch(() => undefined);
      }
    }
    return csvBatchStream(
      CSV_COLUMNS.map((c) => this.i18n.translate(`audit.csv.${c}`, { lang }) as string),
      batches(),
      lang,
    );
  }

  verify(scope: TableScope, actor: Actor): Promise<VerifyView> {
    return this.verifyAt({ chainId: scope.tableId, tableId: scope.tableId }, actor);
  }

  /** A region's chain verified (R12), for administrators; the result is recorded on it. */
  regionVerify(regionId: string, actor: Actor): Promise<VerifyView> {
    return this.verifyAt({ chainId: regionChain(regionId), regionId }, actor);
  }

  private async verifyAt(at: TrailAt, actor: Actor): Promise<VerifyView> {
    const result = await this.verifier.verifyChain(at.chainId);
    await this.audit.recordAlone(actor, {
      action: 'audit.verify',
      tableId: at.tableId,
      regionId: at.regionId,
      details: { valid: result.valid, checked: result.checked, ...(result.firstInvalidSeq ? { firstInvalidSeq: result.firstInvalidSeq } : {}) },
    });
    return {
      valid: result.valid,
      checked: result.checked,
      ...(result.firstInvalidSeq ? { firstInvalidSeq: result.firstInvalidSeq } : {}),
      ...(result.invalid ? { invalid: result.invalid.map((r) => ({ ...r })) } : {}),
      ...(result.invalidTruncated ? { invalidTruncated: true } : {}),
    };
  }

  /** The people the actor filter offers: who appears in the table's trail or holds a role there (names and agencies, no e-mail). */
  async actors(scope: TableScope, actor: Actor): Promise<AuditActorsView> {
    const rows = await this.query.actors(scope.tableId, MAX_ACTORS + 1);
    const items = rows.slice(0, MAX_ACTORS);
    await this.audit.recordAlone(actor, { action: 'audit.actors', tableId: scope.tableId, details: { returned: items.length } });
    return { items: items.map((r) => ({ id: r.id, displayName: r.displayName, agencyId: r.agencyId, agencyName: r.agencyName })), truncated: rows.length > MAX_ACTORS };
  }

  async accessLog(scope: TableScope, actor: Actor, situationId: string, q: AccessLogQuery = {}): Promise<AccessLogView> {
    // The access guard found this situation at this table (TableAccess via 'situation'): nothing to look up again.
    const rows = await this.query.accessLog(scope.tableId, situationId, { agencyId: q.agencyId, purposeCode: q.purposeCode });
    const filter = { ...(q.agencyId ? { agencyId: q.agencyId } : {}), ...(q.purposeCode ? { purposeCode: q.purposeCode } : {}) };
    await this.audit.recordAlone(actor, {
      action: 'audit.access-log',
      tableId: scope.tableId,
      situationId,
      details: { entries: rows.length, ...(Object.keys(filter).length ? { filter } : {}) },
    });
    return {
      situationId,
      items: rows.map((r) => ({
        seq: r.seq,
        at: new Date(r.at).toISOString(),
        action: r.action,
        outcome: r.outcome,
        purpose: r.purpose,
        ...purposeOf(r.details),
        actorId: r.actorId,
        actorDisplayName: r.actorDisplayName,
        actorAgencyId: r.actorAgencyId,
        actorAgencyName: r.actorAgencyName,
      })),
    };
  }

  async anomalies(scope: TableScope, actor: Actor, q: AnomalyQuery): Promise<AnomaliesView> {
    const to = q.to ? new Date(q.to) : this.clock.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000);
    if (from >= to) throw DomainError.validation([{ field: 'from', problem: 'must be before to' }]);
    const table = await this.tableThresholds(scope.tableId);
    const thresholds: AnomalyThresholds = {
      maxReadsPerHour: q.maxReadsPerHour ?? table.maxReadsPerHour,
      officeStartHour: q.officeStartHour ?? table.officeStartHour,
      officeEndHour: q.officeEndHour ?? table.officeEndHour,
      closedDays: q.closedDays ?? table.closedDays,
      maxRefusals: q.maxRefusals ?? table.maxRefusals,
      maxGuesses: q.maxGuesses ?? table.maxGuesses,
    };
    const flags = await this.computeFlags(scope.tableId, from, to, thresholds, validTimeZone(q.timeZone ?? 'America/Toronto'));
    // Names for the ids, in one query for every flag and entry.
    const ids = new Set<string>();
    for (const f of flags) {
      if (f.actorId) ids.add(f.actorId);
      for (const e of f.entries) if (e.actorId) ids.add(e.actorId);
    }
    const names = new Map((await this.query.names([...ids])).map((n) => [n.id, n]));
    await this.audit.recordAlone(actor, { action: 'audit.anomalies', tableId: scope.tableId, details: { flags: flags.length } });
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      thresholds,
      flags: flags.map((f) => {
        const who = f.actorId ? names.get(f.actorId) : undefined;
        return {
          ...f,
          actorDisplayName: who?.displayName ?? null,
          actorAgencyId: who?.agencyId ?? null,
          actorAgencyName: who?.agencyName ?? null,
          entries: f.entries.map((e) => ({
            seq: e.seq,
            at: e.at.toISOString(),
            actorId: e.actorId,
            actorDisplayName: (e.actorId ? names.get(e.actorId)?.displayName : undefined) ?? null,
            outcome: e.outcome,
            situationId: e.situationId,
            purpose: e.purpose,
          })),
        };
      }),
    };
  }

  /**
   * The flags of a window under the table's own thresholds (not audited: the caller audits its use).
   * An anomaly case is opened on one of these (the oversight module).
   */
  async flagsFor(tableId: string, from: Date, to: Date): Promise<Anomaly[]> {
    return this.computeFlags(tableId, from, to, await this.tableThresholds(tableId), 'America/Toronto');
  }

  /** The table's thresholds: its own, else the defaults. */
  async tableThresholds(tableId: string): Promise<AnomalyThresholds> {
    const row = await this.thresholdsRepo.find(null, tableId);
    return row ? pickThresholds(row) : { ...DEFAULT_THRESHOLDS };
  }

  /** The table's thresholds as the privacy officer sees them (audited read). */
  async thresholds(scope: TableScope, actor: Actor): Promise<AnomalyThresholdsView> {
    const row = await this.thresholdsRepo.find(null, scope.tableId);
    await this.audit.recordAlone(actor, { action: 'audit.anomaly_thresholds.read', tableId: scope.tableId, details: { custom: !!row } });
    return thresholdsView(row);
  }

  /**
   * Sets the table's thresholds, whole (`If-Match`: the version read, 0 while the defaults apply; a
   * stale one is 409). Audited `audit.anomaly_thresholds.update` with the values before and after.
   */
  /** A stale If-Match on the table's thresholds (0 while the defaults apply), for the guard before the body. */
  async thresholdsVersionRefusal(tableId: string, ifMatch: number | undefined): Promise<DomainError | null> {
    if (ifMatch === undefined) return null;
    return DomainError.staleVersion(ifMatch, (await this.thresholdsRepo.find(null, tableId))?.version ?? 0);
  }

  async setThresholds(scope: TableScope, actor: Actor, dto: AnomalyThresholdsDto, ifMatch?: number): Promise<AnomalyThresholdsView> {
    return this.db.transaction(async (m) => {
      const before = await this.thresholdsRepo.find(m, scope.tableId, true);
      const version = before?.version ?? 0;
      const stale = DomainError.staleVersion(ifMatch, version);
      if (stale) throw stale;
      const next = pickThresholds(dto);
      const problems = thresholdProblems(next);
      if (problems.length) throw DomainError.validation(problems);
      const now = this.clock.now();
      let stored = before
        ? await this.thresholdsRepo.update(m, scope.tableId, version, next, actor.userId, now)
        : await this.thresholdsRepo.insert(m, scope.tableId, next, actor.userId, now);
      // Another officer stored the table's first row meanwhile: without If-Match, this write replaces it (the last one wins, both audited).
      const raced = !stored && !before && ifMatch === undefined ? await this.thresholdsRepo.find(m, scope.tableId, true) : null;
      if (raced) stored = await this.thresholdsRepo.update(m, scope.tableId, raced.version, next, actor.userId, now);
      if (!stored) throw DomainError.conflict('CONCURRENT_UPDATE');
      const previous = pickThresholds(before ?? raced ?? DEFAULT_THRESHOLDS);
      const changed = (Object.keys(next) as (keyof AnomalyThresholds)[]).filter((k) => next[k] !== previous[k]);
      await this.audit.record(m, actor, {
        action: 'audit.anomaly_thresholds.update',
        tableId: scope.tableId,
        details: { from: previous, to: next, changed, version: (raced?.version ?? version) + 1 },
      });
      return thresholdsView(await this.thresholdsRepo.find(m, scope.tableId));
    });
  }

  private async computeFlags(tableId: string, from: Date, to: Date, t: AnomalyThresholds, timeZone: string): Promise<Anomaly[]> {
    const options = { maxReadsPerHour: t.maxReadsPerHour, officeStartHour: t.officeStartHour, officeEndHour: t.officeEndHour, timeZone, closedDays: t.closedDays };
    const [reads, refusals, failures] = await Promise.all([
      this.query.identityReads(tableId, from, to),
      this.query.refusals(tableId, from, to),
      this.query.integrityFailures(tableId, from, to),
    ]);
    // A read refused because the stored row failed its integrity check is the row's fault, not the
    // reader's: it is flagged as IDENTITY_INTEGRITY_FAILURE, not as a refusal of the reader.
    const byReader = <T extends { details: string }>(rows: T[]) => rows.filter((r) => !r.details.includes('"IDENTITY_INTEGRITY_FAILURE"'));
    const refusalEntries = byReader(refusals).map((r) => ({ ...r, at: new Date(r.at), closedAt: null, details: mapEntry(r).details }));
    return [
      ...findAnomalies(
        byReader(reads).map((r) => ({ ...r, at: new Date(r.at) })),
        options,
      ),
      ...findProbing(refusalEntries, t.maxRefusals),
      ...findIdentityGuesses(refusalEntries, t.maxGuesses),
      ...findIntegrityFailures(failures.map((r) => ({ ...r, at: new Date(r.at) }))),
    ];
  }

  /**
   * The sign-in history of the table's users (issue 17): the events of users who hold or held a
   * role at the table, each only while they held it, never another user's; newest first. Audited on
   * the table's chain (`audit.sign-in-history`, with the filter used).
   */
  async signInHistory(scope: TableScope, actor: Actor, q: SignInHistoryQuery): Promise<Page<SignInEventView>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, SIGN_IN_CURSOR);
    const from = q.from ? new Date(q.from) : undefined;
    const to = q.to ? new Date(q.to) : undefined;
    if (from && to && from >= to) throw DomainError.validation([{ field: 'from', problem: 'must be before to' }]);
    const rows = await this.query.signInHistory(
      { tableId: scope.tableId, userId: q.userId, kind: q.kind, from, to, before: cursor ? [cursor[0], cursor[1]] : undefined },
      limit + 1,
    );
    const filter: Record<string, string> = {};
    for (const k of ['userId', 'kind', 'from', 'to'] as const) if (q[k]) filter[k] = String(q[k]);
    await this.audit.recordAlone(actor, { action: 'audit.sign-in-history', tableId: scope.tableId, details: { filter, returned: Math.min(rows.length, limit) } });
    return toPage(
      rows,
      limit,
      (r) => [new Date(r.at).toISOString(), r.seq],
      (r) => {
        let details: Record<string, unknown> = {};
        try {
          details = JSON.parse(r.details) as Record<string, unknown>;
        } catch {
          details = {};
        }
        return {
          seq: r.seq,
          at: new Date(r.at).toISOString(),
          kind: r.kind,
          reason: r.outcome === 'DENIED' ? signInReason(details) : null,
          userId: r.userId,
          userDisplayName: r.userDisplayName,
          agencyId: r.agencyId,
          agencyName: r.agencyName,
          byAdministrator: r.actorId !== r.userId,
          actorId: r.actorId,
          actorDisplayName: r.actorDisplayName,
        };
      },
    );
  }
}

function pickThresholds(t: AnomalyThresholds): AnomalyThresholds {
  return {
    maxReadsPerHour: t.maxReadsPerHour,
    officeStartHour: t.officeStartHour,
    officeEndHour: t.officeEndHour,
    closedDays: t.closedDays,
    maxRefusals: t.maxRefusals,
    maxGuesses: t.maxGuesses,
  };
}

function thresholdsView(row: ThresholdsRow | null): AnomalyThresholdsView {
  return {
    ...(row ? pickThresholds(row) : DEFAULT_THRESHOLDS),
    custom: !!row,
    version: row?.version ?? 0,
    updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
    updatedBy: row?.updatedBy ?? null,
    updatedByName: row?.updatedByName ?? null,
    defaults: { ...DEFAULT_THRESHOLDS },
  };
}

function toFilter(chainId: string, q: AuditFilterQuery): AuditFilter {
  return {
    chainId,
    actorId: q.actorId,
    actorAgencyId: q.actorAgencyId,
    situationId: q.situationId,
    action: q.action,
    outcome: q.outcome,
    purposeCode: q.purposeCode,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}

/** The filter as recorded in the trail: the fields used, never free text. */
function describe(q: AuditFilterQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['actorId', 'actorAgencyId', 'situationId', 'action', 'outcome', 'purposeCode', 'from', 'to'] as const) if (q[k]) out[k] = String(q[k]);
  return out;
}

function validTimeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: tz });
    return tz;
  } catch {
    throw DomainError.validation([{ field: 'timeZone', problem: 'is not a known time zone' }]);
  }
}

/** An identity read's structured purpose (code and checked note), from its audit details. */
function purposeOf(detailsText: string): { purposeCode: string | null; purposeNote: string | null } {
  try {
    const d = JSON.parse(detailsText) as { purposeCode?: unknown; purposeNote?: unknown };
    return { purposeCode: typeof d.purposeCode === 'string' ? d.purposeCode : null, purposeNote: typeof d.purposeNote === 'string' ? d.purposeNote : null };
  } catch {
    return { purposeCode: null, purposeNote: null };
  }
}
