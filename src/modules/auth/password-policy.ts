/** Password rules (security.md, "Sign-in"): 12 to 128 characters, not a common password. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// The most common passwords of 12+ characters in public breach lists, and obvious patterns.
const COMMON = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '111111111111', '000000000000',
  'password1234', 'password123!', 'passwordpassword', 'qwertyuiop12', 'qwertyuiopasdf', 'qwerty123456',
  '1q2w3e4r5t6y', '1qaz2wsx3edc', 'iloveyou1234', 'welcome12345', 'letmein12345', 'administrator',
  'abcdefghijkl', 'abc123abc123', 'changeme1234', 'trustno1trustno1', 'football1234', 'baseball1234',
  'monkey123456', 'dragon123456', 'sunshine1234', 'princess1234', 'superman1234', 'p@ssw0rd1234',
  'password12345', 'password123456', 'qwertyqwerty', 'asdfghjkl123', 'zaq12wsxcde3', 'motdepasse123',
  'situationtable', 'situation-table',
]);

export function passwordProblem(password: string): string | null {
  if (typeof password !== 'string') return 'must be a string';
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'is too common';
  if (new Set(lower).size <= 3) return 'repeats too few characters';
  return null;
}
