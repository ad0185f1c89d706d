/**
 * The plain facts of a feedback item's fields, without the validator: the browser bundle uses
 * them without shipping zod, and the schema in feedback-item.ts is built from them.
 */
export const CHANNELS = ['phone', 'email', 'chat', 'sms', 'social', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ITEM_LIMITS = {
  /** The verbatim, after trimming. */
  text: 5_000,
  /** Root-cause guess and suggested fix. */
  note: 2_000,
  /** Team, agent, segment. */
  label: 120,
} as const;
