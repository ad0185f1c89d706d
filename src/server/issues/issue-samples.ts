import { sql } from 'kysely';
import type { IssueSample } from '../../shared/api/contract.js';
import { type ItemOwner, andOwnedBy } from '../items/items-repo.js';
import { dot } from '../../shared/grouping/term-vector.js';
import { textVectors } from '../../shared/grouping/text-vectors.js';
import { type Sql, inList, rows } from '../storage/sql.js';

/** Newest items read per issue to choose its sample from: enough to find the centre, cheap for 200 issues. */
const READ_PER_ISSUE = 30;

/**
 * One representative verbatim per issue, from the items `owner` may read (a lead's team, or all):
 * what tells two issues apart when their titles are short labels or 'Unlabelled issue'. Titles
 * carry no customer's words (every token reads them), so the words come from here, by role. An
 * issue with no item the owner may read is left out, as is an unknown id.
 */
export async function issueSamples(
  q: Sql,
  issueIds: readonly string[],
  owner: ItemOwner,
): Promise<IssueSample[]> {
  if (issueIds.length === 0) return [];
  const mine = andOwnedBy(owner);
  const found = await rows(
    q,
    sql<{ issue_id: string; text: string }>`SELECT issue_id, text FROM (
        SELECT issue_id, text, created_at, seq,
               ROW_NUMBER() OVER (PARTITION BY issue_id ORDER BY created_at DESC, seq DESC) AS n
          FROM items WHERE ${inList(sql.ref('issue_id'), issueIds)} ${mine}
      ) newest WHERE n <= ${READ_PER_ISSUE} ORDER BY issue_id, created_at DESC, seq DESC`,
  );
  const byIssue = new Map<string, string[]>();
  for (const row of found) {
    const list = byIssue.get(row.issue_id) ?? [];
    list.push(row.text);
    byIssue.set(row.issue_id, list);
  }
  return [...byIssue].map(([id, texts]) => ({ id, text: centralText(texts) }));
}

/**
 * The text closest to the centre of all of them, repeats included: a sentence heard ten times
 * weighs ten times, so the sample says what the issue mostly hears, not a stray item's words
 * (the report's representativeVerbatims drops repeats first, which suits a list, not one line).
 * Ties keep the newest.
 */
function centralText(texts: readonly string[]): string {
  if (texts.length === 1) return texts[0] as string;
  const { vectors, centre } = textVectors(texts);
  let best = 0;
  let bestCloseness = -Infinity;
  vectors.forEach((vector, i) => {
    const closeness = dot(vector, centre);
    if (closeness > bestCloseness) [best, bestCloseness] = [i, closeness];
  });
  return texts[best] as string;
}
