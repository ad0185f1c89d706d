import { z } from 'zod';
import type { CapturePrefill } from '../../shared/desktop/desktop-api.js';
import {
  CHANNELS,
  MAX_TEXT_LENGTH,
  describeValidationError,
} from '../../shared/domain/feedback-item.js';

export type PrefillResult = { ok: true; prefill: CapturePrefill } | { ok: false; message: string };

const field = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is longer than ${max} characters`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

/**
 * The fields a softphone may pre-fill. Other parameters (softphones add their own) are ignored;
 * a known field with a bad value is refused, so a misconfigured script is noticed at once.
 */
const prefillSchema = z.object({
  contact: field(200),
  queue: field(120),
  channel: z
    .string()
    .trim()
    .toLowerCase()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(', ')}` }).optional())
    .optional(),
  text: field(MAX_TEXT_LENGTH),
});

/** A pre-fill from the query parameters or JSON fields a softphone sent. Nothing is saved from it. */
export function parsePrefill(
  fields: Record<string, unknown>,
  source: CapturePrefill['source'],
): PrefillResult {
  const parsed = prefillSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, message: describeValidationError(parsed.error) };
  const prefill: CapturePrefill = { source };
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value !== undefined) Object.assign(prefill, { [key]: value });
  }
  return { ok: true, prefill };
}

/** Query parameters as fields; a parameter given twice is refused (which one would the agent see?). */
export function fieldsOf(params: URLSearchParams): Record<string, unknown> | string {
  const fields: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length > 1) return `${key} is given ${values.length} times`;
    fields[key] = values[0];
  }
  return fields;
}
