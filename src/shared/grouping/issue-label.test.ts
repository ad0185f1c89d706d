import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.js';
import { issueLabel, phrasesOf, phraseCountsOf } from './issue-label.js';
import { Vocabulary, countTerms } from './term-vector.js';

function countsOver(texts: readonly string[]) {
  const vocabulary = new Vocabulary();
  for (const text of texts) vocabulary.observe(countTerms(tokenize(text)).keys());
  return phraseCountsOf(vocabulary);
}

const LIMIT = [
  'How do I raise my credit limit?',
  'can you increase the credit limit on my card',
  'credit limit too low, please raise it',
];
const SCORE = [
  'what is my credit score',
  'will this hurt my credit score?',
  'check my credit score on the app',
];
const SIGNAL = [
  'No signal in the city centre again',
  'still no signal on high street',
  'signal keeps dropping in the city centre',
];
const ZH = ['验证码一直收不到', '收不到验证码怎么办', '手机收不到验证码，登录不了'];
const EVERYTHING = [
  ...LIMIT,
  ...SCORE,
  ...SIGNAL,
  ...ZH,
  'my card was declined',
  'card declined at the shop',
];

describe('issueLabel', () => {
  it('names an issue by the phrase its items share and others do not', () => {
    const counts = countsOver(EVERYTHING);
    expect(issueLabel(LIMIT, counts)).toBe('Credit limit');
    expect(issueLabel(SCORE, counts)).toBe('Credit score');
    expect(issueLabel(SIGNAL, counts)).toMatch(/signal|city centre/i);
  });

  it('labels in the script most of the items are written in', () => {
    expect(issueLabel(ZH, countsOver(EVERYTHING))).toMatch(/^(验证码|收不到)/);
  });

  it('gives no label when no phrase is shared, so the caller keeps a verbatim', () => {
    expect(
      issueLabel(['parcel late', 'refund missing', 'router broken'], countsOver(EVERYTHING)),
    ).toBeUndefined();
  });

  it('never builds a phrase from a number, a placeholder or a question word alone', () => {
    const phrases = phrasesOf('My email is [email], order 123456 why: card [card] blocked');
    expect([...phrases].filter((p) => /\d|\[|email\]|^why$/.test(p))).toEqual([]);
    expect(phrases).toContain('blocked');
  });
});
