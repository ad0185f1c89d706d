import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setChannelCost } from '../../src/server/costs/channel-costs.js';
import { rankIssues } from '../../src/server/issues/rank-issues.js';
import type { RankingQuery } from '../../src/server/issues/rank-issues.js';
import { browserAvailability, launchBrowser } from './support/browser.js';
import {
  BROWSER_NOW,
  FROM,
  type PageEvents,
  TO,
  WINDOW,
  openPage,
  rowIds,
  setWindow,
} from './support/insights-page.js';
import { type UiServer, startUiServer } from './support/ui-server.js';

const SEED = fileURLToPath(new URL('../fixtures/feedback-mixed.csv', import.meta.url));
const { available, reason } = browserAvailability();
const SPIKE = 'the hovercraft dock turnstile beeps twice then freezes';

describe.skipIf(!available)(
  `prioritisation in the insights view${available ? '' : ` — skipped: ${reason}`}`,
  () => {
    let server: UiServer;
    let browser: Browser;
    let page: Page;
    const events: PageEvents = { dialogs: [], errors: [] };
    const ranked = async (query: Partial<RankingQuery> = {}) =>
      (await rankIssues(server.aggregator.storage, { ...WINDOW, ...query }, Date.now())).issues;

    beforeAll(async () => {
      server = await startUiServer(SEED);
      // The planted spike: heard once in June, then 6 contacts inside the window (a usual 1.5 / 7 windows).
      await server.aggregator.ingestor.ingest([
        {
          id: 'spike-old',
          text: SPIKE,
          channel: 'chat',
          times_heard: 1,
          created_at: '2026-06-01T10:00:00.000Z',
        },
        {
          id: 'spike-1',
          text: SPIKE,
          channel: 'chat',
          times_heard: 3,
          created_at: '2026-11-20T10:00:00.000Z',
        },
        {
          id: 'spike-2',
          text: SPIKE,
          channel: 'chat',
          times_heard: 3,
          created_at: '2026-11-21T10:00:00.000Z',
        },
      ]);
      await server.aggregator.storage.write(async (tx) => {
        await setChannelCost(tx, 'phone', { minutes: 9, per_minute: 1.2 }, 'EUR');
        await setChannelCost(tx, 'chat', { minutes: 30, per_minute: 2 });
      });
      browser = await launchBrowser();
      page = await openPage(browser, server.links.analyst, {
        locale: 'en-US',
        now: BROWSER_NOW,
        events,
      });
    }, 30_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('lists the emerging issues the server flags, with the badge and why', async () => {
      await page.getByRole('heading', { name: 'What customers are saying' }).waitFor();
      await setWindow(page, FROM, TO);
      const emerging = (await ranked()).filter((issue) => issue.emerging);
      // The spike's issue is titled by its label ("Turnstile beeps twice"), not its verbatim.
      const spikeTitle = emerging.find((issue) => /turnstile/i.test(issue.title))?.title;
      expect(spikeTitle).toBeDefined();
      const panel = page.getByRole('region', { name: 'Emerging issues' });
      await expect.poll(() => panel.getByRole('listitem').count()).toBe(emerging.length);
      const spike = panel.getByRole('listitem').filter({ hasText: spikeTitle as string });
      await expect(spike.locator('.emerging-badge').textContent()).resolves.toBe('Emerging');
      await expect(spike.locator('p').textContent()).resolves.toMatch(
        /^6 contacts against a usual 0\.2 per period over the previous 7\.$/,
      );
    });

    it("ranks by cost in the server's order when asked, and says what that ranking means", async () => {
      const byCost = (await ranked({ rankBy: 'cost' })).map((issue) => issue.id);
      const byScore = (await ranked()).map((issue) => issue.id);
      expect(byCost.slice(0, 10)).not.toEqual(byScore.slice(0, 10));
      await page.getByLabel('Rank by').selectOption('cost');
      await expect.poll(() => rowIds(page)).toEqual(byCost.slice(0, 200));
      await expect(page.locator('.rank-by-explain').first().textContent()).resolves.toMatch(
        /^Cost to serve: .* in EUR\./,
      );
      expect(events.errors).toEqual([]);
    });
  },
);
