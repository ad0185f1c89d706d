import { z } from 'zod';

import { parseIsoTime } from '../time/iso-time.js';
import { CHANNELS, ITEM_LIMITS } from './item-fields.js';

export { CHANNELS, type Channel } from './item-fields.js';

export const MAX_TEXT_LENGTH = ITEM_LIMITS.text;
const MAX_NOTE_LENGTH = ITEM_LIMITS.note;
const MAX_LABEL_LENGTH = ITEM_LIMITS.label;

// A timestamp without an offset is read as UTC (src/shared/time/iso-time.ts, shared with every reader).
const isoTimestamp = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const time = parseIsoTime(value);
    if (time === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 date or timestamp that exists' });
      return z.NEVER;
    }
    return new Date(time.ms).toISOString();
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
