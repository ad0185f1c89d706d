import { Menu, Tray, nativeImage } from 'electron';
import type { DesktopSyncState } from '../../shared/desktop/desktop-api.js';
import { syncStatusText } from '../sync/sync-status-text.js';

export interface TrayActions {
  show: () => void;
  syncNow: () => void;
  openAtLogin: () => boolean;
  setOpenAtLogin: (open: boolean) => void;
  quit: () => void;
}

export interface TrayHandle {
  update(state: DesktopSyncState, hotkey: string | null): void;
  destroy(): void;
}

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The tray icon: the sync state at a glance, the panel on click, and the few things a menu needs. */
export function createTray(iconPath: string, actions: TrayActions): TrayHandle {
  const icon = nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 });
  const tray = new Tray(icon);
  tray.on('click', actions.show);
  const update = (state: DesktopSyncState, hotkey: string | null) => {
    const status = syncStatusText(state, time);
    tray.setToolTip(`WOCAS — ${status}`);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: hotkey ? `Capture (${hotkey})` : 'Capture', click: actions.show },
        { label: status, enabled: false },
        { label: 'Sync now', click: actions.syncNow, enabled: state.configured && !state.syncing },
        { type: 'separator' },
        {
          label: 'Start at login',
          type: 'checkbox',
          checked: actions.openAtLogin(),
          click: (item) => actions.setOpenAtLogin(item.checked),
        },
        { type: 'separator' },
        { label: 'Quit WOCAS', click: actions.quit },
      ]),
    );
  };
  return { update, destroy: () => tray.destroy() };
}
