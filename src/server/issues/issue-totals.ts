import { sql } from 'kysely';
import type { StoredItem } from '../storage/schema.js';
import { type Sql, chunks, inList, rows, IN_LIST_MAX } from '../storage/sql.js';

/**
 * Each issue's all-time totals (mentions, contacts, distinct agents, first and last seen), kept in
 * step with the items: added to by ingest, recomputed from the items by whatever moves them
 * (merges, splits, reclustering). The default ranking reads them instead of every item.
 */

const ROWS_PER_STATEMENT = 1_000;

/** One issue's counts: all time here, or over a window when the ranking reads the items. */
export interface IssueTotals {
  issue_id: string;
  mentions: number;
  times_heard: number;
  agents: number;
  first_seen: number;
  last_seen: number;
}

/** Adds newly stored items to their issues' totals; inside the ingest's transaction. */
export async function addToIssueTotals(tx: Sql, items: readonly StoredItem[]): Promise<void> {
  const byIssue = new Map<string, IssueTotals>();
  const pairs = new Map<string, { issue_id: string; agent: string }>();
  for (const item of items) {
    const total = byIssue.get(item.issue_id) ?? {
      issue_id: item.issue_id,
      mentions: 0,
      times_heard: 0,
      agents: 0,
      first_seen: item.created_at,
      last_seen: item.created_at,
    };
    total.mentions += 1;
    total.times_heard += item.times_heard;
    total.first_seen = Math.min(total.first_seen, item.created_at);
    total.last_seen = Math.max(total.last_seen, item.created_at);
    byIssue.set(item.issue_id, total);
    if (item.agent !== null)
      pairs.set(`${item.issue_id}\u0000${item.agent}`, {
        issue_id: item.issue_id,
        agent: item.agent,
      });
  }
  // An agent counts once an issue: only pairs not there before add to its agents.
  for (const slice of chunks([...pairs.values()], ROWS_PER_STATEMENT)) {
    const added = await tx.db
      .insertInto('issue_agents')
      .values(slice)
      .onConflict((conflict) => conflict.doNothing())
      .returning('issue_id')
      .execute();
    for (const { issue_id } of added) (byIssue.get(issue_id) as IssueTotals).agents += 1;
  }
  for (const slice of chunks([...byIssue.values()], ROWS_PER_STATEMENT)) {
    await sql`INSERT INTO issue_totals (issue_id, mentions, times_heard, agents, first_seen, last_seen)
      VALUES ${sql.join(slice.map((t) => sql`(${t.issue_id}, ${t.mentions}, ${t.times_heard}, ${t.agents}, ${t.first_seen}, ${t.last_seen})`))}
      ON CONFLICT (issue_id) DO UPDATE SET
        mentions = issue_totals.mentions + excluded.mentions,
        times_heard = issue_totals.times_heard + excluded.times_heard,
        agents = issue_totals.agents + excluded.agents,
        first_seen = CASE WHEN excluded.first_seen < issue_totals.first_seen THEN excluded.first_seen ELSE issue_totals.first_seen END,
        last_seen = CASE WHEN excluded.last_seen > issue_totals.last_seen THEN excluded.last_seen ELSE issue_totals.last_seen END`.execute(
      tx.db,
    );
  }
}

/** Recomputes the totals of these issues (or of every issue) from their items as they are now. */
export async function recomputeIssueTotals(tx: Sql, issueIds?: readonly string[]): Promise<void> {
  for (const slice of issueIds === undefined ? [undefined] : chunks(issueIds, IN_LIST_MAX)) {
    const which = (column: string) =>
      slice === undefined ? sql`1 = 1` : inList(sql.ref(column), slice);
    await sql`DELETE FROM issue_agents WHERE ${which('issue_id')}`.execute(tx.db);
    await sql`DELETE FROM issue_totals WHERE ${which('issue_id')}`.execute(tx.db);
    await sql`INSERT INTO issue_agents (issue_id, agent)
      SELECT DISTINCT issue_id, agent FROM items WHERE agent IS NOT NULL AND ${which('issue_id')}`.execute(
      tx.db,
    );
    await sql`INSERT INTO issue_totals (issue_id, mentions, times_heard, agents, first_seen, last_seen)
      SELECT issue_id, count(*), sum(times_heard), count(DISTINCT agent), min(created_at), max(created_at)
        FROM items WHERE ${which('issue_id')} GROUP BY issue_id`.execute(tx.db);
  }
}

/** Every issue's totals: the all-time ranking without filters. */
export async function allIssueTotals(q: Sql): Promise<IssueTotals[]> {
  return rows(
    q,
    sql<IssueTotals>`SELECT issue_id, mentions, times_heard, agents, first_seen, last_seen FROM issue_totals`,
  );
}
