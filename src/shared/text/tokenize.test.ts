import { describe, it, expect } from 'vitest';
import { BIGRAM_PREFIX, tokenize } from './tokenize.js';

const bigrams = (terms: readonly string[]) => terms.filter((t) => t.startsWith(BIGRAM_PREFIX));
const words = (terms: readonly string[]) => terms.filter((t) => !t.startsWith(BIGRAM_PREFIX));

describe('tokenize: English', () => {
  it('stems inflections of one word to a shared stem', () => {
    const arrived = tokenize('My parcel arrived late');
    const arrival = tokenize('the arrival of my parcel');
    const shared = arrived.filter((t) => arrival.includes(t));
    expect(shared).toContain('parcel');
    // "arrived" and "arrival" meet on one stem, which is neither surface form.
    expect(shared).toHaveLength(2);
    expect(arrived).not.toContain('arrived');
    expect(arrival).not.toContain('arrival');
  });

  it('drops stop words such as "the" and "my"', () => {
    const terms = tokenize('The parcel is in my hands');
    expect(terms).not.toContain('the');
    expect(terms).not.toContain('my');
    expect(terms).not.toContain('is');
    expect(terms).toContain('parcel');
  });

  it('keeps the particle in "top up" and "cash out"', () => {
    expect(tokenize('I want to top up my card')).toEqual([
      'top',
      'up',
      'top up',
      'card',
      'up card',
    ]);
    expect(tokenize('cash out')).toContain('out');
  });

  it('keeps negations: "hasn\'t" yields "not", as does a curly apostrophe', () => {
    expect(tokenize("it hasn't worked")).toEqual(['not', 'work', 'not work']);
    expect(tokenize('it hasn\u2019t worked')).toEqual(['not', 'work', 'not work']);
    expect(tokenize('never again')).toEqual(['never', 'again', 'never again']);
  });

  it('folds case and strips a possessive', () => {
    expect(tokenize('REFUND')).toEqual(tokenize('refund'));
    expect(tokenize("the courier's van")).toEqual(tokenize('the courier van'));
  });

  it('drops numbers standing alone and one-letter words', () => {
    expect(tokenize('paid 120 on 3 x')).toEqual(['paid']);
  });
});

describe('tokenize: width and script folding', () => {
  it('folds full-width letters to ASCII (ＡＴＭ → atm)', () => {
    expect(tokenize('ＡＴＭ')).toEqual(['atm']);
    expect(tokenize('ＡＴＭ card')).toEqual(tokenize('ATM card'));
  });

  it('gives folded words for Cyrillic, unstemmed', () => {
    expect(tokenize('Посылка НЕ пришла')).toEqual([
      'посылка',
      'не',
      'посылка не',
      'пришла',
      'не пришла',
    ]);
  });

  it('gives folded words for Korean, split on spaces', () => {
    expect(tokenize('배송이 늦어요')).toEqual(['배송이', '늦어요', '배송이 늦어요']);
  });

  it('adds adjacent kept words as a phrase term, never across a Chinese run or a placeholder', () => {
    expect(tokenize('credit limit')).toContain('credit limit');
    expect(tokenize('credit score')).not.toContain('credit limit');
    expect(tokenize('card 卡 declined').filter((term) => term.includes(' '))).toEqual([]);
    expect(tokenize('card [card] declined').filter((term) => term.includes(' '))).toEqual([]);
  });
});

describe('tokenize: Chinese', () => {
  it('segments into dictionary words and adds character bigrams', () => {
    const terms = tokenize('退款怎么还没到账');
    expect(words(terms)).toContain('退款');
    expect(bigrams(terms)).toEqual(
      ['退款', '款怎', '怎么', '么还', '还没', '没到', '到账'].map((b) => BIGRAM_PREFIX + b),
    );
  });

  it('drops Chinese stop words as words but keeps negations', () => {
    const terms = words(tokenize('我的快递还没到'));
    expect(terms).not.toContain('我的');
    expect(terms).not.toContain('我');
    expect(terms).toContain('快递');
    expect(terms.some((t) => t.includes('没'))).toBe(true);
  });

  it('never lets a bigram collide with a one-word term', () => {
    const terms = tokenize('退款');
    expect(terms).toContain('退款');
    expect(terms).toContain(`${BIGRAM_PREFIX}退款`);
    // Even a text that contains the prefix character itself yields no word starting with it.
    const hostile = tokenize(`${BIGRAM_PREFIX}${BIGRAM_PREFIX}abc ${BIGRAM_PREFIX}退`);
    expect(hostile.filter((t) => t.startsWith(BIGRAM_PREFIX))).toEqual([]);
  });

  it('splits mixed "app闪退" into the Latin word and Chinese terms', () => {
    const terms = tokenize('app闪退');
    expect(terms[0]).toBe('app');
    expect(terms).toContain(`${BIGRAM_PREFIX}闪退`);
    expect(terms.some((t) => t.includes('app') && t !== 'app')).toBe(false);
    expect(words(terms).slice(1).join('')).toBe('闪退');
  });

  it('folds full-width punctuation and digits around Chinese', () => {
    expect(tokenize('ＡＰＰ闪退！')).toEqual(tokenize('app闪退!'));
  });
});

describe('tokenize: what gives no terms', () => {
  it('skips redaction placeholders', () => {
    for (const placeholder of ['[card]', '[phone]', '[email]', '[id]', '[iban]']) {
      expect(tokenize(placeholder)).toEqual([]);
    }
    expect(tokenize('[card] was charged twice, call [phone]')).toEqual(
      tokenize('was charged twice, call'),
    );
  });

  it('gives [] for empty, blank and punctuation-only input', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('   \n\t ')).toEqual([]);
    expect(tokenize('!!! ... ??? ——— ，。！')).toEqual([]);
  });

  it('is deterministic', () => {
    const text = 'The app crashes every time I open it 打开就闪退';
    expect(tokenize(text)).toEqual(tokenize(text));
  });
});
