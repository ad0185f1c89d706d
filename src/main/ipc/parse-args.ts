import type { z } from 'zod';
import { describeValidationError } from '../../shared/domain/feedback-item.js';
import { DesktopApiError } from './desktop-error.js';

/**
 * Validates the arguments of an IPC call before anything reads them: the renderer is treated like
 * any remote caller (a compromised page must not reach the store with shapes we did not expect).
 */
export function parseArgs<T>(schema: z.ZodType<T>, args: unknown): T {
  const parsed = schema.safeParse(args ?? {});
  if (!parsed.success)
    throw new DesktopApiError(
      'invalid_arguments',
      `invalid arguments: ${describeValidationError(parsed.error)}`,
    );
  return parsed.data;
}
