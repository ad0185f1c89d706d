import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setChannelCost } from '../../src/server/costs/channel-costs.js';
import { rankIssues } from '../../src/server/issues/rank-issues.js';
import { pareto } from '../../src/shared/ranking/pareto.js';
import type { RankingQuery } from '../../src/server/issues/rank-issues.js';
import { browserAvailability, launchBrowser } from './support/browser.js';
import {
  BROWSER_NOW,
  FROM,
  type PageEvents,
  TO,
  WINDOW,
  count,
  openPage,
  paretoSentence,
  percent,
  rowIds,
  setWindow,
} from './support/insights-page.js';
import { type UiServer, startUiServer } from './support/ui-server.js';

const SEED = fileURLToPath(new URL('../fixtures/feedback-mixed.csv', import.meta.url));
const { available, reason } = browserAvailability();
const money = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
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
      // One contact over the 7 periods before: a usual 1/7 per period, as the trend shows it (the
      // test's own expected count, (1 + 0.5) / 7, is not what anyone heard).
      const detail = emerging.find((issue) => issue.title === spikeTitle)?.emerging_detail;
      expect(detail).toMatchObject({ current: 6, windows: 7 });
      expect(detail?.expected).toBeCloseTo(1.5 / 7, 2);
      expect(detail?.usual).toBe(0.1);
      await expect(spike.locator('p').textContent()).resolves.toBe(
        '6 contacts against a usual 0.1 per period over the previous 7 periods.',
      );
      // The server's own sentence gives the same usual count (it said 0.2, the prior's figure).
      expect(emerging.find((issue) => issue.title === spikeTitle)?.emerging_reason).toMatch(
        /^6 contacts in this window against a usual 0\.1 per window over the previous 7: /,
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

    it('draws the Pareto of cost under rank-by cost, with its sentence and bars, and of contacts on the toggle', async () => {
      const issues = await ranked({ rankBy: 'cost' });
      const byCost = pareto(issues.map((issue) => ({ id: issue.id, value: issue.cost })));
      const byContacts = pareto(
        issues.map((issue) => ({ id: issue.id, value: issue.times_heard })),
      );
      // The data make the two orders differ, so the chart shows a different issue first.
      expect(byCost.points[0]?.id).not.toBe(byContacts.points[0]?.id);
      const title = new Map(issues.map((issue) => [issue.id, issue.title]));
      const figures = page.locator('.pareto-figures tbody tr');
      const firstFigures = async () =>
        (await figures.all()).slice(0, 3).map((row) => row.locator('td').allTextContents());
      const expectedRows = (result: typeof byCost, format: (value: number) => string) =>
        result.points
          .slice(0, 3)
          .map((point, i) => [
            String(i + 1),
            title.get(point.id),
            format(point.value),
            percent.format(point.cumulativeShare),
          ]);

      const one = byCost.vitalFew === 1;
      await expect
        .poll(() => page.locator('#pareto-summary').textContent())
        .toBe(
          `${byCost.vitalFew} ${one ? 'issue' : 'issues'} (${percent.format(byCost.vitalFewShare)} of issues) ${one ? 'drives' : 'drive'} 80% of cost`,
        );
      await expect(page.getByLabel('Cost to serve', { exact: true }).isChecked()).resolves.toBe(
        true,
      );
      await expect
        .poll(async () => Promise.all(await firstFigures()))
        .toEqual(expectedRows(byCost, (value) => money.format(value)));
      // Chat costs 60 EUR a contact, phone 10.80: the top bar is the dearest issue's cost.
      expect(byCost.points[0]?.value).toBe(issues[0]?.cost);

      await page.getByLabel('Contacts', { exact: true }).check();
      await expect
        .poll(() => page.locator('#pareto-summary').textContent())
        .toBe(paretoSentence(byContacts));
      await expect
        .poll(async () => Promise.all(await firstFigures()))
        .toEqual(expectedRows(byContacts, (value) => count.format(value)));
      await page.getByLabel('Cost to serve', { exact: true }).check();
      await expect.poll(() => page.locator('#pareto-summary').textContent()).toMatch(/ of cost$/);
      expect(events.errors).toEqual([]);
    });

    it('says the Pareto of cost in Simplified Chinese', async () => {
      const issues = await ranked({ rankBy: 'cost' });
      const byCost = pareto(issues.map((issue) => ({ id: issue.id, value: issue.cost })));
      const zh = await openPage(browser, server.links.analyst, {
        locale: 'zh-CN',
        now: BROWSER_NOW,
        events,
      });
      await zh.getByRole('heading', { name: '客户在说什么' }).waitFor();
      await setWindow(zh, FROM, TO, { from: '开始日期', to: '结束日期' });
      await zh.getByLabel('排序依据').selectOption('cost');
      await expect
        .poll(() => zh.locator('#pareto-summary').textContent())
        .toBe(
          `${byCost.vitalFew} 个问题（占全部问题的 ${percent.format(byCost.vitalFewShare)}）带来了 80% 的服务成本`,
        );
      await zh.context().close();
      expect(events.errors).toEqual([]);
    });
  },
);
