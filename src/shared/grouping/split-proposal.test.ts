import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.js';
import { proposeSplit } from './split-proposal.js';
import { Vocabulary, countTerms } from './term-vector.js';

const DISPOSABLE = [
  'How do I get a disposable virtual card?',
  'Can I have a disposable virtual card for online shopping',
  'where can I order disposable virtual cards',
  'I want a disposable virtual card please',
  'Is a disposable virtual card free?',
  'how many disposable virtual cards can I make',
];
const NOT_WORKING = [
  'My virtual card is not working',
  'virtual card not working online',
  'the virtual card keeps getting declined, not working at all',
  'why is my virtual card not working',
  'virtual card stopped working yesterday',
  'virtual card not working for subscriptions',
  'my virtual card is not working in the shop',
];
const OTHER = [
  'I lost my card',
  'my card has not arrived',
  'how do I top up',
  'top up failed',
  'my transfer is pending',
  'exchange rate is wrong',
];

function vocabularyOf(texts: readonly string[]): Vocabulary {
  const vocabulary = new Vocabulary();
  for (const text of texts) vocabulary.observe(countTerms(tokenize(text)).keys());
  return vocabulary;
}

describe('proposeSplit', () => {
  it('cuts a mixed issue by what tells its items apart, not by the words they all share', () => {
    const texts = [...NOT_WORKING, ...DISPOSABLE].sort();
    const parts = proposeSplit(texts, vocabularyOf([...texts, ...OTHER]));
    expect(parts).toBeDefined();
    const [larger, smaller] = parts!;
    const sides = [larger, smaller].map((part) => new Set(part.members.map((i) => texts[i])));
    expect(sides).toContainEqual(new Set(NOT_WORKING));
    expect(sides).toContainEqual(new Set(DISPOSABLE));
    expect(larger.members.length).toBeGreaterThanOrEqual(smaller.members.length);
    const labels = [larger.label, smaller.label].map((label) => label.toLowerCase());
    expect(labels.find((label) => label.includes('disposable'))).toBeDefined();
    expect(labels.find((label) => label.includes('working'))).toBeDefined();
  });

  it('offers nothing for one problem said one way, or for too few items', () => {
    const same = [
      'my virtual card is not working',
      'virtual card not working',
      'the virtual card is not working',
      'virtual card still not working',
      'my virtual card not working',
      'virtual card is not working again',
      'virtual card not working today',
      'virtual card not working, help',
    ];
    expect(proposeSplit(same, vocabularyOf([...same, ...OTHER]))).toBeUndefined();
    const few = [DISPOSABLE[0]!, NOT_WORKING[0]!, DISPOSABLE[1]!];
    expect(proposeSplit(few, vocabularyOf([...few, ...OTHER]))).toBeUndefined();
  });
});
