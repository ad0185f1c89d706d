import type { BreakdownRow, TeamSummary, TrendSeries } from '../../shared/api/contract.js';
import { rankIssues } from '../issues/rank-issues.js';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import { type ItemFilter, itemConditions } from './window.js';

const DAY = 86_400_000;

/** Contacts per day or week (weeks start on Monday, UTC) for some issues, or for all as one series. */
export function trendSeries(
  db: SqliteDatabase,
  filter: ItemFilter & { from: number; to: number },
  bucket: 'day' | 'week',
  issueIds: readonly string[] | undefined,
): TrendSeries {
  const size = bucket === 'day' ? DAY : 7 * DAY;
  // 1970-01-01 was a Thursday: shift so that week buckets begin on Mondays.
  const origin = bucket === 'week' ? Math.floor((filter.from - 4 * DAY) / size) * size + 4 * DAY : Math.floor(filter.from / DAY) * DAY;
  const count = Math.max(1, Math.ceil((filter.to - origin) / size));
  const buckets = Array.from({ length: count }, (_, i) => new Date(origin + i * size).toISOString().slice(0, 10));
  const { sql, params } = itemConditions(filter);
  const byIssue = issueIds !== undefined && issueIds.length > 0;
  const rows = db
    .prepare<Record<string, string | number>, { issue_id: string | null; bucket: number; times_heard: number }>(
      `SELECT ${byIssue ? 'issue_id' : 'NULL'} AS issue_id, CAST((created_at - @origin) / @size AS INTEGER) AS bucket,
              sum(times_heard) AS times_heard
         FROM items WHERE ${sql} ${byIssue ? 'AND issue_id IN (SELECT value FROM json_each(@ids))' : ''}
        GROUP BY 1, 2`,
    )
    .all({ ...params, origin, size, ...(byIssue ? { ids: JSON.stringify(issueIds) } : {}) });
  const keys = byIssue ? [...issueIds] : [null];
  const titles = new Map(
    db
      .prepare<[string], [string, string]>('SELECT id, title FROM issues WHERE id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(keys.filter((key) => key !== null))),
  );
  const series = keys.map((key) => ({ issueId: key, title: key === null ? '' : (titles.get(key) ?? key), times_heard: new Array<number>(count).fill(0) }));
  for (const row of rows) {
    const target = series.find((s) => s.issueId === row.issue_id);
    if (target && row.bucket >= 0 && row.bucket < count) target.times_heard[row.bucket] = row.times_heard;
  }
  return { buckets, series };
}

/** Mentions and contacts by channel, team or segment. */
export function breakdown(db: SqliteDatabase, filter: ItemFilter, by: 'channel' | 'team' | 'segment', issueId?: string): BreakdownRow[] {
  const { sql, params } = itemConditions(filter);
  return db
    .prepare<Record<string, string | number>, BreakdownRow>(
      `SELECT ${by} AS key, count(*) AS mentions, sum(times_heard) AS times_heard FROM items
        WHERE ${sql} ${issueId ? 'AND issue_id = @issue' : ''} GROUP BY ${by} ORDER BY times_heard DESC`,
    )
    .all({ ...params, ...(issueId ? { issue: issueId } : {}) });
}

/** One team's window: its top issues, its latest verbatims, and who contributed (counts only). */
export function teamSummary(db: SqliteDatabase, filter: ItemFilter & { team: string; from: number; to: number }, now: number): TeamSummary {
  const { sql, params } = itemConditions(filter);
  const verbatims = db
    .prepare<Record<string, string | number>, { id: string; text: string; agent: string | null; issue_id: string; created_at: number }>(
      `SELECT id, text, agent, issue_id, created_at FROM items WHERE ${sql} ORDER BY created_at DESC LIMIT 30`,
    )
    .all(params);
  const contributors = db
    .prepare<Record<string, string | number>, { agent: string; items: number; times_heard: number }>(
      `SELECT agent, count(*) AS items, sum(times_heard) AS times_heard FROM items
        WHERE ${sql} AND agent IS NOT NULL GROUP BY agent ORDER BY items DESC, agent`,
    )
    .all(params);
  return {
    team: filter.team,
    from: new Date(filter.from).toISOString(),
    to: new Date(filter.to).toISOString(),
    issues: rankIssues(db, { ...filter, limit: 10 }, now).issues,
    verbatims: verbatims.map((row) => ({ ...row, created_at: new Date(row.created_at).toISOString() })),
    contributors,
  };
}
