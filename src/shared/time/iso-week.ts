import { zoneOffsetReader } from './zone-offset.js';
/** An ISO 8601 week: Monday to Sunday, week 1 holding the year's first Thursday. */
export interface IsoWeek {
  year: number;
  week: number;
}

/** How an ISO week is written: `2026-W47`. */
export const ISO_WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

export function parseIsoWeek(text: string): IsoWeek {
  const match = ISO_WEEK_PATTERN.exec(text);
  if (!match) throw new RangeError(`"${text}" is not an ISO week like 2026-W47`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > weeksInYear(year)) throw new RangeError(`${year} has no week ${week}`);
  return { year, week };
}

export function formatIsoWeek({ year, week }: IsoWeek): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The calendar date (UTC midnight, as a day count) of the Monday that starts an ISO week. */
function mondayOf({ year, week }: IsoWeek): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const jan4Weekday = (jan4.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(Date.UTC(year, 0, 4 - jan4Weekday + (week - 1) * 7));
}

function weeksInYear(year: number): number {
  // A year has 53 weeks when it starts on a Thursday, or on a Wednesday in a leap year.
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  return jan1 === 4 || (jan1 === 3 && isLeap(year)) ? 53 : 52;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The ISO week a date falls in (by its UTC calendar date). */
export function isoWeekOf(date: Date): IsoWeek {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - weekday + 3); // the Thursday of this week decides the year
  const year = day.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  return {
    year,
    week: 1 + Math.round((day.getTime() - firstThursday.getTime()) / (7 * 86_400_000)),
  };
}

export function previousWeek(week: IsoWeek): IsoWeek {
  return isoWeekOf(new Date(mondayOf(week).getTime() - 7 * 86_400_000));
}

/** The instant a wall-clock midnight happens in a zone (correct across DST changes). */
function midnightIn(date: Date, timeZone: string): number {
  const guess = date.getTime();
  const offsetAt = zoneOffsetReader(timeZone);
  const first = guess - offsetAt(guess);
  return guess - offsetAt(first);
}

export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new RangeError(
      `unknown time zone "${timeZone}" (use an IANA name such as Asia/Shanghai or Europe/London)`,
    );
  }
}

/** The week's bounds as instants: Monday 00:00 (inclusive) to the next Monday 00:00 (exclusive) in `timeZone`. */
export function weekBounds(week: IsoWeek, timeZone = 'UTC'): { from: number; to: number } {
  assertTimeZone(timeZone);
  const monday = mondayOf(week);
  const nextMonday = new Date(monday.getTime() + 7 * 86_400_000);
  return { from: midnightIn(monday, timeZone), to: midnightIn(nextMonday, timeZone) };
}
