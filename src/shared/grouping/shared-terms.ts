import type { Vocabulary } from './term-vector.js';

/**
 * Items a term must appear in, company-wide, before a token that may not read every verbatim is
 * shown it or may match on it. Issue terms are stems of redacted verbatims: a term only one item
 * ever used is that customer's own detail (a surname, a street, a code redaction cannot know),
 * while a term two items share is the vocabulary of a problem. The desktop's offline suggestions
 * and `issues.suggest` need only the latter to find "heard again" candidates.
 */
export const SHARED_TERM_MIN_ITEMS = 2;

export function isSharedTerm(vocabulary: Vocabulary, term: string): boolean {
  return vocabulary.documentFrequency(term) >= SHARED_TERM_MIN_ITEMS;
}
