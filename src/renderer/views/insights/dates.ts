/**
 * Calendar dates as the date inputs and the API speak them: `YYYY-MM-DD` in the user's local
 * calendar. The server reads a date-only `to` as the whole of that day, so windows are inclusive.
 */

const DAY = 86_400_000;

export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * A `YYYY-MM-DD` as a local date at noon, far from any daylight-saving edge. Of a full ISO time
 * (a window the server gave as instants) only the date is read.
 */
export function parseIsoDate(value: string): Date {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1, 12);
}

export function addDays(value: string, days: number): string {
  const date = parseIsoDate(value);
  date.setDate(date.getDate() + days);
  return isoDate(date);
}

/** Days covered by an inclusive window. */
export function windowDays(from: string, to: string): number {
  return Math.round((parseIsoDate(to).getTime() - parseIsoDate(from).getTime()) / DAY) + 1;
}

/** The last `days` days up to and including today. */
export function lastDays(days: number, today: Date = new Date()): { from: string; to: string } {
  const to = isoDate(today);
  return { from: addDays(to, -(days - 1)), to };
}

/** The Monday of the ISO week (Monday to Sunday) that holds a date. */
export function mondayOf(value: string): string {
  const weekday = (parseIsoDate(value).getDay() + 6) % 7;
  return addDays(value, -weekday);
}

/** A date-only value in the form the i18n date formatter reads as that local day. */
export function localDay(value: string): string {
  return `${value.slice(0, 10)}T12:00:00`;
}
