import { describe, expect, it } from 'vitest';
import { crossesRelabelSize } from './online-labels.js';

describe('crossesRelabelSize', () => {
  it('relabels at 2, 4, 8, … items, once per size, whatever the group size', () => {
    const sizes = Array.from({ length: 40 }, (_, n) => n + 1).filter((n) =>
      crossesRelabelSize(n - 1, n),
    );
    expect(sizes).toEqual([2, 4, 8, 16, 32]);
    // A group that jumps past several sizes relabels once; one that stays between them, never.
    expect(crossesRelabelSize(1, 9)).toBe(true);
    expect(crossesRelabelSize(9, 15)).toBe(false);
    expect(crossesRelabelSize(0, 1)).toBe(false);
  });
});
