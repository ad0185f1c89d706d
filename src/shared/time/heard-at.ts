/**
 * How far from now an item may say it was heard. The date itself is read by iso-time.ts; this bounds
 * it, so a typo or a placeholder (0000-01-01, 9999-12-31) cannot move an item into another week.
 */

/** The earliest time an item may claim: older is a typo or a placeholder. */
export const EARLIEST_HEARD = Date.UTC(2000, 0, 1);
/** How far ahead of the receiver's clock an item may claim to be, for clock skew across zones. */
export const FUTURE_SLACK_MS = 86_400_000;

/** Why `ms` is not a plausible time for an item heard before `now`, or null. */
export function heardAtProblem(ms: number, now: number): string | null {
  if (ms < EARLIEST_HEARD) return 'is before 2000-01-01';
  if (ms > now + FUTURE_SLACK_MS) return 'is more than a day in the future';
  return null;
}
