import { z } from 'zod';
import { HttpError } from '../http/http-error.js';
import { IssueNotFoundError, issueDetail } from '../insights/issue-detail.js';
import { breakdown, teamSummary, trendSeries } from '../insights/stats.js';
import { rankIssues } from '../issues/rank-issues.js';
import type { HandlerMap } from './handler-registry.js';
import { boundedWindow, itemFilter, parseArgs, windowFilterShape } from './parse-args.js';

const rankArgs = z.strictObject({
  ...windowFilterShape,
  search: z.string().max(200).optional(),
  limit: z.int().min(1).max(10_000).optional(),
});

/** The contract's most buckets a trend may span; the UI's longest view is two years of days. */
export const MAX_TREND_BUCKETS = 800;
const DAY = 86_400_000;

/**
 * The buckets a window spans, as trendSeries lays them out (days from UTC midnight, weeks from
 * Monday), refused above MAX_TREND_BUCKETS before anything is read: the answer's size grows with
 * buckets × series, and `0001-01-01` to `9999-12-31` by day was 193 MB.
 */
function checkTrendSize(window: { from: number; to: number }, bucket: 'day' | 'week'): void {
  if (window.from >= window.to) throw new HttpError(400, 'invalid arguments: from must be before to');
  const size = bucket === 'day' ? DAY : 7 * DAY;
  const origin = bucket === 'week' ? Math.floor((window.from - 4 * DAY) / size) * size + 4 * DAY : Math.floor(window.from / DAY) * DAY;
  const buckets = Math.ceil((window.to - origin) / size);
  if (buckets > MAX_TREND_BUCKETS) {
    throw new HttpError(400, `invalid arguments: the window spans ${buckets.toLocaleString('en')} ${bucket}s; a trend covers at most ${MAX_TREND_BUCKETS} buckets`);
  }
}

/** What analysts and leads read; a lead's calls are narrowed to their team by itemFilter. */
export const insightHandlers: HandlerMap = {
  'issues.rank': {
    run: (args, { aggregator, token, now }) => {
      const input = parseArgs(rankArgs, args);
      return rankIssues(aggregator.storage, { ...itemFilter(input, token), search: input.search, limit: input.limit }, now);
    },
  },
  'issues.detail': {
    run: async (args, { aggregator, token, now }) => {
      const input = parseArgs(z.strictObject({ id: z.string().min(1).max(64), ...windowFilterShape }), args);
      try {
        return await issueDetail(aggregator.storage, input.id, itemFilter(input, token), now);
      } catch (error) {
        if (error instanceof IssueNotFoundError) throw new HttpError(404, error.message);
        throw error;
      }
    },
  },
  'stats.trend': {
    run: (args, { aggregator, token, now }) => {
      const input = parseArgs(
        z.strictObject({ ...windowFilterShape, bucket: z.enum(['day', 'week']), issueIds: z.array(z.string().max(64)).max(20).optional() }),
        args,
      );
      const window = boundedWindow(itemFilter(input, token), now);
      checkTrendSize(window, input.bucket);
      return trendSeries(aggregator.storage, window, input.bucket, input.issueIds);
    },
  },
  'stats.breakdown': {
    run: (args, { aggregator, token }) => {
      const input = parseArgs(
        z.strictObject({ ...windowFilterShape, by: z.enum(['channel', 'team', 'segment']), issueId: z.string().max(64).optional() }),
        args,
      );
      return breakdown(aggregator.storage, itemFilter(input, token), input.by, input.issueId);
    },
  },
  'team.summary': {
    run: (args, { aggregator, token, now }) => {
      const input = parseArgs(z.strictObject({ ...windowFilterShape, team: z.string().min(1).max(120) }), args);
      const filter = boundedWindow(itemFilter(input, token), now);
      return teamSummary(aggregator.storage, { ...filter, team: filter.team as string }, now);
    },
  },
};
