/**
 * Each agency's part of the intervention (issue 16, Filters 3 and 4): the actions agreed for a
 * situation and the attempts to contact the person. Pure: no Nest, no TypeORM.
 *
 * An action belongs to one intervening agency (the lead or an assisting agency), has a due date and
 * a status: PLANNED, then DONE or NOT_DONE (with a reason code; OTHER needs a note). DONE and
 * NOT_DONE are final: an action found wrong is recorded NOT_DONE (CIRCUMSTANCES_CHANGED) and a new
 * one planned, so what the table agreed and what became of it stay readable. A PLANNED action past
 * its due date (in the table's time zone) is overdue. Actions and attempts are recorded while the
 * situation is ASSIGNED or MOBILIZED.
 */
import type { TableRole } from '../../../common/authz/roles';

export const ACTION_STATUSES = ['PLANNED', 'DONE', 'NOT_DONE'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Why an action could not be done (labels: GET /taxonomy `labels.actionNotDoneReasons`). OTHER needs a note. */
export const ACTION_NOT_DONE_REASONS = ['PERSON_DECLINED', 'NOT_REACHED', 'NOT_ELIGIBLE', 'NO_CAPACITY', 'CIRCUMSTANCES_CHANGED', 'OTHER'] as const;
export type ActionNotDoneReason = (typeof ACTION_NOT_DONE_REASONS)[number];

/** What came of an attempt to contact the person (labels: GET /taxonomy `labels.contactOutcomes`). OTHER needs a note. */
export const CONTACT_OUTCOMES = ['REACHED', 'NO_ANSWER', 'MESSAGE_LEFT', 'DECLINED', 'WRONG_CONTACT_DETAILS', 'OTHER'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** An action's description: short, de-identified. */
export const MAX_ACTION_DESCRIPTION = 500;
/** A note (a reason OTHER, a contact attempt): short, de-identified. */
export const MAX_ACTION_NOTE = 1000;
/** An attempt recorded "now" may carry a clock a little ahead of the server's. */
const FUTURE_SLACK_MS = 5 * 60_000;

export interface Problem {
  field: string;
  problem: string;
}

export interface InterveningAgencies {
  leadAgencyId: string | null;
  assistingAgencyIds: string[];
}

/** The lead and the assisting agencies: the agencies an action or an attempt may be recorded for. */
export function isIntervening(s: InterveningAgencies, agencyId: string): boolean {
  return s.leadAgencyId === agencyId || (s.assistingAgencyIds ?? []).includes(agencyId);
}

/** The agency an action or an attempt is recorded for, or why not. */
export type RecordingAgency = { agencyId: string } | { refused: 'forbidden' | 'missing' };

/**
 * For which agency may the caller record (an action it will own, an attempt it made)? A coordinator
 * for any intervening agency, an agency representative for its own agency only. `requested` is
 * the body's agency, absent for the caller's own. 'forbidden': another agency than the caller's
 * (403, before the content); 'missing': none given and the caller has no agency (400).
 */
export function recordingAgency(roles: readonly TableRole[], callerAgencyId: string | null, requested: unknown): RecordingAgency {
  const coordinator = roles.includes('COORDINATOR');
  if (typeof requested === 'string' && requested !== callerAgencyId) return coordinator ? { agencyId: requested } : { refused: 'forbidden' };
  return callerAgencyId ? { agencyId: callerAgencyId } : { refused: 'missing' };
}

/** May the caller change this action? A coordinator any, an agency representative its own agency's. */
export function mayChangeAction(roles: readonly TableRole[], callerAgencyId: string | null, ownerAgencyId: string): boolean {
  return roles.includes('COORDINATOR') || (roles.includes('AGENCY_REP') && callerAgencyId === ownerAgencyId);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` that exists, years 2000 to 2099. */
export function isCalendarDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2099) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** PLANNED and due before today (both `YYYY-MM-DD`, the table's calendar): still to do, late. */
export function isActionOverdue(status: ActionStatus, dueDate: string, today: string): boolean {
  return status === 'PLANNED' && dueDate < today;
}

/** A new action's content, before its text's PII check. */
export function newActionProblems(a: { dueDate: string }): Problem[] {
  return isCalendarDate(a.dueDate) ? [] : [{ field: 'dueDate', problem: 'must be a calendar date YYYY-MM-DD' }];
}

export interface ActionPatch {
  status?: ActionStatus;
  dueDate?: string;
  description?: string;
  reasonCode?: string | null;
  reasonNote?: string | null;
}

/** A change's content, before its text's PII check (the action is PLANNED: DONE and NOT_DONE are final). */
export function actionPatchProblems(p: ActionPatch): Problem[] {
  if (p.status === undefined && p.dueDate === undefined && p.description === undefined)
    return [{ field: 'status', problem: 'nothing to change: give status, dueDate or description' }];
  if (p.dueDate !== undefined && !isCalendarDate(p.dueDate)) return [{ field: 'dueDate', problem: 'must be a calendar date YYYY-MM-DD' }];
  const note = p.reasonNote?.trim() ?? '';
  if (p.status !== 'NOT_DONE') {
    if (p.reasonCode) return [{ field: 'reasonCode', problem: 'only with the status NOT_DONE' }];
    if (note) return [{ field: 'reasonNote', problem: 'only with the status NOT_DONE' }];
    return [];
  }
  if (!p.reasonCode) return [{ field: 'reasonCode', problem: 'an action not done needs a reason' }];
  if (p.reasonCode === 'OTHER' && !note) return [{ field: 'reasonNote', problem: 'the reason OTHER needs a note' }];
  return [];
}

/** An attempt's content, before its note's PII check: not in the future, not before the situation, OTHER with a note. */
export function contactAttemptProblems(a: { attemptedAt: Date; outcome: string; note?: string | null }, now: Date, since: Date): Problem[] {
  if (a.attemptedAt.getTime() > now.getTime() + FUTURE_SLACK_MS) return [{ field: 'attemptedAt', problem: 'must not be in the future' }];
  if (a.attemptedAt.getTime() < since.getTime()) return [{ field: 'attemptedAt', problem: 'must not be before the referral' }];
  if (a.outcome === 'OTHER' && !a.note?.trim()) return [{ field: 'note', problem: 'the outcome OTHER needs a note' }];
  return [];
}

export interface ActionCounts {
  planned: number;
  done: number;
  notDone: number;
  overdue: number;
}
