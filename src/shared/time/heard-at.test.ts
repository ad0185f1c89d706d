import { describe, expect, it } from 'vitest';
import { heardAtProblem } from './heard-at.js';

describe('heardAtProblem', () => {
  it('bounds the time an item was heard', () => {
    const now = Date.UTC(2026, 5, 1);
    expect(heardAtProblem(Date.UTC(1999, 11, 31), now)).toMatch(/2000/);
    expect(heardAtProblem(now + 2 * 86_400_000, now)).toMatch(/future/);
    expect(heardAtProblem(now + 3_600_000, now)).toBeNull();
  });
});
