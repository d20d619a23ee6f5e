/**
 * The rules of a disclosure of identity (issue 17, section 1). Pure: no Nest, no TypeORM.
 * - who may rely on an authority (its sectors; empty: any) and whether it is still in force (retired);
 * - what it requires: notice due `withinDays` after the disclosure, consent details;
 * - a disclosure's notice status: NOT_REQUIRED, PENDING, GIVEN, OVERDUE;
 * - when a notice or a consent may be recorded.
 * Sources: README, "Legal authorities" (each authority's statute and section).
 */

export interface AuthorityConditions {
  code: string;
  sectors: readonly string[];
  requires: { notice: { withinDays: number; method: string } | null; consent: boolean };
  retired: boolean;
}

export type AuthorityRefusal = 'UNKNOWN' | 'RETIRED' | 'SECTOR';

/** Why this agency (of `sector`) may not disclose under the authority now; null when it may. */
export function authorityRefusal(authority: AuthorityConditions | undefined, sector: string | null): AuthorityRefusal | null {
  if (!authority) return 'UNKNOWN';
  if (authority.retired) return 'RETIRED';
  if (authority.sectors.length > 0 && (!sector || !authority.sectors.includes(sector))) return 'SECTOR';
  return null;
}

const DAY_MS = 86_400_000;

/** When notice of a disclosure made at `at` is due under the authority; null when none is required. */
export function noticeDueAt(authority: AuthorityConditions, at: Date): Date | null {
  return authority.requires.notice ? new Date(at.getTime() + authority.requires.notice.withinDays * DAY_MS) : null;
}

export const NOTICE_STATUSES = ['NOT_REQUIRED', 'PENDING', 'GIVEN', 'OVERDUE'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** A disclosure's notice status at `now`: given wins; past its due date without one it is overdue. */
export function noticeStatus(d: { noticeDueAt: Date | null; noticeGivenAt: Date | null }, now: Date): NoticeStatus {
  if (!d.noticeDueAt) return 'NOT_REQUIRED';
  if (d.noticeGivenAt) return 'GIVEN';
  return now.getTime() > d.noticeDueAt.getTime() ? 'OVERDUE' : 'PENDING';
}

/** The problem with a recorded time (a notice given, a consent obtained): not before `earliest`, not after now. */
export function recordedTimeProblem(at: Date, now: Date, earliest: Date | null): string | null {
  if (at.getTime() > now.getTime()) return 'must not be in the future';
  if (earliest && at.getTime() < earliest.getTime()) return 'must not be before the disclosure';
  return null;
}

/** How far back a consent obtained before the disclosure may be dated (a consent is obtained before, or at, the disclosure). */
export const CONSENT_MAX_AGE_DAYS = 365;

/** The problem with a consent's date for a disclosure at `disclosedAt`: within a year before it, not after now. */
export function consentTimeProblem(obtainedAt: Date, now: Date, disclosedAt: Date): string | null {
  if (obtainedAt.getTime() > now.getTime()) return 'must not be in the future';
  if (obtainedAt.getTime() < disclosedAt.getTime() - CONSENT_MAX_AGE_DAYS * DAY_MS) return `must be within ${CONSENT_MAX_AGE_DAYS} days before the disclosure`;
  return null;
}

/**
 * Closure's consent status against the record (issue 17): a situation about persons (PERSON,
 * FAMILY) cannot be closed "not applicable"; a situation with a disclosure under an authority that
 * requires consent can only be closed with consent obtained. The field at fault, or null.
 */
export type ClosureConsentProblem = 'NOT_APPLICABLE_FOR_PERSONS' | 'CONSENT_DISCLOSURE_NEEDS_OBTAINED';
export function closureConsentProblem(situationType: string | null, consentStatus: string, disclosedUnderConsent: boolean): ClosureConsentProblem | null {
  if ((situationType === 'PERSON' || situationType === 'FAMILY') && consentStatus === 'NOT_APPLICABLE') return 'NOT_APPLICABLE_FOR_PERSONS';
  if (disclosedUnderConsent && consentStatus !== 'OBTAINED') return 'CONSENT_DISCLOSURE_NEEDS_OBTAINED';
  return null;
}
