import { describe, expect, it } from 'vitest';
import { heardAtProblem, parseStrictTimestamp } from './strict-timestamp.js';

describe('parseStrictTimestamp', () => {
  it('reads dates, times, fractions and offsets', () => {
    expect(parseStrictTimestamp('2026-01-05')).toEqual({ ok: true, ms: Date.UTC(2026, 0, 5) });
    expect(parseStrictTimestamp('2026-01-05T10:00')).toEqual({
      ok: true,
      ms: Date.UTC(2026, 0, 5, 10),
    });
    expect(parseStrictTimestamp('2026-01-05T10:00:00.250-0130')).toEqual({
      ok: true,
      ms: Date.UTC(2026, 0, 5, 11, 30, 0, 250),
    });
  });

  it('refuses dates and times that do not exist instead of rolling them over', () => {
    for (const value of [
      '2026-02-30',
      '2025-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-01-01T25:00',
      '2026-01-01T10:60',
      '2026-01-01T10:00+15:00',
    ]) {
      expect(parseStrictTimestamp(value)).toEqual({ ok: false, error: 'is not a real date' });
    }
    expect(parseStrictTimestamp('yesterday').ok).toBe(false);
  });

  it('bounds the time an item was heard', () => {
    const now = Date.UTC(2026, 5, 1);
    expect(heardAtProblem(Date.UTC(1999, 11, 31), now)).toMatch(/2000/);
    expect(heardAtProblem(now + 2 * 86_400_000, now)).toMatch(/future/);
    expect(heardAtProblem(now + 3_600_000, now)).toBeNull();
  });
});
