/**
 * Drafts kept in localStorage until sent: de-identified text and codes only, never an identity or
 * a token. Cleared on send and on sign-out. Keys: st.draft.<name>.
 */
const PREFIX = 'st.draft.';

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
