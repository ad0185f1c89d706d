import type { Suggestion } from '../../shared/api/contract.js';
import type { CentroidIndex } from '../../shared/grouping/centroid-index.js';
import { unitVector } from '../../shared/grouping/term-vector.js';
import type { Sql } from '../storage/sql.js';
import { describeMatches } from './issue-matches.js';
import { type IssueModel, getIssue } from './issues-repo.js';

/**
 * The least cosine between two issues' centroids worth offering as "the same problem?": the
 * grouping keeps issues apart when unsure, so the analyst sees candidates well below the
 * threshold at which items join an issue by themselves.
 */
export const MERGE_CANDIDATE_FLOOR = 0.1;

/**
 * Open issues whose centroid is most like this issue's, most alike first: the candidates an
 * analyst merges with one click. Undefined when there is no such issue. The issue's centroid is
 * read from the database, so a merge this process made a moment ago is already counted.
 */
export async function similarIssues(
  q: Sql,
  index: CentroidIndex,
  issueId: string,
  limit: number,
): Promise<Suggestion[] | undefined> {
  const row = await getIssue(q, issueId);
  if (!row) return undefined;
  const vector = unitVector((JSON.parse(row.model) as IssueModel).terms);
  if (vector.terms.length === 0) return [];
  // One more than asked for, and a few for issues merged away since the index last caught up.
  const matches = index
    .nearest(vector, limit + 4)
    .filter((match) => match.issueId !== issueId && match.similarity >= MERGE_CANDIDATE_FLOOR);
  return (await describeMatches(q, matches)).slice(0, limit);
}
