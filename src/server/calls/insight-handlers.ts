import { invalidInput } from '../../shared/api/parse-args.js';
import { HttpError } from '../http/http-error.js';
import { IssueNotFoundError, issueDetail } from '../insights/issue-detail.js';
import { bucketCount } from '../../shared/time/zone-buckets.js';
import { MAX_TREND_BUCKETS, breakdown, teamSummary, trendSeries } from '../insights/stats.js';
import { rankIssues } from '../issues/rank-issues.js';
import type { HandlerMap } from './handler-registry.js';
import { boundedWindow, itemFilter, teamWindow, timeZoneArg } from './window-args.js';

/** What analysts and leads read; a lead's calls are narrowed to their team by itemFilter. */
export const insightHandlers: HandlerMap = {
  'issues.rank': {
    run: (input, { aggregator, token, now }) => {
      return rankIssues(
        aggregator.storage,
        {
          ...itemFilter(input, token),
          search: input.search,
          limit: input.limit,
          status: input.status,
          rankBy: input.rankBy,
          preventable: input.preventable,
        },
        now,
      );
    },
  },
  'issues.detail': {
    run: async (input, { aggregator, token, now }) => {
      try {
        return await issueDetail(aggregator.storage, input.id, itemFilter(input, token), now);
      } catch (error) {
        if (error instanceof IssueNotFoundError) throw new HttpError(404, error.message);
        throw error;
      }
    },
  },
  'stats.trend': {
    run: (input, { aggregator, token, now }) => {
      const window = boundedWindow(itemFilter(input, token), now);
      const timeZone = timeZoneArg(input.tz);
      if (window.to <= window.from)
        throw new HttpError(400, invalidInput('arguments', 'from must be before to'));
      if (bucketCount(window.from, window.to, input.bucket) > MAX_TREND_BUCKETS) {
        const buckets = bucketCount(window.from, window.to, input.bucket);
        throw new HttpError(
          400,
          invalidInput(
            'arguments',
            `the window spans ${buckets.toLocaleString('en')} ${input.bucket}s; a trend covers at most ${MAX_TREND_BUCKETS} buckets`,
          ),
        );
      }
      return trendSeries(aggregator.storage, window, input.bucket, input.issueIds, timeZone);
    },
  },
  'stats.breakdown': {
    run: (input, { aggregator, token }) => {
      return breakdown(aggregator.storage, itemFilter(input, token), input.by, input.issueId);
    },
  },
  'team.summary': {
    run: (input, { aggregator, token, now }) => {
      const { week, timeZone, ...filter } = teamWindow(input, token, now);
      return teamSummary(
        aggregator.storage,
        { ...filter, team: filter.team as string },
        { week, timeZone },
        now,
      );
    },
  },
};
