import { BrowserWindow, type Rectangle, screen } from 'electron';
import { APP_ENTRY_URL } from '../security/app-origin.js';
import { panelWindowOptions } from '../window/panel-options.js';
import {
  type DisplayArea,
  type WindowMemory,
  rememberBounds,
  restoreBounds,
} from '../window/window-state.js';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath: string;
  memory: () => WindowMemory;
  remember: (memory: WindowMemory) => void;
  /** Whether closing should really close (quitting) rather than hide to the tray. */
  quitting: () => boolean;
  devTools: boolean;
}

function displays(): DisplayArea[] {
  return screen
    .getAllDisplays()
    .map((display) => ({ id: String(display.id), workArea: display.workArea }));
}

/** Where the panel goes now: its remembered place on a display that is attached, fully visible. */
export function panelBounds(memory: WindowMemory): Rectangle {
  return restoreBounds(memory, displays(), String(screen.getPrimaryDisplay().id));
}

/**
 * The capture panel: compact, above other windows (beside the softphone), sandboxed and isolated,
 * its only bridge the preload's `window.wocas`. Closing hides it to the tray.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(
    panelWindowOptions({
      bounds: panelBounds(options.memory()),
      preloadPath: options.preloadPath,
      iconPath: options.iconPath,
      devTools: options.devTools,
    }),
  );
  // 'floating' keeps the panel above ordinary windows (the softphone, the CRM) but below system UI.
  window.setAlwaysOnTop(true, 'floating');
  window.removeMenu();

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (!window.isDestroyed())
        options.remember(rememberBounds(options.memory(), window.getBounds(), displays()));
    }, 400);
  };
  window.on('moved', save);
  window.on('resized', save);
  window.on('close', (event) => {
    if (options.quitting()) return;
    event.preventDefault();
    window.hide();
  });
  // A monitor unplugged: bring the panel back onto one that is still there.
  screen.on('display-removed', () => {
    if (!window.isDestroyed()) window.setBounds(panelBounds(options.memory()));
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
