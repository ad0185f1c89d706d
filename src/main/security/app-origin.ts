/**
 * The renderer is served from a custom, privileged scheme (`app://wocas/…`) rather than file://:
 * a file:// page could read any local file it can name, and every file:// URL is one origin. Only
 * pages of this origin may call the IPC surface or be navigated to.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'wocas';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Whether a URL is one of the app's own pages (the origin, exactly: no look-alike hosts or schemes). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}
