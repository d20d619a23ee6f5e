/**
 * Filter 4, each agency's part (issue 16): every intervening agency of the current assignment (the
 * lead and each assisting agency) records its own mobilisation once, with the services it
 * connected, and may change those services afterwards. The lead's mobilisation is the situation's:
 * it moves ASSIGNED to MOBILIZED (the 48-hour clock stops) and, while the lead's answer is still
 * pending, is its acceptance. An assisting agency's is recorded while ASSIGNED or MOBILIZED without
 * changing the status (so is a new lead's after a mobilised situation was reassigned). A
 * reassignment (or the lead's decline) starts afresh: the rows of the former assignment are
 * superseded, kept as history. Pure: no Nest, no TypeORM.
 */
import type { SituationAction, SituationStatus } from './situation-state';

export type AgencyRole = 'LEAD' | 'ASSISTING';

/** One agency's mobilisation of the current assignment, as stored. */
export interface AgencyMobilizationRecord {
  agencyId: string;
  role: AgencyRole;
  mobilizedAt: Date;
  services: string[];
}

/** One intervening agency as the situation view shows it. */
export interface AgencyMobilization {
  agencyId: string;
  role: AgencyRole;
  mobilizedAt: string | null;
  services: string[];
}

export interface AssignmentFields {
  status: SituationStatus;
  leadAgencyId: string | null;
  assistingAgencyIds: string[];
}

/** The role of an agency in the current assignment, or null when it is not one of its agencies. */
export function agencyRoleOf(s: Pick<AssignmentFields, 'leadAgencyId' | 'assistingAgencyIds'>, agencyId: string | null | undefined): AgencyRole | null {
  if (!agencyId) return null;
  if (s.leadAgencyId === agencyId) return 'LEAD';
  return (s.assistingAgencyIds ?? []).includes(agencyId) ? 'ASSISTING' : null;
}

/** The intervening agencies of the current assignment, the lead first, each with its mobilisation (or none yet). */
export function agencyMobilizations(s: Pick<AssignmentFields, 'leadAgencyId' | 'assistingAgencyIds'>, records: readonly AgencyMobilizationRecord[]): AgencyMobilization[] {
  if (!s.leadAgencyId) return [];
  const byAgency = new Map(records.map((r) => [r.agencyId, r]));
  const entry = (agencyId: string, role: AgencyRole): AgencyMobilization => {
    const r = byAgency.get(agencyId);
    return { agencyId, role, mobilizedAt: r ? r.mobilizedAt.toISOString() : null, services: r ? [...r.services] : [] };
  };
  return [entry(s.leadAgencyId, 'LEAD'), ...(s.assistingAgencyIds ?? []).map((a) => entry(a, 'ASSISTING'))];
}

/**
 * Which agency a mobilisation is for: the one named (a coordinator's choice), else the caller's own
 * agency for a representative, else the lead (a coordinator recording as before issue 16).
 */
export function mobilizingAgency(named: string | undefined, caller: { coordinator: boolean; agencyId: string | null }, leadAgencyId: string | null): string | null {
  if (named) return named;
  return caller.coordinator ? leadAgencyId : caller.agencyId;
}

/**
 * May the caller record for that agency? A coordinator for any agency; a representative (without
 * the coordinator role) only for its own.
 */
export function mayRecordFor(target: string | null | undefined, caller: { coordinator: boolean; agencyId: string | null }): boolean {
  if (caller.coordinator) return true;
  return !!target && target === caller.agencyId;
}

/**
 * The state-machine action of an agency's mobilisation: the lead's moves ASSIGNED to MOBILIZED
 * (`MOBILIZE`); any other (an assisting agency, or a new lead of a situation already mobilised)
 * keeps the status (`MOBILIZE_AGENCY`).
 */
export function mobilizationAction(status: SituationStatus, role: AgencyRole | null): SituationAction {
  return role === 'LEAD' && status === 'ASSIGNED' ? 'MOBILIZE' : 'MOBILIZE_AGENCY';
}

/** The refusal of an agency's mobilisation by the current assignment's records, or null. */
export function agencyMobilizationProblem(
  s: Pick<AssignmentFields, 'leadAgencyId' | 'assistingAgencyIds'>,
  agencyId: string | null,
  records: readonly Pick<AgencyMobilizationRecord, 'agencyId'>[],
): 'NOT_INTERVENING' | 'AGENCY_ALREADY_MOBILIZED' | null {
  if (!agencyRoleOf(s, agencyId)) return 'NOT_INTERVENING';
  return records.some((r) => r.agencyId === agencyId) ? 'AGENCY_ALREADY_MOBILIZED' : null;
}

/** The services an agency's change sets, in the order given; what it added and removed (codes only, for the audit). */
export function servicesChange(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  return { added: after.filter((c) => !before.includes(c)), removed: before.filter((c) => !after.includes(c)) };
}
