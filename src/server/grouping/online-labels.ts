import { sql } from 'kysely';
import {
  type PhraseCounts,
  issueTitle,
  phraseCountsOf,
} from '../../shared/grouping/issue-label.js';
import { tokenize } from '../../shared/text/tokenize.js';
import { setAutoTitle } from '../issues/issues-repo.js';
import { type Sql, rows } from '../storage/sql.js';
import { loadVocabulary } from './vocabulary-repo.js';

/**
 * The newest items an online relabel reads: enough for a label, bounded for a busy issue. Newest
 * by `created_at`, which the ranking's index keeps in order per issue, so nothing is sorted.
 */
const ITEMS_READ = 50;

/**
 * Whether an issue that grew from `before` to `after` items passed a size worth relabelling at:
 * 2, 4, 8, 16, … items. A new issue is titled from its first item's shared phrases; it gets a
 * label as soon as two items share a phrase, and the label follows the issue as it grows, at a cost
 * that is logarithmic in its size rather than one read per item.
 */
export function crossesRelabelSize(before: number, after: number): boolean {
  for (let size = 2; size <= after; size *= 2) if (before < size) return true;
  return false;
}

/** Titles each issue (unless an analyst named it) from its newest items. */
export async function relabelIssues(
  tx: Sql,
  issueIds: Iterable<string>,
  phrases: PhraseCounts,
): Promise<void> {
  for (const issueId of issueIds)
    await setAutoTitle(tx, issueId, await titleOfIssue(tx, issueId, phrases));
}

/** An issue's automatic title (issueTitle) from its newest items. */
export async function titleOfIssue(
  tx: Sql,
  issueId: string,
  phrases: PhraseCounts,
): Promise<string> {
  const texts = await rows(
    tx,
    sql<{
      text: string;
    }>`SELECT text FROM items WHERE issue_id = ${issueId} ORDER BY created_at DESC LIMIT ${ITEMS_READ}`,
  );
  return issueTitle(
    texts.map((row) => row.text),
    phrases,
  );
}

/**
 * Titles again every live, automatically titled issue (besides `skip`, titled already) whose title
 * holds one of `terms`: words that were shared when the title was made and that an edit or a
 * withdrawal has left to one item. Such a drop is rare, so every such title is read.
 */
export async function retitleIssuesUsing(
  tx: Sql,
  terms: readonly string[],
  skip: ReadonlySet<string>,
): Promise<void> {
  if (terms.length === 0) return;
  const unshared = new Set(terms);
  const titles = await rows(
    tx,
    sql<{ id: string; title: string }>`SELECT id, title FROM issues
      WHERE title_source = 'auto' AND merged_into IS NULL`,
  );
  const stale = titles
    .filter((issue) => !skip.has(issue.id))
    .filter((issue) => tokenize(issue.title).some((term) => unshared.has(term)))
    .map((issue) => issue.id);
  if (stale.length > 0) await relabelIssues(tx, stale, phraseCountsOf(await loadVocabulary(tx)));
}
