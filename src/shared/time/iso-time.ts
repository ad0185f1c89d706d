/**
 * The one reader of ISO 8601 times for the CLI, the HTTP API, the call methods and import, so that
 * one string means one instant everywhere. A time without an offset is UTC, never the machine's
 * zone: `Date.parse('2026-01-01T10:00')` reads local time, so a server in Shanghai and a laptop in
 * London would disagree about the same flag.
 */

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$/;

const DAY_MS = 86_400_000;

export interface IsoTime {
  /** Epoch milliseconds of the instant (a bare date: its midnight, UTC). */
  ms: number;
  /** A bare date like `2026-11-20`, which as an end bound stands for the whole day. */
  dateOnly: boolean;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Parses a date (`2026-11-20`) or timestamp (`2026-11-20T09:30`, `…:15.250Z`, `…+08:00`,
 * `…+0800`, a space instead of `T`). Strict: an impossible calendar date (2026-02-30), hour 24 or
 * year 0000 is undefined rather than rolled over into the next month as `Date` would.
 */
export function parseIsoTime(text: string): IsoTime | undefined {
  const match = ISO_8601.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const offsetHours = oh === undefined ? 0 : Number(oh);
  const offsetMinutes = om === undefined ? 0 : Number(om);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return undefined;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59)
    return undefined;
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const offset =
    zone === undefined || zone === 'Z'
      ? 0
      : (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return {
    ms: utcMs(year, month, day, hour, minute, second, ms) - offset,
    dateOnly: h === undefined,
  };
}

function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/**
 * A window bound in epoch ms, or undefined when the text is not a real ISO 8601 time. A bare
 * date as the end bound (exclusive) includes that whole day, so `--to 2026-11-20` means "up to
 * and including the 20th".
 */
export function parseWindowBound(text: string, bound: 'from' | 'to'): number | undefined {
  const time = parseIsoTime(text);
  if (time === undefined) return undefined;
  return time.dateOnly && bound === 'to' ? time.ms + DAY_MS : time.ms;
}

/** What a refusal says, one wording for every caller. */
export function invalidTimeMessage(name: string, text: string): string {
  return `${name}: must be an ISO 8601 date or timestamp that exists (no offset means UTC), got "${text.slice(0, 40)}"`;
}
