/**
 * When a feedback item was heard, read strictly: `Date.parse` rolls 2026-02-30 over to March 2nd
 * and accepts year 0000 or 9999, so a typo would silently move an item to another week.
 */

// A date, optionally a time (T or space), optionally an offset; no offset means UTC.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

/** The earliest time an item may claim: older is a typo or a placeholder (0000-01-01). */
export const EARLIEST_HEARD = Date.UTC(2000, 0, 1);
/** How far ahead of the receiver's clock an item may claim to be, for clock skew across zones. */
export const FUTURE_SLACK_MS = 86_400_000;

export type TimestampResult = { ok: true; ms: number } | { ok: false; error: string };

/** Reads an ISO 8601 date or timestamp, refusing dates and times that do not exist. */
export function parseStrictTimestamp(value: string): TimestampResult {
  const match = ISO_8601.exec(value);
  if (!match) return { ok: false, error: 'must be an ISO 8601 date or timestamp' };
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone, zh = '0', zm = '0'] = match;
  const parts = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [year, month, day, hour, minute, second] = parts;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  const real =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    Number(zh) <= 14 &&
    Number(zm) <= 59;
  if (!real) return { ok: false, error: 'is not a real date' };
  const offsetMinutes =
    zone === undefined || zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zh) * 60 + Number(zm));
  const ms =
    date.getTime() + Math.floor(Number(`0.${fraction || '0'}`) * 1000) - offsetMinutes * 60_000;
  return { ok: true, ms };
}

/** Why `ms` is not a plausible time for an item heard before `now`, or null. */
export function heardAtProblem(ms: number, now: number): string | null {
  if (ms < EARLIEST_HEARD) return 'is before 2000-01-01';
  if (ms > now + FUTURE_SLACK_MS) return 'is more than a day in the future';
  return null;
}
