import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateIssue } from '../../src/server/issues/issue-actions.js';
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

    it("in the lead's own zone, the Team view shows the exported report's top issues, in its order, fixed ones as still heard", async () => {
      const { storage, ingestor } = server.aggregator;
      // Monday 16 November 02:00 in Shanghai is Sunday 15 November in UTC: in Shanghai's W47 only.
      const early = (
        await ingestor.ingest([
          {
            id: 'e2e-shanghai-monday',
            text: 'roaming bundle activated twice on arrival',
            channel: 'phone',
            team: 'support',
            agent: 'amy',
            created_at: '2026-11-15T18:00:00.000Z',
            times_heard: 40,
          },
        ])
      ).issues['e2e-shanghai-monday'];
      // An issue of the week marked fixed on Thursday and heard again on Friday.
      const fixed = (await first(
        storage,
        sql<{
          issue_id: string;
        }>`SELECT issue_id FROM items WHERE team = 'support' AND created_at >= ${Date.parse('2026-11-16T00:00:00Z')}
            AND created_at < ${Date.parse('2026-11-19T00:00:00Z')} GROUP BY issue_id ORDER BY count(*) DESC, issue_id LIMIT 1`,
      ))!.issue_id;
      await updateIssue(
        storage,
        fixed,
        { status: 'fixed' },
        { now: Date.parse('2026-11-19T00:00:00Z'), actor: 'ana' },
      );
      await ingestor.ingest([
        {
          id: 'e2e-heard-after-fix',
          text: 'still happening after your fix',
          channel: 'chat',
          team: 'support',
          agent: 'bo',
          created_at: '2026-11-20T09:00:00.000Z',
          times_heard: 1,
          issue_id: fixed,
        },
      ]);

      const events: PageEvents = { dialogs: [], errors: [] };
      const page = await openPage(browser, server.links.lead, {
        locale: 'en-GB',
        now: BROWSER_NOW,
        events,
        timeZone: 'Asia/Shanghai',
      });
      await page.getByRole('button', { name: 'Previous week' }).click();
      await page.getByRole('button', { name: /Export weekly report \(2026-W47\)/ }).waitFor();
      const rows = page.locator('.team-issues tbody tr');
      await expect.poll(() => rows.first().getAttribute('data-issue-id')).toBe(early);
      const screen = await Promise.all(
        (await rows.all()).map(async (row) => [
          (await row.getAttribute('data-issue-id')) ?? '',
          ((await row.locator('td').nth(1).textContent()) ?? '').replace(/\D/g, ''),
          (await row.locator('.status').textContent()) ?? '',
        ]),
      );
      await page.getByLabel('Report format').selectOption('csv');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /Export weekly report \(2026-W47\)/ }).click(),
      ]);
      const [, ...body]: string[][] = parse(readFileSync(await download.path(), 'utf8'), {
        bom: true,
      });
      const file = body.map((row) => [row[1] ?? '', row[3] ?? '', row[7] ?? '']);
      expect(screen).toHaveLength(10);
      expect(screen).toEqual(file.slice(0, 10));
      expect(screen[0]).toEqual([early, '40', 'New']);
      expect(screen.find((row) => row[0] === fixed)?.[2]).toBe('Fixed — still heard');
      expect(events.errors).toEqual([]);
    });
  },
);
