import type { z } from 'zod';
import { describeValidationError } from '../domain/feedback-item.js';

/** What a caller sent that failed validation: a call's arguments, a route's query, a request body. */
export type InputKind = 'arguments' | 'query' | 'body';

/**
 * The one wording of a validation failure, whichever door it came through:
 * "invalid arguments: limit: Too big: expected number to be <=20".
 */
export function invalidInput(kind: InputKind, detail: string): string {
  return `invalid ${kind}: ${detail}`;
}

/** The same, from a zod failure (every problem, each naming its field). */
export function invalidInputMessage(kind: InputKind, error: z.ZodError): string {
  return invalidInput(kind, describeValidationError(error));
}

export type ParsedInput<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Validates what a caller sent with a schema (absent means `{}`). Never throws: each side turns a
 * failure into its own error (a 400 on the aggregator, an `invalid_arguments` reply on the desktop).
 */
export function parseArgs<T>(
  schema: z.ZodType<T>,
  args: unknown,
  kind: InputKind = 'arguments',
): ParsedInput<T> {
  const parsed = schema.safeParse(args ?? {});
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: invalidInputMessage(kind, parsed.error) };
}
