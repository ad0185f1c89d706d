import { z } from 'zod';
import { CHANNELS, describeValidationError } from '../../shared/domain/feedback-item.js';
import { RANK_BY } from '../../shared/domain/issue.js';
import type { RankingQuery } from '../issues/rank-issues.js';
import type { TokenIdentity } from '../tokens/tokens-repo.js';
import { HttpError } from './http-error.js';

const once = z.string({ error: (issue) => (Array.isArray(issue.input) ? 'must be given once' : 'must be text') });

const querySchema = z.strictObject({
  from: once.optional(),
  to: once.optional(),
  team: once.optional(),
  channel: z.enum(CHANNELS).optional(),
  segment: once.optional(),
  limit: once.regex(/^\d+$/, 'must be a positive whole number').optional(),
  rank_by: z.enum(RANK_BY).optional(),
  preventable: z.enum(['yes', 'no']).optional(),
});

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** As on the command line: ISO 8601, a bare date as `to` includes that day; no offset means UTC. */
function parseTime(name: string, value: string | undefined, endOfDay = false): number | undefined {
  if (value === undefined) return undefined;
  const match = TIMESTAMP.exec(value);
  const ms = DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00Z`) : match ? Date.parse(match[1] ? value : `${value}Z`) : NaN;
  if (Number.isNaN(ms)) throw new HttpError(400, `${name}: must be an ISO 8601 date or timestamp, got "${value}"`);
  return DATE_ONLY.test(value) && endOfDay ? ms + 86_400_000 : ms;
}

/** `?team=&limit=` as a form would send it means "no filter", not "the team named ''". */
function withoutEmpty(query: unknown): unknown {
  if (typeof query !== 'object' || query === null) return query;
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

/** The ranking query for GET /api/v1/issues; a lead's token only ever sees its own team. */
export function parseIssuesQuery(raw: unknown, token: TokenIdentity): RankingQuery {
  const parsed = querySchema.safeParse(withoutEmpty(raw));
  if (!parsed.success) throw new HttpError(400, `invalid query: ${describeValidationError(parsed.error)}`);
  const { from, to, team, channel, segment, limit, rank_by, preventable } = parsed.data;
  const query: RankingQuery = {
    from: parseTime('from', from),
    to: parseTime('to', to, true),
    team,
    channel,
    segment,
    limit: limit === undefined ? undefined : Number(limit),
    rankBy: rank_by,
    preventable: preventable === undefined ? undefined : preventable === 'yes',
  };
  if (query.limit === 0) throw new HttpError(400, 'invalid query: limit: must be a positive whole number');
  if (query.from !== undefined && query.to !== undefined && query.from >= query.to) {
    throw new HttpError(400, 'invalid query: from must be before to');
  }
  if (token.role === 'lead') {
    // Asking for another team is refused rather than silently answered with the lead's own.
    if (team !== undefined && team !== token.team) throw new HttpError(403, `a lead token only reads team "${token.team}"`);
    query.team = token.team ?? undefined;
  }
  return query;
}
