import { CentroidIndex } from './centroid-index.js';
import { scriptClassOf } from '../text/tokenize.js';
import { type TermVector, Vocabulary, dot, vectorize } from './term-vector.js';

export interface GroupingThresholds {
  /** Cosine to an issue's centroid above which a text in a spaced script joins the issue. */
  spaced: number;
  /** The same for Chinese and Japanese, whose bigram-rich vectors sit at another scale. */
  unspaced: number;
}

export const DEFAULT_THRESHOLDS: GroupingThresholds = { spaced: 0.15, unspaced: 0.12 };

export interface Assignment {
  issueId: string;
  /** True when the item opened a new issue. */
  created: boolean;
  /** Cosine to the chosen issue's centroid before the item joined it (1 for a new issue). */
  similarity: number;
  /** How the issue was chosen. */
  by: 'agent' | 'similarity' | 'new';
}

/** The part of an item the grouper needs. */
export interface GroupableItem {
  counts: ReadonlyMap<string, number>;
  /** The issue the agent chose ("heard again"), if any. */
  chosenIssueId?: string | undefined;
}

/**
 * Assigns items to issues one at a time, as they arrive: to the agent's chosen issue, else to the
 * most similar open issue when the similarity clears the threshold, else to a new issue.
 */
export class Grouper {
  /** Retired issue → the issue that absorbed it (merges), followed when an agent names the old one. */
  readonly redirects = new Map<string, string>();

  constructor(
    readonly vocabulary: Vocabulary,
    readonly index: CentroidIndex,
    private readonly newIssueId: () => string,
    private readonly thresholds: GroupingThresholds = DEFAULT_THRESHOLDS,
  ) {}

  /**
   * Counts a batch in the vocabulary before any of it is assigned, so the first items of a batch
   * are weighed by the same document frequencies as the last. Returns how many of the items hold
   * each term: what the vocabulary gained, for the caller to persist.
   */
  observe(items: Iterable<GroupableItem>): Map<string, number> {
    const increments = new Map<string, number>();
    let documents = 0;
    for (const item of items) {
      documents += 1;
      for (const term of item.counts.keys()) increments.set(term, (increments.get(term) ?? 0) + 1);
    }
    this.vocabulary.add(increments, documents);
    return increments;
  }

  vectorize(counts: ReadonlyMap<string, number>): TermVector {
    return vectorize(counts, this.vocabulary);
  }

  assign(item: GroupableItem): Assignment {
    const vector = this.vectorize(item.counts);
    const chosen = item.chosenIssueId && this.resolve(item.chosenIssueId);
    if (chosen) {
      const centroid = this.index.get(chosen);
      const similarity =
        centroid && centroid.norm > 0 ? dot(vector, centroid.sum) / centroid.norm : 0;
      this.index.absorb(chosen, vector);
      return { issueId: chosen, created: false, similarity, by: 'agent' };
    }
    const [best] = this.index.nearest(vector);
    if (best && best.similarity >= this.thresholdFor(item.counts)) {
      this.index.absorb(best.issueId, vector);
      return {
        issueId: best.issueId,
        created: false,
        similarity: best.similarity,
        by: 'similarity',
      };
    }
    const issueId = this.newIssueId();
    this.index.put(issueId, [], 0, true);
    this.index.absorb(issueId, vector);
    return { issueId, created: true, similarity: 1, by: 'new' };
  }

  /** The live issue an id stands for, following merges; undefined if it is unknown. */
  resolve(issueId: string): string | undefined {
    let id = issueId;
    for (let hops = 0; hops < 32; hops++) {
      const next = this.redirects.get(id);
      if (next === undefined) return this.index.get(id) ? id : undefined;
      id = next;
    }
    return undefined;
  }

  thresholdFor(counts: ReadonlyMap<string, number>): number {
    return this.thresholds[scriptClassOf(counts.keys())];
  }
}
