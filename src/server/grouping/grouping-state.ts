import { CentroidIndex } from '../../shared/grouping/centroid-index.js';
import { Grouper, type GroupingThresholds, DEFAULT_THRESHOLDS } from '../../shared/grouping/grouper.js';
import { newIssueId } from '../../shared/domain/ids.js';
import { OPEN_STATUSES } from '../../shared/domain/issue.js';
import type { IssueModel, IssuesRepo } from '../issues/issues-repo.js';
import type { VocabularyRepo } from './vocabulary-repo.js';

/** Rebuilds the in-memory grouper from what the database holds: vocabulary, centroids, merges. */
export function loadGrouper(
  issues: IssuesRepo,
  vocabulary: VocabularyRepo,
  thresholds: GroupingThresholds = DEFAULT_THRESHOLDS,
): Grouper {
  const index = new CentroidIndex();
  for (const row of issues.live()) {
    const model = JSON.parse(row.model) as IssueModel;
    index.put(row.id, model.terms, model.size, OPEN_STATUSES.has(row.status));
  }
  const grouper = new Grouper(vocabulary.load(), index, newIssueId, thresholds);
  for (const [from, to] of issues.redirects()) grouper.redirects.set(from, to);
  return grouper;
}

/** A centroid in its persisted form, weights rounded: six digits say all a cosine needs. */
export function centroidModel(grouper: Grouper, issueId: string): IssueModel {
  const centroid = grouper.index.get(issueId);
  if (!centroid) return { size: 0, terms: [] };
  const terms = [...centroid.sum].map(([term, weight]): [string, number] => [term, Number(weight.toPrecision(6))]);
  return { size: centroid.size, terms };
}
