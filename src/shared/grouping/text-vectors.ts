import { tokenize } from '../text/tokenize.js';
import { type TermVector, Vocabulary, countTerms, vectorize } from './term-vector.js';

/**
 * TF-IDF vectors of a few texts weighted among themselves, and their summed centre: what choosing
 * representative verbatims of one issue measures closeness to (the issue detail, the report).
 */
export function textVectors(texts: readonly string[]): {
  vectors: TermVector[];
  centre: Map<string, number>;
} {
  const vocabulary = new Vocabulary();
  const counts = texts.map((text) => countTerms(tokenize(text)));
  counts.forEach((c) => vocabulary.observe(c.keys()));
  const vectors = counts.map((c) => vectorize(c, vocabulary));
  const centre = new Map<string, number>();
  for (const v of vectors)
    v.terms.forEach((term, i) =>
      centre.set(term, (centre.get(term) ?? 0) + (v.weights[i] as number)),
    );
  return { vectors, centre };
}
