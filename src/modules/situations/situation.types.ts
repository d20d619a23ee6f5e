import type { SituationStatus } from './domain/situation-state';
import type { FactorInput } from './domain/threshold';

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
  originatingAgencyId: string;
  originatingSector: string;
  submittedBy: string | null;
  decisionOutcome: 'AER' | 'NOT_AER' | null;
  decisionRationale: string | null;
  decisionAgainstAdvice: boolean | null;
  decisionMeetingId: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  withdrawnAt: Date | null;
  leadAgencyId: string | null;
  leadSector: string | null;
  assistingAgencyIds: string[];
  assignedAt: Date | null;
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
}

export interface AffectedPersons {
  childrenInHome?: { count: number; ageBands: string[] };
  otherAdults?: number;
}

/** The standing of an agency on one situation (who may see identity, who may act). */
export interface Standing {
  originating: boolean;
  lead: boolean;
  assisting: boolean;
}

export function standingOf(row: Pick<SituationRow, 'originatingAgencyId' | 'leadAgencyId' | 'assistingAgencyIds'>, agencyId: string | null): Standing {
  return {
    originating: !!agencyId && row.originatingAgencyId === agencyId,
    lead: !!agencyId && row.leadAgencyId === agencyId,
    assisting: !!agencyId && row.assistingAgencyIds.includes(agencyId),
  };
}
