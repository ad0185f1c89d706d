import { describe, it, expect } from 'vitest';
import { issueScore, issueTrend } from './score.js';

describe('issueScore', () => {
  it("counts one agent's contacts as they are", () => {
    expect(issueScore({ times_heard: 7, agents: 1 })).toBe(7);
  });

  it('doubles the contacts when 10 agents heard it and triples them at 100', () => {
    expect(issueScore({ times_heard: 7, agents: 10 })).toBe(14);
    expect(issueScore({ times_heard: 7, agents: 100 })).toBe(21);
  });

  it('counts 0 agents (items without an agent) as one agent', () => {
    expect(issueScore({ times_heard: 5, agents: 0 })).toBe(
      issueScore({ times_heard: 5, agents: 1 }),
    );
    expect(issueScore({ times_heard: 5, agents: 0 })).toBe(5);
  });

  it('grows with breadth between the documented points, rounded to two decimals', () => {
    const two = issueScore({ times_heard: 10, agents: 2 });
    expect(two).toBe(13.01); // 10 × (1 + log10 2) = 13.0103
    expect(issueScore({ times_heard: 10, agents: 3 })).toBeGreaterThan(two);
    expect(Math.round(two * 100)).toBe(two * 100);
  });

  it("ranks a widely heard issue above one agent's bigger count", () => {
    const broad = issueScore({ times_heard: 12, agents: 10 });
    const narrow = issueScore({ times_heard: 20, agents: 1 });
    expect(broad).toBeGreaterThan(narrow);
    expect(issueScore({ times_heard: 0, agents: 10 })).toBe(0);
  });
});

describe('issueTrend', () => {
  it('is the change in contacts against the previous period', () => {
    expect(issueTrend(12, 5)).toBe(7);
    expect(issueTrend(3, 8)).toBe(-5);
    expect(issueTrend(4, 4)).toBe(0);
    expect(issueTrend(6, 0)).toBe(6);
  });
});
