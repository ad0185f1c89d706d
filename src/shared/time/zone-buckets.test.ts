import { describe, expect, it } from 'vitest';
import { bucketCount, bucketIndex, zoneBuckets } from './zone-buckets.js';

const at = (iso: string) => Date.parse(iso);

describe('zoneBuckets', () => {
  it("counts New York's days across the start of daylight saving time (a 23-hour day)", () => {
    // Sunday 8 March 2026, 02:00 EST became 03:00 EDT.
    const buckets = zoneBuckets(
      at('2026-03-07T05:00:00Z'),
      at('2026-03-10T04:00:00Z'),
      'day',
      'America/New_York',
    );
    expect(buckets.labels).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(buckets.offsets.map(([, offset]) => offset / 3_600_000)).toEqual([-5, -4]);
    expect(buckets.offsets[1]?.[0]).toBe(at('2026-03-08T07:00:00Z'));
    expect(bucketIndex(buckets, at('2026-03-08T04:59:00Z'))).toBe(0); // 7 March, 23:59 EST
    expect(bucketIndex(buckets, at('2026-03-08T05:00:00Z'))).toBe(1); // 8 March, 00:00 EST
    expect(bucketIndex(buckets, at('2026-03-09T03:59:00Z'))).toBe(1); // 8 March, 23:59 EDT
    expect(bucketIndex(buckets, at('2026-03-09T04:00:00Z'))).toBe(2); // 9 March, 00:00 EDT
  });

  it('starts weeks on the Monday on or before the window, in the zone', () => {
    // Sunday 1 November 2026 in Shanghai (UTC+8) begins on Saturday 31 October at 16:00 UTC.
    const buckets = zoneBuckets(
      at('2026-10-31T16:00:00Z'),
      at('2026-11-15T16:00:00Z'),
      'week',
      'Asia/Shanghai',
    );
    expect(buckets.labels).toEqual(['2026-10-26', '2026-11-02', '2026-11-09']);
    expect(bucketIndex(buckets, at('2026-11-01T15:59:00Z'))).toBe(0); // Sunday 23:59
    expect(bucketIndex(buckets, at('2026-11-01T16:00:00Z'))).toBe(1); // Monday 00:00
  });

  it('sizes a range before reading any zone rules', () => {
    expect(bucketCount(at('2026-01-01T00:00:00Z'), at('2026-01-29T00:00:00Z'), 'week')).toBe(4);
    expect(bucketCount(at('2024-01-01T00:00:00Z'), at('2026-03-12T00:00:00Z'), 'day')).toBe(801);
  });
});
