import { sql } from 'kysely';
import type { IssueChoices } from '../../shared/api/contract.js';
import type { IssueStatus } from '../../shared/domain/issue.js';
import { type Sql, containing, first, rows } from '../storage/sql.js';
import { SAMPLE_POOL } from './issue-samples.js';

export const FIND_DEFAULT_LIMIT = 50;

export interface FindQuery {
  /**
   * Text the title, the id or one of the newest items (where the sample shown beside the title
   * comes from) contains, case-insensitive for Latin letters.
   */
  search?: string | undefined;
  limit?: number | undefined;
  /** Leave this issue out: the one the analyst is merging or moving from. */
  except?: string | undefined;
}

/**
 * Live issues an analyst can merge or move into, biggest first (all-time items, from the kept
 * totals), then by title. `total` counts every match, so a list cut at the limit can say how many
 * more a search would find. A search also reads each issue's newest SAMPLE_POOL items, the ones
 * its sample is chosen from: titles are short labels or 'Unlabelled issue', so the words an analyst
 * remembers of an issue are its sample's, and typing them must find it. The read is bounded per
 * issue along the per-issue index; searching every item would read the whole table per keystroke.
 */
export async function findIssues(q: Sql, query: FindQuery): Promise<IssueChoices> {
  const words = query.search?.trim() ?? '';
  const contains = containing(q, words);
  const where = sql`i.merged_into IS NULL
    ${query.except === undefined ? sql`` : sql`AND i.id <> ${query.except}`}
    ${
      words === ''
        ? sql``
        : sql`AND (${contains('i.title')} OR ${contains('i.id')} OR EXISTS (
            SELECT 1 FROM (SELECT text FROM items WHERE issue_id = i.id
                            ORDER BY created_at DESC LIMIT ${SAMPLE_POOL}) newest
             WHERE ${contains('newest.text')}))`
    }`;
  const counted = await first(
    q,
    sql<{ n: number }>`SELECT count(*) AS n FROM issues i WHERE ${where}`,
  );
  const found = await rows(
    q,
    sql<{
      id: string;
      title: string;
      status: IssueStatus;
      mentions: number | null;
    }>`SELECT i.id, i.title, i.status, t.mentions FROM issues i
         LEFT JOIN issue_totals t ON t.issue_id = i.id
        WHERE ${where}
        ORDER BY coalesce(t.mentions, 0) DESC, i.title, i.id
        LIMIT ${query.limit ?? FIND_DEFAULT_LIMIT}`,
  );
  return {
    total: Number(counted?.n ?? 0),
    issues: found.map((row) => ({ ...row, mentions: Number(row.mentions ?? 0) })),
  };
}
