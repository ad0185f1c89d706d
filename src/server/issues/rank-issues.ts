import type { Channel } from '../../shared/domain/feedback-item.js';
import type { RankedIssue, RankedIssues } from '../../shared/domain/issue.js';
import { issueScore, issueTrend } from '../../shared/ranking/score.js';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import type { IssueRow } from './issues-repo.js';

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
}

interface WindowRow {
  issue_id: string;
  mentions: number;
  times_heard: number;
  agents: number;
  first_seen: number;
  last_seen: number;
}

function filters(query: RankingQuery): { sql: string; params: Record<string, string> } {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  for (const key of ['team', 'channel', 'segment'] as const) {
    const value = query[key];
    if (value !== undefined) {
      clauses.push(`AND ${key} = @${key}`);
      params[key] = value;
    }
  }
  if (query.issueIds !== undefined) {
    clauses.push('AND issue_id IN (SELECT value FROM json_each(@issueIds))');
    params.issueIds = JSON.stringify(query.issueIds);
  }
  if (query.search !== undefined && query.search.trim() !== '') {
    clauses.push(`AND issue_id IN (SELECT id FROM issues WHERE title LIKE @search ESCAPE '\\'
      UNION SELECT issue_id FROM items WHERE text LIKE @search ESCAPE '\\')`);
    params.search = `%${query.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  return { sql: clauses.join(' '), params };
}

/**
 * Issues ranked by score over a window, with trend against the window of equal length before it.
 * Reads the covering index items_ranking once per window: no table lookups, no sort of items.
 */
export function rankIssues(db: SqliteDatabase, query: RankingQuery, now: number): RankedIssues {
  const { sql: where, params } = filters(query);
  const from = query.from ?? Number.MIN_SAFE_INTEGER;
  const to = query.to ?? Number.MAX_SAFE_INTEGER;
  const windowRows = db
    .prepare<Record<string, string | number>, WindowRow>(
      `SELECT issue_id, count(*) AS mentions, sum(times_heard) AS times_heard,
              count(DISTINCT agent) AS agents, min(created_at) AS first_seen, max(created_at) AS last_seen
         FROM items INDEXED BY items_ranking
        WHERE created_at >= @from AND created_at < @to ${where}
        GROUP BY issue_id`,
    )
    .all({ ...params, from, to });

  const previous = new Map<string, number>();
  if (query.from !== undefined) {
    const length = Math.min(to, now) - query.from;
    const rows = db
      .prepare<Record<string, string | number>, [string, number]>(
        `SELECT issue_id, sum(times_heard) FROM items INDEXED BY items_ranking
          WHERE created_at >= @from AND created_at < @to ${where} GROUP BY issue_id`,
      )
      .raw()
      .all({ ...params, from: query.from - Math.max(length, 0), to: query.from });
    for (const [issueId, timesHeard] of rows) previous.set(issueId, timesHeard);
  }

  const issues = issueRows(db, windowRows.map((row) => row.issue_id));
  const ranked = windowRows.map((row): RankedIssue => {
    const issue = issues.get(row.issue_id) as IssueRow;
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
    };
  });
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.times_heard - a.times_heard ||
      b.mentions - a.mentions ||
      (a.last_seen < b.last_seen ? 1 : a.last_seen > b.last_seen ? -1 : 0) ||
      (a.id < b.id ? -1 : 1),
  );
  const limited = query.limit === undefined ? ranked : ranked.slice(0, query.limit);
  if (query.withItems) attachItemIds(db, limited, query);
  return { generated_at: new Date(now).toISOString(), issues: limited };
}

function issueRows(db: SqliteDatabase, ids: readonly string[]): Map<string, IssueRow> {
  const rows = db
    .prepare<[string], IssueRow>('SELECT * FROM issues WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids));
  return new Map(rows.map((row) => [row.id, row]));
}

/** Every item of each issue in the window and filters, oldest first. */
function attachItemIds(db: SqliteDatabase, issues: RankedIssue[], query: RankingQuery): void {
  const { sql: where, params } = filters(query);
  const statement = db
    .prepare<Record<string, string | number>, string>(
      `SELECT id FROM items WHERE issue_id = @issue AND created_at >= @from AND created_at < @to ${where}
        ORDER BY created_at, seq`,
    )
    .pluck();
  for (const issue of issues) {
    issue.item_ids = statement.all({
      ...params,
      issue: issue.id,
      from: query.from ?? Number.MIN_SAFE_INTEGER,
      to: query.to ?? Number.MAX_SAFE_INTEGER,
    });
  }
}
