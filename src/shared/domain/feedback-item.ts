import { z } from 'zod';

import { cleanText, isBlank, lookupProblem, unstorableReason } from '../text/clean-text.js';
import { heardAtProblem } from '../time/heard-at.js';
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
    const problem =
      time === undefined ? 'is not a real date' : heardAtProblem(time.ms, Number.POSITIVE_INFINITY);
    if (time === undefined || problem !== null) {
      ctx.addIssue({ code: 'custom', message: problem ?? 'is not a real date' });
      return z.NEVER;
    }
    return new Date(time.ms).toISOString();
  });

/**
 * Text as it is stored: cleaned by the one rule of shared/text/clean-text.ts, then trimmed and
 * measured. Required text that shows nothing after cleaning (zero-width spaces only) is empty.
 */
function storedText(
  max: number,
  required: boolean,
  error?: z.core.$ZodErrorMap<z.core.$ZodIssueInvalidType>,
) {
  return z.string(error === undefined ? undefined : { error }).transform((value, ctx) => {
    const unstorable = unstorableReason(value);
    const cleaned = cleanText(value).trim();
    const problem =
      unstorable ??
      (required && isBlank(cleaned)
        ? 'is empty'
        : cleaned.length > max
          ? `is longer than ${max} characters`
          : null);
    if (problem !== null) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return cleaned;
  });
}

const label = storedText(MAX_LABEL_LENGTH, true);
const note = storedText(MAX_NOTE_LENGTH, false);

/** The fields of a feedback item as it arrives from an import row or a sync push. */
const feedbackItemShape = {
  id: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[\w.:-]+$/, 'may only contain letters, digits, and . _ : -')
    .optional(),
  text: storedText(MAX_TEXT_LENGTH, true, (issue) =>
    issue.input === undefined ? 'is required' : 'must be text',
  ),
  channel: z.enum(CHANNELS).default('phone'),
  team: label.optional(),
  agent: label.optional(),
  created_at: isoTimestamp.optional(),
  root_cause: note.optional(),
  suggested_fix: note.optional(),
  times_heard: z.int().min(1).max(100_000).default(1),
  segment: label.optional(),
  issue_id: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .refine(
      (value) => lookupProblem(value) === null,
      'holds a control character or a lone surrogate',
    )
    .optional(),
};

/** A verbatim as it is stored (cleaned, trimmed, 1 to 5,000 characters): captures and edits alike. */
export const verbatimTextSchema = feedbackItemShape.text;
/** An item id as a client makes it (the idempotency key). */
export const itemIdSchema = feedbackItemShape.id.unwrap();

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
      // zod's "expected string, received undefined" for a field left out.
      if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message))
        return field ? `${field}: is required` : 'is required';
      return field ? `${field}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
