import { sql } from 'kysely';
import type { Suggestion } from '../../shared/api/contract.js';
import type { CentroidIndex } from '../../shared/grouping/centroid-index.js';
import { unitVector } from '../../shared/grouping/term-vector.js';
import { type Sql, rows } from '../storage/sql.js';
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
  // A split said "these are not one problem": the two sides are never offered for merging back.
  const apart = await splitApart(q, issueId);
  // One more than asked for, and a few for issues merged away since the index last caught up.
  const matches = index
    .nearest(vector, limit + 4 + apart.size)
    .filter(
      (match) =>
        match.issueId !== issueId &&
        !apart.has(match.issueId) &&
        match.similarity >= MERGE_CANDIDATE_FLOOR,
    );
  return (await describeMatches(q, matches)).slice(0, limit);
}

/** The issues an analyst split off this one, and the one it was split off, if any. */
async function splitApart(q: Sql, issueId: string): Promise<Set<string>> {
  const found = await rows(
    q,
    sql<{ other: string }>`SELECT new_value AS other FROM issue_history
      WHERE action = 'split' AND field = 'from' AND issue_id = ${issueId}
      UNION SELECT issue_id AS other FROM issue_history
      WHERE action = 'split' AND field = 'from' AND new_value = ${issueId}`,
  );
  return new Set(found.map((row) => row.other));
}
