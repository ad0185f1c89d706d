import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

export type AppFile =
  { ok: true; path: string; mimeType: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * The file under the built renderer's folder that an app:// URL names, or why none: another host,
 * a path that climbs out of the folder (`..`, encoded or not), or a type the UI does not ship.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): AppFile {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 403 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 400 };
  const relative =
    pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const path = resolve(root, relative);
  if (!path.startsWith(root + sep)) return { ok: false, status: 403 };
  const mimeType = MIME_TYPES[extname(path).toLowerCase()];
  if (!mimeType) return { ok: false, status: 404 };
  return { ok: true, path, mimeType };
}
