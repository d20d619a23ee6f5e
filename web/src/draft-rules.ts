/** The referral draft's privacy rule, pure (no browser API): unit-tested under Jest (draft-rules.spec.ts). */

/** What the server's de-identification check last answered: the text it checked and what it found. */
export interface NarrativeCheck {
  checkedText: string;
  findings: readonly unknown[];
}

/**
 * The part of a draft that may be stored. Codes and choices always; the narrative only when the
 * server's check has checked exactly that text and found nothing. Otherwise the narrative stored is
 * `lastClean` (the last one that passed), or none. A blank narrative needs no check.
 */
export function storableDraft<T extends { narrative: string }>(draft: T, check: NarrativeCheck, lastClean = ''): T {
  const clean = draft.narrative.trim() === '' || (check.checkedText === draft.narrative && check.findings.length === 0);
  return { ...draft, narrative: clean ? draft.narrative : lastClean };
}
