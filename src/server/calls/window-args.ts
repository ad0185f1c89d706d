import { invalidInput } from '../../shared/api/parse-args.js';
import type { CHANNELS } from '../../shared/domain/feedback-item.js';
import { invalidTimeMessage, parseWindowBound } from '../../shared/time/iso-time.js';
import { assertTimeZone, parseIsoWeek, weekBounds } from '../../shared/time/iso-week.js';
import { HttpError } from '../http/http-error.js';
import type { ItemFilter } from '../insights/window.js';
import { scopedTeam } from '../tokens/permissions.js';
import type { TokenIdentity } from '../tokens/tokens-repo.js';

/*
 * What the call arguments' schemas (CALL_ARGS) cannot check without the server: window times read
 * by the one ISO 8601 reader, and the team narrowed to what the token may see.
 */

/** A window bound in epoch ms through the one ISO 8601 reader (no offset means UTC). */
export function windowBound(name: 'from' | 'to', value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseWindowBound(value, name);
  if (ms === undefined)
    throw new HttpError(400, invalidInput('arguments', invalidTimeMessage(name, value)));
  return ms;
}

type WindowArgs = {
  from?: string | undefined;
  to?: string | undefined;
  team?: string | undefined;
  channel?: (typeof CHANNELS)[number] | undefined;
  segment?: string | undefined;
};

/** A window filter in storage terms, its team narrowed to what the token may see (scopedTeam). */
export function itemFilter(args: WindowArgs, token: TokenIdentity): ItemFilter {
  const from = windowBound('from', args.from);
  const to = windowBound('to', args.to);
  if (from !== undefined && to !== undefined && from >= to)
    throw new HttpError(400, invalidInput('arguments', 'from must be before to'));
  return {
    from,
    to,
    team: scopedTeam(token, args.team),
    channel: args.channel,
    segment: args.segment,
  };
}

/** A `tz` argument checked against the runtime's zones; UTC when absent. */
export function timeZoneArg(tz: string | undefined): string {
  const timeZone = tz ?? 'UTC';
  try {
    assertTimeZone(timeZone);
  } catch (error) {
    throw new HttpError(400, invalidInput('arguments', `tz: ${(error as Error).message}`));
  }
  return timeZone;
}

/**
 * A team's window as the Team view asks for it: an ISO week in the lead's zone, bounded exactly
 * as the weekly report bounds it (weekBounds: Monday 00:00 to Monday 00:00 there), so the screen
 * and the exported file count the same items. Without `week`, the from/to window of every read;
 * a zone then would be silently ignored, so it is refused.
 */
export function teamWindow(
  args: WindowArgs & { week?: string | undefined; tz?: string | undefined },
  token: TokenIdentity,
  now: number,
): ItemFilter & { from: number; to: number; week: string | null; timeZone: string } {
  if (args.week === undefined) {
    if (args.tz !== undefined)
      throw new HttpError(400, invalidInput('arguments', 'tz: only with week'));
    return { ...boundedWindow(itemFilter(args, token), now), week: null, timeZone: 'UTC' };
  }
  if (args.from !== undefined || args.to !== undefined)
    throw new HttpError(400, invalidInput('arguments', 'give week or from/to, not both'));
  const timeZone = timeZoneArg(args.tz);
  let bounds;
  try {
    bounds = weekBounds(parseIsoWeek(args.week), timeZone);
  } catch (error) {
    throw new HttpError(400, invalidInput('arguments', `week: ${(error as Error).message}`));
  }
  return { ...itemFilter(args, token), ...bounds, week: args.week, timeZone };
}

/** A bounded window, defaulting to the 28 days before `now`. */
export function boundedWindow(
  filter: ItemFilter,
  now: number,
): ItemFilter & { from: number; to: number } {
  const to = filter.to ?? now;
  return { ...filter, to, from: filter.from ?? to - 28 * 86_400_000 };
}
