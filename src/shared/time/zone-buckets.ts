import { type OffsetReader, zoneOffsetReader } from './zone-offset.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** How far apart two samples of a zone's offset may be: DST changes are months apart, never within a week. */
const SCAN_STEP = 7 * DAY;

/**
 * Days or weeks (Monday to Sunday) of a time zone's calendar covering an instant range. A bucket
 * holds an instant `t` when `floor((t + offsetAt(t) - originWall) / size)` is its index: local
 * wall-clock time, read as if it were UTC, advances exactly one day per local day even across
 * DST changes, so the bucket arithmetic is integer arithmetic that SQL can do on either backend.
 */
export interface ZoneBuckets {
  bucket: 'day' | 'week';
  /** Bucket length in wall-clock ms. */
  size: number;
  /** Wall-clock ms of the first bucket's start (its local midnight, read as UTC). */
  originWall: number;
  /** Local start date of each bucket, YYYY-MM-DD. */
  labels: string[];
  /** The zone's offset from UTC at `from`, then each change before `to`: [first instant, offset ms]. */
  offsets: [number, number][];
}

/** The first minute in (before, after] at which the offset is no longer `from`'s. */
function changeBetween(offsetAt: OffsetReader, before: number, after: number): number {
  const start = offsetAt(before);
  let lo = Math.floor(before / MINUTE);
  let hi = Math.ceil(after / MINUTE);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * MINUTE) === start) lo = mid;
    else hi = mid;
  }
  return hi * MINUTE;
}

function zoneOffsets(offsetAt: OffsetReader, from: number, to: number): [number, number][] {
  const offsets: [number, number][] = [[from, offsetAt(from)]];
  for (let at = from; at < to; at += SCAN_STEP) {
    const next = Math.min(at + SCAN_STEP, to);
    if (offsetAt(next) !== offsetAt(at)) {
      const change = changeBetween(offsetAt, at, next);
      offsets.push([change, offsetAt(change)]);
    }
  }
  return offsets;
}

/** The buckets of `timeZone`'s days or weeks that cover [from, to). */
export function zoneBuckets(
  from: number,
  to: number,
  bucket: 'day' | 'week',
  timeZone: string,
): ZoneBuckets {
  const offsetAt = zoneOffsetReader(timeZone);
  const size = bucket === 'day' ? DAY : 7 * DAY;
  const fromWall = from + offsetAt(from);
  const localMidnight = Math.floor(fromWall / DAY) * DAY;
  // 1970-01-01 was a Thursday: a Monday is 4 days before a multiple of 7 days after it.
  const originWall =
    bucket === 'day'
      ? localMidnight
      : Math.floor((localMidnight - 4 * DAY) / size) * size + 4 * DAY;
  const last = Math.max(to - 1, from);
  const count = Math.floor((last + offsetAt(last) - originWall) / size) + 1;
  const labels = Array.from({ length: count }, (_, i) =>
    new Date(originWall + i * size).toISOString().slice(0, 10),
  );
  return { bucket, size, originWall, labels, offsets: zoneOffsets(offsetAt, from, to) };
}

/** How many whole buckets a range spans (a zone's calendar may add one at an edge): cheap to check first. */
export function bucketCount(from: number, to: number, bucket: 'day' | 'week'): number {
  return Math.ceil((to - from) / (bucket === 'day' ? DAY : 7 * DAY));
}

/** The bucket index of an instant (what the SQL computes, for tests and in-memory series). */
export function bucketIndex(buckets: ZoneBuckets, instant: number): number {
  let offset = buckets.offsets[0]?.[1] ?? 0;
  for (const [at, value] of buckets.offsets) if (instant >= at) offset = value;
  return Math.floor((instant + offset - buckets.originWall) / buckets.size);
}
