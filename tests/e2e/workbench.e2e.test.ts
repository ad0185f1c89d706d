import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  HistoryEntry,
  IssueItemsPage,
  MyFeedbackItem,
  SplitProposal,
} from '../../src/shared/api/contract.js';
import type { RankedIssues } from '../../src/shared/domain/issue.js';
import { runWocas } from '../support/built-cli.js';
import { type Served, startServe } from '../support/served.js';
import { browserAvailability, launchBrowser } from './support/browser.js';
import {
  BROWSER_NOW,
  FROM,
  type PageEvents,
  TO,
  count,
  openPage,
  rowIds,
  setWindow,
} from './support/insights-page.js';

const SEED = fileURLToPath(new URL('../fixtures/feedback-mixed.csv', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const { available, reason } = browserAvailability();
const METHODS: [string, object][] = [
  ['issues.update', { id: 'x', status: 'fixed' }],
  ['issues.merge', { id: 'x', into: 'y' }],
  ['issues.split', { id: 'x', itemIds: ['a'] }],
  ['issues.moveItems', { itemIds: ['a'], into: 'y' }],
  ['issues.history', { id: 'x' }],
  ['issues.splitProposal', { id: 'x' }],
];

describe.skipIf(!available)(
  `the analyst's workbench against wocas serve in a real browser${available ? '' : ` — skipped: ${reason}`}`,
  () => {
    let dir: string;
    let served: Served;
    let browser: Browser;
    const secrets: Record<'ana' | 'amy' | 'lee', string> = { ana: '', amy: '', lee: '' };
    const events: PageEvents = { dialogs: [], errors: [] };

    const api = async <T>(
      who: keyof typeof secrets,
      method: string,
      args: object,
    ): Promise<{ status: number; body: T }> => {
      const response = await fetch(`${served.url}/api/v1/call/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secrets[who]}`, 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      return { status: response.status, body: (await response.json()) as T };
    };
    const ranked = async (status: string) =>
      (await api<RankedIssues>('ana', 'issues.rank', { from: FROM, to: TO, status })).body.issues;
    const itemTotal = async (id: string) =>
      (await api<IssueItemsPage>('ana', 'issues.items', { id })).body.total;
    const row = (page: Page, id: string) =>
      page.locator(`table.issues tbody tr[data-issue-id="${id}"]`);
    const open = async (page: Page, id: string, title: string): Promise<Locator> => {
      await row(page, id).getByRole('button', { name: title, exact: true }).click();
      return page.locator('dialog.issue-detail');
    };
    const signIn = async (who: keyof typeof secrets) => {
      const page = await openPage(browser, `${served.url}/#token=${secrets[who]}`, {
        locale: 'en-US',
        now: BROWSER_NOW,
        events,
      });
      return page;
    };

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      dir = mkdtempSync(join(tmpdir(), 'wocas-workbench-'));
      const db = join(dir, 'wocas.db');
      expect(runWocas(['import', SEED, '--db', db], dir).status).toBe(0);
      const token = (name: string, role: string, team?: string) => {
        const made = runWocas(
          [
            'token',
            'create',
            '--name',
            name,
            '--role',
            role,
            ...(team ? ['--team', team] : []),
            '--db',
            db,
          ],
          dir,
        );
        expect(made.status, made.stderr).toBe(0);
        return made.stdout.trim();
      };
      secrets.ana = token('ana', 'analyst');
      secrets.amy = token('amy', 'agent', 'sales');
      secrets.lee = token('lee', 'lead', 'support');
      served = await startServe(['--db', db], dir);
      browser = await launchBrowser();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      served?.child.kill();
      if (served) await served.exited;
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('an analyst reads the whole trend, curates, splits, moves, merges, sees the history and filters by status', async () => {
      const page = await signIn('ana');
      await setWindow(page, FROM, TO);
      const open0 = await ranked('open');
      const [top, second, third] = open0;
      if (!top || !second || !third) throw new Error('the fixture ranks at least three issues');
      await expect.poll(() => rowIds(page)).toEqual(open0.map((issue) => issue.id));

      // The trend: each line adds up to the table's contacts for that issue, and none is zero.
      await page.getByText('Contacts per line').click();
      const totals = page.locator('details.trend-totals tbody tr');
      await expect.poll(() => totals.count()).toBe(5);
      for (const issue of open0.slice(0, 5)) {
        const line = page.locator(
          `details.trend-totals tbody tr[data-issue-id="${issue.id}"] td.number`,
        );
        await expect.poll(() => line.textContent()).toBe(count.format(issue.times_heard));
        expect(issue.times_heard).toBeGreaterThan(0);
        expect(await row(page, issue.id).locator('td.times-heard').textContent()).toBe(
          count.format(issue.times_heard),
        );
      }
      await page.screenshot({ path: `${SHOTS}workbench-1-trend.png`, fullPage: true });

      // Curate the top issue: status, owner, title, confirmed root cause and a note.
      const dialog = await open(page, top.id, top.title);
      const form = dialog.locator('form.curation');
      await form.getByLabel('Status').selectOption('fix_in_progress');
      await form.getByLabel('Owner').fill('Web shop team');
      await form.getByLabel('Title').fill('Address cannot be changed after ordering');
      await form
        .getByLabel('Confirmed root cause')
        .fill('The web shop locks the address once the order is paid');
      await form
        .getByLabel('Note for the agents who reported it')
        .fill('Self-service address change ships in the next release');
      await page.screenshot({ path: `${SHOTS}workbench-2-edit.png` });
      await form.getByRole('button', { name: 'Save changes' }).click();
      await expect
        .poll(() => form.getByRole('status').textContent())
        .toBe('Saved. The change is in the history.');
      const after = (await ranked('all')).find((issue) => issue.id === top.id);
      expect(after).toMatchObject({
        status: 'fix_in_progress',
        owner: 'Web shop team',
        title: 'Address cannot be changed after ordering',
      });

      // History: who, when, what.
      const history = dialog.locator('section.history li');
      await expect.poll(() => history.count()).toBe(5);
      expect(await history.nth(0).textContent()).toContain('ana');
      expect(await history.nth(0).textContent()).toContain('Status: New → Fix in progress');
      expect(await history.nth(4).textContent()).toContain(
        'Note: Self-service address change ships in the next release',
      );
      await dialog.locator('section.history').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}workbench-3-history.png` });

      // Every item, then split two of them into a new issue.
      const items = dialog.locator('section.issue-items');
      const total = top.mentions;
      await expect.poll(() => items.locator('li[data-item-id]').count()).toBe(Math.min(total, 20));
      expect(await items.locator('h3').textContent()).toBe(`All items (${total})`);
      const boxes = items.locator('li[data-item-id] input[type="checkbox"]');
      await boxes.nth(0).check();
      await boxes.nth(1).check();
      await items.getByLabel('Title of the new issue (optional)').fill('Split by the analyst');
      await items.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}workbench-4-split.png` });
      await items.getByRole('button', { name: 'Split into a new issue' }).click();
      const regroupStatus = items.locator('form.regroup [role="status"]');
      await expect
        .poll(() => regroupStatus.textContent())
        .toMatch(/^Split off into a new issue, iss_\w+\.$/);
      const splitId = /iss_\w+/.exec((await regroupStatus.textContent()) ?? '')?.[0] ?? '';
      expect(await itemTotal(splitId)).toBe(2);
      expect(await itemTotal(top.id)).toBe(total - 2);

      // Move one more item into the new issue.
      await expect.poll(() => items.locator('h3').textContent()).toBe(`All items (${total - 2})`);
      await boxes.nth(0).check();
      await items.getByLabel('Move to issue').selectOption(splitId);
      await items.getByRole('button', { name: 'Move', exact: true }).click();
      await expect
        .poll(() => items.locator('form.regroup [role="status"]').textContent())
        .toBe('Items moved: 1.');
      expect(await itemTotal(splitId)).toBe(3);
      expect(await itemTotal(top.id)).toBe(total - 3);
      await page.screenshot({ path: `${SHOTS}workbench-5-move.png` });
      await dialog.getByRole('button', { name: 'Close' }).click();

      // A split says "these are two problems": the split-off issue never offers the issue it came
      // from for merging back (it was its most alike issue before this rule).
      const splitOff = await open(page, splitId, 'Split by the analyst');
      const similarOfSplit = splitOff.locator('section.similar-issues');
      await expect.poll(() => similarOfSplit.locator('li, p.muted').count()).toBeGreaterThan(0);
      expect(await similarOfSplit.locator(`li[data-issue-id="${top.id}"]`).count()).toBe(0);
      await splitOff.getByRole('button', { name: 'Close' }).click();

      // The curated issue takes in the issue most like it, and keeps its own title and history.
      const curated = await open(page, top.id, 'Address cannot be changed after ordering');
      const similar = curated.locator(
        `section.similar-issues li:not([data-issue-id="${second.id}"]):not([data-issue-id="${third.id}"])`,
      );
      await expect.poll(() => similar.count()).toBeGreaterThan(0);
      expect(await similar.first().textContent()).toMatch(/\d+% alike · \d+ items/);
      const alikeId = (await similar.first().getAttribute('data-issue-id')) ?? '';
      expect([top.id, splitId, second.id, third.id]).not.toContain(alikeId);
      const alikeTotal = await itemTotal(alikeId);
      await curated.locator('section.similar-issues').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}workbench-similar.png` });
      await similar
        .first()
        .getByRole('button', { name: /^Merge “.+” into this issue$/ })
        .click();
      await expect.poll(() => itemTotal(top.id)).toBe(total - 3 + alikeTotal);
      expect(await curated.locator('h2').first().textContent()).toContain(
        'Address cannot be changed after ordering',
      );
      const absorbed = await api<HistoryEntry[]>('ana', 'issues.history', { id: top.id });
      expect(absorbed.body.map((entry) => entry.action)).toContain('merge');
      expect(absorbed.body.map((entry) => entry.action)).toContain('update');
      await curated.getByRole('button', { name: 'Close' }).click();

      // Merge two ranked issues from the table.
      await row(page, second.id).getByRole('checkbox').check();
      await row(page, third.id).getByRole('checkbox').check();
      const merge = page.locator('form.merge-selected');
      await merge.getByLabel(/Keep/).selectOption(second.id);
      await page.screenshot({ path: `${SHOTS}workbench-6-merge.png` });
      await merge.getByRole('button', { name: 'Merge the selected issues' }).click();
      await expect.poll(() => merge.getByRole('status').textContent()).toBe('Issues merged: 1.');
      await expect.poll(() => row(page, third.id).count()).toBe(0);
      expect(await itemTotal(second.id)).toBe(second.mentions + third.mentions);
      const merged = await api<HistoryEntry[]>('ana', 'issues.history', { id: third.id });
      expect(merged.body.map((entry) => entry.action)).toEqual(['merge']);

      // Mark the curated issue fixed: it leaves the open ranking and is one choice away.
      const again = await open(page, top.id, 'Address cannot be changed after ordering');
      await again.locator('form.curation').getByLabel('Status').selectOption('fixed');
      await again.locator('form.curation').getByRole('button', { name: 'Save changes' }).click();
      await expect
        .poll(() => again.locator('form.curation [role="status"]').textContent())
        .toBe('Saved. The change is in the history.');
      await again.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => row(page, top.id).count()).toBe(0);
      await page.locator('form').first().getByLabel('Status').selectOption('fixed');
      await expect.poll(() => rowIds(page)).toEqual([top.id]);
      await page.screenshot({ path: `${SHOTS}workbench-7-status-filter.png` });

      // The same workbench in Simplified Chinese.
      await page.getByLabel('Language').selectOption('zh-CN');
      const zh = await open(page, top.id, 'Address cannot be changed after ordering');
      await expect.poll(() => zh.locator('form.curation h3').textContent()).toBe('整理此问题');
      expect(await zh.locator('section.history h3').textContent()).toBe('历史');
      expect(await zh.locator('section.history li').first().textContent()).toContain(
        '状态：新问题 → 修复中',
      );
      await page.screenshot({ path: `${SHOTS}workbench-zh-CN.png` });
      expect(events.errors).toEqual([]);
      await page.context().close();
    }, 120_000);

    it('agents and leads see no controls and get 403 from the methods', async () => {
      const any = (await ranked('all'))[0];
      if (!any) throw new Error('no issue');
      for (const who of ['amy', 'lee'] as const) {
        for (const [method, args] of METHODS)
          expect((await api(who, method, args)).status, `${who} ${method}`).toBe(403);
      }
      expect((await api('amy', 'issues.items', { id: any.id })).status).toBe(403);

      // Close the loop: the analyst confirms the cause of one of amy's issues; she sees it on top.
      const mine = await api<MyFeedbackItem[]>('amy', 'feedback.mine', {});
      const reported = mine.body.at(-1)?.issue;
      if (!reported) throw new Error('amy has no grouped item');
      const changed = await api('ana', 'issues.update', {
        id: reported.id,
        status: 'investigating',
        owner: 'Payments',
        root_cause: 'A configuration change in the order system on 2 November',
        note: 'Rolled back; it works again',
      });
      expect(changed.status).toBe(200);
      const agent = await signIn('amy');
      await agent.getByRole('button', { name: 'My feedback' }).click();
      const cards = agent.locator('li.mine-item');
      const outcome = cards.filter({
        hasText: 'Confirmed root cause: A configuration change in the order system',
      });
      await expect.poll(() => outcome.count()).toBeGreaterThan(0);
      expect(await outcome.first().textContent()).toContain(
        'From the analyst: Rolled back; it works again',
      );
      expect(await outcome.first().textContent()).toContain('Payments');
      // Changed items on top: no unchanged card comes before a changed one.
      const changedFlags = await Promise.all(
        (await cards.all()).map(async (card) =>
          ((await card.getAttribute('class')) ?? '').includes('unseen'),
        ),
      );
      expect(changedFlags[0]).toBe(true);
      expect(changedFlags).toEqual([...changedFlags].sort((a, b) => Number(b) - Number(a)));
      await agent.screenshot({ path: `${SHOTS}workbench-9-my-feedback.png` });
      expect(await agent.getByRole('button', { name: 'Insights' }).count()).toBe(0);
      expect(await agent.getByText('Curate this issue').count()).toBe(0);
      await agent.context().close();

      const lead = await signIn('lee');
      await lead.getByRole('button', { name: 'Insights' }).click();
      await setWindow(lead, FROM, TO);
      const first = lead.locator('table.issues tbody tr').first();
      await first.locator('button').first().click();
      const dialog = lead.locator('dialog.issue-detail');
      await expect
        .poll(() => dialog.locator('section.issue-items li[data-item-id]').count())
        .toBeGreaterThan(0);
      expect(await dialog.locator('form.curation').count()).toBe(0);
      expect(await dialog.locator('section.history').count()).toBe(0);
      expect(await dialog.locator('section.issue-items input[type="checkbox"]').count()).toBe(0);
      expect(await lead.locator('form.merge-selected').count()).toBe(0);
      await lead.screenshot({ path: `${SHOTS}workbench-8-lead-no-controls.png` });
      await lead.context().close();
    }, 60_000);

    it('an issue that holds two problems is offered as two, each labelled, and split with one click', async () => {
      // Two distinct problems of similar size, merged by mistake into one issue.
      const [kept, lost] = (await ranked('open'))
        .filter((issue) => issue.mentions >= 4 && issue.mentions <= 12)
        .slice(0, 2);
      if (!kept || !lost) throw new Error('the fixture ranks two mid-sized open issues');
      const idsOf = async (id: string) =>
        (await api<IssueItemsPage>('ana', 'issues.items', { id, limit: 500 })).body.items
          .map((item) => item.id)
          .sort();
      const [keptIds, lostIds] = [await idsOf(kept.id), await idsOf(lost.id)];
      expect((await api('ana', 'issues.merge', { id: lost.id, into: kept.id })).status).toBe(200);

      const page = await signIn('ana');
      await setWindow(page, FROM, TO);
      const dialog = await open(page, kept.id, kept.title);
      const panel = dialog.locator('section.split-proposal');
      await expect.poll(() => panel.locator('.split-part').count()).toBe(2);
      expect(await panel.locator('h3').textContent()).toBe('Could be two problems');
      // The parts are the two issues as they were, larger first, each with its own label.
      const proposal = (await api<SplitProposal>('ana', 'issues.splitProposal', { id: kept.id }))
        .body;
      const parts = proposal.parts.map((part) => [...part.item_ids].sort());
      expect(parts).toEqual(
        [keptIds, lostIds].sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1)),
      );
      const cards = panel.locator('.split-part');
      const shown = await Promise.all(
        [0, 1].map(async (index) => Number(await cards.nth(index).getAttribute('data-count'))),
      );
      expect(shown).toEqual(proposal.parts.map((part) => part.count));
      const smaller = proposal.parts[1]!;
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}workbench-two-problems.png` });
      // An analyst who reads it as one problem hides the offer; it stays hidden when the issue is
      // opened again (one line offers it back), and shows again at a click.
      await panel.getByRole('button', { name: 'One problem: hide this' }).click();
      await expect.poll(() => panel.count()).toBe(0);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await open(page, kept.id, kept.title);
      const showAgain = dialog.getByRole('button', { name: 'Show the hidden split offer' });
      await expect.poll(() => showAgain.count()).toBe(1);
      expect(await panel.count()).toBe(0);
      await showAgain.click();
      await expect.poll(() => panel.locator('.split-part').count()).toBe(2);
      await panel
        .getByRole('button', { name: `Split off “${smaller.label}” (${smaller.count} items)` })
        .click();
      // The panel now shows the new issue, titled by the part's label, holding exactly its items.
      await expect.poll(() => dialog.locator('h2').first().textContent()).toContain(smaller.label);
      const [splitOff] = (await ranked('open')).filter((issue) => issue.title === smaller.label);
      if (!splitOff) throw new Error('no split-off issue');
      expect(await idsOf(splitOff.id)).toEqual([...smaller.item_ids].sort());
      expect(await itemTotal(kept.id)).toBe(keptIds.length + lostIds.length - smaller.count);
      expect(events.errors).toEqual([]);
      await page.context().close();
    }, 60_000);
  },
);
