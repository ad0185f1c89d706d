import { z } from 'zod';
import { invalidInput, parseArgs } from '../../shared/api/parse-args.js';
import { CHANNELS } from '../../shared/domain/feedback-item.js';
import { invalidTimeMessage, parseWindowBound } from '../../shared/time/iso-time.js';
import { RANK_BY, STATUS_FILTERS } from '../../shared/domain/issue.js';
import type { RankingQuery } from '../issues/rank-issues.js';
import { scopedTeam } from '../tokens/permissions.js';
import type { TokenIdentity } from '../tokens/tokens-repo.js';
import { HttpError } from './http-error.js';

/** The most issues one request may ask for by `limit`, as `issues.rank` allows. */
export const MAX_ISSUES_LIMIT = 10_000;

const once = z.string({
  error: (issue) => (Array.isArray(issue.input) ? 'must be given once' : 'must be text'),
});

const querySchema = z.strictObject({
  from: once.optional(),
  to: once.optional(),
  team: once.optional(),
  channel: z.enum(CHANNELS).optional(),
  segment: once.optional(),
  limit: once.regex(/^\d+$/, 'must be a positive whole number').optional(),
  status: z.enum(STATUS_FILTERS).optional(),
  rank_by: z.enum(RANK_BY).optional(),
  preventable: z.enum(['yes', 'no']).optional(),
});

/** As on the command line: ISO 8601, a bare date as `to` includes that day; no offset means UTC. */
function parseTime(name: 'from' | 'to', value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseWindowBound(value, name);
  if (ms === undefined)
    throw new HttpError(400, invalidInput('query', invalidTimeMessage(name, value)));
  return ms;
}

/** `?team=&limit=` as a form would send it means "no filter", not "the team named ''". */
function withoutEmpty(query: unknown): unknown {
  if (typeof query !== 'object' || query === null) return query;
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

/** The ranking query for GET /api/v1/issues; a lead's token only ever sees its own team. */
export function parseIssuesQuery(raw: unknown, token: TokenIdentity): RankingQuery {
  const parsed = parseArgs(querySchema, withoutEmpty(raw), 'query');
  if (!parsed.ok) throw new HttpError(400, parsed.message);
  const { from, to, team, channel, segment, limit, status, rank_by, preventable } = parsed.value;
  const query: RankingQuery = {
    from: parseTime('from', from),
    to: parseTime('to', to),
    // Leads see their own team; agents company-wide figures only (the lead-team rule, one place).
    team: scopedTeam(token, team),
    channel,
    segment,
    limit: limit === undefined ? undefined : Number(limit),
    status,
    rankBy: rank_by,
    preventable: preventable === undefined ? undefined : preventable === 'yes',
  };
  if (query.limit === 0)
    throw new HttpError(400, invalidInput('query', 'limit: must be a positive whole number'));
  if (query.limit !== undefined && query.limit > MAX_ISSUES_LIMIT) {
    throw new HttpError(
      400,
      invalidInput('query', `limit: at most ${MAX_ISSUES_LIMIT.toLocaleString('en')}`),
    );
  }
  if (query.from !== undefined && query.to !== undefined && query.from >= query.to) {
    throw new HttpError(400, invalidInput('query', 'from must be before to'));
  }
  return query;
}
