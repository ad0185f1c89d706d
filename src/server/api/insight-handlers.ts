import { z } from 'zod';
import { HttpError } from '../http/http-error.js';
import { IssueNotFoundError, issueDetail } from '../insights/issue-detail.js';
import { assertTimeZone } from '../../shared/time/iso-week.js';
import { bucketCount } from '../../shared/time/zone-buckets.js';
import { MAX_TREND_BUCKETS, breakdown, teamSummary, trendSeries } from '../insights/stats.js';
import { RANK_BY, STATUS_FILTERS } from '../../shared/domain/issue.js';
import { rankIssues } from '../issues/rank-issues.js';
import type { HandlerMap } from './handler-registry.js';
import { boundedWindow, itemFilter, parseArgs, windowFilterShape } from './parse-args.js';

const rankArgs = z.strictObject({
  ...windowFilterShape,
  search: z.string().max(200).optional(),
  limit: z.int().min(1).max(10_000).optional(),
  status: z.enum(STATUS_FILTERS).optional(),
  rankBy: z.enum(RANK_BY).optional(),
  preventable: z.boolean().optional(),
});


/** What analysts and leads read; a lead's calls are narrowed to their team by itemFilter. */
export const insightHandlers: HandlerMap = {
  'issues.rank': {
    run: (args, { aggregator, token, now }) => {
      const input = parseArgs(rankArgs, args);
      return rankIssues(
        aggregator.storage,
        { ...itemFilter(input, token), search: input.search, limit: input.limit, status: input.status, rankBy: input.rankBy, preventable: input.preventable },
        now,
      );
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
        z.strictObject({
          ...windowFilterShape,
          bucket: z.enum(['day', 'week']),
          issueIds: z.array(z.string().max(64)).max(20).optional(),
          tz: z.string().min(1).max(64).optional(),
        }),
        args,
      );
      const window = boundedWindow(itemFilter(input, token), now);
      const timeZone = input.tz ?? 'UTC';
      try {
        assertTimeZone(timeZone);
      } catch (error) {
        throw new HttpError(400, `invalid arguments: tz: ${(error as Error).message}`);
      }
      if (window.to <= window.from) throw new HttpError(400, 'invalid arguments: from must be before to');
      if (bucketCount(window.from, window.to, input.bucket) > MAX_TREND_BUCKETS) {
        const buckets = bucketCount(window.from, window.to, input.bucket);
        throw new HttpError(400, `invalid arguments: the window spans ${buckets.toLocaleString('en')} ${input.bucket}s; a trend covers at most ${MAX_TREND_BUCKETS} buckets`);
      }
      return trendSeries(aggregator.storage, window, input.bucket, input.issueIds, timeZone);
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
