import type { SituationStatus } from './domain/situation-state';
import type { FactorInput } from './domain/threshold';
import type { StoredLeadAnswer } from './domain/lead-answer';
import type { Refusal } from './domain/write-rules';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';

/** A situation row as the repository returns it (never sent to clients as is: see the mapper). */
export interface SituationRow {
  id: string;
  tableId: string;
  reference: string;
  status: SituationStatus;
  version: number;
  taxonomyVersion: string;
  situationType: string;
  ageBand: string | null;
  gender: string | null;
  riskFactors: FactorInput[] | null;
  protectiveFactors: string[] | null;
  studyFlags: string[] | null;
  affectedPersons: AffectedPersons | null;
  narrative: string | null;
  imminentHarm: boolean | null;
  agencyExhaustedOptions: boolean | null;
  /** the sectors whose involvement is needed, as named (null: none named, before issue 16) */
  sectorsNeeded: string[] | null;
  originatingAgencyId: string;
  originatingSector: string;
  submittedBy: string | null;
  decisionOutcome: 'AER' | 'NOT_AER' | null;
  decisionRationale: string | null;
  decisionAgainstAdvice: boolean | null;
  decisionMeetingId: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  informationNeeded: string | null;
  deferredAt: Date | null;
  deferredBy: string | null;
  withdrawnAt: Date | null;
  leadAgencyId: string | null;
  leadSector: string | null;
  assistingAgencyIds: string[];
  assignedAt: Date | null;
  leadAssignedAt: Date | null;
  leadAnswer: StoredLeadAnswer | null;
  leadAnswerAgencyId: string | null;
  leadAnswerReason: string | null;
  leadAnswerNote: string | null;
  leadAnsweredAt: Date | null;
  leadAnsweredBy: string | null;
  /** the latest (re)assignment: the 48-hour clock counts from it */
  lastAssignedAt: Date | null;
  mobilizedAt: Date | null;
  services: string[] | null;
  conclusion: string | null;
  consentStatus: string | null;
  closureNote: string | null;
  closedAt: Date | null;
  identityPurgeAt: Date | null;
  identityPurgedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** the latest activity (kept by triggers: transitions, updates, actions, contact attempts) */
  lastActivityAt: Date | null;
  /** flagged dormant by the job (cleared by any activity) */
  dormantFlaggedAt: Date | null;
  /** its free texts erased under the retention policy */
  textsErasedAt: Date | null;
  /** DUPLICATE: the original it duplicates (same table), its reference, and when it was marked */
  duplicateOfId: string | null;
  duplicateOfReference: string | null;
  duplicateMarkedAt: Date | null;
  /** the referrals marked as duplicates of this one (id and reference), in the order they were marked */
  duplicates: { id: string; reference: string }[];
}

export interface AffectedPersons {
  childrenInHome?: { count: number; ageBands: string[] };
  otherAdults?: number;
}

export { standingOf } from './domain/write-rules';
export type { Standing } from './domain/write-rules';

/** The HTTP error of a refusal found by `precheck` (403, 410, 409). */
export function refusalError(r: Refusal): DomainError {
  switch (r.kind) {
    case 'standing':
      return DomainError.forbidden(r.reason);
    case 'gone':
      return new DomainError(ErrorCode.GONE);
    case 'state':
      return DomainError.invalidTransition(r.status, r.action);
    case 'answered':
      return DomainError.conflict('LEAD_ALREADY_ANSWERED');
    case 'version':
      return DomainError.staleVersion(r.expected, r.actual)!;
  }
}
