import { CentroidIndex } from './centroid-index.js';
import { MaxHeap } from './max-heap.js';
import { type TermVector, unitVector } from './term-vector.js';
import { cohesion, dotSums, squaredNorm, sumOf, twoMeans } from './two-means.js';
import { type ScriptClass, scriptClassOf } from '../text/tokenize.js';

export interface ReclusterItem {
  id: string;
  vector: TermVector;
  /** Items an agent or analyst put in an issue stay there, and two pinned issues never merge. */
  pinnedIssueId?: string | undefined;
  /**
   * The pinned issue is one an analyst curated (merged, split, edited): they decided what it holds,
   * so a regroup leaves it exactly as it is, taking nothing in. Later items still reach it as they
   * arrive (the online grouper), and those stay with it.
   */
  curated?: boolean | undefined;
}

export interface ReclusterOptions {
  /** Cosine to a micro-cluster's centroid for an item to join it in the first, strict pass. */
  microThreshold: number;
  /**
   * Average-link merges two clusters while their mean pairwise cosine is at least this many times
   * the chance level: the mean cosine between any two items of the same script in the set. Relative
   * to chance, the threshold means the same for long and short texts, English words and Chinese
   * bigrams alike.
   */
  mergeOverChance: number;
  /** The merge threshold never falls below this mean pairwise cosine. */
  mergeFloor: number;
  /** Rounds of moving each free item to its nearest final centroid. */
  refineRounds: number;
  /** Neighbours considered per cluster when looking for merges. */
  neighbours: number;
  /**
   * Average-link chains intents that share topical words into one large mixture. After merging,
   * each free cluster of at least `splitMinSize` items is cut in two (spherical 2-means) when the
   * mean cosine between the halves is below this share of the less cohesive half's own mean
   * pairwise cosine: the halves are two topics, not two samples of one.
   */
  splitLinkRatio: number;
  /**
   * The share grows by this much each time a cluster doubles past `splitMinSize`: a large group
   * needs stronger evidence to stay whole, since splitting one later is an analyst's afternoon
   * while merging two is a click.
   */
  splitRatioPerDoubling: number;
  /** Clusters smaller than this are never cut. */
  splitMinSize: number;
  /** Neither half of a cut may be smaller than this. */
  splitMinPart: number;
}

export const DEFAULT_RECLUSTER_OPTIONS: ReclusterOptions = {
  microThreshold: 0.5,
  mergeOverChance: 2,
  mergeFloor: 0.03,
  refineRounds: 2,
  neighbours: 12,
  splitLinkRatio: 0.4,
  splitRatioPerDoubling: 0.15,
  splitMinSize: 20,
  splitMinPart: 8,
};

interface Cluster {
  key: string;
  pinned: boolean;
  members: number[];
  alive: boolean;
  version: number;
}

/**
 * Regroups a whole set of items: a strict single pass into small, pure micro-clusters, then
 * average-link agglomeration of those (exact, since the mean pairwise cosine of two groups of unit
 * vectors is the dot product of their sums over the product of their sizes), then cutting large
 * incoherent clusters in two, then a few rounds moving each free item to its nearest centroid. Returns item id → cluster key; a pinned cluster's
 * key is its issue id.
 */
export function recluster(
  all: readonly ReclusterItem[],
  options: ReclusterOptions = DEFAULT_RECLUSTER_OPTIONS,
): Map<string, string> {
  const result = new Map<string, string>();
  for (const item of all)
    if (item.curated && item.pinnedIssueId !== undefined) result.set(item.id, item.pinnedIssueId);
  const items = all.filter((item) => !result.has(item.id));
  const index = new CentroidIndex({ maxTerms: 1_000_000, candidateBudget: 20_000 });
  const clusters = new Map<string, Cluster>();
  const clusterOf: string[] = new Array<string>(items.length);
  let next = 0;

  const open = (key: string, pinned: boolean): Cluster => {
    const cluster: Cluster = { key, pinned, members: [], alive: true, version: 0 };
    clusters.set(key, cluster);
    index.put(key, [], 0, true);
    return cluster;
  };
  const join = (cluster: Cluster, i: number) => {
    cluster.members.push(i);
    clusterOf[i] = cluster.key;
    index.absorb(cluster.key, (items[i] as ReclusterItem).vector);
  };

  items.forEach((item, i) => {
    if (item.pinnedIssueId === undefined) return;
    join(clusters.get(item.pinnedIssueId) ?? open(item.pinnedIssueId, true), i);
  });
  items.forEach((item, i) => {
    if (item.pinnedIssueId !== undefined) return;
    const [best] = index.nearest(item.vector);
    const target =
      best && best.similarity >= options.microThreshold ? clusters.get(best.issueId) : undefined;
    join(target ?? open(`c${next++}`, false), i);
  });

  const thresholds = mergeThresholds(items, options);
  const scriptOf = (key: string) =>
    scriptClassOf((index.get(key)?.sum ?? new Map<string, number>()).keys());
  mergeAverageLink(index, clusters, clusterOf, (key) => thresholds[scriptOf(key)], options);
  splitIncoherent(items, index, clusters, clusterOf, options, () => `c${next++}`);
  refine(items, index, clusters, clusterOf, options.refineRounds);

  items.forEach((item, i) => result.set(item.id, clusterOf[i] as string));
  return result;
}

/** Merge thresholds per script class, from each class's chance-level mean pairwise cosine. */
function mergeThresholds(
  items: readonly ReclusterItem[],
  options: ReclusterOptions,
): Record<ScriptClass, number> {
  const sums = { spaced: new Map<string, number>(), unspaced: new Map<string, number>() };
  const counts = { spaced: 0, unspaced: 0 };
  for (const { vector } of items) {
    if (vector.terms.length === 0) continue;
    const script = scriptClassOf(vector.terms);
    counts[script] += 1;
    const sum = sums[script];
    vector.terms.forEach((term, i) =>
      sum.set(term, (sum.get(term) ?? 0) + (vector.weights[i] as number)),
    );
  }
  const threshold = (script: ScriptClass) => {
    const n = counts[script];
    let norm2 = 0;
    for (const value of sums[script].values()) norm2 += value * value;
    // Mean cosine over all ordered pairs of distinct unit vectors: (|Σv|² − n) / (n(n − 1)).
    const chance = n > 1 ? (norm2 - n) / (n * (n - 1)) : 0;
    return Math.max(options.mergeFloor, options.mergeOverChance * chance);
  };
  return { spaced: threshold('spaced'), unspaced: threshold('unspaced') };
}

function averageLink(index: CentroidIndex, a: string, b: string): number {
  const ca = index.get(a);
  const cb = index.get(b);
  if (!ca || !cb || ca.size === 0 || cb.size === 0) return 0;
  const [small, large] = ca.sum.size <= cb.sum.size ? [ca, cb] : [cb, ca];
  let product = 0;
  for (const [term, weight] of small.sum) product += weight * (large.sum.get(term) ?? 0);
  return product / (ca.size * cb.size);
}

function mergeAverageLink(
  index: CentroidIndex,
  clusters: Map<string, Cluster>,
  clusterOf: string[],
  thresholdOf: (key: string) => number,
  options: ReclusterOptions,
): void {
  type Pair = { a: string; b: string; va: number; vb: number };
  const heap = new MaxHeap<Pair>();
  const pushNeighbours = (cluster: Cluster) => {
    const centroid = index.get(cluster.key);
    if (!centroid || centroid.norm === 0) return;
    for (const match of index.nearest(unitVector(centroid.sum), options.neighbours + 1)) {
      const other = clusters.get(match.issueId);
      if (!other || other === cluster || (other.pinned && cluster.pinned)) continue;
      const similarity = averageLink(index, cluster.key, other.key);
      if (similarity >= thresholdOf(cluster.key)) {
        heap.push(similarity, {
          a: cluster.key,
          b: other.key,
          va: cluster.version,
          vb: other.version,
        });
      }
    }
  };
  for (const cluster of clusters.values()) pushNeighbours(cluster);

  for (let top = heap.pop(); top; top = heap.pop()) {
    const a = clusters.get(top.value.a);
    const b = clusters.get(top.value.b);
    if (
      !a ||
      !b ||
      !a.alive ||
      !b.alive ||
      a.version !== top.value.va ||
      b.version !== top.value.vb
    )
      continue;
    // The pinned side survives, so that its issue id (and the analyst's work on it) carries on.
    const [keep, gone] =
      b.pinned || (!a.pinned && b.members.length > a.members.length) ? [b, a] : [a, b];
    const keptCentroid = index.get(keep.key);
    const goneCentroid = index.get(gone.key);
    if (!keptCentroid || !goneCentroid) continue;
    const merged = new Map(keptCentroid.sum);
    for (const [term, weight] of goneCentroid.sum)
      merged.set(term, (merged.get(term) ?? 0) + weight);
    index.remove(gone.key);
    index.put(keep.key, merged, keptCentroid.size + goneCentroid.size, true);
    for (const member of gone.members) clusterOf[member] = keep.key;
    keep.members.push(...gone.members);
    keep.pinned ||= gone.pinned;
    keep.version += 1;
    gone.alive = false;
    clusters.delete(gone.key);
    pushNeighbours(keep);
  }
}

function refine(
  items: readonly ReclusterItem[],
  index: CentroidIndex,
  clusters: Map<string, Cluster>,
  clusterOf: string[],
  rounds: number,
): void {
  for (let round = 0; round < rounds; round++) {
    const moves: [number, string][] = [];
    items.forEach((item, i) => {
      if (item.pinnedIssueId !== undefined) return;
      const [best] = index.nearest(item.vector);
      if (best && best.issueId !== clusterOf[i]) moves.push([i, best.issueId]);
    });
    if (moves.length === 0) return;
    for (const [i, key] of moves) clusterOf[i] = key;
    rebuild(items, index, clusters, clusterOf);
  }
}

function rebuild(
  items: readonly ReclusterItem[],
  index: CentroidIndex,
  clusters: Map<string, Cluster>,
  clusterOf: string[],
): void {
  const sums = new Map<string, { sum: Map<string, number>; members: number[] }>();
  items.forEach((item, i) => {
    const key = clusterOf[i] as string;
    let entry = sums.get(key);
    if (!entry) sums.set(key, (entry = { sum: new Map(), members: [] }));
    entry.members.push(i);
    for (let t = 0; t < item.vector.terms.length; t++) {
      const term = item.vector.terms[t] as string;
      entry.sum.set(term, (entry.sum.get(term) ?? 0) + (item.vector.weights[t] as number));
    }
  });
  for (const [key, cluster] of clusters) {
    const entry = sums.get(key);
    if (!entry) {
      index.remove(key);
      clusters.delete(key);
      continue;
    }
    cluster.members = entry.members;
    index.put(key, entry.sum, entry.members.length, true);
  }
}

/** Cuts free clusters that are two topics in two, again and again while the halves stay apart. */
function splitIncoherent(
  items: readonly ReclusterItem[],
  index: CentroidIndex,
  clusters: Map<string, Cluster>,
  clusterOf: string[],
  options: ReclusterOptions,
  newKey: () => string,
): void {
  const { splitMinSize, splitMinPart } = options;
  const queue = [...clusters.values()].filter((c) => !c.pinned && c.members.length >= splitMinSize);
  for (let cluster = queue.pop(); cluster; cluster = queue.pop()) {
    const [left, right] = twoMeans(items, cluster.members);
    if (left.length < splitMinPart || right.length < splitMinPart) continue;
    const leftSum = sumOf(items, left);
    const rightSum = sumOf(items, right);
    const link = dotSums(leftSum, rightSum) / (left.length * right.length);
    const weaker = Math.min(
      cohesion(squaredNorm(leftSum), left.length),
      cohesion(squaredNorm(rightSum), right.length),
    );
    const ratio =
      options.splitLinkRatio +
      options.splitRatioPerDoubling * Math.log2(cluster.members.length / splitMinSize);
    if (link >= ratio * weaker) continue;
    const split: Cluster = {
      key: newKey(),
      pinned: false,
      members: right,
      alive: true,
      version: 0,
    };
    clusters.set(split.key, split);
    cluster.members = left;
    cluster.version += 1;
    for (const i of right) clusterOf[i] = split.key;
    index.put(cluster.key, leftSum, left.length, true);
    index.put(split.key, rightSum, right.length, true);
    if (left.length >= splitMinSize) queue.push(cluster);
    if (right.length >= splitMinSize) queue.push(split);
  }
}
