import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costSettings } from '../../src/server/costs/channel-costs.js';
import { updateIssue } from '../../src/server/issues/issue-actions.js';
import { deliverDue } from '../../src/server/webhooks/webhook-delivery.js';
import { webhooks } from '../../src/server/webhooks/webhooks-repo.js';
import { browserAvailability, launchBrowser } from './support/browser.js';
import { BROWSER_NOW, type PageEvents, openPage } from './support/insights-page.js';
import { type UiServer, startUiServer } from './support/ui-server.js';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const { available, reason } = browserAvailability();

/** A port nothing listens on: a server's, closed again. */
async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}

describe.skipIf(!available)(
  `the admin's settings view${available ? '' : ` — skipped: ${reason}`}`,
  () => {
    let server: UiServer;
    let browser: Browser;
    let page: Page;
    const events: PageEvents = { dialogs: [], errors: [] };
    const status = (panel: string) =>
      page.getByRole('region', { name: panel }).getByRole('status').last();

    beforeAll(async () => {
      server = await startUiServer();
      await server.aggregator.ingestor.ingest([
        {
          id: 'tracker-1',
          text: 'the parcel tracker shows nothing at all',
          channel: 'phone',
          times_heard: 1,
          created_at: '2026-11-18T09:00:00.000Z',
        },
      ]);
      browser = await launchBrowser();
      page = await openPage(browser, server.links.admin, {
        locale: 'en-US',
        now: BROWSER_NOW,
        events,
      });
    }, 30_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('is a tab for admins only', async () => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      const analyst = await openPage(browser, server.links.analyst, {
        locale: 'en-US',
        now: BROWSER_NOW,
        events,
      });
      await analyst.getByRole('heading', { name: 'What customers are saying' }).waitFor();
      await expect(
        analyst.getByRole('navigation').getByRole('button').allTextContents(),
      ).resolves.toEqual(['Insights', 'Team', 'Capture', 'My feedback']);
      await analyst.context().close();
    });

    it("sets a channel's cost, shows it per contact, and says why a bad currency is refused", async () => {
      const costs = page.getByRole('region', { name: 'Cost to serve' });
      await costs.locator('select[name="channel"]').selectOption('chat');
      await costs.getByLabel('Minutes per contact').fill('12');
      await costs.getByLabel('Cost per minute').fill('0.55');
      await costs.getByLabel('Currency (ISO 4217)').fill('eur');
      await costs.getByRole('button', { name: 'Save channel cost' }).click();
      await expect
        .poll(() => status('Cost to serve').textContent())
        .toBe('Chat: 6.60 EUR a contact.');
      await expect
        .poll(() => costs.locator('tr[data-channel="chat"] td').allTextContents())
        .toEqual(['12', '0.55', '6.60 EUR']);
      await expect(costs.locator('tr[data-channel="phone"] td').last().textContent()).resolves.toBe(
        'not set (0)',
      );
      await expect(costSettings(server.aggregator.storage)).resolves.toEqual({
        currency: 'EUR',
        channels: { chat: { minutes: 12, per_minute: 0.55 } },
      });

      await costs.getByLabel('Currency (ISO 4217)').fill('EU');
      await costs.getByRole('button', { name: 'Save channel cost' }).click();
      await expect
        .poll(() => status('Cost to serve').textContent())
        .toBe(
          'Something went wrong: invalid arguments: currency: a three-letter ISO 4217 code such as USD or CNY',
        );
      await costs.getByLabel('Minutes per contact').fill('');
      await costs.getByLabel('Currency (ISO 4217)').fill('EUR');
      await costs.getByRole('button', { name: 'Save channel cost' }).click();
      await expect
        .poll(() => status('Cost to serve').textContent())
        .toBe('Enter minutes and a cost per minute, both numbers of 0 or more.');
      // Neither refusal changed anything.
      await expect(costSettings(server.aggregator.storage)).resolves.toEqual({
        currency: 'EUR',
        channels: { chat: { minutes: 12, per_minute: 0.55 } },
      });
    });

    it('adds a webhook showing its secret once, shows its failing deliveries, and removes it', async () => {
      const hooks = page.getByRole('region', { name: 'Webhooks' });
      await hooks.getByLabel('URL').fill('ftp://chat.example/hook');
      await hooks.getByRole('button', { name: 'Add webhook' }).click();
      await expect
        .poll(() => status('Webhooks').textContent())
        .toBe(
          'Something went wrong: invalid arguments: a webhook URL must start with https:// or http://',
        );

      const url = await refusedUrl();
      await hooks.getByLabel('URL').fill(url);
      await hooks.getByLabel('Emerging issues').uncheck();
      await hooks.getByLabel('New issues').uncheck();
      await hooks.getByRole('button', { name: 'Add webhook' }).click();
      const secret = hooks.locator('.hook-secret code');
      await secret.waitFor();
      const [stored] = await webhooks(server.aggregator.storage);
      expect(stored).toMatchObject({ url, events: ['status'], format: 'json' });
      await expect(secret.textContent()).resolves.toBe(stored?.secret);
      await expect(secret.getAttribute('data-webhook-id')).resolves.toBe(stored?.id);
      const row = hooks.locator(`tr[data-webhook-id="${stored?.id}"]`);
      await expect
        .poll(() => row.locator('td').allTextContents())
        .toEqual([url, 'Status changes', 'json', '0', '0', 'Delivering', 'Remove']);
      await hooks.getByRole('button', { name: 'I have copied it' }).click();
      await expect(hooks.locator('.hook-secret').count()).resolves.toBe(0);

      // A status change queues one delivery; the receiver refuses it; the list says so.
      const [issueId] = (
        await server.aggregator.storage.db
          .selectFrom('items')
          .select('issue_id')
          .where('id', '=', 'tracker-1')
          .execute()
      ).map((item) => item.issue_id);
      await updateIssue(
        server.aggregator.storage,
        issueId as string,
        { status: 'investigating' },
        { now: Date.now(), actor: 'ana' },
      );
      expect(await deliverDue(server.aggregator.storage, Date.now)).toBe(1);
      await hooks.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => row.getAttribute('class')).toBe('failing');
      const cells = await row.locator('td').allTextContents();
      expect(cells.slice(3, 5)).toEqual(['0', '1']);
      expect(cells[5]).toMatch(/^Failing after 1 attempt: fetch failed \(ECONNREFUSED\)$/);
      await expect(hooks.locator('.hooks-failing').textContent()).resolves.toBe(
        'Failing: the only webhook. Its deliveries wait and are retried until the receiver answers.',
      );
      // The secret never comes back with the list.
      await expect(page.content()).resolves.not.toContain(stored?.secret);
      await page.locator('h1').click();
      await page.screenshot({ path: `${SHOTS}admin-settings.png` });

      await row.getByRole('button', { name: 'Remove' }).click();
      await row.getByRole('button', { name: 'Remove for good' }).click();
      await expect
        .poll(() => status('Webhooks').textContent())
        .toBe(`Webhook ${stored?.id} removed, with the deliveries waiting for it.`);
      // The status line comes first; the list re-renders after its reload.
      await expect.poll(() => hooks.getByText('No webhooks yet.').count()).toBe(1);
      await expect(webhooks(server.aggregator.storage)).resolves.toEqual([]);
      expect(events).toEqual({ dialogs: [], errors: [] });
    });

    it('speaks Simplified Chinese, the saved costs included', async () => {
      const zh = await openPage(browser, server.links.admin, {
        locale: 'zh-CN',
        now: BROWSER_NOW,
        events,
      });
      await zh.getByRole('button', { name: '设置' }).click();
      await zh.getByRole('heading', { name: '设置', level: 1 }).waitFor();
      const costs = zh.getByRole('region', { name: '服务成本' });
      await expect
        .poll(() => costs.locator('tr[data-channel="chat"] td').allTextContents())
        .toEqual(['12', '0.55', '6.60 EUR']);
      await expect(costs.locator('tr[data-channel="phone"] td').last().textContent()).resolves.toBe(
        '未设置（0）',
      );
      const hooks = zh.getByRole('region', { name: 'Webhook' });
      await expect(hooks.getByText('还没有 Webhook。').count()).resolves.toBe(1);
      await expect(hooks.getByRole('button', { name: '添加 Webhook' }).count()).resolves.toBe(1);
      await zh.context().close();
      expect(events).toEqual({ dialogs: [], errors: [] });
    });
  },
);
