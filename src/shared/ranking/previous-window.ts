/**
 * The stretch a window's trend compares with: the same part of the window of equal length just
 * before it. A finished window compares with the whole window before; one still running (this
 * week, on Thursday) with the same days of the one before (last week's Monday to Thursday), so
 * Monday's peak is weighed against last Monday's, and nothing against days not yet lived.
 * Without an end, the window runs to now and is compared with as long a stretch before it.
 */
export function previousWindow(
  from: number,
  to: number | undefined,
  now: number,
): { from: number; to: number } {
  const elapsed = Math.max(Math.min(to ?? now, now) - from, 0);
  const length = to === undefined ? elapsed : to - from;
  return { from: from - length, to: from - length + elapsed };
}
