import { sql } from 'kysely';
import type { IssueItem, IssueItemsPage } from '../../shared/api/contract.js';
import { type ItemFilter, itemConditions } from '../insights/window.js';
import { type Sql, containing, first, rows } from '../storage/sql.js';

export interface ItemsPageQuery extends ItemFilter {
  offset?: number | undefined;
  limit?: number | undefined;
  /** Words the verbatim, root cause or suggested fix must contain (case-insensitive for Latin letters). */
  search?: string | undefined;
}

interface ItemRow extends Omit<IssueItem, 'created_at'> {
  created_at: number;
}

/** Every item of one issue, newest first, a page at a time: all the evidence, not a sample. */
export async function issueItems(
  q: Sql,
  issueId: string,
  query: ItemsPageQuery,
): Promise<IssueItemsPage> {
  const clauses = [sql`issue_id = ${issueId}`, itemConditions(query)];
  const words = query.search?.trim();
  if (words) {
    const contains = containing(q, words);
    clauses.push(
      sql`(${contains('text')} OR ${contains('root_cause')} OR ${contains('suggested_fix')})`,
    );
  }
  const where = sql.join(clauses, sql` AND `);
  const total = Number(
    (await first(q, sql<{ n: number }>`SELECT count(*) AS n FROM items WHERE ${where}`))?.n ?? 0,
  );
  const found = await rows(
    q,
    sql<ItemRow>`SELECT id, text, channel, team, agent, segment, created_at, times_heard, root_cause, suggested_fix
       FROM items WHERE ${where} ORDER BY created_at DESC, seq DESC LIMIT ${query.limit ?? 50} OFFSET ${query.offset ?? 0}`,
  );
  return {
    total,
    items: found.map((row) => ({
      ...row,
      channel: row.channel,
      times_heard: Number(row.times_heard),
      created_at: new Date(Number(row.created_at)).toISOString(),
    })),
  };
}
