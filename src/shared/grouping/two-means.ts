import { type TermVector, dot } from './term-vector.js';

/**
 * Sums of unit vectors, and cutting a group of them in two: shared by reclustering (which cuts
 * incoherent clusters) and the split an analyst is offered for one issue.
 */
export interface Vectored {
  vector: TermVector;
}

export function sumOf(items: readonly Vectored[], members: readonly number[]): Map<string, number> {
  const sum = new Map<string, number>();
  for (const i of members) {
    const { terms, weights } = (items[i] as Vectored).vector;
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t] as string;
      sum.set(term, (sum.get(term) ?? 0) + (weights[t] as number));
    }
  }
  return sum;
}

export function squaredNorm(sum: ReadonlyMap<string, number>): number {
  let norm2 = 0;
  for (const value of sum.values()) norm2 += value * value;
  return norm2;
}

export function dotSums(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let product = 0;
  for (const [term, weight] of small) product += weight * (large.get(term) ?? 0);
  return product;
}

/** Mean cosine over the pairs of distinct members, from the sum of their unit vectors. */
export const cohesion = (norm2: number, n: number) => (n > 1 ? (norm2 - n) / (n * (n - 1)) : 1);

/**
 * Spherical 2-means over a cluster's members, seeded with the member least like the whole and the
 * member least like that one. Linear in the members' terms per round: per-cluster work only.
 */
export function twoMeans(
  items: readonly Vectored[],
  members: readonly number[],
  /** Halves to start from instead of the two extreme members. */
  start?: [number[], number[]],
): [number[], number[]] {
  const vectorOf = (i: number) => (items[i] as Vectored).vector;
  const leastLike = (sum: ReadonlyMap<string, number>, skip: number) => {
    let found = members[0] as number;
    let lowest = Infinity;
    for (const i of members) {
      const similarity = dot(vectorOf(i), sum);
      if (i !== skip && similarity < lowest) [lowest, found] = [similarity, i];
    }
    return found;
  };
  let halves: [number[], number[]];
  if (start) halves = start;
  else {
    const first = leastLike(sumOf(items, members), -1);
    halves = [[first], [leastLike(sumOf(items, [first]), first)]];
  }
  for (let round = 0; round < 8; round++) {
    const [a, b] = halves.map((half) => sumOf(items, half)) as [
      Map<string, number>,
      Map<string, number>,
    ];
    const normA = Math.sqrt(squaredNorm(a)) || 1;
    const normB = Math.sqrt(squaredNorm(b)) || 1;
    const next: [number[], number[]] = [[], []];
    for (const i of members)
      next[dot(vectorOf(i), a) / normA >= dot(vectorOf(i), b) / normB ? 0 : 1].push(i);
    if (next[0].length === 0 || next[1].length === 0) break;
    halves = next;
  }
  return halves;
}
