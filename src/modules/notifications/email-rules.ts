/** The kinds of notification that may also go out by e-mail (each user may turn each off). */
export const EMAIL_KINDS = [
  'SITUATION_ASSIGNED',
  'LEAD_ANSWER_OVERDUE',
  'LEAD_DECLINED',
  'MOBILIZATION_WARNING',
  'MOBILIZATION_OVERDUE',
  'DEFERRAL_OVERDUE',
  'AGENDA_PUBLISHED',
  'MINUTES_READY',
] as const;

/** The kinds about a meeting: their mails hold its date and a link, no situation at all. */
export const MEETING_EMAIL_KINDS = ['AGENDA_PUBLISHED', 'MINUTES_READY'] as const;
export type MeetingEmailKind = (typeof MEETING_EMAIL_KINDS)[number];
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const EMAIL_LANGUAGES = ['en', 'fr'] as const;
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number];

export const isEmailKind = (kind: string): kind is EmailKind => (EMAIL_KINDS as readonly string[]).includes(kind);

/** How long a claimed row is held by its sender: longer than the SMTP timeouts of one message together. */
export const EMAIL_LEASE_MS = 5 * 60_000;

const FIRST_RETRY_MS = 60_000;
const LONGEST_WAIT_MS = 60 * 60_000;

/** The wait after the n-th failed attempt (n ≥ 1): one minute, doubled each time, at most an hour; never given up. */
export function retryDelayMs(attempts: number): number {
  const n = Math.max(1, Math.min(attempts, 30));
  return Math.min(FIRST_RETRY_MS * 2 ** (n - 1), LONGEST_WAIT_MS);
}

/**
 * What to do with an SMTP error: a connection-level failure means the server is away (every other
 * message of the run waits too), a permanent refusal of the recipient (5xx on the envelope) is not
 * retried, anything else is retried later. The code kept names the kind of error, never an address.
 */
export function classifySmtpError(err: unknown): { code: string; serverDown: boolean; permanent: boolean } {
  const e = (err ?? {}) as { code?: unknown; responseCode?: unknown };
  const code = typeof e.code === 'string' && /^[A-Z_]{2,32}$/.test(e.code) ? e.code : 'UNKNOWN';
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const serverDown = ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNREFUSED', 'EDNS', 'ETLS', 'EAUTH', 'ECONNRESET'].includes(code);
  const permanent = code === 'EENVELOPE' && responseCode !== null && responseCode >= 500;
  return { code: responseCode === null ? code : `${code} ${responseCode}`, serverDown, permanent };
}
