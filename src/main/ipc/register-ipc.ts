import type { IpcMain } from 'electron';
import { IPC_INVOKE_CHANNEL, type IpcReply } from '../../shared/desktop/desktop-api.js';
import { isAppUrl } from '../security/app-origin.js';
import type { Dispatch } from './dispatch.js';

const REFUSED: IpcReply = {
  ok: false,
  error: { code: 'refused', message: 'only the WOCAS window may call this' },
};

/**
 * The one IPC channel the main process listens on. A call is answered only for the app's own page
 * in its top frame (never a frame or a page it was navigated to, were navigation ever to slip).
 */
export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method: unknown, args: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !isAppUrl(frame.url)) return REFUSED;
    return dispatch(method, args);
  });
}
