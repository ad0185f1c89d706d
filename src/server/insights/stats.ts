import { type RawBuilder, sql } from 'kysely';
import type { BreakdownRow, TeamSummary, TrendSeries } from '../../shared/api/contract.js';
import { zoneBuckets, type ZoneBuckets } from '../../shared/time/zone-buckets.js';
import { WEEK_TOP_ISSUES } from '../../shared/ranking/week-order.js';
import { type Sql, inList, rows } from '../storage/sql.js';
import { weekIssues } from './week-issues.js';
import { type ItemFilter, itemConditions } from './window.js';

/** More buckets than a chart can show or a request should cost. */
export const MAX_TREND_BUCKETS = 800;

/**
 * The SQL for an item's bucket index (see ZoneBuckets): its wall-clock time in the zone, from the
 * offset in force at its instant, in whole buckets since the first. Every operand is an integer
 * literal, so both engines divide integers (a bound JS number is REAL in SQLite, whose division
 * then never lands on a whole bucket).
 */
function bucketSql(buckets: ZoneBuckets): RawBuilder<number> {
  const { offsets } = buckets;
  const last = sql.lit(offsets.at(-1)?.[1] ?? 0);
  // offsets[i + 1] starts where offsets[i] stops: before each change, the offset before it.
  const offset =
    offsets.length < 2
      ? last
      : sql`CASE ${sql.join(
          offsets
            .slice(1)
            .map(
              ([at], i) =>
                sql`WHEN created_at < ${sql.lit(at)} THEN ${sql.lit(offsets[i]?.[1] ?? 0)}`,
            ),
          sql` `,
        )} ELSE ${last} END`;
  return sql<number>`(created_at + ${offset} - ${sql.lit(buckets.originWall)}) / ${sql.lit(buckets.size)}`;
}

/**
 * Contacts per day or week (weeks start on Monday) of a time zone's calendar, for some issues or
 * for all as one series. Each item counts in exactly one bucket, so the buckets add up to the
 * window's times_heard for the same filters.
 */
export async function trendSeries(
  q: Sql,
  filter: ItemFilter & { from: number; to: number },
  bucket: 'day' | 'week',
  issueIds: readonly string[] | undefined,
  timeZone = 'UTC',
): Promise<TrendSeries> {
  const buckets = zoneBuckets(filter.from, filter.to, bucket, timeZone);
  const count = buckets.labels.length;
  const where = itemConditions(filter);
  const byIssue = issueIds !== undefined && issueIds.length > 0;
  const found = await rows(
    q,
    sql<{
      issue_id: string | null;
      bucket: number;
      times_heard: number;
    }>`SELECT ${byIssue ? sql`issue_id` : sql`NULL`} AS issue_id,
            ${bucketSql(buckets)} AS bucket, sum(times_heard) AS times_heard
       FROM items WHERE ${where} ${byIssue ? sql`AND ${inList(sql.ref('issue_id'), issueIds)}` : sql``}
      GROUP BY ${byIssue ? sql`1, 2` : sql`2`}`,
  );
  const keys = byIssue ? [...new Set(issueIds)] : [null];
  const named = keys.filter((key) => key !== null);
  const titles = new Map(
    (
      await rows(
        q,
        sql<{
          id: string;
          title: string;
        }>`SELECT id, title FROM issues WHERE ${inList(sql.ref('id'), named)}`,
      )
    ).map((row) => [row.id, row.title]),
  );
  const series = keys.map((key) => ({
    issueId: key,
    title: key === null ? '' : (titles.get(key) ?? key),
    times_heard: new Array<number>(count).fill(0),
  }));
  for (const row of found) {
    const target = series.find((s) => s.issueId === row.issue_id);
    const index = Number(row.bucket);
    if (target && index >= 0 && index < count)
      target.times_heard[index] = (target.times_heard[index] ?? 0) + Number(row.times_heard);
  }
  return { buckets: buckets.labels, series };
}

/** Mentions and contacts by channel, team or segment. */
export async function breakdown(
  q: Sql,
  filter: ItemFilter,
  by: 'channel' | 'team' | 'segment',
  issueId?: string,
): Promise<BreakdownRow[]> {
  return rows(
    q,
    sql<BreakdownRow>`SELECT ${sql.ref(by)} AS key, count(*) AS mentions, sum(times_heard) AS times_heard FROM items
      WHERE ${itemConditions(filter)} ${issueId ? sql`AND issue_id = ${issueId}` : sql``}
      GROUP BY ${sql.ref(by)} ORDER BY times_heard DESC, key`,
  );
}

/**
 * One team's window: its top issues (the weekly report's, in its order), its latest verbatims,
 * and who contributed (counts only).
 */
export async function teamSummary(
  q: Sql,
  filter: ItemFilter & { team: string; from: number; to: number },
  asked: { week: string | null; timeZone: string },
  now: number,
): Promise<TeamSummary> {
  const where = itemConditions(filter);
  const verbatims = await rows(
    q,
    sql<{
      id: string;
      text: string;
      agent: string | null;
      issue_id: string;
      created_at: number;
    }>`SELECT id, text, agent, issue_id, created_at
       FROM items WHERE ${where} ORDER BY created_at DESC, seq DESC LIMIT 30`,
  );
  const contributors = await rows(
    q,
    sql<{
      agent: string;
      items: number;
      times_heard: number;
    }>`SELECT agent, count(*) AS items, sum(times_heard) AS times_heard FROM items
      WHERE ${where} AND agent IS NOT NULL GROUP BY agent ORDER BY items DESC, agent`,
  );
  return {
    team: filter.team,
    from: new Date(filter.from).toISOString(),
    to: new Date(filter.to).toISOString(),
    week: asked.week,
    time_zone: asked.timeZone,
    issues: (await weekIssues(q, filter, now)).slice(0, WEEK_TOP_ISSUES),
    verbatims: verbatims.map((row) => ({
      ...row,
      created_at: new Date(row.created_at).toISOString(),
    })),
    contributors,
  };
}
