import { CentroidIndex } from '../../shared/grouping/centroid-index.js';
import {
  Grouper,
  type GroupingThresholds,
  DEFAULT_THRESHOLDS,
} from '../../shared/grouping/grouper.js';
import { newIssueId } from '../../shared/domain/ids.js';
import { OPEN_STATUSES } from '../../shared/domain/issue.js';
import {
  type IssueModel,
  type IssueRow,
  issueRedirects,
  liveIssues,
} from '../issues/issues-repo.js';
import type { Sql } from '../storage/sql.js';
import { loadVocabulary } from './vocabulary-repo.js';

/** Rebuilds the in-memory grouper from what the database holds: vocabulary, centroids, merges. */
export async function loadGrouper(
  q: Sql,
  thresholds: GroupingThresholds = DEFAULT_THRESHOLDS,
): Promise<Grouper> {
  const index = new CentroidIndex();
  for (const row of await liveIssues(q)) putIssue(index, row);
  const grouper = new Grouper(await loadVocabulary(q), index, newIssueId, thresholds);
  for (const [from, to] of await issueRedirects(q)) grouper.redirects.set(from, to);
  return grouper;
}

/** Brings one issue's centroid (or its retirement) in the grouper up to what the database says. */
export function applyIssueRow(grouper: Grouper, row: IssueRow): void {
  if (row.merged_into !== null) {
    grouper.index.remove(row.id);
    grouper.redirects.set(row.id, row.merged_into);
  } else {
    putIssue(grouper.index, row);
  }
}

function putIssue(index: CentroidIndex, row: IssueRow): void {
  const model = JSON.parse(row.model) as IssueModel;
  index.put(row.id, model.terms, model.size, OPEN_STATUSES.has(row.status));
}

/** A centroid in its persisted form, weights rounded: six digits say all a cosine needs. */
export function centroidModel(grouper: Grouper, issueId: string): IssueModel {
  const centroid = grouper.index.get(issueId);
  if (!centroid) return { size: 0, terms: [] };
  const terms = [...centroid.sum].map(([term, weight]): [string, number] => [
    term,
    Number(weight.toPrecision(6)),
  ]);
  return { size: centroid.size, terms };
}
