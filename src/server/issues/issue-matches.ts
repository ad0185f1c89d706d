import { sql } from 'kysely';
import type { Suggestion } from '../../shared/api/contract.js';
import type { Match } from '../../shared/grouping/centroid-index.js';
import type { IssueStatus } from '../../shared/domain/issue.js';
import { type Sql, inList, rows } from '../storage/sql.js';

/**
 * Grouper matches as the UI shows them (title, status, mentions), in the matches' order. An issue
 * merged away since the grouper last caught up is left out: it is no longer anything to pick.
 */
export async function describeMatches(q: Sql, matches: readonly Match[]): Promise<Suggestion[]> {
  if (matches.length === 0) return [];
  const found = new Map(
    (
      await rows(
        q,
        sql<{
          id: string;
          title: string;
          status: IssueStatus;
          mentions: number;
        }>`SELECT i.id, i.title, i.status, COALESCE(t.mentions, 0) AS mentions
           FROM issues i LEFT JOIN issue_totals t ON t.issue_id = i.id
           WHERE i.merged_into IS NULL AND ${inList(
             sql.ref('i.id'),
             matches.map((m) => m.issueId),
           )}`,
      )
    ).map((row) => [row.id, row]),
  );
  return matches.flatMap((match) => {
    const row = found.get(match.issueId);
    return row ? [{ ...row, similarity: Math.round(match.similarity * 1000) / 1000 }] : [];
  });
}
