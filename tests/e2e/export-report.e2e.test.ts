import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first } from '../../src/server/storage/sql.js';
import { browserAvailability, launchBrowser } from './support/browser.js';
import { BROWSER_NOW, type PageEvents, openPage } from './support/insights-page.js';
import { type UiServer, startUiServer } from './support/ui-server.js';

const SEED = fileURLToPath(new URL('../fixtures/feedback-mixed.csv', import.meta.url));
const { available, reason } = browserAvailability();

describe.skipIf(!available)(
  `Export weekly report from the team view${available ? '' : ` (skipped: ${reason})`}`,
  () => {
    let server: UiServer;
    let browser: Browser;
    beforeAll(async () => {
      server = await startUiServer(SEED);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("downloads the lead's team report for the week shown, as the chosen format", async () => {
      const events: PageEvents = { dialogs: [], errors: [] };
      const page = await openPage(browser, server.links.lead, {
        locale: 'en-GB',
        now: BROWSER_NOW,
        events,
      });
      await page
        .getByRole('button', { name: /Previous week|previous/i })
        .first()
        .click();
      await page.getByLabel('Report format').selectOption('csv');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /Export weekly report \(2026-W47\)/ }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('wocas-support-2026-W47.csv');
      const csv = readFileSync(await download.path(), 'utf8');
      const [from, to] = [Date.parse('2026-11-16T00:00:00Z'), Date.parse('2026-11-23T00:00:00Z')];
      const supportWeek = (await first(
        server.aggregator.storage,
        sql<{
          n: number;
        }>`SELECT count(DISTINCT issue_id) AS n FROM items WHERE team = 'support' AND created_at >= ${from} AND created_at < ${to}`,
      ))!.n;
      // A header row, then one row per issue of the team's week.
      expect(csv.trim().split(/\r\n/)).toHaveLength(supportWeek + 1);
      expect(events.errors).toEqual([]);
    });
  },
);
