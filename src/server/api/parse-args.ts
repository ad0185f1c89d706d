import { z } from 'zod';
import { CHANNELS, describeValidationError } from '../../shared/domain/feedback-item.js';
import { invalidTimeMessage, parseWindowBound } from '../../shared/time/iso-time.js';
import { HttpError } from '../http/http-error.js';
import type { ItemFilter } from '../insights/window.js';
import { scopedTeam } from '../tokens/permissions.js';
import type { TokenIdentity } from '../tokens/tokens-repo.js';

const isoTime = z.string().max(40);

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

/** A window bound in epoch ms through the one ISO 8601 reader (no offset means UTC). */
export function windowBound(name: 'from' | 'to', value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseWindowBound(value, name);
  if (ms === undefined) throw new HttpError(400, `invalid arguments: ${invalidTimeMessage(name, value)}`);
  return ms;
}

type WindowArgs = { from?: string | undefined; to?: string | undefined; team?: string | undefined; channel?: (typeof CHANNELS)[number] | undefined; segment?: string | undefined };

/** A window filter in storage terms, its team narrowed to what the token may see (scopedTeam). */
export function itemFilter(args: WindowArgs, token: TokenIdentity): ItemFilter {
  const from = windowBound('from', args.from);
  const to = windowBound('to', args.to);
  if (from !== undefined && to !== undefined && from >= to) throw new HttpError(400, 'invalid arguments: from must be before to');
  return { from, to, team: scopedTeam(token, args.team), channel: args.channel, segment: args.segment };
}

/** A bounded window, defaulting to the 28 days before `now`. */
export function boundedWindow(filter: ItemFilter, now: number): ItemFilter & { from: number; to: number } {
  const to = filter.to ?? now;
  return { ...filter, to, from: filter.from ?? to - 28 * 86_400_000 };
}
