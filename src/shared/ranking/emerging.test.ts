import { describe, expect, it } from 'vitest';
import {
  EMERGING_MAX_P,
  emergingReason,
  judgeEmerging,
  usualPerWindow,
  logGamma,
  negativeBinomialUpperTail,
  poissonUpperTail,
} from './emerging.js';

/** A seeded generator (mulberry32): the same weeks on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw (Knuth's method for small means, a rounded normal for large ones). */
function poisson(mean: number, next: () => number): number {
  if (mean > 50) {
    const normal = Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = next(); p > limit; p *= next()) k++;
  return k;
}

describe('tail probabilities', () => {
  it('match values worked by hand', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    // 1 − e^−0.5 (1 + 0.5 + 0.125)
    expect(poissonUpperTail(3, 0.5)).toBeCloseTo(0.014388, 5);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 10);
    // A geometric count (r = 1) with mean 1: P(X ≥ 3) = (1/2)^3.
    expect(negativeBinomialUpperTail(3, 1, 1)).toBeCloseTo(0.125, 8);
  });
});

describe('emerging issues', () => {
  it('flags a small spike after months of none, not a steady large issue or a slowly growing one', () => {
    const next = random(14);
    const spike = judgeEmerging({ current: 3, baseline: [0, 0, 0, 0, 0, 0, 0, 0], isNew: false });
    const steady = judgeEmerging({
      current: 300,
      baseline: Array.from({ length: 8 }, () => poisson(290, next)),
      isNew: false,
    });
    const growing = judgeEmerging({
      current: 30,
      baseline: [12, 14, 15, 18, 20, 22, 25, 27],
      isNew: false,
    });
    expect(spike.emerging).toBe(true);
    expect(spike.p).toBeLessThan(EMERGING_MAX_P);
    expect(steady.emerging).toBe(false);
    expect(growing.emerging).toBe(false);
    // The sentence gives what was heard (none), not the test's rate with its prior (0.0625).
    expect(spike).toMatchObject({ usual: 0, expected: 0.5 / 8 });
    expect(emergingReason(spike)).toMatch(
      /^3 contacts in this window against a usual 0\.0 per window over the previous 8: /,
    );
    const once = judgeEmerging({ current: 6, baseline: [0, 0, 1, 0, 0, 0, 0], isNew: false });
    expect(usualPerWindow(once)).toBe(0.1);
    expect(emergingReason(once)).toMatch(/against a usual 0\.1 per window over the previous 7: /);
    expect(emergingReason(steady)).toBeNull();
  });

  it('does not flag a bursty issue whose history varies as much as this week does', () => {
    const bursty = judgeEmerging({
      current: 12,
      baseline: [0, 9, 1, 0, 11, 0, 2, 8],
      isNew: false,
    });
    const calm = judgeEmerging({ current: 15, baseline: [3, 4, 4, 3, 4, 4, 3, 4], isNew: false });
    expect(bursty.emerging).toBe(false);
    expect(calm.emerging).toBe(true);
  });

  it('keeps new issues off the list until they are large', () => {
    expect(judgeEmerging({ current: 4, baseline: [], isNew: true }).emerging).toBe(false);
    const big = judgeEmerging({ current: 10, baseline: [], isNew: true });
    expect(big.emerging).toBe(true);
    expect(emergingReason(big)).toBe(
      'New in this window with 10 contacts, at least 10 for a new issue to count as emerging.',
    );
  });

  it('never flags one or two contacts', () => {
    expect(
      judgeEmerging({ current: 2, baseline: [0, 0, 0, 0, 0, 0, 0, 0], isNew: false }).emerging,
    ).toBe(false);
  });
});
