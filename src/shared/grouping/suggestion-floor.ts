import type { Centroid, Match } from './centroid-index.js';
import type { TermVector, Vocabulary } from './term-vector.js';

/**
 * The least cosine at which an open issue is worth suggesting while an agent types: below it the
 * list would fill with issues that merely share a common word. The desktop's offline cache, whose
 * query vectors carry no IDF, compares at this floor.
 */
export const SUGGESTION_FLOOR = 0.12;

export interface SuggestionConfidence {
  /** Cosine (IDF-weighted on both sides) an issue needs before it is shown at all. */
  minSimilarity: number;
  /** A term in more than this share of all items is filler ("no", "again", "card"): it never decides. */
  fillerShare: number;
  /** Share of the similarity that must come from terms that are not filler. */
  minTellingShare: number;
}

/**
 * Measured on `bench:quality` (every 5th item held back): a wrong suggestion invites a wrong "heard
 * again", which corrupts the counts, so the bar is set for precision first.
 */
export const DEFAULT_SUGGESTION_CONFIDENCE: SuggestionConfidence = {
  minSimilarity: 0.25,
  fillerShare: 0.05,
  minTellingShare: 0.5,
};

/**
 * A term in fewer items than this is never filler, whatever its share: in a young database a
 * problem heard seven times ("退款" in 7 of 113 items) is its vocabulary, not filler.
 */
const MIN_FILLER_DOCUMENTS = 20;

/**
 * The matches confident enough to show: similar enough, and similar for the telling words they
 * share rather than the filler. Abstaining is the right answer when nothing qualifies.
 */
export function confidentMatches(
  vector: TermVector,
  matches: readonly Match[],
  centroidOf: (issueId: string) => Centroid | undefined,
  vocabulary: Vocabulary,
  confidence: SuggestionConfidence = DEFAULT_SUGGESTION_CONFIDENCE,
): Match[] {
  // In a small set every word is in a good share of the items: nothing counts as filler there yet.
  const fillerAbove = Math.max(
    MIN_FILLER_DOCUMENTS,
    confidence.fillerShare * vocabulary.documentCount,
  );
  return matches.filter((match) => {
    if (match.similarity < confidence.minSimilarity) return false;
    const centroid = centroidOf(match.issueId);
    if (!centroid || centroid.norm === 0) return false;
    let telling = 0;
    vector.terms.forEach((term, i) => {
      if (vocabulary.documentFrequency(term) > fillerAbove) return;
      telling += (vector.weights[i] as number) * (centroid.sum.get(term) ?? 0);
    });
    return telling / centroid.norm >= confidence.minTellingShare * match.similarity;
  });
}
