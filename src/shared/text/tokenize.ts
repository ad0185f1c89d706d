import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { CJK_CHAR, UNSPACED_SCRIPTS, UNSPACED_START, normalizeText } from './normalize.js';
import { PII_KINDS } from './redact.js';
import { CHINESE_STOPWORDS, ENGLISH_STOPWORDS } from './stopwords.js';

/**
 * Runs of one kind of writing: dictionary-segmented scripts, or a word in a spaced script.
 * Redaction placeholders such as "[card]" are skipped: they say nothing about the issue.
 */
const RUNS = new RegExp(
  `\\[(?:${PII_KINDS.join('|')})\\]|[${UNSPACED_SCRIPTS}]+` +
    `|[[\\p{L}\\p{N}]--[${UNSPACED_SCRIPTS}]][[\\p{L}\\p{M}\\p{N}']--[${UNSPACED_SCRIPTS}]]*`,
  'gv',
);
const LATIN_WORD = /^[a-z][a-z']*$/;
const DIGITS_ONLY = /^[\p{N}.,']+$/u;

/** Marks character bigrams so that they never collide with a one-word term. */
export const BIGRAM_PREFIX = '\u00b2';

let segmenter: Intl.Segmenter | undefined;
function wordSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return segmenter;
}

// Stemming and the checks around it are the hot spot of tokenising English; a customer
// vocabulary is small, so each word's term is memoised (null: the word is no term).
const TERM_CACHE_LIMIT = 100_000;
const termCache = new Map<string, string | null>();

/** The term a word of a spaced script stands for, or undefined for a stop word, a number or a letter. */
function spacedTerm(word: string): string | undefined {
  const cached = termCache.get(word);
  if (cached !== undefined) return cached ?? undefined;
  const term = termOf(word);
  if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
  termCache.set(word, term ?? null);
  return term;
}

function termOf(word: string): string | undefined {
  const bare = word.replace(/'s$/, '').replace(/'/g, '');
  if (bare.length < 2 || DIGITS_ONLY.test(bare) || ENGLISH_STOPWORDS.has(bare)) return undefined;
  return LATIN_WORD.test(bare) ? PorterStemmer.stem(bare) : bare;
}

/** Joins two adjacent terms of a spaced script; a term never holds a space, so none collides. */
export function wordPair(first: string, second: string): string {
  return `${first} ${second}`;
}

/**
 * Adds the dictionary words of a run of an unspaced script that are terms (no stop words). A plain
 * loop into the caller's array: this runs for every Chinese item imported.
 */
function addUnspacedWords(run: string, into: string[]): void {
  for (const { segment, isWordLike } of wordSegmenter().segment(run)) {
    if (isWordLike && !CHINESE_STOPWORDS.has(segment)) into.push(segment);
  }
}

function addUnspacedRun(run: string, terms: string[]): void {
  addUnspacedWords(run, terms);
  // Bigrams make short Chinese texts comparable when the dictionary splits them differently
  // ("银行卡" against "卡"): a word-only measure leaves most short texts alone.
  if (!CJK_CHAR.test(run)) return;
  const chars = Array.from(run);
  for (let i = 0; i + 1 < chars.length; i++) terms.push(BIGRAM_PREFIX + chars[i] + chars[i + 1]);
}

export type ScriptClass = 'spaced' | 'unspaced';

/** Whether a text's terms are mostly those of an unspaced script (Chinese, Japanese), by bigram share. */
export function scriptClassOf(terms: Iterable<string>): ScriptClass {
  let all = 0;
  let bigrams = 0;
  for (const term of terms) {
    all += 1;
    if (term.startsWith(BIGRAM_PREFIX)) bigrams += 1;
  }
  return bigrams * 3 >= all && bigrams > 0 ? 'unspaced' : 'spaced';
}

/** The text as terms are read from it: folded, with "n't" as the word it stands for. */
function termText(text: string): string {
  return normalizeText(text).replace(/n't\b/g, ' not');
}

/**
 * The terms a text is compared by, with repeats: English words stemmed and stripped of stop words,
 * with each pair of adjacent kept words as a phrase term, Chinese and Japanese segmented into words plus character bigrams, other scripts as folded words.
 */
export function tokenize(text: string): string[] {
  const normalized = termText(text);
  const terms: string[] = [];
  // Adjacent content words as one more term ("credit limit", "credit score"): a phrase tells two
  // problems apart where the topical words they share ("card", "account") cannot.
  let previous: string | undefined;
  for (const match of normalized.matchAll(RUNS)) {
    const run = match[0];
    if (run.startsWith('[') || UNSPACED_START.test(run)) {
      previous = undefined;
      if (!run.startsWith('[')) addUnspacedRun(run, terms);
      continue;
    }
    const term = spacedTerm(run);
    if (term === undefined) continue;
    terms.push(term);
    if (previous !== undefined) terms.push(wordPair(previous, term));
    previous = term;
  }
  return terms;
}

/**
 * Each one-word term of a text with the word it stands for (as folded), in order: tokenize's terms
 * without its phrases, a Chinese run's character bigrams after its words (the characters as the
 * word). For saying which of a person's own words matched something.
 */
export function wordTerms(text: string): { word: string; term: string }[] {
  const normalized = termText(text);
  const found: { word: string; term: string }[] = [];
  for (const match of normalized.matchAll(RUNS)) {
    const run = match[0];
    if (run.startsWith('[')) continue;
    if (UNSPACED_START.test(run)) {
      const words: string[] = [];
      addUnspacedWords(run, words);
      for (const word of words) found.push({ word, term: word });
      if (!CJK_CHAR.test(run)) continue;
      const chars = Array.from(run);
      for (let i = 0; i + 1 < chars.length; i++) {
        const word = `${chars[i] ?? ''}${chars[i + 1] ?? ''}`;
        found.push({ word, term: BIGRAM_PREFIX + word });
      }
      continue;
    }
    const term = spacedTerm(run);
    if (term !== undefined) found.push({ word: run, term });
  }
  return found;
}
