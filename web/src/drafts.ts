import { useEffect, useRef } from 'react';

/**
 * Drafts kept in localStorage until sent: de-identified text and codes only, never an identity or
 * a token. Cleared on send and on sign-out. Keys: st.draft.<name>.
 */
const PREFIX = 'st.draft.';

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

/**
 * Keeps `draft` under `name` (300 ms after the last change), its narrative only once the check
 * found it clean (storableDraft). The last clean narrative starts empty: a draft stored before
 * this rule may hold a narrative never checked, so it is stored again only once checked.
 */
export function useCheckedDraft<T extends { narrative: string }>(name: string, draft: T, check: NarrativeCheck, delayMs = 300): void {
  const lastClean = useRef('');
  const { checkedText, findings } = check;
  useEffect(() => {
    const timer = setTimeout(() => {
      const stored = storableDraft(draft, { checkedText, findings }, lastClean.current);
      lastClean.current = stored.narrative;
      saveDraft(name, stored);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [name, draft, checkedText, findings, delayMs]);
}

export function loadDraft<T>(name: string): T | null {
  try {
    const raw = localStorage.getItem(PREFIX + name);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft(name: string, value: unknown): void {
  try {
    localStorage.setItem(PREFIX + name, JSON.stringify(value));
  } catch {
    // storage full or disabled: the draft is simply not kept
  }
}

export function removeDraft(name: string): void {
  localStorage.removeItem(PREFIX + name);
}

export function clearDrafts(): void {
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const k = localStorage.key(i);
    if (k?.startsWith(PREFIX)) localStorage.removeItem(k);
  }
}
