/**
 * The sign-in history's events (issue 17, section 3): what each kind is in the system chain. Pure:
 * the repository computes the same kinds in SQL (SIGN_IN_KIND_SQL), this file is their one list.
 */
export const SIGN_IN_KINDS = ['SIGN_IN', 'SIGN_IN_FAILED', 'LOCKOUT', 'PASSWORD_CHANGED', 'PASSWORD_CHANGE_FAILED', 'PASSWORD_RESET', 'DEACTIVATED', 'SIGN_OUT'] as const;
export type SignInKind = (typeof SIGN_IN_KINDS)[number];

/** Why a sign-in or a password change was refused, as the officer reads it (the trail's reason, never the e-mail typed). */
export const SIGN_IN_REASONS = ['BAD_PASSWORD', 'INACTIVE', 'LOCKED'] as const;
export type SignInReason = (typeof SIGN_IN_REASONS)[number];

/** The system chain's actions that can be sign-in events (those of the partial index audit_entries_sign_in_idx). */
export const SIGN_IN_ACTIONS = ['auth.login', 'auth.lockout', 'auth.password.change', 'auth.logout', 'user.update'] as const;

/** The refusal reason of an entry's details, when it is one the officer is shown. */
export function signInReason(details: Record<string, unknown>): SignInReason | null {
  switch (details.reason) {
    case 'bad_password':
      return 'BAD_PASSWORD';
    case 'inactive':
      return 'INACTIVE';
    case 'locked':
      return 'LOCKED';
    default:
      return null;
  }
}
