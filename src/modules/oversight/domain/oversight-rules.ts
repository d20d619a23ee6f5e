/**
 * The privacy officer's governance records (issue 17, section 3), as pure rules: anomaly cases
 * (a flag opened, annotated, assigned, closed with an outcome) and the privacy breach log.
 */

export const CASE_OUTCOMES = ['NO_ISSUE', 'TRAINING', 'ACCESS_REMOVED', 'BREACH_SUSPECTED'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** What happened (PHIPA s. 12(2): stolen, lost, used or disclosed without authority; the IPC's kinds). */
export const BREACH_KINDS = ['THEFT', 'LOSS', 'UNAUTHORIZED_ACCESS', 'UNAUTHORIZED_DISCLOSURE', 'MISDIRECTED', 'OTHER'] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];

/** How the affected persons were notified (INDIRECT: public notice where direct notice is not reasonable). */
export const NOTIFICATION_METHODS = ['MAIL', 'PHONE', 'IN_PERSON', 'EMAIL', 'INDIRECT'] as const;
export type NotificationMethod = (typeof NOTIFICATION_METHODS)[number];

export const BREACH_OUTCOMES = ['CONFIRMED', 'NOT_A_BREACH'] as const;
export type BreachOutcome = (typeof BREACH_OUTCOMES)[number];

export const MAX_AFFECTED = 50;

type Problem = { field: string; problem: string };

/** A case closes with an outcome; BREACH_SUSPECTED names the breach record it led to, the others none. */
export function closureProblems(outcome: CaseOutcome, breachId: string | null | undefined): Problem[] {
  if (outcome === 'BREACH_SUSPECTED' && !breachId) return [{ field: 'breachId', problem: 'name the breach recorded for a suspected breach' }];
  if (outcome !== 'BREACH_SUSPECTED' && breachId) return [{ field: 'breachId', problem: 'only with the outcome BREACH_SUSPECTED' }];
  return [];
}

/** When: discovered not in the future, occurred (if known) not after it was discovered. */
export function breachDatesProblems(d: { discoveredAt: Date; occurredAt: Date | null }, now: Date): Problem[] {
  const out: Problem[] = [];
  if (d.discoveredAt.getTime() > now.getTime()) out.push({ field: 'discoveredAt', problem: 'must not be in the future' });
  if (d.occurredAt && d.occurredAt.getTime() > d.discoveredAt.getTime()) out.push({ field: 'occurredAt', problem: 'must not be after discoveredAt' });
  return out;
}

/** A dated step or notice: not in the future, not before the breach was discovered. */
export function stepDateProblems(field: string, at: Date, discoveredAt: Date, now: Date): Problem[] {
  if (at.getTime() > now.getTime()) return [{ field, problem: 'must not be in the future' }];
  if (at.getTime() < discoveredAt.getTime()) return [{ field, problem: 'must not be before discoveredAt' }];
  return [];
}

/** The persons' notification: a date and its method together, or neither. */
export function personsNoticeProblems(at: Date | null, method: NotificationMethod | null): Problem[] {
  if (at && !method) return [{ field: 'personsNotificationMethod', problem: 'required with personsNotifiedAt' }];
  if (!at && method) return [{ field: 'personsNotifiedAt', problem: 'required with personsNotificationMethod' }];
  return [];
}

/** A confirmed breach closes only once contained (at least one containment step). */
export function breachClosureProblems(outcome: BreachOutcome, containmentSteps: number): Problem[] {
  if (outcome === 'CONFIRMED' && containmentSteps === 0) return [{ field: 'outcome', problem: 'record a containment step before closing a confirmed breach' }];
  return [];
}

/** References as typed: trimmed, upper case, distinct. */
export function normaliseReferences(refs: string[]): string[] {
  return [...new Set(refs.map((r) => r.trim().toUpperCase()).filter((r) => r))];
}
