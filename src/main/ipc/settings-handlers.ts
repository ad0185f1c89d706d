import { invalidInput } from '../../shared/api/parse-args.js';
import { parseAccelerator } from '../hotkey/accelerator.js';
import { SecretStorageUnavailableError } from '../settings/secret-box.js';
import { TokenRequiredError } from '../settings/settings-store.js';
import type { ValidSettingsInput } from '../settings/settings-schema.js';
import { settingsView } from '../settings/settings-view.js';
import { renamePendingAgent } from '../store/pending-agent.js';
import type { DesktopContext } from './desktop-context.js';
import { DesktopApiError } from './desktop-error.js';
import type { DesktopHandlerMap } from './handler-map.js';

function view(context: DesktopContext) {
  return settingsView(context.settings.current(), {
    url: context.softphone.url(),
    error: context.softphone.error(),
  });
}

/**
 * A new hotkey is registered before it is saved: when another program holds it, the old one stays
 * (in the file too) and the agent reads why.
 */
function bindHotkey(
  input: ValidSettingsInput,
  context: DesktopContext,
): { input: ValidSettingsInput; hotkeyError: string | null } {
  if (input.hotkey === undefined) return { input, hotkeyError: null };
  const parsed = parseAccelerator(input.hotkey, process.platform);
  if (!parsed.ok) throw new DesktopApiError('invalid_arguments', parsed.message);
  const bound = context.shell.bindHotkey(parsed.accelerator);
  if (!bound.ok) {
    const kept: ValidSettingsInput = { ...input };
    delete kept.hotkey;
    return { input: kept, hotkeyError: bound.message };
  }
  return { input: { ...input, hotkey: bound.accelerator }, hotkeyError: null };
}

export const settingsHandlers: DesktopHandlerMap = {
  'settings.get': (_args, context) => view(context),
  'settings.save': async (args, context) => {
    const { input, hotkeyError } = bindHotkey(args, context);
    const before = context.settings.current();
    try {
      context.settings.update(input);
    } catch (error) {
      if (error instanceof SecretStorageUnavailableError)
        throw new DesktopApiError('refused', error.message);
      // Worded like a validation failure so the form shows it at the token field.
      if (error instanceof TokenRequiredError)
        throw new DesktopApiError(
          'invalid_arguments',
          invalidInput('arguments', `token: ${error.message}`),
        );
      throw error;
    }
    const after = context.settings.current();
    if (after.displayName !== null && after.displayName !== before.displayName) {
      // Items captured under the old name (or none, before setup) go out under the new one.
      renamePendingAgent(context.store.db, before.displayName, after.displayName);
      context.sync.captured();
    }
    if (after.openAtLogin !== before.openAtLogin) context.shell.setOpenAtLogin(after.openAtLogin);
    if (after.softphonePort !== before.softphonePort) await context.softphone.restart();
    const syncInputs = ['aggregatorUrl', 'token', 'displayName', 'syncIntervalSeconds'] as const;
    if (syncInputs.some((key) => input[key] !== undefined)) context.sync.reconfigured();
    return { settings: view(context), hotkeyError };
  },
};
