import type { App, Session } from 'electron';
import { isAppUrl } from '../security/app-origin.js';

/**
 * Denied by default, everywhere: permissions (camera, notifications from pages, …), any network
 * request a page makes (the UI talks over IPC only), new windows, navigation away from the app,
 * and <webview>. Set before the first window exists.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*', 'ftp://*/*'] },
    // Requests of pages only: the main process's own (the updater) do not come from a webContents.
    (details, callback) => callback({ cancel: details.webContentsId !== undefined }),
  );
}

export function hardenContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
