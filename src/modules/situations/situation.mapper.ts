import { TAXONOMY_CATALOGUE } from '../taxonomy/taxonomy.catalogue';
import { isLeadAnswerOverdue, leadAnswerState } from './domain/lead-answer';
import { deferralAgeDays, isDeferralOverdue, isStub } from './domain/situation-state';
import { mobilizationClock } from './domain/mobilization-clock';
import { DORMANCY_STATUSES } from './domain/retention';
import { AgencyMobilizationRecord, agencyMobilizations } from './domain/agency-mobilization';
import { assessThreshold, ThresholdAssessment, ThresholdPolicy } from './domain/threshold';
import { SituationView } from './dto/situation.dto';
import { SystemBarrierView } from './dto/system-barriers.dto';
import { SituationRow } from './situation.types';
import type { SystemBarrierRow } from './system-barrier.repository';

/** What a situation view needs of its table: the threshold policy and the deferral limit. */
export interface ViewPolicy extends ThresholdPolicy {
  deferralLimitDays: number;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function thresholdOf(row: SituationRow, policy: ThresholdPolicy): ThresholdAssessment {
  return assessThreshold(
    row.riskFactors ?? [],
    { imminentHarm: row.imminentHarm === true, agencyExhaustedOptions: row.agencyExhaustedOptions === true },
    policy,
    TAXONOMY_CATALOGUE,
    // Rows from before issue 16 named none: the criterion falls back to the category map (threshold.ts).
    row.sectorsNeeded ?? null,
  );
}

/**
 * The de-identified view, field by field. A rejected, withdrawn or duplicate discussion keeps only
 * its stub: id, reference, table, status, type, originating agency, decision and dates (a
 * duplicate: the link to its original). `mobilized`: the current assignment's agency
 * mobilisations (the view's `agencies`).
 */
export function mapSituation(row: SituationRow, policy: ViewPolicy, now: Date, mobilized: readonly AgencyMobilizationRecord[] = []): SituationView {
  const decision = row.decisionOutcome
    ? {
        outcome: row.decisionOutcome,
        rationale: row.decisionRationale,
        againstAdvice: row.decisionAgainstAdvice === true,
        meetingId: row.decisionMeetingId,
        decidedBy: row.decidedBy,
      }
    : null;
  if (isStub(row.status)) {
    return {
      id: row.id,
      reference: row.reference,
      tableId: row.tableId,
      status: row.status,
      situationType: row.situationType,
      originatingAgencyId: row.originatingAgencyId,
      decision,
      createdAt: row.createdAt.toISOString(),
      decidedAt: iso(row.decidedAt),
      ...(row.status === 'WITHDRAWN' ? { withdrawnAt: iso(row.withdrawnAt) } : {}),
      ...(row.status === 'DUPLICATE' ? { duplicateOfId: row.duplicateOfId, duplicateOfReference: row.duplicateOfReference, duplicateMarkedAt: iso(row.duplicateMarkedAt) } : {}),
      // a stub that was itself an original (rejected or withdrawn later) still lists its duplicates
      ...(row.duplicates?.length ? { duplicates: row.duplicates } : {}),
      // once its retention has run out (issue 17): its rationale erased
      ...(row.textsErasedAt ? { textsErasedAt: iso(row.textsErasedAt) } : {}),
    };
  }
  return {
    id: row.id,
    reference: row.reference,
    tableId: row.tableId,
    status: row.status,
    version: row.version,
    situationType: row.situationType,
    ageBand: row.ageBand,
    gender: row.gender,
    riskFactors: row.riskFactors ?? [],
    protectiveFactors: row.protectiveFactors ?? [],
    studyFlags: row.studyFlags ?? [],
    affectedPersons: row.affectedPersons,
    narrative: row.narrative,
    sectorsNeeded: row.sectorsNeeded,
    originatingAgencyId: row.originatingAgencyId,
    originatingSector: row.originatingSector,
    leadAgencyId: row.leadAgencyId,
    assistingAgencyIds: row.assistingAgencyIds,
    threshold: thresholdOf(row, policy),
    decision,
    deferral: row.deferredAt
      ? {
          informationNeeded: row.informationNeeded,
          deferredAt: row.deferredAt.toISOString(),
          deferredBy: row.deferredBy,
          ageDays: deferralAgeDays(row.status, row.deferredAt, now),
          limitDays: policy.deferralLimitDays,
        }
      : null,
    deferredOverdue: isDeferralOverdue(row.status, row.deferredAt, policy.deferralLimitDays, now),
    leadAnswer: leadAnswerState(row),
    leadAnswerOverdue: isLeadAnswerOverdue(row, now),
    leadAssignedAt: iso(row.leadAssignedAt),
    leadAnswerDetail:
      row.leadAnswer && row.leadAnswerAgencyId && row.leadAnsweredAt
        ? {
            answer: row.leadAnswer,
            agencyId: row.leadAnswerAgencyId,
            reasonCode: row.leadAnswerReason,
            note: row.leadAnswerNote,
            answeredAt: row.leadAnsweredAt.toISOString(),
            answeredBy: row.leadAnsweredBy,
          }
        : null,
    lastAssignedAt: iso(row.lastAssignedAt),
    mobilizationClock: clockView(row, now),
    mobilizedAt: iso(row.mobilizedAt),
    services: row.services ?? [],
    agencies: agencyMobilizations(row, mobilized),
    conclusion: row.conclusion,
    consentStatus: row.consentStatus,
    createdAt: row.createdAt.toISOString(),
    decidedAt: iso(row.decidedAt),
    closedAt: iso(row.closedAt),
    identityPurgeAt: iso(row.identityPurgeAt),
    duplicates: row.duplicates ?? [],
    textsErasedAt: iso(row.textsErasedAt),
    dormant: row.dormantFlaggedAt !== null && row.dormantFlaggedAt !== undefined && DORMANCY_STATUSES.includes(row.status),
    dormantSince: DORMANCY_STATUSES.includes(row.status) ? iso(row.dormantFlaggedAt ?? null) : null,
    lastActivityAt: iso(row.lastActivityAt ?? null),
  };
}

function clockView(row: SituationRow, now: Date): SituationView['mobilizationClock'] {
  const c = mobilizationClock(row, now);
  return c ? { from: c.from, startedAt: c.startedAt.toISOString(), warnAt: c.warnAt.toISOString(), dueAt: c.dueAt.toISOString(), stage: c.stage } : null;
}

/** A recorded system barrier, field by field (the note: OTHER only, null once erased). */
export function mapSystemBarrier(b: SystemBarrierRow): SystemBarrierView {
  return {
    context: b.context,
    code: b.code,
    service: b.service,
    note: b.note,
    assignmentId: b.assignmentId,
    actionId: b.actionId,
    agencyId: b.agencyId,
    recordedAt: b.recordedAt.toISOString(),
  };
}

/** The view with its system barriers; a stub has none to show (it never reached an agency). */
export function withSystemBarriers(view: SituationView, barriers: readonly SystemBarrierRow[]): SituationView {
  return isStub(view.status) ? view : { ...view, systemBarriers: barriers.map(mapSystemBarrier) };
}
