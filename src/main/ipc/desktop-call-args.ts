import { z } from 'zod';
import { type ArgsSchemas, CALL_ARGS } from '../../shared/api/call-args.js';
import type { AllDesktopMethods, DesktopMethods } from '../../shared/desktop/desktop-api.js';
import { settingsInputSchema } from '../settings/settings-schema.js';
import { UNAVAILABLE_ON_DESKTOP } from './insight-handlers.js';

const none = z.strictObject({});

/** The desktop-only methods' argument schemas, typed by their contract like CALL_ARGS. */
const DESKTOP_ONLY_ARGS: ArgsSchemas<DesktopMethods> = {
  'settings.get': none,
  'settings.save': settingsInputSchema,
  'sync.now': none,
  'sync.status': none,
  'capture.takePrefill': none,
};

/**
 * The desktop refuses these whatever was sent, and "not available here" is the truer answer than
 * a complaint about the arguments: nothing to check.
 */
const REFUSED_WHATEVER_SENT = Object.fromEntries(
  UNAVAILABLE_ON_DESKTOP.map((method) => [method, z.any()]),
) as Partial<ArgsSchemas<AllDesktopMethods>>;

/**
 * Every method the desktop answers, with the schema its arguments must pass before a handler sees
 * them: the renderer is treated like any remote caller (a compromised page must not reach the
 * store with shapes we did not expect).
 */
export const DESKTOP_CALL_ARGS: ArgsSchemas<AllDesktopMethods> = {
  ...CALL_ARGS,
  ...DESKTOP_ONLY_ARGS,
  ...REFUSED_WHATEVER_SENT,
};
