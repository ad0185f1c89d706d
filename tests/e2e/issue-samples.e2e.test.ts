import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/server/ingest/import-file.js';
import { issueItems } from '../../src/server/issues/issue-items.js';
import { getIssue } from '../../src/server/issues/issues-repo.js';
import { browserAvailability, launchBrowser } from './support/browser.js';
import {
  BROWSER_NOW,
  FROM,
  type PageEvents,
  TO,
  openPage,
  setWindow,
} from './support/insights-page.js';
import { type UiServer, startUiServer } from './support/ui-server.js';

const SEED = fileURLToPath(new URL('../fixtures/feedback-mixed.csv', import.meta.url));
const { available, reason } = browserAvailability();

/** Words no other item uses: each item becomes an issue titled 'Unlabelled issue'. */
const ODD = ['Zorblat quintex wuvver', 'Plimsoll hagglethorpe krnd'] as const;

const tokenOf = (link: string) => link.split('#token=')[1] ?? '';

async function call<T>(server: UiServer, link: string, method: string, args: unknown) {
  const response = await fetch(`${server.url}/api/v1/call/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokenOf(link)}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/**
 * Titles are short labels or 'Unlabelled issue' and carry no customer's words; an analyst tells
 * issues apart by a representative verbatim beside the title, a lead by their own team's only.
 */
describe.skipIf(!available)(
  `issues told apart by their words in a real browser${available ? '' : ` — skipped: ${reason}`}`,
  () => {
    let server: UiServer;
    let browser: Browser;
    const events: PageEvents = { dialogs: [], errors: [] };
    /** The two unlabelled issues' ids, in ODD's order. */
    const odd: string[] = [];

    beforeAll(async () => {
      server = await startUiServer(SEED);
      browser = await launchBrowser();
      // Imported as the fixture is, dated inside its window whatever today is.
      const file = join(mkdtempSync(join(tmpdir(), 'wocas-samples-')), 'odd.csv');
      writeFileSync(
        file,
        `text,channel,team,agent,created_at\n${ODD.map((text, i) => `${text},phone,support,amy,2026-11-2${i}T10:00:00Z`).join('\n')}\n`,
      );
      await importFile(server.aggregator.ingestor, file);
      for (const text of ODD) {
        const found = await call<{ issues: { id: string }[] }>(
          server,
          server.links.analyst,
          'issues.rank',
          {
            from: `${FROM}T00:00:00Z`,
            search: text,
            status: 'all',
          },
        );
        odd.push(found.body.issues[0]?.id ?? '');
      }
    }, 30_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const analystPage = async (): Promise<Page> => {
      const page = await openPage(browser, server.links.analyst, {
        locale: 'en-US',
        now: BROWSER_NOW,
        events,
      });
      await setWindow(page, FROM, TO);
      return page;
    };

    it('the fixture makes two issues that share the placeholder title', async () => {
      for (const id of odd)
        expect((await getIssue(server.aggregator.storage, id))?.title).toBe('Unlabelled issue');
      expect(new Set(odd).size).toBe(2);
    });

    it('the ranked table and the Merge picker show each unlabelled issue with its own words', async () => {
      const page = await analystPage();
      await page.getByLabel('Search', { exact: true }).fill('Unlabelled');
      for (const [i, id] of odd.entries())
        await expect
          .poll(() => page.locator(`tr[data-issue-id="${id}"] .issue-sample`).textContent())
          .toBe(`“${ODD[i]}”`);

      // From another issue, search the placeholder: both are listed, each with its verbatim.
      const ranked = await call<{ issues: { id: string; title: string }[] }>(
        server,
        server.links.analyst,
        'issues.rank',
        { from: `${FROM}T00:00:00Z`, status: 'open' },
      );
      const other = ranked.body.issues.find((issue) => !odd.includes(issue.id));
      if (!other) throw new Error('the fixture ranks a labelled issue');
      await page.getByLabel('Search', { exact: true }).fill('');
      await page
        .locator(`table.issues tbody tr[data-issue-id="${other.id}"]`)
        .getByRole('button', { name: other.title, exact: true })
        .click();
      const dialog = page.locator('dialog.issue-detail');
      await expect.poll(() => dialog.locator('h2').first().textContent()).toBe(other.title);
      await dialog.getByLabel('Find the issue to merge into').fill('Unlabelled');
      const picker = dialog.locator('form.merge-into select');
      const options = picker.locator('option');
      await expect
        .poll(async () => (await options.allTextContents()).slice(1).sort())
        .toEqual(ODD.map((text) => `Unlabelled issue — “${text}” (items: 1)`).sort());
      // Choosing by the words picks that issue, not its namesake.
      await picker.selectOption({ label: `Unlabelled issue — “${ODD[1]}” (items: 1)` });
      expect(await picker.inputValue()).toBe(odd[1]);

      // An analyst remembers the words, not the placeholder: a word of one sample (in no title and
      // no id), typed in any case, finds that issue alone. Nothing is chosen, so nothing else stays.
      await picker.selectOption('');
      await dialog.getByLabel('Find the issue to merge into').fill('HAGGLETHORPE');
      await expect
        .poll(async () =>
          Promise.all((await options.all()).slice(1).map((o) => o.getAttribute('value'))),
        )
        .toEqual([odd[1]]);
      expect(await options.nth(1).textContent()).toBe(`Unlabelled issue — “${ODD[1]}” (items: 1)`);
      await expect
        .poll(() => dialog.locator('form.merge-into .picker-count').textContent())
        .toBe('Issues: 1, biggest first.');
      expect(events.errors).toEqual([]);
      await page.context().close();
    }, 60_000);

    it('the trend and Pareto charts name the two unlabelled issues apart, each with its own words', async () => {
      const page = await analystPage();
      await page.getByLabel('Search', { exact: true }).fill('Unlabelled');
      const row = (id: string) => page.locator(`table.issues tbody tr[data-issue-id="${id}"]`);
      await expect.poll(() => row(odd[1] as string).count()).toBe(1);
      // The search has ranked again: the table holds placeholder titles only, ranked among themselves.
      await expect
        .poll(
          async () =>
            new Set(await page.locator('table.issues tbody th.title button').allTextContents()),
        )
        .toEqual(new Set(['Unlabelled issue']));
      // Each is named by its rank in the table, as the # column shows it.
      const names = await Promise.all(
        odd.map(
          async (id) =>
            `Unlabelled issue · rank ${await row(id).locator('td.num').first().textContent()}`,
        ),
      );
      expect(new Set(names).size).toBe(2);
      for (const id of odd) await row(id).getByRole('checkbox').check();

      const trend = page.locator('section.trend-panel');
      await trend.locator('details.trend-totals summary').click();
      for (const [i, id] of odd.entries())
        await expect
          .poll(() =>
            trend.locator(`details.trend-totals tr[data-issue-id="${id}"] th`).textContent(),
          )
          .toBe(`${names[i]}“${ODD[i]}”`);
      // The chart's text alternative names the lines as its legend does.
      const label = (await trend.locator('canvas').getAttribute('aria-label')) ?? '';
      for (const name of names) expect(label).toContain(`${name}: 1`);

      const pareto = page.locator('section.pareto');
      await pareto.locator('details.pareto-figures summary').click();
      for (const [i, id] of odd.entries())
        await expect
          .poll(() =>
            pareto
              .locator(`details.pareto-figures tr[data-issue-id="${id}"] td`)
              .nth(1)
              .textContent(),
          )
          .toBe(`${names[i]}“${ODD[i]}”`);
      expect(events.errors).toEqual([]);
      await page.context().close();
    }, 60_000);

    it("the open issue's header and each row's checkbox carry that issue's words", async () => {
      const page = await analystPage();
      await page.getByLabel('Search', { exact: true }).fill('Unlabelled');
      for (const [i, id] of odd.entries()) {
        const row = page.locator(`table.issues tbody tr[data-issue-id="${id}"]`);
        // The two boxes share a name; the sample beside the title is each one's description.
        const description = async () => {
          const described = await row.getByRole('checkbox').getAttribute('aria-describedby');
          return described === null ? null : page.locator(`[id="${described}"]`).textContent();
        };
        await expect.poll(description).toBe(`“${ODD[i]}”`);
        await row.getByRole('button', { name: 'Unlabelled issue', exact: true }).click();
        const header = page.locator('dialog.issue-detail header');
        await expect.poll(() => header.locator('.issue-sample').textContent()).toBe(`“${ODD[i]}”`);
        await header.getByRole('button', { name: 'Close' }).click();
      }
      expect(events.errors).toEqual([]);
      await page.context().close();
    }, 60_000);

    it('the history names a moved-to issue with its words beside the title', async () => {
      const top = await call<{ issues: { id: string; title: string; mentions: number }[] }>(
        server,
        server.links.analyst,
        'issues.rank',
        { from: `${FROM}T00:00:00Z`, status: 'open' },
      );
      const source = top.body.issues.find((issue) => issue.mentions >= 2);
      if (!source) throw new Error('the fixture ranks an issue of two items');
      const into = odd[1] as string;
      const [item] = (await issueItems(server.aggregator.storage, source.id, { limit: 1 })).items;
      if (!item) throw new Error('the issue has items');
      const moved = await call<{ moved: number }>(
        server,
        server.links.analyst,
        'issues.moveItems',
        {
          itemIds: [item.id],
          into,
        },
      );
      expect(moved.body.moved).toBe(1);
      // The receiving issue's sample is one of its own items' words, as the server answers it.
      const [sample] = (
        await call<{ id: string; text: string }[]>(server, server.links.analyst, 'issues.samples', {
          ids: [into],
        })
      ).body;
      const texts = (await issueItems(server.aggregator.storage, into, {})).items.map(
        (i) => i.text,
      );
      expect(texts).toContain(sample?.text);

      const page = await analystPage();
      await page
        .locator(`table.issues tbody tr[data-issue-id="${source.id}"]`)
        .getByRole('button', { name: source.title, exact: true })
        .click();
      const line = page.locator('dialog.issue-detail section.history li').first();
      await expect.poll(() => line.textContent()).toContain('Items moved to “Unlabelled issue”');
      await expect
        .poll(() => line.locator('.issue-sample').textContent())
        .toBe(`“${sample?.text ?? ''}”`);
      await expect.poll(() => line.locator('button.issue-name').getAttribute('title')).toBe(into);
      await page.context().close();
    }, 60_000);

    it('a lead is given the words of their own team only', async () => {
      const rows = await issueItems(server.aggregator.storage, odd[0] as string, {});
      expect(rows.items.every((item) => item.team === 'support')).toBe(true);
      const ranked = await call<{ issues: { id: string }[] }>(
        server,
        server.links.admin,
        'issues.rank',
        {
          from: `${FROM}T00:00:00Z`,
          status: 'all',
          limit: 200,
        },
      );
      const ids = ranked.body.issues.map((issue) => issue.id);
      const lead = await call<{ id: string; text: string }[]>(
        server,
        server.links.lead,
        'issues.samples',
        {
          ids,
        },
      );
      expect(lead.status).toBe(200);
      for (const { id, text } of lead.body) {
        const items = await issueItems(server.aggregator.storage, id, {
          team: 'support',
          limit: 500,
        });
        expect(items.items.map((item) => item.text)).toContain(text);
      }
      // An issue heard only by other teams gives the lead nothing to read.
      const otherTeams: string[] = [];
      for (const id of ids)
        if (
          (await issueItems(server.aggregator.storage, id, { team: 'support', limit: 1 })).total ===
          0
        )
          otherTeams.push(id);
      expect(otherTeams.length).toBeGreaterThan(0);
      expect(lead.body.filter((sample) => otherTeams.includes(sample.id))).toEqual([]);
      expect(lead.body.find((sample) => sample.id === odd[0])?.text).toBe(ODD[0]);
      const agent = await call<{ error: string }>(server, server.links.agent, 'issues.samples', {
        ids,
      });
      expect(agent.status).toBe(403);
    }, 30_000);
  },
);
