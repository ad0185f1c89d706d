import type { TermVector } from './term-vector.js';

/** An issue as the grouper sees it: the sum of its members' unit vectors. */
export interface Centroid {
  readonly id: string;
  /** Sum of member vectors, pruned to the heaviest terms; its direction is the issue's "meaning". */
  readonly sum: Map<string, number>;
  norm: number;
  size: number;
  open: boolean;
  /** Scratch for `nearest`: the search that last touched this centroid, and its partial product. */
  search: number;
  product: number;
}

export interface Match {
  issueId: string;
  similarity: number;
}

export interface CentroidIndexOptions {
  /** Terms kept per centroid: bounds memory and the cost of persisting a busy issue. */
  maxTerms: number;
  /** Postings read before common terms only refine the candidates already found. */
  candidateBudget: number;
}

export const DEFAULT_INDEX_OPTIONS: CentroidIndexOptions = {
  maxTerms: 256,
  candidateBudget: 4_000,
};

/**
 * Issue centroids with an inverted index from term to issues, so that finding the nearest issue
 * for a new item reads the postings of its rarest terms instead of scanning every issue.
 */
export class CentroidIndex {
  private readonly centroids = new Map<string, Centroid>();
  /** Term → the open and closed issues holding it, each with its weight there (its `sum` entry). */
  private readonly postings = new Map<string, Map<Centroid, number>>();
  private searches = 0;

  constructor(private readonly options: CentroidIndexOptions = DEFAULT_INDEX_OPTIONS) {}

  get size(): number {
    return this.centroids.size;
  }

  get(id: string): Centroid | undefined {
    return this.centroids.get(id);
  }

  all(): IterableIterator<Centroid> {
    return this.centroids.values();
  }

  /** Adds or replaces an issue's centroid. */
  put(id: string, sum: Iterable<readonly [string, number]>, size: number, open: boolean): Centroid {
    this.remove(id);
    const centroid: Centroid = {
      id,
      sum: new Map(sum),
      norm: 0,
      size,
      open,
      search: 0,
      product: 0,
    };
    centroid.norm = norm(centroid.sum);
    this.centroids.set(id, centroid);
    for (const [term, weight] of centroid.sum) this.post(term, centroid, weight);
    return centroid;
  }

  remove(id: string): void {
    const centroid = this.centroids.get(id);
    if (!centroid) return;
    for (const term of centroid.sum.keys()) this.unpost(term, centroid);
    this.centroids.delete(id);
  }

  /** Adds a member's vector to an issue's centroid. */
  absorb(id: string, vector: TermVector): void {
    const centroid = this.centroids.get(id);
    if (!centroid) throw new Error(`no centroid for issue ${id}`);
    const { sum } = centroid;
    let cross = 0;
    for (let i = 0; i < vector.terms.length; i++) {
      const term = vector.terms[i] as string;
      const weight = vector.weights[i] as number;
      const before = sum.get(term);
      if (before !== undefined) cross += before * weight;
      sum.set(term, (before ?? 0) + weight);
      this.post(term, centroid, (before ?? 0) + weight);
    }
    // |s + v|² = |s|² + 2 s·v + |v|², and member vectors have unit length (or none, if empty).
    const vNorm2 = vector.terms.length > 0 ? 1 : 0;
    centroid.norm = Math.sqrt(centroid.norm * centroid.norm + 2 * cross + vNorm2);
    centroid.size += 1;
    if (sum.size > 2 * this.options.maxTerms) this.prune(centroid);
  }

  /** The open issues most similar to `vector` (cosine to the centroid), best first. */
  nearest(vector: TermVector, limit = 1): Match[] {
    // Partial dot products accumulate on the centroids themselves, stamped with this search's
    // number: a Map keyed by centroid cost more than the arithmetic on every posting read.
    const search = ++this.searches;
    const candidates: Centroid[] = [];
    let examined = 0;
    for (let i = 0; i < vector.terms.length; i++) {
      const term = vector.terms[i] as string;
      const weight = vector.weights[i] as number;
      const posting = this.postings.get(term);
      if (!posting) continue;
      if (examined + posting.size <= this.options.candidateBudget || candidates.length === 0) {
        examined += posting.size;
        // The posting carries the centroid's weight, so no lookup in its sum per posting read.
        for (const [centroid, value] of posting) {
          if (!centroid.open) continue;
          const product = weight * value;
          if (centroid.search === search) centroid.product += product;
          else {
            centroid.search = search;
            centroid.product = product;
            candidates.push(centroid);
          }
        }
      } else {
        for (const centroid of candidates) {
          const value = centroid.sum.get(term);
          if (value !== undefined) centroid.product += weight * value;
        }
      }
    }
    const matches: Match[] = [];
    for (const centroid of candidates)
      if (centroid.norm > 0)
        matches.push({ issueId: centroid.id, similarity: centroid.product / centroid.norm });
    return limit === 1 ? best(matches) : matches.sort(byBestFirst).slice(0, limit);
  }

  private prune(centroid: Centroid): void {
    const kept = [...centroid.sum].sort((a, b) => b[1] - a[1]).slice(0, this.options.maxTerms);
    const keptTerms = new Set(kept.map(([term]) => term));
    for (const term of centroid.sum.keys()) {
      if (!keptTerms.has(term)) {
        this.unpost(term, centroid);
        centroid.sum.delete(term);
      }
    }
    centroid.norm = norm(centroid.sum);
  }

  private post(term: string, centroid: Centroid, weight: number): void {
    let posting = this.postings.get(term);
    if (!posting) this.postings.set(term, (posting = new Map<Centroid, number>()));
    posting.set(centroid, weight);
  }

  private unpost(term: string, centroid: Centroid): void {
    const posting = this.postings.get(term);
    if (!posting) return;
    posting.delete(centroid);
    if (posting.size === 0) this.postings.delete(term);
  }
}

const byBestFirst = (a: Match, b: Match) =>
  b.similarity - a.similarity || (a.issueId < b.issueId ? -1 : 1);

/** The first of `matches` in best-first order, without sorting them all. */
function best(matches: readonly Match[]): Match[] {
  let top: Match | undefined;
  for (const match of matches) if (top === undefined || byBestFirst(match, top) < 0) top = match;
  return top === undefined ? [] : [top];
}

function norm(sum: ReadonlyMap<string, number>): number {
  let norm2 = 0;
  for (const value of sum.values()) norm2 += value * value;
  return Math.sqrt(norm2);
}
