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
    const findings = scanFields(fields, known?.length ? { knownValues: known } : undefined);
    if (findings.length === 0) return;
    const counts: Partial<Record<PiiKind, number>> = {};
    for (const f of findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
    const fieldNames = [...new Set(findings.map((f) => f.field))];
    // Refused only because it matches this situation's own identity (the generic detector finds
    // nothing): a guess that hit. Marked in the trail, so repeated hits are flagged for the privacy
    // officer (anomaly IDENTITY_GUESSES); the answer itself stays the same 422.
    const knownValueMatch = !!known?.length && scanFields(fields).length === 0;
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
