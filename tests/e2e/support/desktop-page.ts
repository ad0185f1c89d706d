import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type DesktopCore, type Emit, openDesktopCore } from '../../../src/main/desktop-core.js';
import { HotkeyBinding } from '../../../src/main/hotkey/hotkey-binding.js';
import type { SecretBox } from '../../../src/main/settings/secret-box.js';
import { resolveAppFile } from '../../../src/main/security/app-files.js';
import { APP_ORIGIN } from '../../../src/main/security/app-origin.js';
import { SECURITY_HEADERS } from '../../../src/main/security/content-security-policy.js';
import { ROOT } from '../../support/built-cli.js';
import { nodeSecretBox } from '../../support/node-secret-box.js';
import { INSTANT_SYNC, ManualScheduler } from '../../support/test-desktop.js';

/**
 * The preload's `window.wocas` as the page sees it, over the REAL desktop dispatcher: `invoke` goes
 * to the core through a Playwright binding and throws what the preload throws (an Error named
 * `WocasError[<code>]`); events pushed by the core are delivered to `on` listeners. Source text:
 * the test's own functions are transpiled with helpers the page lacks.
 */
const BRIDGE = `(() => {
  const listeners = new Map();
  window.__wocasEmit = (event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const invoke = async (method, args) => {
    const reply = await window.__wocasDispatch(method, args ?? {});
    if (reply.ok) return reply.result;
    const error = new Error(reply.error.message);
    error.name = 'WocasError[' + reply.error.code + ']';
    throw error;
  };
  const on = (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  Object.defineProperty(window, 'wocas', { value: Object.freeze({ invoke, on }) });
})();`;

export interface DesktopPage {
  core: DesktopCore;
  page: Page;
  /** Sends an event to the page as the Electron shell does (the core's own events go the same way). */
  emit: Emit;
  /** Makes the SecretBox refuse, as a Linux session without a keyring does. */
  keychain: { down: string | null };
  /** Content-Security-Policy complaints and uncaught errors in the page. */
  problems: string[];
  close(): Promise<void>;
}

/** Serves the built renderer as the desktop's app:// handler does: same resolver, same headers. */
async function serveRenderer(): Promise<{ server: Server; url: string }> {
  const rendererDir = join(ROOT, 'dist', 'renderer');
  const server = createServer((request, response) => {
    const file = resolveAppFile(rendererDir, `${APP_ORIGIN}${request.url ?? '/'}`);
    if (!file.ok) return void response.writeHead(file.status, SECURITY_HEADERS).end();
    void readFile(file.path).then(
      (body) =>
        response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.mimeType }).end(body),
      () => response.writeHead(404, SECURITY_HEADERS).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html` };
}

function testSecretBox(keychain: { down: string | null }): SecretBox {
  const box = nodeSecretBox({ key: Buffer.alloc(32, 7) });
  return { ...box, unavailableReason: () => keychain.down };
}

/**
 * The desktop app minus Electron, in a real browser: a real settings file and local store in a temp
 * userData folder, the real dispatcher, sync loop and call-end endpoint (on a free port), a hotkey
 * registrar where `takenHotkeys` belong to "other programs", and Chromium at 360 × 640 loading the
 * built renderer under the desktop's CSP.
 */
export async function openDesktopPage(
  browser: Browser,
  options: { takenHotkeys?: string[]; now: Date },
): Promise<DesktopPage> {
  const dir = mkdtempSync(join(tmpdir(), 'wocas-desktop-ui-'));
  const keychain = { down: null as string | null };
  const { server, url } = await serveRenderer();
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  // Events go out in order, as over one IPC channel; one sent before the page listens is lost, as in Electron.
  let outbox = Promise.resolve();
  const emit: Emit = (event, payload) => {
    const script = `window.__wocasEmit?.(${JSON.stringify(event)}, ${JSON.stringify(payload)})`;
    outbox = outbox
      .then(() => page.evaluate(script))
      .then(
        () => undefined,
        () => undefined,
      );
  };
  const hotkey = new HotkeyBinding(
    {
      register: (accelerator) => !(options.takenHotkeys ?? []).includes(accelerator),
      unregister: () => undefined,
    },
    () => undefined,
    'linux',
  );
  const clock = () => options.now.getTime();
  const core = openDesktopCore({
    userDataDir: dir,
    secretBox: testSecretBox(keychain),
    shell: {
      bindHotkey: (accelerator) => hotkey.bind(accelerator),
      setOpenAtLogin: () => undefined,
    },
    emit,
    showPanel: () => undefined,
    notify: () => undefined,
    clock,
    scheduler: new ManualScheduler(),
    syncOptions: INSTANT_SYNC,
    softphonePort: 0,
    log: () => undefined,
  });
  hotkey.bind(core.settings.current().hotkey);
  await core.start();
  await page.exposeFunction('__wocasDispatch', (method: unknown, args: unknown) =>
    core.dispatch(method, args),
  );
  await page.addInitScript({ content: BRIDGE });
  await page.clock.setFixedTime(options.now);
  await page.goto(url);
  return {
    core,
    page,
    emit,
    keychain,
    problems,
    close: async () => {
      await context.close();
      await core.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
