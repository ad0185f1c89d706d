/**
 * A time zone's offset from UTC at an instant, in ms, from Intl (which knows the zone's rules).
 * Wall-clock time in the zone is `instant + offset`, read as if it were UTC.
 */
export type OffsetReader = (instant: number) => number;

/** An offset reader for one zone; it reuses one formatter because making them is the slow part. */
export function zoneOffsetReader(timeZone: string): OffsetReader {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (instant) => {
    const parts = format.formatToParts(new Date(instant));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const wall = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    return wall - Math.floor(instant / 1000) * 1000;
  };
}
