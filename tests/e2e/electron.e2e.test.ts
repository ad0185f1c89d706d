import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ElectronApplication, type Page, _electron } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyFeedbackItem, Session } from '../../src/shared/api/contract.js';
import type { DesktopClient } from '../../src/shared/desktop/desktop-api.js';
import { ROOT, cleanEnv } from '../support/built-cli.js';

/**
 * The packaged shape of the desktop app, driven through Playwright's Electron support: launch,
 * first-run setup and a capture without the hotkey, quit, relaunch, the item is still there.
 * It needs Electron's binary, which these development machines and CI cannot download (every
 * install here runs with ELECTRON_SKIP_BINARY_DOWNLOAD=1): without it the suite is skipped, with
 * the reason in its name. On a machine with the binary, better-sqlite3 must be built for Electron
 * first: `npm run rebuild:electron && npm run test:electron` (Linux without a display: under
 * xvfb-run), then `npm run rebuild:node` before the rest of the tests.
 */
function electronBinary(): { path: string } | { reason: string } {
  let path: string;
  try {
    path = createRequire(import.meta.url)('electron') as string;
  } catch (error) {
    return { reason: (error as Error).message.split('\n')[0] ?? 'electron did not load' };
  }
  return existsSync(path) ? { path } : { reason: `no binary at ${path}` };
}

const binary = electronBinary();
const SKIPPED =
  'path' in binary
    ? ''
    : ` — SKIPPED: Electron's binary is not installed (${binary.reason}). These machines cannot download it (ELECTRON_SKIP_BINARY_DOWNLOAD=1, CI=true included), so this test runs only where Electron is installed: see docs/testing.md, "What is verified where: the desktop app"`;
if (SKIPPED) console.warn(`tests/e2e/electron.e2e.test.ts${SKIPPED}`);

type Wocas = { wocas?: DesktopClient; require?: unknown; process?: unknown; ipcRenderer?: unknown };

describe.skipIf(SKIPPED !== '')(`the Electron desktop app${SKIPPED}`, () => {
  let userData: string;
  beforeAll(() => {
    userData = mkdtempSync(join(tmpdir(), 'wocas-electron-'));
  });
  afterAll(() => rmSync(userData, { recursive: true, force: true }));

  async function launch(): Promise<{ app: ElectronApplication; page: Page; errors: string[] }> {
    const app = await _electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [ROOT],
      cwd: ROOT,
      env: { ...(cleanEnv() as Record<string, string>), WOCAS_USER_DATA: userData },
      timeout: 60_000,
    });
    const page = await app.firstWindow();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.waitForLoadState('domcontentloaded');
    // The UI booted: React rendered into #root under the app's Content-Security-Policy.
    await page.locator('#root > *').first().waitFor({ timeout: 30_000 });
    return { app, page, errors };
  }

  it('launches sandboxed and isolated, with only window.wocas exposed', async () => {
    const { app, page, errors } = await launch();
    try {
      expect(page.url()).toBe('app://wocas/index.html');
      const exposed = await page.evaluate(() => {
        const global = globalThis as unknown as Wocas;
        return {
          keys: Object.keys(global.wocas ?? {}).sort(),
          require: typeof global.require,
          process: typeof global.process,
          ipc: typeof global.ipcRenderer,
        };
      });
      expect(exposed).toEqual({
        keys: ['invoke', 'on'],
        require: 'undefined',
        process: 'undefined',
        ipc: 'undefined',
      });
      // The webPreferences themselves are checked in src/main/window/panel-options.test.ts; here, their effect.
      expect(
        await app.evaluate(({ BrowserWindow }) =>
          BrowserWindow.getAllWindows()[0]?.isAlwaysOnTop(),
        ),
      ).toBe(true);
      const opened = await page.evaluate(() =>
        (globalThis as unknown as { open(url: string): unknown }).open('https://example.com'),
      );
      expect(opened).toBeNull();
      const network = await page.evaluate(() =>
        fetch('https://example.com').then(
          () => 'reached',
          () => 'blocked',
        ),
      );
      expect(network).toBe('blocked');
      expect(
        errors.filter(
          (text) => /Content Security Policy/i.test(text) && !/example\.com/.test(text),
        ),
      ).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('captures without the hotkey, quits, and has the item after a relaunch', async () => {
    const text = 'Card blocked abroad even after the travel notice';
    const first = await launch();
    try {
      const saved = await first.page.evaluate(async (verbatim) => {
        const { wocas } = globalThis as unknown as Wocas;
        await wocas?.invoke('settings.save', { displayName: 'amy', team: 'support' });
        return wocas?.invoke('items.capture', { text: verbatim, channel: 'phone' });
      }, text);
      expect(saved).toMatchObject({ synced: false, redactions: 0 });
    } finally {
      await first.app.close();
    }
    expect(readFileSync(join(userData, 'settings.json'), 'utf8')).toContain('"displayName": "amy"');

    const second = await launch();
    try {
      const after = await second.page.evaluate(async () => {
        const { wocas } = globalThis as unknown as Wocas;
        return {
          who: await wocas?.invoke('session.whoami', {}),
          mine: await wocas?.invoke('feedback.mine', {}),
        };
      });
      expect(after.who).toEqual({
        name: 'amy',
        role: 'agent',
        team: 'support',
        mode: 'desktop',
      } satisfies Session);
      expect((after.mine as MyFeedbackItem[]).map((item) => [item.text, item.sync_state])).toEqual([
        [text, 'pending'],
      ]);
    } finally {
      await second.app.close();
    }
  });
});
