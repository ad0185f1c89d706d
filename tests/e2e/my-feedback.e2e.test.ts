import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureResult } from '../../src/shared/api/contract.js';
import type { RankedIssues } from '../../src/shared/domain/issue.js';
import { rows } from '../../src/server/storage/sql.js';
import { TokensRepo } from '../../src/server/tokens/tokens-repo.js';
import { browserAvailability, launchBrowser } from './support/browser.js';
import { openDesktopPage } from './support/desktop-page.js';
import { type UiServer, startUiServer } from './support/ui-server.js';

const { available, reason } = browserAvailability();

/** The words each language shows, so one test body runs in both. */
const WORDS = {
  en: {
    verbatim: 'What the customer said',
    mine: 'My feedback',
    edit: 'Edit',
    editLabel: 'Correct what the customer said',
    saveEdit: 'Save correction',
    withdraw: 'Withdraw',
    withdrawYes: 'Withdraw it',
    edited: 'Correction saved — 1 personal detail removed',
    editedLocally: 'Correction saved on this computer',
    withdrawn: 'Withdrawn: it no longer counts',
    withdrawnLocally: 'Withdrawn on this computer',
    undoSave: 'Undo save',
    undoneWithdrawn: 'Undone: the saved item was withdrawn',
  },
  'zh-CN': {
    verbatim: '客户原话',
    mine: '我的反馈',
    edit: '修改',
    editLabel: '更正客户原话',
    saveEdit: '保存更正',
    withdraw: '撤回',
    withdrawYes: '确定撤回',
    edited: '更正已保存，已隐去 1 处个人信息',
    editedLocally: '更正已保存在本机',
    withdrawn: '已撤回：不再计入任何问题',
    withdrawnLocally: '已在本机撤回',
    undoSave: '撤销保存',
    undoneWithdrawn: '已撤销：刚保存的反馈已撤回',
  },
} as const;
type Lang = keyof typeof WORDS;

const CASES: { lang: Lang; width: number }[] = [
  { lang: 'en', width: 360 },
  { lang: 'zh-CN', width: 1400 },
  { lang: 'zh-CN', width: 360 },
  { lang: 'en', width: 1400 },
];

describe.skipIf(!available)(
  `correcting and withdrawing one's own items${available ? '' : ` — skipped: ${reason}`}`,
  () => {
    let server: UiServer;
    let browser: Browser;
    let tokens: TokensRepo;

    beforeAll(async () => {
      server = await startUiServer();
      tokens = new TokensRepo(server.aggregator.storage, server.aggregator.clock);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const capture = async (secret: string, body: Record<string, unknown>) => {
      const response = await fetch(`${server.url}/api/v1/call/items.capture`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as CaptureResult;
    };
    const stored = (marker: string) =>
      rows(
        server.aggregator.storage,
        sql<{
          id: string;
          text: string;
        }>`SELECT id, text FROM items WHERE text LIKE ${`%${marker}%`} ORDER BY text`,
      );
    const mentions = async (issueId: string) => {
      const ranked = (await server.aggregator.storage.db
        .selectFrom('issue_totals')
        .select(['issue_id', 'mentions', 'times_heard'])
        .where('issue_id', '=', issueId)
        .executeTakeFirst()) as { mentions: number; times_heard: number } | undefined;
      return ranked
        ? { mentions: Number(ranked.mentions), times_heard: Number(ranked.times_heard) }
        : null;
    };
    const fits = async (page: Page, width: number) =>
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(width);

    for (const { lang, width } of CASES) {
      it(`${lang} at ${width} px, in the browser: My feedback corrects (redacted) and withdraws (counts follow)`, async () => {
        const w = WORDS[lang];
        const name = `fix-${lang}-${width}`;
        const { secret } = await tokens.create({ name, role: 'agent', team: 'support' });
        const marker = `m${lang}${width}`;
        const first = await capture(secret, {
          text: `${marker} the courier left the parcel outside`,
          times_heard: 2,
        });
        const second = await capture(secret, {
          text: `${marker} courier left my parcel outside again`,
          issue_id: first.issue_id,
        });
        // The cases share one server, and their items one issue: counts are compared before and after.
        const before = (await mentions(first.issue_id as string)) ?? {
          mentions: 0,
          times_heard: 0,
        };
        expect(before.mentions).toBeGreaterThanOrEqual(2);

        const context = await browser.newContext({
          viewport: { width, height: 800 },
          locale: lang,
        });
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${server.url}/#token=${secret}`);
        await page.getByRole('button', { name: w.mine, exact: true }).click();
        const cards = page.locator('.mine-item');
        await expect.poll(() => cards.count()).toBe(2);

        // Correct the older one: a phone number typed by mistake never reaches the disk.
        // Newest first; the issue's title (its first words) is on both cards, so they go by place.
        const older = cards.nth(1);
        expect(await older.locator('.verbatim').textContent()).toContain(
          'the courier left the parcel outside',
        );
        await older.getByRole('button', { name: w.edit, exact: true }).click();
        const editor = older.getByRole('textbox', { name: w.editLabel });
        await editor.fill(`${marker} the courier left the parcel outside, call 13800138000`);
        await older.getByRole('button', { name: w.saveEdit }).click();
        await page.getByRole('status').filter({ hasText: w.edited }).waitFor();
        await older.locator('.verbatim').filter({ hasText: 'the parcel outside,' }).waitFor();
        const texts = (await stored(marker)).map((row) => row.text);
        expect(texts.join(' ')).not.toContain('13800138000');
        expect(texts).toContain(
          (await older.locator('.verbatim').textContent())?.trim() ?? 'the card shows it',
        );
        await fits(page, width);

        // Withdraw the newer one: it leaves the list, the server's item and the issue's counts.
        const newer = cards.nth(0);
        expect(await newer.locator('.verbatim').textContent()).toContain(
          'courier left my parcel outside again',
        );
        await newer.getByRole('button', { name: w.withdraw, exact: true }).click();
        await newer.getByRole('button', { name: w.withdrawYes }).click();
        await page.getByRole('status').filter({ hasText: w.withdrawn }).waitFor();
        await expect.poll(() => cards.count()).toBe(1);
        expect((await stored(marker)).map((row) => row.id)).toEqual([first.id]);
        expect(await mentions(first.issue_id as string)).toEqual({
          mentions: before.mentions - 1,
          times_heard: before.times_heard - 1,
        });
        expect(second.id).not.toBe(first.id);
        await fits(page, width);
        expect(errors).toEqual([]);
        await context.close();
      });
    }

    for (const { lang, width } of [
      { lang: 'en' as const, width: 1400 },
      { lang: 'zh-CN' as const, width: 360 },
    ]) {
      it(`${lang} at ${width} px: the correction box saves with Enter, Ctrl+Enter and Cmd+Enter, like the capture box`, async () => {
        const w = WORDS[lang];
        const name = `keys-${lang}-${width}`;
        const { secret } = await tokens.create({ name, role: 'agent', team: 'support' });
        const marker = `k${lang}${width}`;
        const context = await browser.newContext({
          viewport: { width, height: 800 },
          locale: lang,
        });
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${server.url}/#token=${secret}`);
        // The capture box: each of the three keys saves (the browser sends after its Undo window).
        const verbatim = page.getByRole('textbox', { name: w.verbatim, exact: true });
        const keys = ['Control+Enter', 'Meta+Enter', 'Enter'] as const;
        for (const [i, key] of keys.entries()) {
          await verbatim.fill(`${marker} item ${i} the parcel was left outside`);
          await verbatim.press(key);
          await expect.poll(() => verbatim.inputValue()).toBe('');
        }
        await expect.poll(async () => (await stored(marker)).length, { timeout: 20_000 }).toBe(3);

        // The correction box: the same keys save there; Shift+Enter still breaks the line.
        await page.getByRole('button', { name: w.mine, exact: true }).click();
        const cards = page.locator('.mine-item');
        await expect.poll(() => cards.count()).toBe(3);
        for (const [i, key] of keys.entries()) {
          // By place, found from its verbatim: the issue's title (its first words) may be on
          // every card, and the verbatim gives way to the editor once it opens.
          const verbatims = await cards.locator('.verbatim').allTextContents();
          const card = cards.nth(verbatims.findIndex((text) => text.includes(`item ${i} `)));
          await card.getByRole('button', { name: w.edit, exact: true }).click();
          const editor = card.getByRole('textbox', { name: w.editLabel });
          await editor.fill(`${marker} item ${i} corrected`);
          if (i === 0) {
            await editor.press('Shift+Enter');
            expect(await editor.inputValue()).toBe(`${marker} item ${i} corrected\n`);
          }
          await editor.press(key);
          await editor.waitFor({ state: 'detached' });
          await expect
            .poll(async () => (await stored(`${marker} item ${i} `)).map((row) => row.text.trim()))
            .toEqual([`${marker} item ${i} corrected`]);
        }
        await fits(page, width);
        expect(errors).toEqual([]);
        await context.close();
      });
    }

    for (const { lang, width } of [
      { lang: 'en' as const, width: 360 },
      { lang: 'zh-CN' as const, width: 1400 },
    ]) {
      it(`${lang} at ${width} px, on the desktop: Undo after a save or Alt+1 withdraws it; My feedback corrects through sync`, async () => {
        const w = WORDS[lang];
        const name = `desk-${lang}-${width}`;
        const { secret } = await tokens.create({ name, role: 'agent', team: 'support' });
        // An issue to say "heard again" to.
        const marker = `d${lang}${width}`;
        // Two items, so their words are shared terms an agent's desktop may match on.
        const amy = server.links.agent.split('#token=')[1] as string;
        const seed = await capture(amy, { text: `${marker} the refund never reached my card` });
        const seed2 = await capture(amy, {
          text: `${marker} refund never reached the card`,
          issue_id: seed.issue_id,
        });
        const seeds = [seed.id, seed2.id].sort();
        const seeded = await mentions(seed.issue_id as string);
        // Captured earlier in the browser: a new computer shows it in My feedback after sign-in.
        const earlier = await capture(secret, {
          text: `${marker} earlier in the browser, the app froze`,
        });
        const desktop = await openDesktopPage(browser, { now: new Date() });
        try {
          const { page, core } = desktop;
          const saved = await core.dispatch('settings.save', {
            displayName: name,
            team: 'support',
            aggregatorUrl: server.url,
            token: secret,
          });
          expect(saved.ok).toBe(true);
          await core.sync.syncNow();
          await page.setViewportSize({ width, height: 800 });
          await page.reload();
          if (lang !== 'en') await page.getByLabel('Language').selectOption(lang);
          const verbatim = page.getByRole('textbox', { name: w.verbatim, exact: true });
          await verbatim.waitFor();

          // A save that already reached the aggregator: Undo withdraws it there too.
          const typed = `${marker} wrong call, this was not what they said`;
          await verbatim.fill(typed);
          await verbatim.press('Enter');
          await page.getByRole('button', { name: w.undoSave }).waitFor();
          await core.sync.syncNow();
          expect(await stored(`${marker} wrong call`)).toHaveLength(1);
          await page.getByRole('button', { name: w.undoSave }).click();
          await page.getByRole('status').filter({ hasText: w.undoneWithdrawn }).waitFor();
          expect(await verbatim.inputValue()).toBe(typed);
          await core.sync.syncNow();
          expect(await stored(`${marker} wrong call`)).toEqual([]);

          // Alt+1 "heard again", undone before any sync: nothing ever reaches the aggregator.
          await verbatim.fill(`${marker} my refund never reached the card`);
          await page.locator('.suggestions li').first().waitFor();
          await verbatim.press('Alt+1');
          await page.getByRole('button', { name: w.undoSave }).click();
          await page.getByRole('status').filter({ hasText: w.undoneWithdrawn }).waitFor();
          expect(core.store.myFeedback.list(10).map((item) => item.id)).toEqual([earlier.id]);
          await core.sync.syncNow();
          expect((await stored(marker)).map((row) => row.id).sort()).toEqual(
            [...seeds, earlier.id].sort(),
          );

          // A save kept, then corrected from My feedback: local at once, on the server after sync.
          await verbatim.fill(`${marker} the app crashes at checkout`);
          await verbatim.press('Enter');
          await core.sync.syncNow();
          await page.getByRole('button', { name: new RegExp(`^${w.mine}`) }).click();
          await page
            .locator('.mine-item .verbatim')
            .filter({ hasText: 'earlier in the browser, the app froze' })
            .waitFor();
          const card = page.locator('.mine-item').filter({ hasText: 'crashes at checkout' });
          await card.getByRole('button', { name: w.edit, exact: true }).click();
          await card
            .getByRole('textbox', { name: w.editLabel })
            .fill(`${marker} the app crashes at checkout, mail me at jo@example.com`);
          await card.getByRole('button', { name: w.saveEdit }).click();
          await page.getByRole('status').filter({ hasText: w.editedLocally }).waitFor();
          await core.sync.syncNow();
          const after = (await stored(`${marker} the app crashes`)).map((row) => row.text);
          expect(after).toHaveLength(1);
          expect(after[0]).toContain('mail me at');
          expect(after[0]).not.toContain('jo@example.com');
          await fits(page, width);
          expect(desktop.problems).toEqual([]);
          // The undone "heard again" counts nowhere: the issue has what it had before.
          const ranking = (await (
            await fetch(`${server.url}/api/v1/issues`, {
              headers: { authorization: `Bearer ${secret}` },
            })
          ).json()) as RankedIssues;
          expect(ranking.issues.find((issue) => issue.id === seed.issue_id)?.mentions).toBe(
            seeded?.mentions,
          );
        } finally {
          await desktop.close();
        }
      });
    }
  },
);
