/**
 * The plain facts of a feedback item's fields, without the validator: the browser bundle uses
 * them without shipping zod, and the schema in feedback-item.ts is built from them.
 */
/**
 * Every field of a feedback item, in the order an import row's content id hashes them (changing
 * the order would change the ids of rows imported without one). Import reads these columns.
 */
export const ITEM_FIELDS = [
  'id',
  'text',
  'channel',
  'team',
  'agent',
  'created_at',
  'root_cause',
  'suggested_fix',
  'times_heard',
  'segment',
  'issue_id',
] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

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
