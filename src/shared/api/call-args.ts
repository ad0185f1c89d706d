import { z } from 'zod';
import { ISSUE_STATUSES, RANK_BY, STATUS_FILTERS, VALUE_DIMENSIONS } from '../domain/issue.js';
import { CHANNELS } from '../domain/item-fields.js';
import { CURRENCY_PATTERN, WEBHOOK_EVENTS, WEBHOOK_FORMATS } from '../domain/settings.js';
import { ISO_WEEK_PATTERN } from '../time/iso-week.js';
import { type ApiMethods, type MethodName, SAMPLES_MAX } from './contract.js';

/**
 * What a schema yields for an argument type: zod writes an optional field as `?: T | undefined`,
 * which exactOptionalPropertyTypes tells apart from the contract's `?: T`.
 */
export type ParsedArgs<T> = {
  [K in keyof T]: Partial<Pick<T, K>> extends Pick<T, K> ? T[K] | undefined : T[K];
};

/**
 * One argument schema per method of a contract. Typed by the contract itself, so a method without
 * a schema, a schema for a method the contract does not name, or a schema whose output does not
 * match the method's arguments fails to compile.
 */
export type ArgsSchemas<Methods extends { [M in keyof Methods]: { args: unknown } }> = {
  [M in keyof Methods]: z.ZodType<ParsedArgs<Methods[M]['args']>>;
};

const isoTime = z.string().max(40);
const issueId = z.string().min(1).max(64);
const itemIds = z.array(z.string().min(1).max(200)).min(1).max(10_000);
/** What an analyst types: long enough for a paragraph, short enough to stay a note. */
const typed = (max: number) => z.string().max(max);
const none = z.strictObject({});
/** Minutes and money per minute: finite, never negative, and short of absurd. */
const money = z.number().min(0).max(1_000_000);
/** A client-made id of an item change, like the browser queue's item ids. */
const changeId = z.string().min(8).max(64);

/** The window and filters most reads take; the server parses the times and scopes the team after. */
const windowFilterShape = {
  from: isoTime.optional(),
  to: isoTime.optional(),
  team: z.string().min(1).max(120).optional(),
  channel: z.enum(CHANNELS).optional(),
  segment: z.string().min(1).max(120).optional(),
};

/**
 * The argument schemas of every method of the contract, which both answerers (the aggregator over
 * HTTP, the desktop over IPC) validate before a handler sees the arguments. Checks that need the
 * server (a lead's team, time parsing, trend bounds) run after, in the server's handlers; item
 * fields are checked again by the item schema.
 */
export const CALL_ARGS: ArgsSchemas<ApiMethods> = {
  'session.whoami': none,
  'meta.taxonomy': none,

  'items.capture': z.strictObject({
    text: z.string(),
    channel: z.enum(CHANNELS).optional(),
    root_cause: z.string().optional(),
    suggested_fix: z.string().optional(),
    segment: z.string().optional(),
    times_heard: z.int().optional(),
    issue_id: z.string().optional(),
    /** Set by the browser's offline queue: the item's own id, so a resend stores it once. */
    id: z.string().min(8).max(64).optional(),
    /** Set by the browser's offline queue: when the save was made (the server bounds it by its own clock). */
    heard_at: z.iso.datetime({ offset: true }).optional(),
  }),
  'items.edit': z.strictObject({
    item_id: z.string().min(1).max(128),
    // The stored-text rule (cleaning, 1 to 5,000 characters) runs where the edit is applied.
    text: z.string(),
    id: changeId.optional(),
  }),
  'items.withdraw': z.strictObject({
    item_id: z.string().min(1).max(128),
    id: changeId.optional(),
  }),
  'issues.suggest': z.strictObject({
    text: z.string().max(5_000),
    limit: z.int().min(1).max(20).optional(),
  }),
  'feedback.mine': z.strictObject({ limit: z.int().min(1).max(500).optional() }),
  'feedback.markSeen': z.strictObject({ issueIds: z.array(z.string().max(64)).max(500) }),

  'issues.rank': z.strictObject({
    ...windowFilterShape,
    search: z.string().max(200).optional(),
    limit: z.int().min(1).max(10_000).optional(),
    status: z.enum(STATUS_FILTERS).optional(),
    rankBy: z.enum(RANK_BY).optional(),
    preventable: z.boolean().optional(),
  }),
  'issues.detail': z.strictObject({ id: issueId, ...windowFilterShape }),
  'stats.trend': z.strictObject({
    ...windowFilterShape,
    bucket: z.enum(['day', 'week']),
    issueIds: z.array(z.string().max(64)).max(20).optional(),
    tz: z.string().min(1).max(64).optional(),
  }),
  'stats.breakdown': z.strictObject({
    ...windowFilterShape,
    by: z.enum(['channel', 'team', 'segment']),
    issueId: z.string().max(64).optional(),
  }),
  'team.summary': z.strictObject({
    ...windowFilterShape,
    team: z.string().min(1).max(120),
    // The weekly report's week and zone: the server takes the bounds from them as the report does.
    week: z.string().regex(ISO_WEEK_PATTERN, 'must be an ISO week like 2026-W47').optional(),
    tz: z.string().min(1).max(64).optional(),
  }),

  'issues.update': z.strictObject({
    id: issueId,
    status: z.enum(ISSUE_STATUSES).optional(),
    owner: typed(200).nullable().optional(),
    title: typed(200).nullable().optional(),
    root_cause: typed(2_000).nullable().optional(),
    note: typed(2_000).optional(),
    // Null clears a prioritisation field, absent leaves it; updateIssue applies them.
    preventable: z.boolean().nullable().optional(),
    value_dimension: z.enum(VALUE_DIMENSIONS).nullable().optional(),
  }),
  'issues.merge': z.strictObject({ id: issueId, into: issueId }),
  'issues.split': z.strictObject({ id: issueId, itemIds, title: typed(200).optional() }),
  'issues.moveItems': z.strictObject({ itemIds, into: issueId }),
  'issues.history': z.strictObject({ id: issueId }),
  'issues.similar': z.strictObject({ id: issueId, limit: z.int().min(1).max(20).optional() }),
  'issues.splitProposal': z.strictObject({ id: issueId }),
  'issues.samples': z.strictObject({ ids: z.array(issueId).max(SAMPLES_MAX) }),
  'issues.find': z.strictObject({
    search: z.string().max(200).optional(),
    limit: z.int().min(1).max(200).optional(),
    except: issueId.optional(),
  }),
  'issues.items': z.strictObject({
    id: issueId,
    ...windowFilterShape,
    offset: z.int().min(0).max(1_000_000).optional(),
    limit: z.int().min(1).max(500).optional(),
    search: z.string().max(200).optional(),
  }),

  'costs.show': none,
  'costs.set': z.strictObject({
    channel: z.enum(CHANNELS),
    minutes: money,
    per_minute: money,
    currency: z
      .string()
      .regex(CURRENCY_PATTERN, 'a three-letter ISO 4217 code such as USD or CNY')
      .optional(),
  }),
  'webhooks.list': none,
  'webhooks.add': z.strictObject({
    url: z.string().min(1).max(2_000),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length).optional(),
    format: z.enum(WEBHOOK_FORMATS).optional(),
  }),
  'webhooks.remove': z.strictObject({ id: z.string().min(1).max(64) }),
};

/** Every method of the contract, from the schema map: the list cannot miss one. */
export const METHOD_NAMES = Object.keys(CALL_ARGS) as readonly MethodName[];

/** Whether a name from the wire is a method of the contract (own keys only: `__proto__` is not). */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(CALL_ARGS, name);
}
