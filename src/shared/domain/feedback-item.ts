import { z } from 'zod';

import { CHANNELS, ITEM_LIMITS } from './item-fields.js';

export { CHANNELS, type Channel } from './item-fields.js';

export const MAX_TEXT_LENGTH = ITEM_LIMITS.text;
const MAX_NOTE_LENGTH = ITEM_LIMITS.note;
const MAX_LABEL_LENGTH = ITEM_LIMITS.label;

// ISO 8601 with a date, optional time and optional offset; a timestamp without an offset is read as UTC.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

const isoTimestamp = z
  .string()
  .trim()
  .regex(ISO_8601, 'must be an ISO 8601 date or timestamp')
  .transform((value, ctx) => {
    const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/.test(value) && value.length > 10;
    const withZone = value.length === 10 ? `${value}T00:00:00Z` : hasOffset ? value : `${value}Z`;
    const ms = Date.parse(withZone.replace(' ', 'T'));
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'is not a real date' });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

const label = z.string().trim().min(1).max(MAX_LABEL_LENGTH);
const note = z.string().trim().max(MAX_NOTE_LENGTH);

/** The fields of a feedback item as it arrives from an import row or a sync push. */
const feedbackItemShape = {
  id: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[\w.:-]+$/, 'may only contain letters, digits, and . _ : -')
    .optional(),
  text: z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
    .trim()
    .min(1, 'is empty')
    .max(MAX_TEXT_LENGTH, `is longer than ${MAX_TEXT_LENGTH} characters`),
  channel: z.enum(CHANNELS).default('phone'),
  team: label.optional(),
  agent: label.optional(),
  created_at: isoTimestamp.optional(),
  root_cause: note.optional(),
  suggested_fix: note.optional(),
  times_heard: z.int().min(1).max(100_000).default(1),
  segment: label.optional(),
  issue_id: z.string().trim().min(1).max(64).optional(),
};

/** Lenient about extra fields: import files often carry columns of their own. */
export const feedbackItemSchema = z.object(feedbackItemShape);
/** Strict: an API client that sends a field we do not know has a bug worth hearing about. */
export const feedbackItemStrictSchema = z.strictObject(feedbackItemShape);

export type FeedbackItemInput = z.input<typeof feedbackItemSchema>;
export type FeedbackItem = z.output<typeof feedbackItemSchema>;

/** A validated item with its identity and time settled: what the ingest path works on. */
export interface IncomingItem extends Omit<FeedbackItem, 'id' | 'created_at'> {
  id: string;
  created_at: string;
}

/** One line of explanation for a validation failure, naming the field. */
export function describeValidationError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
      return field ? `${field}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
