import { sql } from 'kysely';
import type { BreakdownRow, TeamSummary, TrendSeries } from '../../shared/api/contract.js';
import { rankIssues } from '../issues/rank-issues.js';
import { type Sql, inList, rows } from '../storage/sql.js';
import { type ItemFilter, itemConditions } from './window.js';

const DAY = 86_400_000;

/** Contacts per day or week (weeks start on Monday, UTC) for some issues, or for all as one series. */
export async function trendSeries(
  q: Sql,
  filter: ItemFilter & { from: number; to: number },
  bucket: 'day' | 'week',
  issueIds: readonly string[] | undefined,
): Promise<TrendSeries> {
  const size = bucket === 'day' ? DAY : 7 * DAY;
  // 1970-01-01 was a Thursday: shift so that week buckets begin on Mondays.
  const origin = bucket === 'week' ? Math.floor((filter.from - 4 * DAY) / size) * size + 4 * DAY : Math.floor(filter.from / DAY) * DAY;
  const count = Math.max(1, Math.ceil((filter.to - origin) / size));
  const buckets = Array.from({ length: count }, (_, i) => new Date(origin + i * size).toISOString().slice(0, 10));
  const where = itemConditions(filter);
  const byIssue = issueIds !== undefined && issueIds.length > 0;
  const found = await rows(
    q,
    sql<{ issue_id: string | null; bucket: number; times_heard: number }>`SELECT ${byIssue ? sql`issue_id` : sql`NULL`} AS issue_id,
            (created_at - ${origin}) / ${size} AS bucket, sum(times_heard) AS times_heard
       FROM items WHERE ${where} ${byIssue ? sql`AND ${inList(sql.ref('issue_id'), issueIds)}` : sql``}
      GROUP BY ${byIssue ? sql`1, 2` : sql`2`}`,
  );
  const keys = byIssue ? [...issueIds] : [null];
  const named = keys.filter((key) => key !== null);
  const titles = new Map(
    (await rows(q, sql<{ id: string; title: string }>`SELECT id, title FROM issues WHERE ${inList(sql.ref('id'), named)}`)).map((row) => [row.id, row.title]),
  );
  const series = keys.map((key) => ({ issueId: key, title: key === null ? '' : (titles.get(key) ?? key), times_heard: new Array<number>(count).fill(0) }));
  for (const row of found) {
    const target = series.find((s) => s.issueId === row.issue_id);
    if (target && row.bucket >= 0 && row.bucket < count) target.times_heard[row.bucket] = row.times_heard;
  }
  return { buckets, series };
}

/** Mentions and contacts by channel, team or segment. */
export async function breakdown(q: Sql, filter: ItemFilter, by: 'channel' | 'team' | 'segment', issueId?: string): Promise<BreakdownRow[]> {
  return rows(
    q,
    sql<BreakdownRow>`SELECT ${sql.ref(by)} AS key, count(*) AS mentions, sum(times_heard) AS times_heard FROM items
      WHERE ${itemConditions(filter)} ${issueId ? sql`AND issue_id = ${issueId}` : sql``}
      GROUP BY ${sql.ref(by)} ORDER BY times_heard DESC, key`,
  );
}

/** One team's window: its top issues, its latest verbatims, and who contributed (counts only). */
export async function teamSummary(q: Sql, filter: ItemFilter & { team: string; from: number; to: number }, now: number): Promise<TeamSummary> {
  const where = itemConditions(filter);
  const verbatims = await rows(
    q,
    sql<{ id: string; text: string; agent: string | null; issue_id: string; created_at: number }>`SELECT id, text, agent, issue_id, created_at
       FROM items WHERE ${where} ORDER BY created_at DESC, seq DESC LIMIT 30`,
  );
  const contributors = await rows(
    q,
    sql<{ agent: string; items: number; times_heard: number }>`SELECT agent, count(*) AS items, sum(times_heard) AS times_heard FROM items
      WHERE ${where} AND agent IS NOT NULL GROUP BY agent ORDER BY items DESC, agent`,
  );
  return {
    team: filter.team,
    from: new Date(filter.from).toISOString(),
    to: new Date(filter.to).toISOString(),
    issues: (await rankIssues(q, { ...filter, limit: 10 }, now)).issues,
    verbatims: verbatims.map((row) => ({ ...row, created_at: new Date(row.created_at).toISOString() })),
    contributors,
  };
}
