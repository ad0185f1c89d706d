import type { WeekIssue } from '../../shared/domain/issue.js';
import { weekOrder } from '../../shared/ranking/week-order.js';
import { withHeardSinceFixed } from '../issues/heard-since-fixed.js';
import { rankIssues } from '../issues/rank-issues.js';
import type { Sql } from '../storage/sql.js';
import type { ItemFilter } from './window.js';

/**
 * Every issue heard in a window and its filters, whatever its status (a fixed issue still heard
 * is news to a lead), in the week's order (weekOrder). The one list behind the Team view
 * (team.summary, its first WEEK_TOP_ISSUES) and the weekly report, so the two show the same
 * issues in the same order.
 */
export async function weekIssues(
  q: Sql,
  filter: ItemFilter & { from: number; to: number },
  now: number,
): Promise<WeekIssue[]> {
  const ranked = (await rankIssues(q, { ...filter, status: 'all' }, now)).issues;
  return (await withHeardSinceFixed(q, ranked)).sort(weekOrder);
}
