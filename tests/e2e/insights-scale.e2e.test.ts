import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pareto } from '../../src/shared/ranking/pareto.js';
import { createIssues } from '../../src/server/issues/issues-repo.js';
import { rankIssues } from '../../src/server/issues/rank-issues.js';
import { insertItems } from '../../src/server/items/items-repo.js';
import { recomputeIssueTotals } from '../../src/server/issues/issue-totals.js';
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
  setWindow,
} from './support/insights-page.js';
import { type UiServer, startUiServer } from './support/ui-server.js';

const { available, reason } = browserAvailability();
const ISSUES = 5_000;

/** Issues stored directly, one item each, spread over the window: the UI's load, not the grouper's, is under test. */
async function seedIssues(server: UiServer): Promise<void> {
  const now = Date.now();
  const indexes = Array.from({ length: ISSUES }, (_, i) => i);
  await server.aggregator.storage.write(async (tx) => {
    await createIssues(
      tx,
      indexes.map((i) => ({ id: `bulk-${i}`, title: `bulk issue number ${i}` })),
      now,
    );
    await insertItems(
      tx,
      indexes.map((i) => ({
        id: `bulk-item-${i}`,
        issue_id: `bulk-${i}`,
        assigned_by: 'new',
        text: `customer said thing ${i}`,
        channel: 'phone',
        team: 'support',
        agent: `agent-${i % 40}`,
        segment: null,
        root_cause: null,
        suggested_fix: null,
        times_heard: 1 + ((i * 7919) % 97),
        created_at: WINDOW.from + ((i * 104_729) % (20 * 86_400_000)),
        received_at: now,
        redactions: 0,
      })),
    );
    // Stored directly, not ingested: bring the issues' totals up to date as the ingest would.
    await recomputeIssueTotals(tx);
  });
}

describe.skipIf(!available)(
  `insights with ${ISSUES} issues${available ? '' : ` — skipped: ${reason}`}`,
  () => {
    let server: UiServer;
    let browser: Browser;

    beforeAll(async () => {
      server = await startUiServer();
      await seedIssues(server);
      browser = await launchBrowser();
    }, 30_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('renders 200 rows at a time, sorts all of them, and charts from the whole ranking', async () => {
      const events: PageEvents = { dialogs: [], errors: [] };
      const page = await openPage(browser, server.links.analyst, {
        locale: 'en-US',
        now: BROWSER_NOW,
        events,
      });
      page.setDefaultTimeout(60_000);
      await setWindow(page, FROM, TO);
      const ranking = (await rankIssues(server.aggregator.storage, WINDOW, Date.now())).issues;
      expect(ranking).toHaveLength(ISSUES);
      const result = pareto(ranking.map((issue) => ({ id: issue.id, value: issue.times_heard })));
      await expect
        .poll(() => page.locator('#pareto-summary').textContent())
        .toBe(paretoSentence(result));
      const rows = page.locator('table.issues tbody tr');
      await expect.poll(() => rows.count()).toBe(200);
      await expect(rows.first().getAttribute('data-issue-id')).resolves.toBe(ranking[0]?.id);

      await page.getByRole('button', { name: 'Show 200 more' }).click();
      await expect.poll(() => rows.count()).toBe(400);
      await page.getByRole('button', { name: /^Times heard/ }).click();
      const most = Math.max(...ranking.map((issue) => issue.times_heard));
      await expect
        .poll(() => rows.first().locator('td.times-heard').textContent())
        .toBe(count.format(most));
      expect(events.errors).toEqual([]);
      await page.context().close();
      // 5,000 issues through a real page: on a loaded 2-core machine the first render alone has
      // taken over 10 s, so this test waits longer than the others (a wait, not a timed assertion).
    }, 120_000);
  },
);
