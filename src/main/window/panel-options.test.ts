import { describe, expect, it } from 'vitest';
import { panelWindowOptions } from './panel-options.js';

describe('the capture panel window', () => {
  const options = panelWindowOptions({
    bounds: { x: 10, y: 20, width: 380, height: 560 },
    preloadPath: '/app/dist/electron/preload.cjs',
    iconPath: '/app/assets/desktop/icon.png',
    devTools: false,
  });

  it('is compact, above other windows, and opens where it was', () => {
    expect(options).toMatchObject({
      x: 10,
      y: 20,
      width: 380,
      height: 560,
      alwaysOnTop: true,
      show: false,
    });
  });

  it('runs its page isolated, sandboxed, without Node, its only bridge the preload', () => {
    expect(options.webPreferences).toEqual({
      preload: '/app/dist/electron/preload.cjs',
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
      devTools: false,
    });
  });
});
