import { describe, expect, it } from 'vitest';
import { formatIsoWeek, isoWeekOf, parseIsoWeek, previousWeek, weekBounds } from './iso-week.js';

describe('ISO weeks', () => {
  it('finds the week of a date, including the year-boundary cases', () => {
    expect(formatIsoWeek(isoWeekOf(new Date('2026-11-23T12:00:00Z')))).toBe('2026-W48');
    expect(formatIsoWeek(isoWeekOf(new Date('2021-01-03T00:00:00Z')))).toBe('2020-W53');
    expect(formatIsoWeek(isoWeekOf(new Date('2024-12-30T00:00:00Z')))).toBe('2025-W01');
    expect(formatIsoWeek(isoWeekOf(new Date('2026-01-01T00:00:00Z')))).toBe('2026-W01');
  });

  it('parses and refuses week labels', () => {
    expect(parseIsoWeek('2026-W47')).toEqual({ year: 2026, week: 47 });
    expect(() => parseIsoWeek('2026-47')).toThrow(/ISO week/);
    expect(() => parseIsoWeek('2026-W54')).toThrow(/no week 54/);
    expect(parseIsoWeek('2020-W53')).toEqual({ year: 2020, week: 53 });
    expect(() => parseIsoWeek('2021-W53')).toThrow(/no week 53/);
  });

  it('bounds a week Monday to Monday in UTC and in other zones, across DST', () => {
    expect(weekBounds(parseIsoWeek('2026-W48'))).toEqual({
      from: Date.parse('2026-11-23T00:00:00Z'),
      to: Date.parse('2026-11-30T00:00:00Z'),
    });
    expect(weekBounds(parseIsoWeek('2026-W48'), 'Asia/Shanghai')).toEqual({
      from: Date.parse('2026-11-22T16:00:00Z'),
      to: Date.parse('2026-11-29T16:00:00Z'),
    });
    // London leaves summer time on Sunday 2026-10-25: that week is 169 hours long.
    const { from, to } = weekBounds(parseIsoWeek('2026-W43'), 'Europe/London');
    expect(new Date(from).toISOString()).toBe('2026-10-18T23:00:00.000Z');
    expect(new Date(to).toISOString()).toBe('2026-10-26T00:00:00.000Z');
    expect(() => weekBounds(parseIsoWeek('2026-W48'), 'Mars/Olympus')).toThrow(/unknown time zone/);
  });

  it('steps back a week across a year boundary', () => {
    expect(formatIsoWeek(previousWeek(parseIsoWeek('2026-W01')))).toBe('2025-W52');
  });
});
