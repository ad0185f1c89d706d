import { z } from 'zod';
import { itemIdSchema, verbatimTextSchema } from './feedback-item.js';

/**
 * An agent's correction or withdrawal of one of their own items: an append-only fact with an id
 * the client made, so applying it again (a retried push, a resend) changes nothing. An edit
 * carries the new verbatim, checked by the same rule as a capture's and redacted before storage.
 */
export const ITEM_CHANGE_KINDS = ['edit', 'withdraw'] as const;
export type ItemChangeKind = (typeof ITEM_CHANGE_KINDS)[number];

export const itemChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    id: itemIdSchema,
    item_id: itemIdSchema,
    kind: z.literal('edit'),
    text: verbatimTextSchema,
  }),
  z.strictObject({ id: itemIdSchema, item_id: itemIdSchema, kind: z.literal('withdraw') }),
]);

export type ItemChange = z.output<typeof itemChangeSchema>;
