import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingItem } from '../../src/shared/domain/feedback-item.js';
import { pareto } from '../../src/shared/ranking/pareto.js';
import { issueDetail } from '../../src/server/insights/issue-detail.js';
import { rankIssues } from '../../src/server/issues/rank-issues.js';
import { weeklyReportData } from '../../src/server/reports/weekly-report-data.js';
import { parseIsoWeek } from '../../src/shared/time/iso-week.js';
import { rows } from '../../src/server/storage/sql.js';
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
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const { available, reason } = browserAvailability();

const HOSTILE = '<script>alert(1)</script>';
const HEARD_MORE = 40;
const WEEK_47 = {
  from: Date.parse('2026-11-16T00:00:00Z'),
  to: Date.parse('2026-11-23T00:00:00Z'),
};

/** A new item as the ingest path takes it, on a day inside the window. */
function heard(id: string, fields: Partial<IncomingItem> & { text: string }): IncomingItem {
  return {
    id,
    channel: 'phone',
    times_heard: 1,
    created_at: '2026-11-21T10:00:00.000Z',
    ...fields,
  };
}

describe.skipIf(!available)(
  `insights and team views in a real browser${available ? '' : ` — skipped: ${reason}`}`,
  () => {
    let server: UiServer;
    let browser: Browser;
    let page: Page;
    const events: PageEvents = { dialogs: [], errors: [] };

    const ranked = async (search?: string) =>
      (await rankIssues(server.aggregator.storage, { ...WINDOW, search }, Date.now())).issues;
    const rankedIds = async () => (await ranked()).map((issue) => issue.id);
    const row = (id: string) => page.locator(`table.issues tbody tr[data-issue-id="${id}"]`);
    const timesHeard = (id: string) => row(id).locator('td.times-heard').textContent();
    const openIssue = async (id: string, title: string) => {
      await row(id).getByRole('button', { name: title, exact: true }).click();
      return page.getByRole('dialog', { name: title });
    };
    const search = (text: string) => page.getByRole('searchbox', { name: 'Search' }).fill(text);

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      server = await startUiServer(SEED);
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

    it("lands an analyst on the ranked issues, in the server's order for the window", async () => {
      await page.getByRole('heading', { name: 'What customers are saying' }).waitFor();
      await setWindow(page, FROM, TO);
      expect((await rankedIds()).length).toBeGreaterThan(10);
      await expect.poll(() => rowIds(page)).toEqual((await rankedIds()).slice(0, 200));
      const top = (await ranked())[0];
      await expect(timesHeard(top?.id ?? '')).resolves.toBe(count.format(top?.times_heard ?? -1));
    });

    it('states the Pareto finding with the numbers of the shared pure function', async () => {
      const result = pareto(
        (await ranked()).map((issue) => ({ id: issue.id, value: issue.times_heard })),
      );
      expect(result.vitalFew).toBeGreaterThan(0);
      await expect
        .poll(() => page.locator('#pareto-summary').textContent())
        .toBe(paretoSentence(result));
      await expect(
        page.getByRole('img', { name: /^Pareto chart of the top/ }).count(),
      ).resolves.toBe(1);
    });

    it("opens an issue's detail with its representative verbatims", async () => {
      const top = (await ranked())[0];
      if (!top) throw new Error('no issues');
      const expected = (
        await issueDetail(server.aggregator.storage, top.id, WINDOW, Date.now())
      ).verbatims.map((v) => v.text);
      const dialog = await openIssue(top.id, top.title);
      await expect
        .poll(async () => (await dialog.locator('ul.verbatims .verbatim').allTextContents()).sort())
        .toEqual(expected.sort());
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });
    });

    it('shows new contacts after a refresh, and a hostile verbatim as plain text', async () => {
      const before = await ranked();
      const target = before[Math.floor(before.length / 2)];
      if (!target) throw new Error('no issues');
      const outcome = await server.aggregator.ingestor.ingest([
        heard('e2e-1', {
          text: 'asking about this again',
          times_heard: HEARD_MORE - 1,
          team: 'support',
          agent: 'amy',
          issue_id: target.id,
          root_cause: 'Courier app outage',
        }),
        heard('e2e-2', {
          text: 'same problem once more',
          channel: 'chat',
          team: 'support',
          agent: 'bo',
          issue_id: target.id,
          root_cause: 'courier app outage.',
        }),
        heard('e2e-hostile', {
          text: HOSTILE,
          channel: 'chat',
          team: 'billing',
          agent: 'bo',
          created_at: '2026-11-21T11:00:00.000Z',
        }),
      ]);
      expect(outcome.accepted).toHaveLength(3);

      // Nothing moves until the analyst asks for fresh numbers.
      await expect(timesHeard(target.id)).resolves.toBe(count.format(target.times_heard));
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect
        .poll(() => timesHeard(target.id))
        .toBe(count.format(target.times_heard + HEARD_MORE));
      await expect.poll(() => rowIds(page)).toEqual(await rankedIds());

      const detail = await openIssue(target.id, target.title);
      const outage = detail.locator('.counted li').filter({ hasText: /courier app outage/i });
      await expect.poll(() => outage.textContent()).toMatch(/× 2$/);
      await detail.getByRole('button', { name: 'Close' }).click();

      await search('alert');
      const found = await ranked('alert');
      expect(found).toHaveLength(1);
      await expect.poll(() => rowIds(page)).toEqual([found[0]?.id]);
      await row(found[0]?.id ?? '')
        .locator('th.title button')
        .click();
      const hostile = page.getByRole('dialog').locator('ul.verbatims .verbatim');
      await hostile.filter({ hasText: HOSTILE }).waitFor();
      await expect(hostile.first().textContent()).resolves.toBe(HOSTILE);
      await expect(page.locator('dialog script').count()).resolves.toBe(0);
      expect(events.dialogs).toEqual([]);
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
      await search('');
      await expect.poll(() => rowIds(page)).toEqual(await rankedIds());
    });

    it('saves screenshots of the insights view in English and Chinese', async () => {
      await page.locator('h1').click(); // no focus ring in the picture
      await page.screenshot({ path: `${SHOTS}insights.png` });

      const zh = await openPage(browser, server.links.analyst, {
        locale: 'zh-CN',
        now: BROWSER_NOW,
        events,
      });
      await zh.getByRole('heading', { name: '客户在说什么' }).waitFor();
      await setWindow(zh, FROM, TO, { from: '开始日期', to: '结束日期' });
      await expect.poll(() => rowIds(zh)).toEqual(await rankedIds());
      const result = pareto(
        (await ranked()).map((issue) => ({ id: issue.id, value: issue.times_heard })),
      );
      const share = percent.format(result.vitalFewShare);
      await expect
        .poll(() => zh.locator('#pareto-summary').textContent())
        .toBe(`${result.vitalFew} 个问题（占全部问题的 ${share}）带来了 80% 的客户联系`);
      await zh.locator('h1').click();
      await zh.screenshot({ path: `${SHOTS}insights-zh-CN.png` });
      await zh.context().close();
    });

    it("shows a lead their team's week only, with contributors by count", async () => {
      const lead = await openPage(browser, server.links.lead, {
        locale: 'en-US',
        now: new Date('2026-11-20T12:00:00Z'),
        events,
      });
      await lead.getByRole('heading', { name: 'Team support' }).waitFor();
      await expect(lead.locator('.week-label').textContent()).resolves.toBe(
        'Week 47: Nov 16, 2026 – Nov 22, 2026',
      );
      const storage = server.aggregator.storage;
      // Newest first; items heard at the same instant, latest arrival first.
      const texts = async (team: string, week = WEEK_47) =>
        (
          await rows(
            storage,
            sql<{
              text: string;
            }>`SELECT text FROM items WHERE team = ${team} AND created_at >= ${week.from}
              AND created_at < ${week.to} ORDER BY created_at DESC, seq DESC LIMIT 30`,
          )
        ).map((item) => item.text);
      const support = await texts('support');
      expect(support.length).toBeGreaterThan(3);
      await expect
        .poll(() => lead.locator('ul.verbatims .verbatim').allTextContents())
        .toEqual(support);
      const others = (await texts('billing')).filter((text) => !support.includes(text));
      expect(others).toContain(HOSTILE);
      for (const text of others)
        await expect(lead.getByText(text, { exact: true }).count()).resolves.toBe(0);

      const contributors = await rows(
        storage,
        sql<{
          agent: string;
          items: number;
        }>`SELECT agent, count(*) AS items FROM items WHERE team = 'support'
          AND created_at >= ${WEEK_47.from} AND created_at < ${WEEK_47.to}
          AND agent IS NOT NULL GROUP BY agent ORDER BY items DESC, agent`,
      );
      const contributorRows = await lead.locator('.contributors tbody tr').all();
      const shown = await Promise.all(
        contributorRows.map(async (tr) => ({
          agent: (await tr.locator('th').textContent()) ?? '',
          items: Number(await tr.locator('td.items').textContent()),
        })),
      );
      expect(shown).toEqual(contributors);
      // The weekly report's top ten, in its order (the browser's zone is UTC here).
      const report = await weeklyReportData(
        storage,
        'support',
        parseIsoWeek('2026-W47'),
        'UTC',
        Date.now(),
      );
      expect(report.issues).toHaveLength(10);
      await expect(rowIds(lead)).resolves.toEqual(report.issues.map((issue) => issue.id));
      await lead.screenshot({ path: `${SHOTS}team.png` });

      await lead.getByRole('button', { name: 'Previous week' }).click();
      await expect(lead.locator('.week-label').textContent()).resolves.toBe(
        'Week 46: Nov 9, 2026 – Nov 15, 2026',
      );
      const week46 = { from: WEEK_47.from - 7 * 86_400_000, to: WEEK_47.from };
      await expect
        .poll(() => lead.locator('ul.verbatims .verbatim').allTextContents())
        .toEqual(await texts('support', week46));
      await lead.context().close();
      expect(events.errors).toEqual([]);
    });
  },
);
