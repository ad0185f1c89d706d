import { type RawBuilder, sql } from 'kysely';
import type { Channel } from '../../shared/domain/feedback-item.js';
import { previousWindow } from '../../shared/ranking/previous-window.js';
import {
  type RankBy,
  type RankedIssue,
  type RankedIssues,
  type StatusFilter,
  type ValueDimension,
  statusMatcher,
} from '../../shared/domain/issue.js';
import { emergingReason, usualPerWindow } from '../../shared/ranking/emerging.js';
import { issueScore, issueTrend } from '../../shared/ranking/score.js';
import { costSettings } from '../costs/channel-costs.js';
import {
  type Sql,
  IN_LIST_MAX,
  chunks,
  inList,
  itemsForRanking,
  containing,
  rows,
} from '../storage/sql.js';
import type { IssueRow } from './issues-repo.js';
import { type IssueTotals, allIssueTotals } from './issue-totals.js';
import { emergingVerdicts, emergingWindow } from './emerging-flags.js';
import { type CostColumns, costColumns, issueCosts } from './issue-costs.js';

export interface RankingQuery {
  /** Start of the window (inclusive), epoch ms; without it the window is all time and trend is 0. */
  from?: number | undefined;
  /** End of the window (exclusive), epoch ms; default: no end. */
  to?: number | undefined;
  team?: string | undefined;
  channel?: Channel | undefined;
  segment?: string | undefined;
  limit?: number | undefined;
  withItems?: boolean | undefined;
  /** Only these issues. */
  issueIds?: readonly string[] | undefined;
  /** Only issues whose title or a verbatim contains this text (case-insensitive for Latin letters). */
  search?: string | undefined;
  /** Which statuses: `open` (new, investigating, fix_in_progress), one status, or `all` (the default). */
  status?: StatusFilter | undefined;
  /** Order by the score (default), contacts (times heard) or cost to serve. */
  rankBy?: RankBy | undefined;
  /** Only issues an analyst marked preventable (true) or needed (false). */
  preventable?: boolean | undefined;
}

/** The query's filters as SQL conditions on items, each starting with AND. */
function filters(q: Sql, query: RankingQuery): RawBuilder<unknown> {
  const clauses: RawBuilder<unknown>[] = [];
  for (const key of ['team', 'channel', 'segment'] as const) {
    const value = query[key];
    if (value !== undefined) clauses.push(sql`AND ${sql.ref(key)} = ${value}`);
  }
  if (query.issueIds !== undefined)
    clauses.push(sql`AND ${inList(sql.ref('issue_id'), query.issueIds)}`);
  if (query.search !== undefined && query.search.trim() !== '') {
    const contains = containing(q, query.search.trim());
    // Only the team's verbatims are searched: a lead must not learn what another team's customers said.
    const sameTeam = query.team === undefined ? sql`` : sql`AND team = ${query.team}`;
    clauses.push(sql`AND issue_id IN (SELECT id FROM issues WHERE ${contains('title')}
      UNION SELECT issue_id FROM items WHERE ${contains('text')} ${sameTeam})`);
  }
  return sql.join(clauses, sql` `);
}

/** All time, no filters: each issue's kept totals answer it without reading the items. */
function isAllTime(query: RankingQuery): boolean {
  return (
    query.from === undefined &&
    query.to === undefined &&
    query.team === undefined &&
    query.channel === undefined &&
    query.segment === undefined &&
    query.issueIds === undefined &&
    (query.search === undefined || query.search.trim() === '')
  );
}

function bounds(query: RankingQuery): { from: number; to: number } {
  return { from: query.from ?? Number.MIN_SAFE_INTEGER, to: query.to ?? Number.MAX_SAFE_INTEGER };
}

/**
 * Each issue's counts over a window and filters, from the covering index items_ranking; with
 * channel costs set, each issue's cost from the same pass.
 */
async function windowTotals(
  q: Sql,
  where: RawBuilder<unknown>,
  from: number,
  to: number,
  priced: CostColumns | null,
): Promise<{ totals: IssueTotals[]; costs: Map<string, number> }> {
  const found = await rows(
    q,
    sql<
      IssueTotals & Record<string, unknown>
    >`SELECT issue_id, count(*) AS mentions, sum(times_heard) AS times_heard,
              count(DISTINCT agent) AS agents, min(created_at) AS first_seen, max(created_at) AS last_seen
              ${priced === null ? sql`` : sql`, ${priced.columns}`}
         FROM ${itemsForRanking(q)}
        WHERE created_at >= ${from} AND created_at < ${to} ${where}
        GROUP BY issue_id`,
  );
  const costs = new Map<string, number>();
  if (priced !== null) for (const row of found) costs.set(row.issue_id, priced.costOf(row));
  return { totals: found, costs };
}

/**
 * Issues ranked by score over a window, with trend against the same part of the window of equal
 * length before it (`previousWindow`).
 * All time without filters reads each issue's kept totals; otherwise the covering index
 * items_ranking, once per window: no table lookups, no sort of items.
 */
export async function rankIssues(q: Sql, query: RankingQuery, now: number): Promise<RankedIssues> {
  const where = filters(q, query);
  const { from, to } = bounds(query);
  const settings = await costSettings(q);
  const rankBy = query.rankBy ?? 'score';
  const allTime = isAllTime(query);
  // A window's costs come with its counts; all time, the kept totals have none, so the items are
  // read for them: every issue's when they decide the order, else only the shown issues' (below).
  const counted = allTime
    ? {
        totals: await allIssueTotals(q),
        costs:
          rankBy === 'cost'
            ? await issueCosts(q, settings, where, from, to)
            : new Map<string, number>(),
      }
    : await windowTotals(q, where, from, to, costColumns(settings));
  const windowRows = counted.totals;
  const costs = counted.costs;

  const previous = new Map<string, number>();
  if (query.from !== undefined) {
    const earlier = previousWindow(query.from, query.to, now);
    const before = await rows(
      q,
      sql<{
        issue_id: string;
        times_heard: number;
      }>`SELECT issue_id, sum(times_heard) AS times_heard FROM ${itemsForRanking(q)}
          WHERE created_at >= ${earlier.from} AND created_at < ${earlier.to} ${where} GROUP BY issue_id`,
    );
    for (const row of before) previous.set(row.issue_id, row.times_heard);
  }

  const issues = await issueRows(
    q,
    windowRows.map((row) => row.issue_id),
  );
  const wanted = statusMatcher(query.status ?? 'all');
  const ranked = windowRows
    .map((row): RankedIssue => {
      const issue = issues.get(row.issue_id) as RankedIssueRow;
      const before = previous.get(row.issue_id) ?? 0;
      return {
        id: row.issue_id,
        title: issue.title,
        status: issue.status,
        owner: issue.owner,
        mentions: row.mentions,
        times_heard: row.times_heard,
        agents: row.agents,
        first_seen: new Date(row.first_seen).toISOString(),
        last_seen: new Date(row.last_seen).toISOString(),
        trend: query.from === undefined ? 0 : issueTrend(row.times_heard, before),
        previous_times_heard: before,
        score: issueScore(row),
        preventable: issue.preventable === null ? null : Number(issue.preventable) === 1,
        value_dimension: issue.value_dimension,
        cost: costs.get(row.issue_id) ?? 0,
        emerging: false,
        emerging_reason: null,
      };
    })
    .filter(
      (issue) =>
        wanted(issue.status) &&
        (query.preventable === undefined || issue.preventable === query.preventable),
    );
  ranked.sort(rankOrder(rankBy));
  const limited = query.limit === undefined ? ranked : ranked.slice(0, query.limit);
  const shown = shownOnly(where, limited, ranked.length);
  if (allTime && rankBy !== 'cost') {
    const shownCosts = await issueCosts(q, settings, shown, from, to);
    for (const issue of limited) issue.cost = shownCosts.get(issue.id) ?? 0;
  }
  await flagEmerging(q, limited, shown, query, now);
  if (query.withItems) await attachItemIds(q, limited, query);
  return {
    generated_at: new Date(now).toISOString(),
    currency: settings.currency,
    issues: limited,
  };
}

/**
 * The filters narrowed to the issues shown when the limit left some out, so that the reads made
 * for the shown issues alone (their cost, their emerging windows) go through items_ranking for
 * those issues instead of every issue's items in the window.
 */
function shownOnly(
  where: RawBuilder<unknown>,
  shown: readonly RankedIssue[],
  ranked: number,
): RawBuilder<unknown> {
  if (shown.length === ranked || shown.length > IN_LIST_MAX) return where;
  return sql`${where} AND ${inList(
    sql.ref('issue_id'),
    shown.map((issue) => issue.id),
  )}`;
}

/** Most important first by the chosen measure; ties fall back to the score's own order. */
function rankOrder(rankBy: RankBy): (a: RankedIssue, b: RankedIssue) => number {
  const measure = (issue: RankedIssue) =>
    rankBy === 'cost' ? issue.cost : rankBy === 'contacts' ? issue.times_heard : issue.score;
  return (a, b) =>
    measure(b) - measure(a) ||
    b.score - a.score ||
    b.times_heard - a.times_heard ||
    b.mentions - a.mentions ||
    (a.last_seen < b.last_seen ? 1 : a.last_seen > b.last_seen ? -1 : 0) ||
    (a.id < b.id ? -1 : 1);
}

/** Sets `emerging` and its reason on the issues shown (see shared/ranking/emerging.ts). */
async function flagEmerging(
  q: Sql,
  issues: RankedIssue[],
  where: RawBuilder<unknown>,
  query: RankingQuery,
  now: number,
): Promise<void> {
  const window = emergingWindow(query.from, query.to, now);
  if (window === null || issues.length === 0) return;
  const firstSeen = new Map<string, number>();
  for (const slice of chunks(
    issues.map((issue) => issue.id),
    IN_LIST_MAX,
  )) {
    const found = await rows(
      q,
      sql<{
        issue_id: string;
        first_seen: number;
      }>`SELECT issue_id, first_seen FROM issue_totals WHERE ${inList(sql.ref('issue_id'), slice)}`,
    );
    for (const row of found) firstSeen.set(row.issue_id, Number(row.first_seen));
  }
  const verdicts = await emergingVerdicts(q, where, window, firstSeen);
  for (const issue of issues) {
    const verdict = verdicts.get(issue.id);
    if (verdict === undefined) continue;
    issue.emerging = verdict.emerging;
    issue.emerging_reason = emergingReason(verdict);
    if (verdict.emerging) {
      const { current, expected, windows, p, isNew } = verdict;
      issue.emerging_detail = {
        current,
        expected: Math.round(expected * 100) / 100,
        usual: usualPerWindow(verdict),
        windows,
        p,
        is_new: isNew || windows === 0,
      };
    }
  }
}

type RankedIssueRow = Pick<IssueRow, 'id' | 'title' | 'status' | 'owner'> & {
  preventable: number | null;
  value_dimension: ValueDimension | null;
};

/** What the ranking shows of each issue; not its centroid, which runs to kilobytes an issue. */
async function issueRows(q: Sql, ids: readonly string[]): Promise<Map<string, RankedIssueRow>> {
  const found = new Map<string, RankedIssueRow>();
  for (const slice of chunks(ids, IN_LIST_MAX)) {
    const matches = await rows(
      q,
      sql<RankedIssueRow>`SELECT id, title, status, owner, preventable, value_dimension FROM issues WHERE ${inList(sql.ref('id'), slice)}`,
    );
    for (const row of matches) found.set(row.id, row);
  }
  return found;
}

/** Every item of each issue in the window and filters, oldest first. */
async function attachItemIds(q: Sql, issues: RankedIssue[], query: RankingQuery): Promise<void> {
  const where = filters(q, query);
  const { from, to } = bounds(query);
  for (const issue of issues) {
    const found = await rows(
      q,
      sql<{
        id: string;
      }>`SELECT id FROM items WHERE issue_id = ${issue.id} AND created_at >= ${from} AND created_at < ${to} ${where}
        ORDER BY created_at, seq`,
    );
    issue.item_ids = found.map((row) => row.id);
  }
}
