import type { DesktopSettingsView } from '../../shared/desktop/desktop-api.js';
import type { StoredSettings } from './settings-schema.js';

/** The settings as the renderer sees them: everything but the token, which never leaves main. */
export function settingsView(
  settings: Readonly<StoredSettings>,
  softphone: { url: string | null; error: string | null },
): DesktopSettingsView {
  return {
    configured: settings.displayName !== null,
    aggregatorUrl: settings.aggregatorUrl,
    hasToken: settings.tokenCiphertext !== null,
    team: settings.team,
    displayName: settings.displayName,
    hotkey: settings.hotkey,
    pasteOnHotkey: settings.pasteOnHotkey,
    openAtLogin: settings.openAtLogin,
    syncIntervalSeconds: settings.syncIntervalSeconds,
    softphone: {
      url: softphone.url,
      port: settings.softphonePort,
      secret: settings.softphoneSecret,
      error: softphone.error,
    },
    updateFeedUrl: settings.updateFeedUrl,
  };
}
