/**
 * When a mobilisation may say it happened (Filter 4). Pure.
 *
 * - Not in the future: a few minutes of tolerance for clocks that disagree.
 * - Not before the decision, as the user sees it: the web sends times to the second, so the
 *   decision is compared truncated to its second. A mobilisation at 12:00:00 after a decision at
 *   12:00:00.700 is the same second, not earlier; 11:59:59.999 is earlier.
 */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export type MobilizationTimeProblem = 'must not be in the future' | 'must not be before the decision';

/** The instant truncated to its second (toward the past, also before 1970). */
export function toSecond(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}

/** Why `mobilizedAt` is refused, or null when it is acceptable. */
export function mobilizationTimeProblem(mobilizedAt: Date, now: Date, decidedAt: Date | null): MobilizationTimeProblem | null {
  if (mobilizedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return 'must not be in the future';
  if (decidedAt && mobilizedAt.getTime() < toSecond(decidedAt).getTime()) return 'must not be before the decision';
  return null;
}
