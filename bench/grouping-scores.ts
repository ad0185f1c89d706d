import { adjustedRandIndex, normalizedMutualInformation } from './metrics.js';

export interface GroupingScores {
  items: number;
  trueIssues: number;
  issues: number;
  nmi: number;
  ari: number;
  /** For each of the 10 highest-ranked issues, the share of its items carrying its most common label; the mean. */
  top10Purity: number;
  /** For each of the 10 most frequent labels, the share of its items inside its largest issue; the mean. */
  top10Recall: number;
  /** Of the 10 most frequent labels, the share that lead one of the 10 highest-ranked issues. */
  precisionAt10: number;
}

export function countBy<T>(values: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function largest<T>(counts: Map<T, number>, k: number): T[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([key]) => key);
}

/** Each issue's most common true label: what an issue "is" when its suggestion is scored. */
export function majorityLabels(
  truth: readonly string[],
  predicted: readonly string[],
): Map<string, string> {
  const byIssue = new Map<string, Map<string, number>>();
  predicted.forEach((issue, i) => {
    const labels = byIssue.get(issue) ?? new Map<string, number>();
    labels.set(truth[i] as string, (labels.get(truth[i] as string) ?? 0) + 1);
    byIssue.set(issue, labels);
  });
  return new Map([...byIssue].map(([issue, labels]) => [issue, largest(labels, 1)[0] as string]));
}

const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

/** Scores a grouping against true labels; `ranked` is the found issues, most important first. */
export function scoreGrouping(
  truth: string[],
  predicted: string[],
  ranked?: string[],
): GroupingScores {
  const topTruth = largest(countBy(truth), 10);
  const topFound = (ranked ?? largest(countBy(predicted), 10))
    .filter((id) => predicted.includes(id))
    .slice(0, 10);
  const purities = topFound.map((issue) => {
    const labels = countBy(truth.filter((_, i) => predicted[i] === issue));
    const total = [...labels.values()].reduce((a, b) => a + b, 0);
    return Math.max(...labels.values()) / total;
  });
  const majority = majorityLabels(truth, predicted);
  const leading = new Set(topFound.map((issue) => majority.get(issue)));
  const recalls = topTruth.map((label) => {
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
    top10Purity: mean(purities),
    top10Recall: mean(recalls),
    precisionAt10: topTruth.filter((label) => leading.has(label)).length / topTruth.length,
  };
}

export interface SuggestionScores {
  /** Held-back texts scored. */
  asked: number;
  /** Of the texts for which something was shown, the share whose top issue is mostly their label. */
  precisionAt1: number;
  /** The share of held-back texts for which something was shown. */
  coverage: number;
  /**
   * The same share over the texts that have a match, i.e. whose label is the most common label of
   * some issue (issue 12's wording): a text whose problem no issue is about is right to get nothing.
   */
  matchedCoverage: number;
}

/**
 * `shown[i]`: the top suggested issue's majority label for held-back text i, or undefined if none;
 * `matchable`: the labels that are the most common label of at least one issue.
 */
export function scoreSuggestions(
  truth: readonly string[],
  shown: readonly (string | undefined)[],
  matchable: ReadonlySet<string>,
): SuggestionScores {
  let answered = 0;
  let right = 0;
  let withMatch = 0;
  let answeredWithMatch = 0;
  shown.forEach((label, i) => {
    const hasMatch = matchable.has(truth[i] as string);
    if (hasMatch) withMatch += 1;
    if (label === undefined) return;
    answered += 1;
    if (hasMatch) answeredWithMatch += 1;
    if (label === truth[i]) right += 1;
  });
  return {
    asked: truth.length,
    precisionAt1: answered === 0 ? 0 : right / answered,
    coverage: answered / Math.max(1, truth.length),
    matchedCoverage: answeredWithMatch / Math.max(1, withMatch),
  };
}
