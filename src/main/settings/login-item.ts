/** Started at login, the app opens to the tray: the panel comes up on the hotkey or a softphone link. */
export const HIDDEN_ARG = '--hidden';

/**
 * The XDG autostart entry for Linux, where Electron's login-item API does nothing. For an AppImage,
 * `execPath` must be the AppImage file itself ($APPIMAGE), not its temporary mount.
 */
export function autostartDesktopEntry(execPath: string): string {
  const quoted = /[\s"'\\$`]/.test(execPath)
    ? `"${execPath.replace(/(["\\$`])/g, '\\$1')}"`
    : execPath;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=WOCAS',
    'Comment=Capture what customers say, beside the softphone',
    `Exec=${quoted} ${HIDDEN_ARG}`,
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=true',
    '',
  ].join('\n');
}
