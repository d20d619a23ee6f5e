import { useEffect, useRef } from 'react';
import { storableDraft, type NarrativeCheck } from './draft-rules';

/**
 * Drafts kept in localStorage until sent: de-identified text and codes only, never an identity or
 * a token. Cleared on send and on sign-out. Keys: st.draft.<name>.
 */
const PREFIX = 'st.draft.';

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
