import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app } from 'electron';
import { HIDDEN_ARG, autostartDesktopEntry } from '../settings/login-item.js';

/** Starts the app at login (into the tray) or stops doing so: login items on macOS and Windows, XDG autostart on Linux. */
export function setOpenAtLogin(open: boolean): void {
  if (process.platform !== 'linux') {
    app.setLoginItemSettings({ openAtLogin: open, openAsHidden: true, args: [HIDDEN_ARG] });
    return;
  }
  const dir = join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'autostart');
  const file = join(dir, 'wocas.desktop');
  if (!open) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, autostartDesktopEntry(process.env.APPIMAGE ?? process.execPath));
}
