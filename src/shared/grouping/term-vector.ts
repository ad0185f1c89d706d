/**
 * A sparse, L2-normalised TF-IDF vector, its terms ordered by weight (heaviest first) so that
 * candidate search can look at the most telling terms before the common ones.
 */
export interface TermVector {
  readonly terms: readonly string[];
  readonly weights: Float64Array;
}

export const EMPTY_VECTOR: TermVector = { terms: [], weights: new Float64Array(0) };

/** Document frequencies over every item seen: the "IDF" half of TF-IDF. */
export class Vocabulary {
  private readonly df: Map<string, number>;
  private documents: number;

  constructor(documents = 0, df: Iterable<readonly [string, number]> = []) {
    this.documents = documents;
    this.df = new Map(df);
  }

  get documentCount(): number {
    return this.documents;
  }

  /** Counts one more document containing each of `distinctTerms`. */
  observe(distinctTerms: Iterable<string>): void {
    this.documents += 1;
    for (const term of distinctTerms) this.df.set(term, (this.df.get(term) ?? 0) + 1);
  }

  /** Counts `documents` more documents, `increments` saying how many of them hold each term. */
  add(increments: ReadonlyMap<string, number>, documents: number): void {
    this.documents += documents;
    for (const [term, n] of increments) this.df.set(term, (this.df.get(term) ?? 0) + n);
  }

  /** Takes counts written by another process: the document total and the terms that changed. */
  catchUp(documents: number, changed: Iterable<readonly [string, number]>): void {
    this.documents = documents;
    for (const [term, df] of changed) this.df.set(term, df);
  }

  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
  }

  /** Smoothed IDF: a term never seen weighs the most, one in every document weighs 1. */
  idf(term: string): number {
    return Math.log((1 + this.documents) / (1 + (this.df.get(term) ?? 0))) + 1;
  }
}

/** Term counts, with repeats folded: the input both to the vocabulary and to vectorising. */
export function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Sublinear TF times IDF, normalised to unit length. */
export function vectorize(counts: ReadonlyMap<string, number>, vocabulary: Vocabulary): TermVector {
  // Parallel arrays and a sorted index rather than [term, weight] pairs: this runs for every item
  // imported, and the pairs were most of its allocations.
  const terms: string[] = [];
  const raw = new Float64Array(counts.size);
  let norm2 = 0;
  for (const [term, count] of counts) {
    const weight = (1 + Math.log(count)) * vocabulary.idf(term);
    raw[terms.length] = weight;
    terms.push(term);
    norm2 += weight * weight;
  }
  if (norm2 === 0) return EMPTY_VECTOR;
  const order = Uint32Array.from(terms.keys()).sort(
    (a, b) => (raw[b] as number) - (raw[a] as number) || a - b,
  );
  const norm = Math.sqrt(norm2);
  const weights = new Float64Array(order.length);
  const sorted = new Array<string>(order.length);
  order.forEach((from, to) => {
    weights[to] = (raw[from] as number) / norm;
    sorted[to] = terms[from] as string;
  });
  return { terms: sorted, weights };
}

/** A sum of vectors (a centroid) as a unit vector, heaviest terms first: the direction it points in. */
export function unitVector(sum: Iterable<readonly [string, number]>): TermVector {
  const entries = [...sum].sort((x, y) => y[1] - x[1]);
  const norm = Math.sqrt(entries.reduce((total, [, weight]) => total + weight * weight, 0));
  if (norm === 0) return EMPTY_VECTOR;
  return {
    terms: entries.map(([term]) => term),
    weights: Float64Array.from(entries, ([, weight]) => weight / norm),
  };
}

export function dot(a: TermVector, b: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (let i = 0; i < a.terms.length; i++)
    sum += (a.weights[i] ?? 0) * (b.get(a.terms[i] ?? '') ?? 0);
  return sum;
}
