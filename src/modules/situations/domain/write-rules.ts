/**
 * Who may take which step on a situation, and in which order a write is refused (api.md: role and
 * standing 403, then state and version 409, then the content 400/422). Pure: no Nest, no TypeORM.
 * The route guards and the services both ask this one place, so they cannot disagree.
 */
import type { TableRole } from '../../../common/authz/roles';
import { canApply, SituationAction, SituationStatus } from './situation-state';

/** The standing of an agency on one situation (who may see identity, who may act). */
export interface Standing {
  originating: boolean;
  lead: boolean;
  assisting: boolean;
}

export type StandingKind = keyof Standing;

export interface StandingFields {
  originatingAgencyId: string;
  leadAgencyId: string | null;
  assistingAgencyIds: string[];
}

export function standingOf(row: StandingFields, agencyId: string | null): Standing {
  return {
    originating: !!agencyId && row.originatingAgencyId === agencyId,
    lead: !!agencyId && row.leadAgencyId === agencyId,
    assisting: !!agencyId && (row.assistingAgencyIds ?? []).includes(agencyId),
  };
}

/** A write route on one situation (one or more actions of the state machine). */
export type SituationStep =
  | 'DECIDE'
  | 'EDIT'
  | 'WITHDRAW'
  | 'MARK_DUPLICATE'
  | 'ASSIGN'
  | 'ANSWER_LEAD'
  | 'MOBILIZE'
  | 'CONNECT_SERVICES'
  | 'POST_UPDATE'
  | 'RECORD_ACTION'
  | 'UPDATE_ACTION'
  | 'RECORD_CONTACT'
  | 'CLOSE'
  | 'REOPEN'
  | 'CHANGE_BARRIERS'
  | 'WRITE_IDENTITY'
  | 'READ_IDENTITY';

export interface StepRule {
  /** the state-machine actions of the step: the step applies when any of them does */
  actions: readonly SituationAction[];
  /** roles that may take the step whatever their agency's standing */
  byRole: readonly TableRole[];
  /** roles that may take the step when their agency has one of `standing` */
  withStanding: readonly TableRole[];
  standing: readonly StandingKind[];
}

export const STEP_RULES: Record<SituationStep, StepRule> = {
  DECIDE: { actions: ['DECIDE_AER', 'DECIDE_NOT_AER', 'DEFER'], byRole: ['COORDINATOR'], withStanding: [], standing: [] },
  // Intake's rule: the referral's own agency (its representatives, or its coordinators filing on its behalf).
  EDIT: { actions: ['EDIT'], byRole: [], withStanding: ['COORDINATOR', 'AGENCY_REP'], standing: ['originating'] },
  WITHDRAW: { actions: ['WITHDRAW'], byRole: [], withStanding: ['COORDINATOR', 'AGENCY_REP'], standing: ['originating'] },
  // The table's coordinator closes a referral as a duplicate of another (domain/duplicate.ts).
  MARK_DUPLICATE: { actions: ['MARK_DUPLICATE'], byRole: ['COORDINATOR'], withStanding: [], standing: [] },
  ASSIGN: { actions: ['ASSIGN'], byRole: ['COORDINATOR'], withStanding: [], standing: [] },
  // The lead agency's own answer: its representatives only (not a coordinator on its behalf).
  ANSWER_LEAD: { actions: ['ACCEPT_LEAD', 'DECLINE_LEAD'], byRole: [], withStanding: ['AGENCY_REP'], standing: ['lead'] },
  // Each intervening agency's own (a representative for its agency only: agency-mobilization.ts `mayRecordFor`), or a coordinator for any.
  MOBILIZE: { actions: ['MOBILIZE', 'MOBILIZE_AGENCY'], byRole: ['COORDINATOR'], withStanding: ['AGENCY_REP'], standing: ['lead', 'assisting'] },
  CONNECT_SERVICES: { actions: ['CONNECT_SERVICES'], byRole: ['COORDINATOR'], withStanding: ['AGENCY_REP'], standing: ['lead', 'assisting'] },
  POST_UPDATE: { actions: ['POST_UPDATE'], byRole: ['COORDINATOR'], withStanding: ['AGENCY_REP'], standing: ['lead', 'assisting'] },
  // Each agency's part (domain/actions.ts): a coordinator for any intervening agency, a representative for its own
  // (the agency named in the body, or the action's owner, is checked by the route's guard and the service).
  RECORD_ACTION: { actions: ['RECORD_WORK'], byRole: ['COORDINATOR'], withStanding: ['AGENCY_REP'], standing: ['lead', 'assisting'] },
  UPDATE_ACTION: { actions: ['RECORD_WORK'], byRole: ['COORDINATOR'], withStanding: ['AGENCY_REP'], standing: ['lead', 'assisting'] },
  RECORD_CONTACT: { actions: ['RECORD_WORK'], byRole: ['COORDINATOR'], withStanding: ['AGENCY_REP'], standing: ['lead', 'assisting'] },
  CLOSE: { actions: ['CLOSE'], byRole: ['COORDINATOR'], withStanding: [], standing: [] },
  REOPEN: { actions: ['REOPEN'], byRole: ['COORDINATOR'], withStanding: [], standing: [] },
  // The closure's system barriers change while the situation may still be reopened (domain/system-barriers.ts): the reopening's rule.
  CHANGE_BARRIERS: { actions: ['REOPEN'], byRole: ['COORDINATOR'], withStanding: [], standing: [] },
  // Identity (domain.md): agency representatives of an agency with standing, nobody else.
  WRITE_IDENTITY: { actions: ['WRITE_IDENTITY'], byRole: [], withStanding: ['AGENCY_REP'], standing: ['originating', 'lead'] },
  READ_IDENTITY: { actions: ['READ_IDENTITY'], byRole: [], withStanding: ['AGENCY_REP'], standing: ['originating', 'lead', 'assisting'] },
};

/** Every role that may call the step's route at all (the route's declared roles). */
export function stepRoles(step: SituationStep): TableRole[] {
  const rule = STEP_RULES[step];
  return [...new Set([...rule.byRole, ...rule.withStanding])];
}

/** May a caller holding `roles` at the table, whose agency has `standing`, take the step? */
export function mayTake(step: SituationStep, roles: readonly TableRole[], standing: Standing): boolean {
  const rule = STEP_RULES[step];
  if (roles.some((r) => rule.byRole.includes(r))) return true;
  return roles.some((r) => rule.withStanding.includes(r)) && rule.standing.some((k) => standing[k]);
}

export interface Caller {
  roles: readonly TableRole[];
  agencyId: string | null;
}

export interface PrecheckRow extends StandingFields {
  status: SituationStatus;
  version?: number;
  identityPurgedAt?: Date | null;
  /** the lead's stored answer (ANSWER_LEAD: once only) */
  leadAnswer?: string | null;
}

export type Refusal =
  | { kind: 'standing'; reason: string }
  | { kind: 'gone' }
  | { kind: 'state'; status: SituationStatus; action: SituationAction }
  | { kind: 'answered' }
  | { kind: 'version'; expected: number; actual: number };

/**
 * The refusal of a write before its content is looked at, in the contract's order: standing (403),
 * purged identity (410, identity reads), state (409), a lead already answered (409), version (409). `null`: the content comes next.
 */
export function precheck(step: SituationStep, caller: Caller, row: PrecheckRow, ifMatch?: number): Refusal | null {
  const rule = STEP_RULES[step];
  if (!mayTake(step, caller.roles, standingOf(row, caller.agencyId))) {
    return { kind: 'standing', reason: rule.standing.length ? `requires ${rule.standing.join(' or ')} agency` : 'role' };
  }
  if (step === 'READ_IDENTITY' && row.identityPurgedAt) return { kind: 'gone' };
  // Nothing to intervene with once the identity is crypto-shredded: gone, like its reads.
  if ((step === 'REOPEN' || step === 'CHANGE_BARRIERS') && row.identityPurgedAt) return { kind: 'gone' };
  if (!rule.actions.some((a) => canApply(row.status, a))) return { kind: 'state', status: row.status, action: rule.actions[0] };
  if (step === 'ANSWER_LEAD' && row.leadAnswer) return { kind: 'answered' };
  if (ifMatch !== undefined && row.version !== undefined && ifMatch !== row.version) return { kind: 'version', expected: ifMatch, actual: row.version };
  return null;
}
