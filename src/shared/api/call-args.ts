import { z } from 'zod';
import { VALUE_DIMENSIONS } from '../domain/issue.js';
import { CHANNELS } from '../domain/item-fields.js';

/**
 * Argument schemas of the contract's methods that both answerers (the aggregator over HTTP, the
 * desktop over IPC) validate the same way. Field contents are checked again by the item schema.
 */
export const captureArgsSchema = z.strictObject({
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
});

export const suggestArgsSchema = z.strictObject({ text: z.string().max(5_000), limit: z.int().min(1).max(20).optional() });
export const mineArgsSchema = z.strictObject({ limit: z.int().min(1).max(500).optional() });
export const markSeenArgsSchema = z.strictObject({ issueIds: z.array(z.string().max(64)).max(500) });

/**
 * The prioritisation fields `issues.update` takes, to spread into its argument schema: null clears
 * a field, absent leaves it. The server function updateIssue applies them.
 */
export const issuePriorityArgsShape = {
  preventable: z.boolean().nullable().optional(),
  value_dimension: z.enum(VALUE_DIMENSIONS).nullable().optional(),
};
