import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from './app-origin.js';
import { resolveAppFile } from './app-files.js';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.js';

const ROOT = resolve('/opt/wocas/dist/renderer');

describe('the app:// origin', () => {
  it('is the only origin allowed to call IPC or be navigated to', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://wocas/assets/index.js#x')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://wocas.evil/index.html',
      'https://wocas/index.html',
      'file:///opt/wocas/dist/renderer/index.html',
      'app://user:pw@wocas/',
      'about:blank',
      '',
      undefined,
      null,
    ]) {
      expect(isAppUrl(url)).toBe(false);
    }
  });
});

describe('serving the built renderer', () => {
  it('maps app:// URLs to files in the renderer folder with their type', () => {
    expect(resolveAppFile(ROOT, 'app://wocas/')).toEqual({
      ok: true,
      path: join(ROOT, 'index.html'),
      mimeType: 'text/html; charset=utf-8',
    });
    expect(resolveAppFile(ROOT, 'app://wocas/assets/index-Ab12.js?v=1')).toEqual({
      ok: true,
      path: join(ROOT, 'assets', 'index-Ab12.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppFile(ROOT, 'app://wocas/assets/app%20x.css')).toMatchObject({
      ok: true,
      path: join(ROOT, 'assets', 'app x.css'),
    });
  });

  it('never serves a file outside the folder, however the path is written', () => {
    for (const url of [
      'app://wocas/../settings.json',
      'app://wocas/%2e%2e/%2e%2e/etc/passwd.html',
      'app://wocas/assets/..%2f..%2fsecret.js',
    ]) {
      const file = resolveAppFile(ROOT, url);
      if (file.ok) expect(file.path.startsWith(ROOT)).toBe(true);
      else expect([400, 403, 404]).toContain(file.status);
    }
    expect(resolveAppFile(ROOT, 'app://wocas/..%5c..%5cwin.ini')).toEqual({
      ok: false,
      status: 400,
    });
    expect(resolveAppFile(ROOT, 'app://wocas/a%00.js')).toEqual({ ok: false, status: 400 });
    expect(resolveAppFile(ROOT, 'app://wocas/%E0%A4%A')).toEqual({ ok: false, status: 400 });
  });

  it('refuses other hosts and file types the UI does not ship', () => {
    expect(resolveAppFile(ROOT, 'app://other/index.html')).toEqual({ ok: false, status: 403 });
    expect(resolveAppFile(ROOT, 'app://wocas/wocas-local.db')).toEqual({ ok: false, status: 404 });
  });

  it('sends a policy that allows no inline script, eval, network or frames', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
