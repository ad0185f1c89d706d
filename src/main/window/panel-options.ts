import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { MIN_SIZE } from './window-state.js';

export interface PanelOptionsInput {
  bounds: Rectangle;
  preloadPath: string;
  iconPath: string;
  devTools: boolean;
}

/**
 * The capture panel's window options: compact, above other windows, and locked down: an isolated,
 * sandboxed renderer without Node, whose only bridge is the preload's `window.wocas`. Pure, so
 * these choices are tested without Electron.
 */
export function panelWindowOptions({
  bounds,
  preloadPath,
  iconPath,
  devTools,
}: PanelOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    alwaysOnTop: true,
    title: 'WOCAS',
    icon: iconPath,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools,
    },
  };
}
