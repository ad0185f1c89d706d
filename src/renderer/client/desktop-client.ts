import type { WocasClient } from '../../shared/api/contract.js';

declare global {
  interface Window {
    /** Exposed by the desktop app's preload script through contextBridge; absent in a browser. */
    wocas?: WocasClient;
  }
}

/** The desktop app's client (Electron IPC behind the preload), when the UI runs inside it. */
export function desktopClient(): WocasClient | undefined {
  return window.wocas;
}
