import type { RankedIssue } from '../domain/issue.js';

/** How many issues the Team view and the weekly report call the week's top issues. */
export const WEEK_TOP_ISSUES = 10;

export type WeekOrdered = Pick<RankedIssue, 'id' | 'title' | 'times_heard' | 'mentions' | 'agents'>;

/**
 * Titles in one fixed collation: `localeCompare` without a locale follows the process's default
 * locale, which differs between a server, a CLI run and a test machine.
 */
const titles = new Intl.Collator('en');

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order of a week's issues wherever a reader sees them (the Team view, every format of the
 * weekly report): by what the reader can see, contacts, then items, then agents, most first;
 * ties by title, then id, so equal issues come in one order on screen and in the file, on every
 * backend and run. The ranking score (not shown there) plays no part.
 */
export function weekOrder(a: WeekOrdered, b: WeekOrdered): number {
  return (
    b.times_heard - a.times_heard ||
    b.mentions - a.mentions ||
    b.agents - a.agents ||
    titles.compare(a.title, b.title) ||
    byCodeUnits(a.id, b.id)
  );
}
