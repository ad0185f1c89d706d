import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pareto } from './pareto.js';

const issues = (...values: number[]) => values.map((value, i) => ({ id: `i${i}`, value }));

describe('pareto', () => {
  it('sorts issues by contacts, biggest first, and accumulates their share', () => {
    const result = pareto(issues(10, 50, 40));
    expect(result.points.map((p) => p.id)).toEqual(['i1', 'i2', 'i0']);
    expect(result.points.map((p) => p.cumulativeShare)).toEqual([0.5, 0.9, 1]);
    expect(result.total).toBe(100);
  });

  it('counts the fewest issues that reach 80% of contacts, and their share of all issues', () => {
    const result = pareto(issues(50, 30, 10, 5, 5));
    expect(result.vitalFew).toBe(2);
    expect(result.vitalFewShare).toBe(0.4);
  });

  it('counts an exact hit on 80% as reaching it despite floating point', () => {
    // 0.7 + 0.1 is 0.7999999999999999 in binary floating point.
    expect(pareto(issues(7, 1, 2)).vitalFew).toBe(2);
    expect(pareto(issues(70, 10, 20)).vitalFew).toBe(2);
  });

  it('needs every issue when contacts are spread evenly', () => {
    const result = pareto(issues(1, 1, 1, 1, 1));
    expect(result.vitalFew).toBe(4);
    expect(result.vitalFewShare).toBe(0.8);
  });

  it('answers zeros for no issues or no contacts', () => {
    expect(pareto([])).toMatchObject({ total: 0, vitalFew: 0, vitalFewShare: 0, points: [] });
    const silent = pareto(issues(0, 0));
    expect(silent.vitalFew).toBe(0);
    expect(silent.points.every((p) => p.cumulativeShare === 0)).toBe(true);
  });

  it('breaks ties by id, whatever the input order', () => {
    const a = pareto([
      { id: 'b', value: 3 },
      { id: 'a', value: 3 },
    ]);
    const b = pareto([
      { id: 'a', value: 3 },
      { id: 'b', value: 3 },
    ]);
    expect(a.points.map((p) => p.id)).toEqual(['a', 'b']);
    expect(b.points).toEqual(a.points);
  });

  it('honours another threshold', () => {
    expect(pareto(issues(50, 30, 20), 0.5).vitalFew).toBe(1);
  });

  it('always names the smallest prefix that reaches the threshold (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 200 }), (values) => {
        const result = pareto(issues(...values));
        const total = values.reduce((a, b) => a + b, 0);
        expect(result.total).toBe(total);
        if (total === 0) {
          expect(result.vitalFew).toBe(0);
          return;
        }
        const sums = result.points.map((p) => p.value);
        const prefix = (n: number) => sums.slice(0, n).reduce((a, b) => a + b, 0);
        expect(prefix(result.vitalFew) * 10).toBeGreaterThanOrEqual(total * 8);
        expect(prefix(result.vitalFew - 1) * 10).toBeLessThan(total * 8);
        expect(result.points.at(-1)?.cumulativeShare).toBeCloseTo(1, 12);
        for (let i = 1; i < sums.length; i++)
          expect(sums[i - 1]).toBeGreaterThanOrEqual(sums[i] as number);
      }),
    );
  });
});
