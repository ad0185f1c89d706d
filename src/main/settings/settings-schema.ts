import { z } from 'zod';
import { DEFAULT_HOTKEY } from '../hotkey/accelerator.js';
import { EMPTY_WINDOW_MEMORY, type WindowMemory } from '../window/window-state.js';

/** The port the call-end endpoint listens on (127.0.0.1 only) unless the settings say another. */
export const DEFAULT_SOFTPHONE_PORT = 47_611;
export const DEFAULT_SYNC_INTERVAL_SECONDS = 30;

const rect = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().positive(),
  height: z.number().positive(),
});
const windowMemory: z.ZodType<WindowMemory> = z.object({
  lastDisplayId: z.string().nullable(),
  byDisplay: z.record(z.string(), rect),
});

/**
 * The settings file as stored in userData. Every field falls back to its default on its own, so a
 * hand-edited or half-written field costs that field, not the agent's whole setup.
 */
export const storedSettingsSchema = z.object({
  aggregatorUrl: z.string().nullable().catch(null),
  /** base64 of the SecretBox ciphertext; the token is never stored in plain text. */
  tokenCiphertext: z.string().nullable().catch(null),
  team: z.string().nullable().catch(null),
  displayName: z.string().nullable().catch(null),
  hotkey: z.string().catch(DEFAULT_HOTKEY),
  pasteOnHotkey: z.boolean().catch(false),
  openAtLogin: z.boolean().catch(false),
  syncIntervalSeconds: z.int().min(10).max(3_600).catch(DEFAULT_SYNC_INTERVAL_SECONDS),
  /** Random per install: a web page in the agent's browser cannot guess it to fake a call end. */
  softphoneSecret: z.string().min(16).nullable().catch(null),
  softphonePort: z.int().min(1_024).max(65_535).catch(DEFAULT_SOFTPHONE_PORT),
  updateFeedUrl: z.string().nullable().catch(null),
  window: windowMemory.catch(EMPTY_WINDOW_MEMORY),
});

export type StoredSettings = z.output<typeof storedSettingsSchema> & { softphoneSecret: string };

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/** The aggregator's address: https, or plain http on this machine only (the token travels with every request). */
const aggregatorUrl = z
  .string()
  .trim()
  .max(2_000)
  .transform((value, ctx) => {
    if (value === '') return null;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not a web address (https://…)' });
      return z.NEVER;
    }
    const plainLocal = url.protocol === 'http:' && isLoopbackHost(url.hostname);
    if (url.protocol !== 'https:' && !plainLocal) {
      ctx.addIssue({
        code: 'custom',
        message: 'must start with https:// (plain http only for an aggregator on this machine)',
      });
      return z.NEVER;
    }
    if (url.username || url.password || url.search || url.hash) {
      ctx.addIssue({
        code: 'custom',
        message: 'must not carry a user name, password, query or fragment',
      });
      return z.NEVER;
    }
    return url.toString().replace(/\/+$/, '');
  });

const optionalLabel = z
  .string()
  .trim()
  .max(120)
  .transform((value) => (value === '' ? null : value));

/**
 * What `settings.save` accepts: absent means unchanged, null clears. Not the update feed: where
 * the app downloads code to run is not the page's to choose (a compromised page could point it at
 * its own server); it comes from the settings file an administrator deploys or WOCAS_UPDATE_URL.
 */
export const settingsInputSchema = z.strictObject({
  aggregatorUrl: aggregatorUrl.nullable().optional(),
  token: z
    .string()
    .trim()
    .min(8, 'is too short to be a token')
    .max(512)
    .regex(/^[\x21-\x7e]+$/, 'may only contain printable characters without spaces')
    .nullable()
    .optional(),
  team: optionalLabel.nullable().optional(),
  displayName: z.string().trim().min(1, 'is empty').max(120).optional(),
  hotkey: z.string().max(100).optional(),
  pasteOnHotkey: z.boolean().optional(),
  openAtLogin: z.boolean().optional(),
  syncIntervalSeconds: z.int().min(10).max(3_600).optional(),
  softphonePort: z.int().min(1_024).max(65_535).optional(),
});

export type ValidSettingsInput = z.output<typeof settingsInputSchema>;
