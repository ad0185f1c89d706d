import { z } from 'zod';
import { CHANNELS, describeValidationError } from '../../shared/domain/feedback-item.js';
import { HttpError } from '../http/http-error.js';
import type { ItemFilter } from '../insights/window.js';
import type { TokenIdentity } from '../tokens/tokens-repo.js';

const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be an ISO 8601 date or timestamp');

export const windowFilterShape = {
  from: isoTime.optional(),
  to: isoTime.optional(),
  team: z.string().min(1).max(120).optional(),
  channel: z.enum(CHANNELS).optional(),
  segment: z.string().min(1).max(120).optional(),
};

/** Validates call arguments with a schema; a failure is a 400 naming the field. */
export function parseArgs<T>(schema: z.ZodType<T>, args: unknown): T {
  const parsed = schema.safeParse(args ?? {});
  if (!parsed.success) throw new HttpError(400, `invalid arguments: ${describeValidationError(parsed.error)}`);
  return parsed.data;
}

function toMs(value: string | undefined, endOfDay: boolean): number | undefined {
  if (value === undefined) return undefined;
  const dateOnly = value.length === 10;
  const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : /[Zz]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(ms)) throw new HttpError(400, `invalid arguments: "${value}" is not a real date`);
  return dateOnly && endOfDay ? ms + 86_400_000 : ms;
}

/**
 * A window filter in storage terms. A lead only ever sees their own team: asking for another is a
 * 403, asking for none means theirs.
 */
export function itemFilter(args: { from?: string | undefined; to?: string | undefined; team?: string | undefined; channel?: (typeof CHANNELS)[number] | undefined; segment?: string | undefined }, token: TokenIdentity): ItemFilter {
  let team = args.team;
  if (token.role === 'lead') {
    if (team !== undefined && team !== token.team) throw new HttpError(403, `a lead token reads team ${token.team ?? '?'} only`);
    team = token.team ?? undefined;
  }
  return { from: toMs(args.from, false), to: toMs(args.to, true), team, channel: args.channel, segment: args.segment };
}

/** A bounded window, defaulting to the 28 days before `now`. */
export function boundedWindow(filter: ItemFilter, now: number): ItemFilter & { from: number; to: number } {
  const to = filter.to ?? now;
  return { ...filter, to, from: filter.from ?? to - 28 * 86_400_000 };
}
