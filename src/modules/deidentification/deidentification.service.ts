import { Injectable, Logger } from '@nestjs/common';
import { Actor } from '../../common/authz/principal';
import { DomainError } from '../../common/errors/domain-error';
import { Metrics } from '../../common/observability/metrics';
import { ErrorCode } from '../../common/errors/error-codes';
import { AuditService } from '../audit/audit.service';
import { PiiKind, scanFields, ScanOptions } from './pii-detector';

export interface CheckContext {
  actor: Actor;
  tableId: string;
  situationId?: string | null;
  /** the audited action refused, e.g. 'situation.submit' */
  action: string;
}

/**
 * The de-identification gate of every free-text field. A finding refuses the request (422
 * PII_DETECTED with kinds and positions) before anything is stored; the refusal is audited and
 * logged with kinds and counts only, never the text.
 */
@Injectable()
export class DeidentificationService {
  private readonly logger = new Logger('Deidentification');

  constructor(
    private readonly audit: AuditService,
    private readonly metrics: Metrics,
  ) {}

  async check(fields: Record<string, string | null | undefined>, ctx: CheckContext, known?: ScanOptions['knownValues']): Promise<void> {
    const all = scanFields(fields, known?.length ? { knownValues: known } : undefined);
    if (all.length === 0) return;
    const generic = known?.length ? scanFields(fields) : all;
    // What only the situation's own identity found: a guess that hit. However many generic findings
    // come with it, it is marked in the trail, so repeated hits are flagged for the privacy officer
    // (anomaly IDENTITY_GUESSES); and the answer does not say which words matched (the whole field is
    // given), so a caller who may not read the identity cannot test many names in one request.
    const isGeneric = (f: (typeof all)[number]) => generic.some((g) => g.field === f.field && g.start === f.start && g.end === f.end && g.kind === f.kind);
    const knownOnly = all.filter((f) => !isGeneric(f));
    const findings = [...generic, ...dedupe(knownOnly.map((f) => ({ field: f.field, kind: f.kind, start: 0, end: (fields[f.field] ?? '').length })))];
    const counts: Partial<Record<PiiKind, number>> = {};
    for (const f of all) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
    const fieldNames = [...new Set(all.map((f) => f.field))];
    const knownValueMatch = knownOnly.length > 0;
    this.logger.warn({ action: ctx.action, kinds: counts }, 'identifying information refused');
    for (const [kind, n] of Object.entries(counts)) this.metrics.piiRefusals.inc({ kind }, n);
    await this.audit.recordDenied(ctx.actor, {
      action: ctx.action,
      tableId: ctx.tableId,
      situationId: ctx.situationId ?? null,
      details: { reason: ErrorCode.PII_DETECTED, kinds: counts, fields: fieldNames, ...(knownValueMatch ? { knownValueMatch: true } : {}) },
    });
    throw new DomainError(ErrorCode.PII_DETECTED, { fields: fieldNames.join(', ') }, { findings });
  }
}

/** One finding per field and kind when several stand for the same span. */
function dedupe<T extends { field: string; kind: string; start: number; end: number }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    const key = `${f.field}|${f.kind}|${f.start}|${f.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
