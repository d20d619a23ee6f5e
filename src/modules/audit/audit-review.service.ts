import { Injectable } from '@nestjs/common';
import { I18nService } from 'nestjs-i18n';
import { Readable } from 'node:stream';
import { Actor, TableScope } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { csvStream } from '../../common/http/csv';
import type { Language } from '../../common/http/language';
import { DomainError } from '../../common/errors/domain-error';
import { decodeCursor, encodeCursor, Page, pageLimit, SEQ_CURSOR } from '../../common/http/pagination';
import { AuditFilter, AuditQueryRepository } from './audit-query.repository';
import { AccessLogView, AnomaliesView, AnomalyQuery, AuditActorsView, AuditEntryView, AuditFilterQuery, VerifyView } from './audit-query.dto';
import { AuditService } from './audit.service';
import { AuditRecord } from './audit.types';
import { AuditVerifier } from './audit-verifier';
import { Anomaly, findAnomalies, findIdentityGuesses, findIntegrityFailures, findProbing } from './anomaly-rules';

const EXPORT_BATCH = 2000;
const MAX_ACTORS = 1000;
export const CSV_COLUMNS = ['seq', 'at', 'actorId', 'actorAgencyId', 'action', 'outcome', 'situationId', 'purpose', 'requestId', 'details', 'prevHash', 'hash'];

export function mapEntry(e: AuditRecord): AuditEntryView {
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
    actorAgencyId: e.actorAgencyId,
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
  ) {}

  async search(scope: TableScope, actor: Actor, q: AuditFilterQuery): Promise<Page<AuditEntryView>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, SEQ_CURSOR);
    const filter = { ...toFilter(scope.tableId, q), beforeSeq: cursor ? String(cursor[0]) : undefined };
    const rows = await this.query.page(filter, limit + 1);
    await this.audit.recordAlone(actor, { action: 'audit.search', tableId: scope.tableId, details: { filter: describe(q), returned: Math.min(rows.length, limit) } });
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
    async function* rows(): AsyncGenerator<string[]> {
      let beforeSeq: string | undefined;
      for (;;) {
        const batch = await repo.page({ ...base, beforeSeq }, EXPORT_BATCH);
        for (const e of batch) {
          yield [
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
          ];
        }
        if (batch.length < EXPORT_BATCH) return;
        beforeSeq = batch[batch.length - 1].seq;
      }
    }
    return csvStream(
      CSV_COLUMNS.map((c) => this.i18n.translate(`audit.csv.${c}`, { lang }) as string),
      rows(),
      lang,
    );
  }

  async verify(scope: TableScope, actor: Actor): Promise<VerifyView> {
    const result = await this.verifier.verifyChain(scope.tableId);
    await this.audit.recordAlone(actor, {
      action: 'audit.verify',
      tableId: scope.tableId,
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

  async accessLog(scope: TableScope, actor: Actor, situationId: string): Promise<AccessLogView> {
    // The access guard found this situation at this table (TableAccess via 'situation'): nothing to look up again.
    const rows = await this.query.accessLog(scope.tableId, situationId);
    await this.audit.recordAlone(actor, { action: 'audit.access-log', tableId: scope.tableId, situationId, details: { entries: rows.length } });
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
    const options = {
      maxReadsPerHour: q.maxReadsPerHour ?? 10,
      officeStartHour: q.officeStartHour ?? 7,
      officeEndHour: q.officeEndHour ?? 19,
      timeZone: validTimeZone(q.timeZone ?? 'America/Toronto'),
      closedDays: q.closedDays ?? 30,
    };
    const [reads, refusals, failures] = await Promise.all([
      this.query.identityReads(scope.tableId, from, to),
      this.query.refusals(scope.tableId, from, to),
      this.query.integrityFailures(scope.tableId, from, to),
    ]);
    // A read refused because the stored row failed its integrity check is the row's fault, not the
    // reader's: it is flagged as IDENTITY_INTEGRITY_FAILURE, not as a refusal of the reader.
    const byReader = <T extends { details: string }>(rows: T[]) => rows.filter((r) => !r.details.includes('"IDENTITY_INTEGRITY_FAILURE"'));
    const refusalEntries = byReader(refusals).map((r) => ({ ...r, at: new Date(r.at), closedAt: null, details: mapEntry(r).details }));
    const flags: Anomaly[] = [
      ...findAnomalies(
        byReader(reads).map((r) => ({ ...r, at: new Date(r.at) })),
        options,
      ),
      ...findProbing(refusalEntries, q.maxRefusals ?? 5),
      ...findIdentityGuesses(refusalEntries, q.maxGuesses ?? 2),
      ...findIntegrityFailures(failures.map((r) => ({ ...r, at: new Date(r.at) }))),
    ];
    await this.audit.recordAlone(actor, { action: 'audit.anomalies', tableId: scope.tableId, details: { flags: flags.length } });
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      flags: flags.map((f) => ({
        ...f,
        entries: f.entries.map((e) => ({ seq: e.seq, at: e.at.toISOString(), actorId: e.actorId, outcome: e.outcome, situationId: e.situationId, purpose: e.purpose })),
      })),
    };
  }
}

function toFilter(tableId: string, q: AuditFilterQuery): AuditFilter {
  return {
    chainId: tableId,
    actorId: q.actorId,
    actorAgencyId: q.actorAgencyId,
    situationId: q.situationId,
    action: q.action,
    outcome: q.outcome,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}

/** The filter as recorded in the trail: the fields used, never free text. */
function describe(q: AuditFilterQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['actorId', 'actorAgencyId', 'situationId', 'action', 'outcome', 'from', 'to'] as const) if (q[k]) out[k] = String(q[k]);
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
