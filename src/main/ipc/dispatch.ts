import type { z } from 'zod';
import { parseArgs } from '../../shared/api/parse-args.js';
import type { IpcReply } from '../../shared/desktop/desktop-api.js';
import { DESKTOP_CALL_ARGS } from './desktop-call-args.js';
import type { DesktopContext } from './desktop-context.js';
import { DesktopApiError } from './desktop-error.js';
import type { DesktopHandlers, DesktopMethod } from './handler-map.js';

export type Dispatch = (method: unknown, args: unknown) => Promise<IpcReply>;

/**
 * Answers one call from the renderer. Never throws: a refusal is `{ ok: false, error }` with a
 * message for the agent; an unexpected failure is logged here and reported without its details.
 */
export function createDispatch(
  handlers: DesktopHandlers,
  context: DesktopContext,
  log: (message: string, error: unknown) => void = (message, error) =>
    console.error(message, error),
): Dispatch {
  const known = new Set<string>(Object.keys(handlers));
  return async (method, args) => {
    if (typeof method !== 'string' || !known.has(method)) {
      const name = typeof method === 'string' ? method.slice(0, 60) : typeof method;
      return { ok: false, error: { code: 'unknown_method', message: `no such method: ${name}` } };
    }
    const name = method as DesktopMethod;
    const parsed = parseArgs(DESKTOP_CALL_ARGS[name] as z.ZodType<unknown>, args);
    if (!parsed.ok)
      return { ok: false, error: { code: 'invalid_arguments', message: parsed.message } };
    // The schema of `name` made `parsed.value`, so it is the arguments `handlers[name]` takes.
    const handler = handlers[name] as (args: unknown, context: DesktopContext) => unknown;
    try {
      return { ok: true, result: await handler(parsed.value, context) };
    } catch (error) {
      if (error instanceof DesktopApiError)
        return { ok: false, error: { code: error.code, message: error.message } };
      log(`wocas: ${method} failed`, error);
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `${method} failed unexpectedly; the details are in the app's log`,
        },
      };
    }
  };
}
