import { type RawBuilder, sql } from 'kysely';
import {
  BASELINE_WINDOWS,
  type EmergingVerdict,
  judgeEmerging,
} from '../../shared/ranking/emerging.js';
import { type Sql, rows } from '../storage/sql.js';

const DAY = 86_400_000;
/** Without a window start, "emerging" means in the last seven days. */
export const DEFAULT_EMERGING_DAYS = 7;

/** The window judged for emerging: the ranking's own, or the last seven days when it has no start. */
export function emergingWindow(
  from: number | undefined,
  to: number | undefined,
  now: number,
): { start: number; end: number } | null {
  const end = Math.min(to ?? now, now);
  const start = from ?? end - DEFAULT_EMERGING_DAYS * DAY;
  return end - start >= 60_000 ? { start, end } : null;
}

/**
 * Each issue's verdict for the window [start, end): its contacts there against the
 * BASELINE_WINDOWS windows of equal length before it, counted from the window containing its
 * first item (before that the issue did not exist; zeros there are not history). One pass over
 * the items of those windows, under the ranking's filters.
 */
export async function emergingVerdicts(
  q: Sql,
  where: RawBuilder<unknown>,
  window: { start: number; end: number },
  firstSeen: ReadonlyMap<string, number>,
): Promise<Map<string, EmergingVerdict>> {
  const length = Math.round(window.end - window.start);
  const base = window.end - (BASELINE_WINDOWS + 1) * length;
  const found = await rows(
    q,
    sql<{
      issue_id: string;
      bucket: number;
      n: number;
    }>`SELECT issue_id, CAST((created_at - ${base}) / ${length} AS INTEGER) AS bucket, sum(times_heard) AS n
       FROM items WHERE created_at >= ${base} AND created_at < ${window.end} ${where} GROUP BY 1, 2`,
  );
  const counts = new Map<string, number[]>();
  for (const row of found) {
    const buckets = counts.get(row.issue_id) ?? new Array<number>(BASELINE_WINDOWS + 1).fill(0);
    const bucket = Math.min(BASELINE_WINDOWS, Math.max(0, Math.floor(Number(row.bucket))));
    buckets[bucket] = (buckets[bucket] ?? 0) + Number(row.n);
    counts.set(row.issue_id, buckets);
  }
  const verdicts = new Map<string, EmergingVerdict>();
  for (const [issueId, buckets] of counts) {
    const current = buckets[BASELINE_WINDOWS] as number;
    if (current === 0) continue;
    const first = firstSeen.get(issueId) ?? window.start;
    const bornIn = Math.max(0, Math.floor((first - base) / length));
    const baseline = first >= window.start ? [] : buckets.slice(bornIn, BASELINE_WINDOWS);
    verdicts.set(issueId, judgeEmerging({ current, baseline, isNew: first >= window.start }));
  }
  return verdicts;
}
