/** Deterministic Zipf-shaped samples of labelled texts: real contact drivers follow a Pareto curve. */

export interface Labelled {
  text: string;
  label: string;
}

/** mulberry32: a small seeded PRNG, so that every run draws the same sample. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * Ranks the labels in a seeded random order and keeps, of the label at rank r, 1/r^s of the
 * median label's count (at least `minimum`), then shuffles the result into arrival order.
 */
export function zipfSample(
  rows: readonly Labelled[],
  seed: number,
  exponent = 1,
  minimum = 2,
): Labelled[] {
  // The head label keeps as many items as the median label has: a realistic week for a big centre.
  const random = seededRandom(seed);
  const byLabel = new Map<string, Labelled[]>();
  for (const row of rows) {
    const list = byLabel.get(row.label) ?? [];
    list.push(row);
    byLabel.set(row.label, list);
  }
  const labels = shuffle([...byLabel.keys()].sort(), random);
  const sizes = [...byLabel.values()].map((list) => list.length).sort((a, b) => a - b);
  const head = sizes[Math.floor(sizes.length / 2)] as number;
  const sample: Labelled[] = [];
  labels.forEach((label, rank) => {
    const pool = shuffle([...(byLabel.get(label) as Labelled[])], random);
    const take = Math.min(
      pool.length,
      Math.max(minimum, Math.round(head / Math.pow(rank + 1, exponent))),
    );
    sample.push(...pool.slice(0, take));
  });
  return shuffle(sample, random);
}
