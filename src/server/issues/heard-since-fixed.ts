import { sql } from 'kysely';
import type { RankedIssue, WeekIssue } from '../../shared/domain/issue.js';
import { type Sql, IN_LIST_MAX, chunks, inList, rows } from '../storage/sql.js';

/**
 * Each issue with `heard_since_fixed`: it is fixed, and its last item in the window (the window's
 * filters, so a team's own) was heard after the last time its status was set to fixed. That is
 * what a lead must see: the fix did not stop the contacts. A fixed issue without a recorded fix
 * (none is made without history, but a copied or hand-edited database may hold one) counts as
 * still heard when heard at all, the safer thing to tell.
 */
export async function withHeardSinceFixed(
  q: Sql,
  issues: readonly RankedIssue[],
): Promise<WeekIssue[]> {
  const fixed = issues.filter((issue) => issue.status === 'fixed').map((issue) => issue.id);
  const fixedAt = new Map<string, number>();
  for (const slice of chunks(fixed, IN_LIST_MAX)) {
    const found = await rows(
      q,
      sql<{ issue_id: string; at: number }>`SELECT issue_id, max(at) AS at FROM issue_history
        WHERE field = 'status' AND new_value = 'fixed' AND ${inList(sql.ref('issue_id'), slice)}
        GROUP BY issue_id`,
    );
    // PostgreSQL answers a BIGINT as a string.
    for (const row of found) fixedAt.set(row.issue_id, Number(row.at));
  }
  return issues.map((issue) => ({
    ...issue,
    heard_since_fixed:
      issue.status === 'fixed' &&
      Date.parse(issue.last_seen) > (fixedAt.get(issue.id) ?? Number.NEGATIVE_INFINITY),
  }));
}
