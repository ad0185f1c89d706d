import { describe, expect, it } from 'vitest';
import { parseIsoTime, parseWindowBound } from './iso-time.js';

const iso = (text: string) => {
  const time = parseIsoTime(text);
  return time === undefined ? undefined : new Date(time.ms).toISOString();
};

describe('parseIsoTime', () => {
  it('reads a time without an offset as UTC, whatever the machine zone', () => {
    expect(iso('2026-01-01T10:00')).toBe('2026-01-01T10:00:00.000Z');
    expect(iso('2026-01-01 10:00:30')).toBe('2026-01-01T10:00:30.000Z');
    expect(iso('2026-01-01')).toBe('2026-01-01T00:00:00.000Z');
  });

  it('applies offsets with and without a colon, and keeps milliseconds', () => {
    expect(iso('2026-01-01T10:00+08:00')).toBe('2026-01-01T02:00:00.000Z');
    expect(iso('2026-01-01T10:00:00.250-0130')).toBe('2026-01-01T11:30:00.250Z');
    expect(iso('2026-01-01T10:00:00.123456789Z')).toBe('2026-01-01T10:00:00.123Z');
  });

  it('refuses impossible dates instead of rolling them into the next month', () => {
    for (const text of [
      '2026-02-30',
      '2026-02-29',
      '2026-13-01',
      '2026-04-31',
      '0000-01-01',
      '2026-01-01T24:00',
      '2026-01-01T10:60',
      '2026-01-01T10:00+25:00',
    ]) {
      expect(parseIsoTime(text), text).toBeUndefined();
    }
    expect(iso('2028-02-29')).toBe('2028-02-29T00:00:00.000Z');
    expect(iso('2000-02-29')).toBe('2000-02-29T00:00:00.000Z');
    expect(parseIsoTime('1900-02-29')).toBeUndefined();
  });

  it('reads years below 100 as themselves, not as 19xx', () => {
    expect(iso('0001-01-01')).toBe('0001-01-01T00:00:00.000Z');
    expect(iso('0099-12-31T23:59')).toBe('0099-12-31T23:59:00.000Z');
  });

  it('refuses what is not ISO 8601', () => {
    for (const text of [
      '',
      'yesterday',
      '2026-1-1',
      '20260101',
      '2026-01-01T10',
      '2026-01-01T10:00 Z',
      ' 2026-01-01',
      '1700000000000',
    ]) {
      expect(parseIsoTime(text), text).toBeUndefined();
    }
  });
});

describe('parseWindowBound', () => {
  it('lets a bare date as the end bound include that day, and a timestamp stay exact', () => {
    expect(parseWindowBound('2026-11-20', 'to')).toBe(Date.parse('2026-11-21T00:00:00Z'));
    expect(parseWindowBound('2026-11-20', 'from')).toBe(Date.parse('2026-11-20T00:00:00Z'));
    expect(parseWindowBound('2026-11-20T00:00', 'to')).toBe(Date.parse('2026-11-20T00:00:00Z'));
  });
});
