import { app } from 'electron';

/** Where updates come from: the settings, else WOCAS_UPDATE_URL; https only; none means updates stay off. */
export function updateFeed(settingsUrl: string | null, env: NodeJS.ProcessEnv): string | null {
  const url = settingsUrl ?? env.WOCAS_UPDATE_URL ?? null;
  return url !== null && URL.canParse(url) && new URL(url).protocol === 'https:' ? url : null;
}

/**
 * electron-builder's updater (electron-updater), wired but off until a feed is set: it is loaded
 * only then, and only in a packaged app (a development run has nothing to update). The feed is a
 * "generic" provider: a folder on any https server holding what `npm run dist` produced.
 */
export async function startAutoUpdate(
  feedUrl: string | null,
  log: (message: string, error?: unknown) => void,
): Promise<void> {
  if (feedUrl === null || !app.isPackaged) return;
  const { default: updater } = await import('electron-updater');
  const { autoUpdater } = updater;
  autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('error', (error) => log('wocas: update check failed', error));
  await autoUpdater
    .checkForUpdatesAndNotify()
    .catch((error: unknown) => log('wocas: update check failed', error));
}
