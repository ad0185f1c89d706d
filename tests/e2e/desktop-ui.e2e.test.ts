import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import type { DesktopSettingsView } from '../../src/shared/desktop/desktop-api.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailability, launchBrowser } from './support/browser.js';
import { type DesktopPage, openDesktopPage } from './support/desktop-page.js';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const { available, reason } = browserAvailability();
const NOW = new Date('2026-11-20T09:00:00Z');
const TOKEN = 'tok_amy_12345678';
const SAID = 'The replacement card never arrived';

/** A loopback port nothing listens on: the aggregator "down". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(!available)(
  `the desktop UI over the real desktop core${available ? '' : ` — skipped: ${reason}`}`,
  () => {
    let browser: Browser;
    let desktop: DesktopPage;
    let page: Page;
    let aggregatorUrl: string;

    const field = (label: string): Locator => page.getByLabel(label, { exact: true });
    const verbatim = (): Locator =>
      page.getByRole('textbox', { name: 'What the customer said', exact: true });
    const alert = (): Locator => page.locator('.desktop-settings [role="alert"]');
    const syncLine = (): Locator => page.locator('header [role="status"]');
    const save = () => page.getByRole('button', { name: 'Save', exact: true }).click();
    const items = () => desktop.core.store.myFeedback.list(100);
    /** What a softphone's CTI script does on call end: POST the details to the loopback endpoint. */
    const callEnd = async (body: object) => {
      const reply = await desktop.core.dispatch('settings.get', {});
      if (!reply.ok) throw new Error(reply.error.message);
      const { softphone } = reply.result as DesktopSettingsView;
      const response = await fetch(softphone.url ?? 'the endpoint is not listening', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${softphone.secret}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(202);
    };

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      aggregatorUrl = `http://127.0.0.1:${await closedPort()}`;
      browser = await launchBrowser();
      desktop = await openDesktopPage(browser, { takenHotkeys: ['Ctrl+Alt+K'], now: NOW });
      page = desktop.page;
    });

    afterAll(async () => {
      await desktop?.close();
      await browser?.close();
    });

    it('first run shows the setup form instead of the capture panel', async () => {
      await page.getByRole('heading', { name: 'Set up WOCAS' }).waitFor();
      expect(await verbatim().count()).toBe(0);
      expect(await field('Access token').getAttribute('type')).toBe('password');
      await page.getByText('Stored encrypted by your operating system', { exact: false }).waitFor();
      expect(await field('Global hotkey').inputValue()).toBe('Ctrl+Shift+Space');
      expect(await field('Sync every (seconds)').inputValue()).toBe('30');
      expect(await field('Softphone endpoint port').inputValue()).toBe('47611');
      await page.screenshot({ path: `${SHOTS}desktop-setup.png` });
    });

    it('refuses a plain-http aggregator on its field and saves nothing', async () => {
      await field('Display name').fill('amy');
      await field('Team').fill('support');
      await field('Aggregator URL').fill('http://wocas.example.com');
      await save();
      await alert().filter({ hasText: 'correct the marked fields' }).waitFor();
      expect(await field('Aggregator URL').getAttribute('aria-invalid')).toBe('true');
      await page.getByText('must start with https://', { exact: false }).waitFor();
      expect(await page.evaluate<string | undefined>('document.activeElement?.type')).toBe('url');
      expect(desktop.core.settings.current().displayName).toBeNull();
    });

    it('says so when the OS cannot encrypt the token, and saves nothing', async () => {
      desktop.keychain.down = 'no keyring is running';
      await field('Aggregator URL').fill(aggregatorUrl);
      await field('Access token').fill(TOKEN);
      await save();
      await alert().filter({ hasText: 'Nothing was saved' }).waitFor();
      await page.getByText('The token was not saved: no keyring is running').waitFor();
      expect(await field('Access token').getAttribute('aria-invalid')).toBe('true');
      expect(desktop.core.settings.current().displayName).toBeNull();
      desktop.keychain.down = null;
    });

    it('keeps the form open on a hotkey another program holds; the rest is saved', async () => {
      await field('Global hotkey').fill('Ctrl+Alt+K');
      await save();
      await alert().filter({ hasText: 'already taken by another program' }).waitFor();
      expect(await field('Global hotkey').getAttribute('aria-invalid')).toBe('true');
      const saved = desktop.core.settings;
      expect(saved.current()).toMatchObject({
        displayName: 'amy',
        team: 'support',
        aggregatorUrl,
        hotkey: 'Ctrl+Shift+Space',
      });
      expect(saved.token()).toBe(TOKEN);
      // Setup is over; the same form stays, now as Settings, with what was typed.
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      expect(await field('Access token').inputValue()).toBe('');
    });

    it('after saving shows the softphone endpoint, then continues into the capture panel', async () => {
      await field('Global hotkey').fill('Ctrl+Shift+Space');
      await save();
      await page.getByRole('heading', { name: 'Settings saved' }).waitFor();
      const { softphoneSecret } = desktop.core.settings.current();
      expect(await field('URL').inputValue()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/capture$/);
      expect(await field('Port').inputValue()).toBe('47611');
      expect(await field('Secret').inputValue()).toBe(softphoneSecret);
      await page.getByText('Authorization: Bearer', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Continue to capture' }).click();
      await verbatim().waitFor();
      await page.locator('header .who').filter({ hasText: 'amy' }).waitFor();
    });

    it('a softphone pre-fill fills the verbatim and channel, shows the contact, and saves nothing', async () => {
      await callEnd({ contact: 'CT-20931', queue: 'Billing', channel: 'chat', text: SAID });
      await page
        .getByRole('complementary', { name: 'From the softphone' })
        .filter({ hasText: 'CT-20931' })
        .filter({ hasText: 'Billing' })
        .waitFor();
      expect(await verbatim().inputValue()).toBe(SAID);
      expect(await field('Channel').inputValue()).toBe('chat');
      expect(items()).toHaveLength(0);
      expect(desktop.core.store.outbox.pending()).toBe(0);
    });

    it('the hotkey focuses the verbatim and inserts the clipboard at the cursor', async () => {
      await page.evaluate(
        `document.querySelector('textarea').setSelectionRange(${'The replacement card'.length}, ${'The replacement card'.length})`,
      );
      await field('Channel').focus();
      desktop.emit('capture.focus', { paste: ' (ending 4417)' });
      await page.waitForFunction(
        `document.activeElement?.tagName === 'TEXTAREA' && document.activeElement.value.includes('4417')`,
      );
      expect(await verbatim().inputValue()).toBe(
        'The replacement card (ending 4417) never arrived',
      );
      expect(await page.evaluate<number>('document.activeElement.selectionStart')).toBe(
        'The replacement card (ending 4417)'.length,
      );
      desktop.emit('capture.focus', { paste: null });
      expect(items()).toHaveLength(0);
    });

    it('saves into the local store and the header shows Pending 1', async () => {
      await verbatim().press('Enter');
      await page.getByRole('status').filter({ hasText: 'Saved on this computer' }).waitFor();
      expect(items().map((item) => [item.text, item.sync_state])).toEqual([
        ['The replacement card (ending 4417) never arrived', 'pending'],
      ]);
      // The local store has it, not the page: nothing said or kept "in this browser".
      expect(await page.getByText(/in this browser/i).count()).toBe(0);
      expect(await page.evaluate<string[]>('Object.keys(localStorage)')).not.toContainEqual(
        expect.stringMatching(/^wocas\.capture\.queue\./),
      );
      expect(desktop.core.store.outbox.pending()).toBe(1);
      await syncLine().filter({ hasText: 'Pending 1' }).waitFor();
      // The contact belonged to the item just saved.
      expect(await page.getByRole('complementary', { name: 'From the softphone' }).count()).toBe(0);
    });

    it('a sync.state event with the aggregator unreachable shows Offline since', async () => {
      const state = await desktop.core.sync.syncNow();
      expect(state.offline_since).toBe(NOW.toISOString());
      await syncLine().filter({ hasText: 'Offline since 9:00 AM · 1 pending' }).waitFor();
      await page.getByRole('button', { name: 'Sync now' }).click();
      await syncLine().filter({ hasText: 'Offline since 9:00 AM' }).waitFor();
    });

    it('feedback.changed updates the My feedback count in the header', async () => {
      desktop.emit('feedback.changed', { count: 2 });
      await page.getByRole('button', { name: 'My feedback (2)', exact: true }).waitFor();
      await callEnd({
        contact: 'CT-20944',
        queue: 'Cards',
        channel: 'phone',
        text: 'My card was charged twice for one order',
      });
      await page
        .getByRole('complementary', { name: 'From the softphone' })
        .filter({ hasText: 'CT-20944' })
        .waitFor();
      await page.screenshot({ path: `${SHOTS}desktop-capture.png` });
    });

    it('Settings in the header reopens the form; an empty token keeps the stored one', async () => {
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      expect(await field('Display name').inputValue()).toBe('amy');
      expect(await field('Access token').inputValue()).toBe('');
      await page
        .getByText('A token is stored. Leave this empty to keep it.', { exact: false })
        .waitFor();
      await field('Team').fill('cards');
      await save();
      await page.getByRole('heading', { name: 'Settings saved' }).waitFor();
      expect(desktop.core.settings.current().team).toBe('cards');
      expect(desktop.core.settings.token()).toBe(TOKEN);
      await page.getByRole('button', { name: 'Continue to capture' }).click();
      // The draft the pre-fill started is still there: nothing typed is lost to a trip to Settings.
      expect(await verbatim().inputValue()).toBe('My card was charged twice for one order');
      expect(items()).toHaveLength(1);
    });

    it('raised no CSP violation and no page error', () => {
      expect(desktop.problems).toEqual([]);
    });
  },
);
