/**
 * Filter 3 and 4, each agency's part (issue 16): the lead agency accepts the lead or declines it
 * with a reason; a decline returns the situation to the coordinator (ACCEPTED, no lead, no
 * assisting agencies: the table assigns again, as one decision); a lead left unanswered
 * `LEAD_ANSWER_HOURS` after it was given is flagged and notified once. Pure: no Nest, no TypeORM.
 */
import type { SituationStatus } from './situation-state';

export const LEAD_ANSWERS = ['ACCEPT', 'DECLINE'] as const;
export type LeadAnswerInput = (typeof LEAD_ANSWERS)[number];

/** Why a lead is declined (labels: GET /taxonomy `labels.leadDeclineReasons`). OTHER needs a note. */
export const LEAD_DECLINE_REASONS = ['CAPACITY', 'MANDATE', 'CONFLICT', 'OTHER'] as const;
export type LeadDeclineReason = (typeof LEAD_DECLINE_REASONS)[number];

/** The lead's answer as stored (`situations.lead_answer`): null while pending. */
export type StoredLeadAnswer = 'ACCEPTED' | 'DECLINED';
/** The lead's answer as shown: null when no lead was ever given. */
export type LeadAnswerState = 'PENDING' | StoredLeadAnswer;

/** A lead unanswered this many hours after it was given is overdue (flagged, notified once). */
export const LEAD_ANSWER_HOURS = 24;
const HOUR_MS = 3_600_000;

export interface LeadAnswerFields {
  status: SituationStatus;
  leadAgencyId: string | null;
  leadAssignedAt: Date | null;
  leadAnswer: StoredLeadAnswer | null;
}

/** PENDING while a lead is given and has not answered; the stored answer once given; null when no lead was ever given. */
export function leadAnswerState(s: LeadAnswerFields): LeadAnswerState | null {
  if (s.leadAnswer) return s.leadAnswer;
  return s.leadAgencyId ? 'PENDING' : null;
}

/** May the lead still answer? Only while ASSIGNED and not yet answered. */
export function mayAnswerLead(s: LeadAnswerFields): boolean {
  return s.status === 'ASSIGNED' && s.leadAgencyId !== null && s.leadAnswer === null;
}

/** An ASSIGNED situation whose lead has not answered more than LEAD_ANSWER_HOURS after it was given. */
export function isLeadAnswerOverdue(s: LeadAnswerFields, now: Date): boolean {
  return mayAnswerLead(s) && s.leadAssignedAt !== null && now.getTime() - s.leadAssignedAt.getTime() > LEAD_ANSWER_HOURS * HOUR_MS;
}

/** The problems of an answer's content (field, problem), before its note's PII check. */
export function leadAnswerProblems(a: { answer: LeadAnswerInput; reasonCode?: string | null; note?: string | null }): { field: string; problem: string }[] {
  const note = a.note?.trim() ?? '';
  if (a.answer === 'ACCEPT') return a.reasonCode ? [{ field: 'reasonCode', problem: 'only with the answer DECLINE' }] : [];
  if (!a.reasonCode) return [{ field: 'reasonCode', problem: 'a decline needs a reason' }];
  if (a.reasonCode === 'OTHER' && !note) return [{ field: 'note', problem: 'the reason OTHER needs a note' }];
  return [];
}

/**
 * The columns a lead answer sets. A decline removes the lead and the assisting agencies (the
 * assignment was one decision: the coordinator makes it again, and may choose the same agencies);
 * the declining agency's standing, identity reads included, ends with it.
 */
export function leadAnswerValues(
  answer: LeadAnswerInput,
  by: { agencyId: string; userId: string | null; reasonCode: string | null; note: string | null; at: Date },
): Record<string, unknown> {
  const record = {
    leadAnswer: answer === 'ACCEPT' ? 'ACCEPTED' : 'DECLINED',
    leadAnswerAgencyId: by.agencyId,
    leadAnswerReason: answer === 'ACCEPT' ? null : by.reasonCode,
    leadAnswerNote: by.note,
    leadAnsweredAt: by.at,
    leadAnsweredBy: by.userId,
  };
  // A decline ends the assignment: the situation waits for a new one, its 48-hour clock counting from
  // the decision again (mobilization-clock.ts `clockStart`), as the SQL's COALESCE(last_assigned_at,
  // decided_at) does only once the assignment's start is cleared.
  return answer === 'ACCEPT' ? record : { ...record, leadAgencyId: null, leadSector: null, assistingAgencyIds: [], assignedAt: null, lastAssignedAt: null };
}

/** What an assignment sets of the lead's answer: a new lead (or a first one) is pending again; the same lead keeps its answer. */
export function leadAnswerOnAssign(previousLeadAgencyId: string | null, leadAgencyId: string, now: Date): Record<string, unknown> {
  if (previousLeadAgencyId === leadAgencyId) return {};
  return {
    leadAssignedAt: now,
    leadAnswer: null,
    leadAnswerAgencyId: null,
    leadAnswerReason: null,
    leadAnswerNote: null,
    leadAnsweredAt: null,
    leadAnsweredBy: null,
    leadAnswerNotifiedAt: null,
  };
}
