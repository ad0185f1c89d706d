import { fileURLToPath } from 'node:url';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeIssues, splitIssue } from '../../src/server/issues/issue-actions.js';
import { findIssues } from '../../src/server/issues/find-issues.js';
import { survivingIssueId } from '../../src/server/issues/issue-history.js';
import { issueItems } from '../../src/server/issues/issue-items.js';
import { createIssues } from '../../src/server/issues/issues-repo.js';
import { rankIssues } from '../../src/server/issues/rank-issues.js';
import { browserAvailability, launchBrowser } from './support/browser.js';
import {
  BROWSER_NOW,
  FROM,
  type PageEvents,
  TO,
  WINDOW,
  openPage,
  setWindow,
} from './support/insights-page.js';
import { type UiServer, startUiServer } from './support/ui-server.js';

const SEED = fileURLToPath(new URL('../fixtures/feedback-mixed.csv', import.meta.url));
const { available, reason } = browserAvailability();
/** Issues the Merge and Move pickers list at once (PICKER_LIMIT in issue-picker.tsx). */
const PICKER_LIMIT = 50;

/** The contract calls a page makes, each as `method body`, and how many are still unanswered. */
function callLog(page: Page): { calls: string[]; pending: () => number; stop: () => void } {
  const calls: string[] = [];
  const open = new Set<Request>();
  const isCall = (request: Request) => request.url().includes('/api/v1/call/');
  const sent = (request: Request) => {
    if (!isCall(request)) return;
    open.add(request);
    calls.push(`${request.url().split('/api/v1/call/')[1]} ${request.postData() ?? ''}`);
  };
  const settled = (request: Request) => open.delete(request);
  page.on('request', sent);
  page.on('requestfinished', settled);
  page.on('requestfailed', settled);
  return {
    calls,
    pending: () => open.size,
    stop: () => {
      page.off('request', sent);
      page.off('requestfinished', settled);
      page.off('requestfailed', settled);
    },
  };
}

/** What an analyst's walkthrough of the issue panel found, each checked in Chromium. */
describe.skipIf(!available)(
  `the issue panel in a real browser${available ? '' : ` — skipped: ${reason}`}`,
  () => {
    let server: UiServer;
    let browser: Browser;
    const events: PageEvents = { dialogs: [], errors: [] };

    const ranked = async () =>
      (await rankIssues(server.aggregator.storage, { ...WINDOW, status: 'open' }, Date.now()))
        .issues;
    const analystPage = async (viewport?: { width: number; height: number }) => {
      const page = await openPage(browser, server.links.analyst, {
        locale: 'en-US',
        now: BROWSER_NOW,
        events,
      });
      if (viewport) await page.setViewportSize(viewport);
      await setWindow(page, FROM, TO);
      return page;
    };
    const openIssue = async (page: Page, id: string, title: string) => {
      await page
        .locator(`table.issues tbody tr[data-issue-id="${id}"]`)
        .getByRole('button', { name: title, exact: true })
        .click();
      const dialog = page.locator('dialog.issue-detail');
      await expect.poll(() => dialog.locator('h2').first().textContent()).toBe(title);
      // By its class, not its title: an action in the panel can relabel the issue.
      return dialog;
    };

    beforeAll(async () => {
      server = await startUiServer(SEED);
      browser = await launchBrowser();
    }, 30_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('opening an issue asks the server for each thing once', async () => {
      const page = await analystPage();
      const [top] = await ranked();
      if (!top) throw new Error('the fixture ranks an issue');
      await expect.poll(() => page.locator('table.issues tbody tr').count()).toBeGreaterThan(0);
      // The ranking's own calls are answered before the issue is opened.
      const before = callLog(page);
      await expect.poll(() => before.pending()).toBe(0);
      before.stop();

      const log = callLog(page);
      const dialog = await openIssue(page, top.id, top.title);
      // Everything the panel shows is in: the last parts to load are the items and the history.
      await expect
        .poll(() => dialog.locator('section.issue-items li[data-item-id]').count())
        .toBe(Math.min(top.mentions, 20));
      await expect.poll(() => dialog.locator('section.history li').count()).toBe(0);
      await expect.poll(() => dialog.getByText('No changes yet.').count()).toBe(1);
      await expect.poll(() => log.pending()).toBe(0);
      log.stop();

      const methods = log.calls.map((call) => call.split(' ')[0]);
      for (const method of [
        'issues.detail',
        'issues.similar',
        'issues.splitProposal',
        'stats.trend',
        'stats.breakdown',
        'issues.items',
        'issues.history',
      ])
        expect(methods).toContain(method);
      const times = new Map<string, number>();
      for (const call of log.calls) times.set(call, (times.get(call) ?? 0) + 1);
      expect([...times].filter(([, n]) => n > 1)).toEqual([]);
      expect(events.errors).toEqual([]);
      await page.context().close();
    }, 60_000);

    it('the history names the issues merged in and split off by title, with the id a hover away', async () => {
      const [kept, gone] = (await ranked()).slice(-2);
      if (!kept || !gone) throw new Error('the fixture ranks two issues');
      const actor = { now: Date.now(), actor: 'ana' };
      await mergeIssues(server.aggregator.storage, gone.id, kept.id, actor);
      const [first] = (
        await issueItems(server.aggregator.storage, kept.id, { offset: 0, limit: 1 })
      ).items;
      if (!first) throw new Error('the merged issue has items');
      const splitId = await splitIssue(
        server.aggregator.storage,
        kept.id,
        [first.id],
        'Split off by the walkthrough',
        actor,
      );

      // A merge can relabel the issue that kept the items: open it by its title now.
      const title = (await ranked()).find((issue) => issue.id === kept.id)?.title ?? '';
      const page = await analystPage();
      const dialog = await openIssue(page, kept.id, title);
      const lines = dialog.locator('section.history li');
      await expect.poll(() => lines.count()).toBe(2);
      expect(await lines.nth(0).textContent()).toContain(`Merged “${gone.title}” in (items: `);
      // The live issue split off has its one item's words beside its title (issues.samples);
      // the merged-away one holds no items, so none.
      await expect
        .poll(() => lines.nth(1).textContent())
        .toContain(`Items split off into “Split off by the walkthrough” “${first.text}”: 1`);
      expect(await lines.nth(0).locator('.issue-sample').count()).toBe(0);
      // No raw ids in what is read; the merged-away issue's id is in its tooltip, the live one opens.
      expect(await dialog.locator('section.history').textContent()).not.toMatch(/iss_\w+/);
      expect(await lines.nth(0).locator('.issue-name').getAttribute('title')).toBe(
        `Merged away; it was ${gone.id}`,
      );
      const split = lines.nth(1).getByRole('button', { name: '“Split off by the walkthrough”' });
      expect(await split.getAttribute('title')).toBe(splitId);
      await split.click();
      await expect
        .poll(() => page.getByRole('dialog').locator('h2').first().textContent())
        .toBe('Split off by the walkthrough');
      expect(events.errors).toEqual([]);
      await page.context().close();
    }, 60_000);

    it('a status line speaks of the action that made it, and Save with nothing edited is not offered', async () => {
      const issues = await ranked();
      const [, target, merged, other] = issues;
      if (!target || !merged || !other) throw new Error('the fixture ranks four issues');
      const page = await analystPage();
      const row = (id: string) => page.locator(`table.issues tbody tr[data-issue-id="${id}"]`);
      await row(target.id).getByRole('checkbox').check();
      await row(merged.id).getByRole('checkbox').check();
      const mergeForm = page.locator('form.merge-selected');
      await mergeForm.getByLabel(/Keep/).selectOption(target.id);
      await mergeForm.getByRole('button', { name: 'Merge the selected issues' }).click();
      await expect
        .poll(() => mergeForm.getByRole('status').textContent())
        .toBe('Issues merged: 1.');

      // Another issue opened: the merge's line is gone, and nothing is offered for saving.
      const dialog = await openIssue(page, other.id, other.title);
      await expect.poll(() => mergeForm.count()).toBe(0);
      const curation = dialog.locator('form.curation');
      const save = curation.getByRole('button', { name: 'Save changes' });
      await expect.poll(() => save.isDisabled()).toBe(true);
      const owner = curation.getByLabel('Owner');
      await owner.fill('Logistics');
      await expect.poll(() => save.isDisabled()).toBe(false);
      await owner.fill('  ');
      await expect.poll(() => save.isDisabled()).toBe(true);
      await owner.fill('  Logistics ');
      await save.click();
      await expect
        .poll(() => curation.getByRole('status').textContent())
        .toBe('Saved. The change is in the history.');
      // Saved as the server keeps it (trimmed), and nothing is left to save.
      await expect.poll(() => owner.inputValue()).toBe('Logistics');
      await expect.poll(() => save.isDisabled()).toBe(true);

      // A later action in the same panel: its line speaks, the save's line is cleared.
      const items = dialog.locator('section.issue-items');
      await items.locator('li[data-item-id] input[type="checkbox"]').first().check();
      await items.getByRole('button', { name: 'Split into a new issue' }).click();
      await expect
        .poll(() => items.locator('form.regroup [role="status"]').textContent())
        .toMatch(/^Split off into a new issue, iss_\w+\.$/);
      expect(await curation.getByRole('status').textContent()).toBe('');
      await expect.poll(() => save.isDisabled()).toBe(true);
      expect(await dialog.locator('p[role="status"]:not(:empty)').count()).toBe(1);
      await dialog.getByRole('button', { name: 'Close' }).click();
      expect(await mergeForm.count()).toBe(0);
      expect(events.errors).toEqual([]);
      await page.context().close();
    }, 60_000);

    it('merge and move targets come biggest first, and a search reaches those past the list', async () => {
      // More live issues than the list shows: items-less ones, smallest of all, so listed last.
      await server.aggregator.storage.write((tx) =>
        createIssues(
          tx,
          Array.from({ length: PICKER_LIMIT + 20 }, (_, i) => ({
            id: `iss_bulk${i}`,
            title: `Bulk target ${i}`,
          })),
          Date.now(),
        ),
      );
      const live = (await findIssues(server.aggregator.storage, { limit: 1 })).total;
      const [source] = await ranked();
      if (!source) throw new Error('the fixture ranks an issue');
      const page = await analystPage();
      const dialog = await openIssue(page, source.id, source.title);
      const merge = dialog.locator('form.merge-into');
      const options = merge.locator('select option:not([value=""])');
      await expect.poll(() => options.count()).toBe(PICKER_LIMIT);
      expect(await merge.locator('.picker-count').textContent()).toBe(
        `The ${PICKER_LIMIT} biggest of ${live - 1} issues: type words of a title or sample, or an id, to find the others.`,
      );
      const sizes = (await options.allTextContents()).map((text) =>
        Number(/\(items: (\d+)\)$/.exec(text)?.[1]),
      );
      expect(sizes.every((size) => Number.isInteger(size))).toBe(true);
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      expect(await options.first().getAttribute('value')).not.toBe(source.id);

      // A target the list cannot show is one search away.
      const last = `Bulk target ${PICKER_LIMIT + 19}`;
      expect(await options.allTextContents()).not.toContain(`${last} (items: 0)`);
      await merge.getByRole('searchbox', { name: 'Find the issue to merge into' }).fill(last);
      await expect.poll(() => options.allTextContents()).toEqual([`${last} (items: 0)`]);
      expect(await merge.locator('.picker-count').textContent()).toBe('Issues: 1, biggest first.');
      await merge.locator('select').selectOption(`iss_bulk${PICKER_LIMIT + 19}`);
      await merge.getByRole('button', { name: 'Merge', exact: true }).click();
      await expect
        .poll(() => merge.getByRole('status').textContent())
        .toBe('Merged. Showing the issue that kept the items.');
      expect(await survivingIssueId(server.aggregator.storage, source.id)).toBe(
        `iss_bulk${PICKER_LIMIT + 19}`,
      );
      expect(events.errors).toEqual([]);
      await page.context().close();
    }, 60_000);

    it("the panel says when an issue was first heard at all, apart from the window's first", async () => {
      const from = '2026-11-15';
      const late = await rankIssues(
        server.aggregator.storage,
        { from: Date.parse(`${from}T00:00:00Z`), to: WINDOW.to, status: 'open' },
        Date.now(),
      );
      const earlier = await rankIssues(server.aggregator.storage, WINDOW, Date.now());
      const firstOf = new Map(earlier.issues.map((issue) => [issue.id, issue.first_seen]));
      // An issue heard before the window and in it: the two dates differ.
      const issue = late.issues.find((one) => (firstOf.get(one.id) ?? '') < one.first_seen);
      if (!issue) throw new Error('the fixture has an issue heard before and after 15 November');
      const page = await analystPage();
      await setWindow(page, from, TO);
      const dialog = await openIssue(page, issue.id, issue.title);
      const card = (label: string) =>
        dialog.locator('.cards .card').filter({ has: page.getByText(label, { exact: true }) });
      const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
      await expect
        .poll(() => card('First heard (all time)').locator('dd').textContent())
        .toBe(day.format(new Date(firstOf.get(issue.id) ?? '')));
      expect(await card('First in this window').locator('dd').textContent()).toBe(
        day.format(new Date(issue.first_seen)),
      );
      expect(await card('Last in this window').locator('dd').textContent()).toBe(
        day.format(new Date(issue.last_seen)),
      );
      expect(events.errors).toEqual([]);
      await page.context().close();
    }, 60_000);

    it('at 1024 px the charts sit beside the table, and the panel header stays above a chart scrolled under it', async () => {
      const height = 800;
      const page = await analystPage({ width: 1024, height });
      const [top] = await ranked();
      if (!top) throw new Error('the fixture ranks an issue');
      await expect.poll(() => page.locator('table.issues tbody tr').count()).toBeGreaterThan(20);
      const box = async (selector: string) => {
        const found = await page.locator(selector).first().boundingBox();
        if (!found) throw new Error(`${selector} is not shown`);
        return found;
      };
      await expect.poll(() => page.locator('section.pareto canvas').count()).toBe(1);
      const [table, pareto] = [await box('section.issues-panel'), await box('section.pareto')];
      // Beside the table's first rows, on the first screen, not under every row.
      expect(pareto.x).toBeGreaterThanOrEqual(table.x + table.width);
      expect(pareto.y + 200).toBeLessThanOrEqual(height);
      // And the table still fits its column: no column is left to a sideways scroll.
      const fits = await page.evaluate<boolean>(
        "(() => { const t = document.querySelector('.issues-table'); return t.scrollWidth <= t.clientWidth; })()",
      );
      expect(fits).toBe(true);

      const dialog = await openIssue(page, top.id, top.title);
      const chart = dialog.locator('section.issue-trend canvas');
      await expect.poll(() => chart.count()).toBe(1);
      // Scroll the issue's trend chart up under the sticky header, then ask what is on top at the
      // header's title. Parts of the panel still loading move the chart: ask again until the
      // chart's top is level with the header's when the question is asked.
      const onTop = () =>
        page.evaluate<string>(`(() => {
          const dialog = document.querySelector('dialog.issue-detail');
          const header = dialog.querySelector('header');
          const canvas = dialog.querySelector('section.issue-trend canvas');
          const title = header.querySelector('h2');
          dialog.scrollTop += canvas.getBoundingClientRect().top - header.getBoundingClientRect().top;
          if (Math.abs(canvas.getBoundingClientRect().top - header.getBoundingClientRect().top) > 1)
            return 'still scrolling';
          const where = title.getBoundingClientRect();
          const hit = document.elementFromPoint(where.left + 5, where.top + where.height / 2);
          return hit !== null && header.contains(hit) ? 'header' : hit ? hit.tagName : 'nothing';
        })()`);
      await expect.poll(onTop).toBe('header');
      expect(events.errors).toEqual([]);
      await page.context().close();
    }, 60_000);
  },
);
