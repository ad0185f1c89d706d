import { wordTerms } from '../text/tokenize.js';

/** Words a suggestion shows: enough to tell two of one title apart, short enough for 360 px. */
export const MATCHED_WORDS_MAX = 3;

/**
 * The words of `text` (what the agent typed, redacted) whose terms an issue holds, heaviest in the
 * issue first: why it is suggested, and what tells two suggestions of one title apart. Only terms
 * `shared` allows (src/shared/grouping/shared-terms.ts): the words are the agent's own, but that an
 * issue holds a term only one customer used would say something of that customer's words.
 */
export function matchedWords(
  text: string,
  weightIn: (term: string) => number | undefined,
  shared: (term: string) => boolean,
  max = MATCHED_WORDS_MAX,
): string[] {
  const found = new Map<string, { word: string; weight: number }>();
  for (const { word, term } of wordTerms(text)) {
    if (found.has(term) || !shared(term)) continue;
    const weight = weightIn(term) ?? 0;
    if (weight > 0) found.set(term, { word, weight });
  }
  // Heaviest first; of a Chinese word and its characters ("到" and the bigram "到账") the longer
  // is kept, in the place of the heavier.
  const kept: string[] = [];
  for (const { word } of [...found.values()].sort((a, b) => b.weight - a.weight)) {
    if (kept.some((other) => other.includes(word))) continue;
    const inside = kept.findIndex((other) => word.includes(other));
    if (inside >= 0) kept[inside] = word;
    else if (kept.length < max) kept.push(word);
  }
  return kept;
}
