/** Clustering agreement measures between true labels and predicted groups, for benchmarks. */

function contingency(truth: readonly string[], predicted: readonly string[]) {
  const cells = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  truth.forEach((t, i) => {
    const p = predicted[i] as string;
    const key = `${t}\u0000${p}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(t, (rows.get(t) ?? 0) + 1);
    cols.set(p, (cols.get(p) ?? 0) + 1);
  });
  return { cells, rows, cols, n: truth.length };
}

const pairs = (k: number) => (k * (k - 1)) / 2;

/** Adjusted Rand index (Hubert and Arabie). */
export function adjustedRandIndex(truth: readonly string[], predicted: readonly string[]): number {
  const { cells, rows, cols, n } = contingency(truth, predicted);
  let index = 0;
  for (const c of cells.values()) index += pairs(c);
  let rowSum = 0;
  for (const r of rows.values()) rowSum += pairs(r);
  let colSum = 0;
  for (const c of cols.values()) colSum += pairs(c);
  const expected = (rowSum * colSum) / pairs(n);
  const max = (rowSum + colSum) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Normalised mutual information, arithmetic-mean normalisation (scikit-learn's default). */
export function normalizedMutualInformation(
  truth: readonly string[],
  predicted: readonly string[],
): number {
  const { cells, rows, cols, n } = contingency(truth, predicted);
  const entropy = (counts: Iterable<number>) => {
    let h = 0;
    for (const c of counts) h -= (c / n) * Math.log(c / n);
    return h;
  };
  let mi = 0;
  for (const [key, c] of cells) {
    const [t, p] = key.split('\u0000') as [string, string];
    mi += (c / n) * Math.log((n * c) / ((rows.get(t) as number) * (cols.get(p) as number)));
  }
  const hT = entropy(rows.values());
  const hP = entropy(cols.values());
  return hT + hP === 0 ? 1 : (2 * mi) / (hT + hP);
}
