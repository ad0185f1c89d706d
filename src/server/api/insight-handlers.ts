import { z } from 'zod';
import { HttpError } from '../http/http-error.js';
import { IssueNotFoundError, issueDetail } from '../insights/issue-detail.js';
import { breakdown, teamSummary, trendSeries } from '../insights/stats.js';
import { RANK_BY } from '../../shared/domain/issue.js';
import { rankIssues } from '../issues/rank-issues.js';
import { ANALYSTS, type HandlerMap } from './handler-registry.js';
import { boundedWindow, itemFilter, parseArgs, windowFilterShape } from './parse-args.js';

const rankArgs = z.strictObject({
  ...windowFilterShape,
  search: z.string().max(200).optional(),
  limit: z.int().min(1).max(10_000).optional(),
  rankBy: z.enum(RANK_BY).optional(),
  preventable: z.boolean().optional(),
});

/** What analysts and leads read; a lead's calls are narrowed to their team by itemFilter. */
export const insightHandlers: HandlerMap = {
  'issues.rank': {
    roles: ANALYSTS,
    run: (args, { aggregator, token, now }) => {
      const input = parseArgs(rankArgs, args);
      return rankIssues(aggregator.storage, { ...itemFilter(input, token), search: input.search, limit: input.limit, rankBy: input.rankBy, preventable: input.preventable }, now);
    },
  },
  'issues.detail': {
    roles: ANALYSTS,
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
    roles: ANALYSTS,
    run: (args, { aggregator, token, now }) => {
      const input = parseArgs(
        z.strictObject({ ...windowFilterShape, bucket: z.enum(['day', 'week']), issueIds: z.array(z.string().max(64)).max(20).optional() }),
        args,
      );
      return trendSeries(aggregator.storage, boundedWindow(itemFilter(input, token), now), input.bucket, input.issueIds);
    },
  },
  'stats.breakdown': {
    roles: ANALYSTS,
    run: (args, { aggregator, token }) => {
      const input = parseArgs(
        z.strictObject({ ...windowFilterShape, by: z.enum(['channel', 'team', 'segment']), issueId: z.string().max(64).optional() }),
        args,
      );
      return breakdown(aggregator.storage, itemFilter(input, token), input.by, input.issueId);
    },
  },
  'team.summary': {
    roles: ANALYSTS,
    run: (args, { aggregator, token, now }) => {
      const input = parseArgs(z.strictObject({ ...windowFilterShape, team: z.string().min(1).max(120) }), args);
      const filter = boundedWindow(itemFilter(input, token), now);
      return teamSummary(aggregator.storage, { ...filter, team: filter.team as string }, now);
    },
  },
};
