import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.js';
import { matchedWords } from './matched-words.js';

describe('matchedWords', () => {
  const weights = new Map(
    tokenize('parcel lost courier depot 退款 没有 到账').map((t, i) => [t, 100 - i]),
  );
  const weightIn = (term: string) => weights.get(term);

  it('says the typed words (as typed, folded) whose terms the issue holds, heaviest there first', () => {
    expect(matchedWords('The Courier LOST my parcels', weightIn, () => true)).toEqual([
      'parcels',
      'lost',
      'courier',
    ]);
    expect(matchedWords('退款一直没有到账', weightIn, () => true)).toEqual([
      '退款',
      '没有',
      '到账',
    ]);
  });

  it('leaves out a term the rule does not allow, and stops at three', () => {
    const notLost = (term: string) => term !== 'lost';
    expect(matchedWords('parcel lost at the courier depot', weightIn, notLost)).toEqual([
      'parcel',
      'courier',
      'depot',
    ]);
    expect(matchedWords('nothing here matches', weightIn, () => true)).toEqual([]);
  });
});
