import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type WeekOrdered, weekOrder } from './week-order.js';

const issue = (id: string, title: string, times_heard: number, mentions = 1, agents = 1) =>
  ({ id, title, times_heard, mentions, agents }) satisfies WeekOrdered;

describe('weekOrder', () => {
  it('puts the most contacts first, then items, then agents', () => {
    const sorted = [
      issue('a', 'A', 3, 3, 1),
      issue('b', 'B', 5),
      issue('c', 'C', 3, 3, 2),
      issue('d', 'D', 3, 4, 1),
    ].sort(weekOrder);
    expect(sorted.map((i) => i.id)).toEqual(['b', 'd', 'c', 'a']);
  });

  it('breaks a full tie by title, then by id, whatever order the issues came in', () => {
    const tied = [
      issue('iss_2', 'Wifi drops', 2),
      issue('iss_9', 'Bill too high', 2),
      issue('iss_1', 'Wifi drops', 2),
      issue('iss_5', 'bill too high', 2),
    ];
    // Alphabetical whatever the case (lower case first on a tie), then equal titles by id.
    const expected = ['iss_5', 'iss_9', 'iss_1', 'iss_2'];
    fc.assert(
      fc.property(fc.shuffledSubarray(tied, { minLength: tied.length }), (shuffled) => {
        expect([...shuffled].sort(weekOrder).map((i) => i.id)).toEqual(expected);
      }),
    );
  });
});
