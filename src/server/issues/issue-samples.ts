import { sql } from 'kysely';
import type { IssueSample } from '../../shared/api/contract.js';
import { type ItemOwner, andOwnedBy } from '../items/items-repo.js';
import { dot } from '../../shared/grouping/term-vector.js';
import { textVectors } from '../../shared/grouping/text-vectors.js';
import { type Sql, rows } from '../storage/sql.js';

/**
 * Newest items read per issue to choose its sample from: enough to find the centre, cheap for 200
 * issues. `issues.find` searches the same items, so the words of a sample always find its issue.
 */
export const SAMPLE_POOL = 30;

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
  const mine = andOwnedBy(owner);
  const samples: IssueSample[] = [];
  // One bounded read per issue, newest first along the per-issue index: a window over every item
  // of 200 issues would read all of a big issue's items to keep 30.
  for (const id of issueIds) {
    const newest = await rows(
      q,
      sql<{ text: string }>`SELECT text FROM items WHERE issue_id = ${id} ${mine}
        ORDER BY created_at DESC LIMIT ${SAMPLE_POOL}`,
    );
    if (newest.length > 0) samples.push({ id, text: centralText(newest.map((row) => row.text)) });
  }
  return samples;
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
