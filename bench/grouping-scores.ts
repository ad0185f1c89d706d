import { adjustedRandIndex, normalizedMutualInformation } from './metrics.js';

export interface GroupingScores {
  items: number;
  trueIssues: number;
  issues: number;
  nmi: number;
  ari: number;
  /** Of the 10 largest true issues, the share that lead one of the 10 largest found issues. */
  precisionAt10: number;
  /** For the 10 largest true issues, the mean share of each one's items in its largest found issue. */
  top10Share: number;
}

function countBy<T>(values: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function largest<T>(counts: Map<T, number>, k: number): T[] {
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, k).map(([key]) => key);
}

/** Scores a grouping against true labels; `ranked` is the found issues, most important first. */
export function scoreGrouping(truth: string[], predicted: string[], ranked?: string[]): GroupingScores {
  const topTruth = largest(countBy(truth), 10);
  const topFound = ranked ? ranked.slice(0, 10) : largest(countBy(predicted), 10);
  const majority = new Map<string, string>();
  for (const issue of topFound) {
    const labels = countBy(truth.filter((_, i) => predicted[i] === issue));
    majority.set(issue, largest(labels, 1)[0] as string);
  }
  const leading = new Set(majority.values());
  const shares = topTruth.map((label) => {
    const found = countBy(predicted.filter((_, i) => truth[i] === label));
    const total = [...found.values()].reduce((a, b) => a + b, 0);
    return Math.max(...found.values()) / total;
  });
  return {
    items: truth.length,
    trueIssues: new Set(truth).size,
    issues: new Set(predicted).size,
    nmi: normalizedMutualInformation(truth, predicted),
    ari: adjustedRandIndex(truth, predicted),
    precisionAt10: topTruth.filter((label) => leading.has(label)).length / topTruth.length,
    top10Share: shares.reduce((a, b) => a + b, 0) / shares.length,
  };
}
