import { dot } from '../../shared/grouping/term-vector.js';
import { textVectors } from '../../shared/grouping/text-vectors.js';

/** Two verbatims that differ only in case, spacing or punctuation are one for a reader. */
function sameWords(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim();
}

/**
 * The verbatims a reader should see for an issue: distinct (no sentence twice, however it was
 * spaced or punctuated) and on-topic (closest to what the items say in common, so a stray
 * item grouped into the issue is the last one quoted, never the first). Ties keep the earlier one.
 */
export function representativeVerbatims<T extends { text: string }>(
  items: readonly T[],
  count: number,
): T[] {
  const seen = new Set<string>();
  const distinct = items.filter((item) => {
    const key = sameWords(item.text);
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (distinct.length <= 1) return distinct.slice(0, count);
  const { vectors, centre } = textVectors(distinct.map((item) => item.text));
  const closeness = vectors.map((v) => dot(v, centre));
  return distinct
    .map((item, i) => ({ item, i, closeness: closeness[i] as number }))
    .sort((a, b) => b.closeness - a.closeness || a.i - b.i)
    .slice(0, count)
    .map((entry) => entry.item);
}
