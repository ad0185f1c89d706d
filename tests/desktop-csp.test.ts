import { readFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppFile } from '../src/main/security/app-files.js';
import { APP_ORIGIN } from '../src/main/security/app-origin.js';
import { SECURITY_HEADERS } from '../src/main/security/content-security-policy.js';
import { ROOT } from './support/built-cli.js';
import { browserAvailability, launchBrowser } from './e2e/support/browser.js';

/**
 * The desktop serves the built renderer with a strict Content-Security-Policy. Electron cannot run
 * here, so Chromium loads the same files with the same headers through the same resolver, with a
 * stand-in for the preload's `window.wocas`: the UI must boot without one CSP violation.
 */
const availability = browserAvailability();
let server: Server;
let url: string;
let browser: Browser;

beforeAll(async () => {
  if (!availability.available) return;
  const rendererDir = join(ROOT, 'dist', 'renderer');
  server = createServer((request, response) => {
    const file = resolveAppFile(rendererDir, `${APP_ORIGIN}${request.url ?? '/'}`);
    if (!file.ok) {
      response.writeHead(file.status, SECURITY_HEADERS).end();
      return;
    }
    void readFile(file.path).then(
      (body) =>
        response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.mimeType }).end(body),
      () => response.writeHead(404, SECURITY_HEADERS).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/**
 * The preload's `window.wocas`, answering like a desktop with an agent set up and nothing captured
 * yet. Given as source text: the test's own functions are transpiled with helpers the page lacks.
 */
const DESKTOP_STAND_IN = `(() => {
  const answers = ${JSON.stringify({
    'session.whoami': { name: 'amy', role: 'agent', team: 'support', mode: 'desktop' },
    'meta.taxonomy': {
      channels: ['phone', 'email', 'chat', 'sms', 'social', 'other'],
      teams: ['support'],
      segments: [],
    },
    'issues.suggest': [],
    'feedback.mine': [],
    'capture.takePrefill': null,
    'sync.status': {
      configured: false,
      online: false,
      syncing: false,
      pending: 0,
      last_synced_at: null,
      offline_since: null,
      error: null,
    },
  })};
  Object.defineProperty(window, 'wocas', {
    value: Object.freeze({
      invoke: (method) => Promise.resolve(method in answers ? answers[method] : null),
      on: () => () => undefined,
    }),
  });
})();`;

describe.skipIf(!availability.available)(
  `the renderer under the desktop's CSP${availability.reason ? ` — ${availability.reason}` : ''}`,
  () => {
    it('boots the capture panel without a single CSP violation', async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text()))
          violations.push(message.text());
      });
      await page.addInitScript({ content: DESKTOP_STAND_IN });
      const response = await page.goto(url);
      expect(response?.headers()['content-security-policy']).toBe(
        SECURITY_HEADERS['content-security-policy'],
      );
      // Signed in through window.wocas as the desktop's agent: the capture panel, not the sign-in form.
      await page.getByText('amy', { exact: true }).first().waitFor({ timeout: 15_000 });
      expect(await page.locator('script:not([src])').count()).toBe(0);
      expect(violations).toEqual([]);
      await page.close();
    });
  },
);
