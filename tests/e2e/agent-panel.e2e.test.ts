import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/server/storage/sql.js';
import { TokensRepo } from '../../src/server/tokens/tokens-repo.js';
import { browserAvailability, launchBrowser } from './support/browser.js';
import { type UiServer, startUiServer } from './support/ui-server.js';

const SEED = fileURLToPath(new URL('../fixtures/feedback-mixed.csv', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const { available, reason } = browserAvailability();

/** The words each language shows, so one test body runs in both. */
const WORDS = {
  en: {
    verbatim: 'What the customer said',
    queued: /saved in this browser, waiting to be sent/,
    count: (n: number) => `${n} saved in this browser, waiting to be sent`,
    expired: 'Your sign-in has expired or was revoked',
    format: 'Report format',
    atRisk: 'At risk',
    segment: 'Segment',
    bySegment: 'By segment',
    highValue: 'High value',
    unreachableRead: 'these figures cannot be shown',
    lost: 'Nothing you typed is lost',
    loading: 'Loading…',
    previous: 'Previous week',
    undoSave: 'Undo save',
    undone: 'Undone: nothing was sent',
    unreachable: 'The WOCAS server cannot be reached',
    savedHere: 'Saved in this browser (1 personal detail removed): the server cannot be reached',
    saved: 'Saved — 1 personal detail removed',
    sentBack: 'The server answers again: what was saved in this browser has been sent.',
  },
  'zh-CN': {
    verbatim: '客户原话',
    queued: /条已保存在本浏览器，等待发送/,
    count: (n: number) => `${n} 条已保存在本浏览器，等待发送`,
    expired: '您的登录已过期或已被撤销',
    format: '报告格式',
    atRisk: '流失风险客户',
    segment: '客户群',
    bySegment: '按客户群',
    highValue: '高价值客户',
    unreachableRead: '暂时无法显示这些数据',
    lost: '您输入的内容不会丢失',
    loading: '加载中',
    previous: '上一周',
    undoSave: '撤销保存',
    undone: '已撤销：没有发送',
    unreachable: '无法连接 WOCAS 服务器',
    savedHere: '已保存在本浏览器（已隐去 1 处个人信息）：暂时无法连接服务器',
    saved: '已保存，已隐去 1 处个人信息',
    sentBack: '已恢复连接服务器：保存在本浏览器的内容已发送。',
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
  `the agent's panel and the lead's team view${available ? '' : ` — skipped: ${reason}`}`,
  () => {
    let server: UiServer;
    let browser: Browser;

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      server = await startUiServer(SEED);
      // Segments come from what was captured: two coded ones for the label checks.
      await server.aggregator.ingestor.ingest([
        {
          id: 'seg-1',
          text: 'my bill doubled this month',
          channel: 'phone',
          team: 'support',
          agent: 'amy',
          segment: 'at_risk',
          created_at: '2026-11-18T09:00:00.000Z',
          times_heard: 1,
        },
        {
          id: 'seg-2',
          text: 'loyal customer wants a discount',
          channel: 'chat',
          team: 'support',
          agent: 'amy',
          segment: 'high_value',
          created_at: '2026-11-18T10:00:00.000Z',
          times_heard: 1,
        },
      ]);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function open(
      link: string,
      lang: Lang,
      width: number,
    ): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
      const context = await browser.newContext({
        viewport: { width, height: 800 },
        locale: lang,
        timezoneId: 'Asia/Shanghai',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      // The fixture's week is 2026-W47: the browser lives in the week after it.
      await page.clock.setFixedTime(new Date('2026-11-23T12:00:00Z'));
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(link);
      return { context, page, errors };
    }

    const storedTexts = async (marker: string) =>
      (
        await rows(
          server.aggregator.storage,
          sql<{
            id: string;
            text: string;
          }>`SELECT id, text FROM items WHERE text LIKE ${`%${marker}%`} ORDER BY text`,
        )
      ).map((r) => r.text);

    for (const { lang, width } of CASES) {
      it(`${lang} at ${width} px: offline saves queue in the browser redacted, say so, show their count, and go once when back`, async () => {
        const { context, page, errors } = await open(server.links.agent, lang, width);
        const w = WORDS[lang];
        const verbatim = page.getByRole('textbox', { name: w.verbatim, exact: true });
        const status = page.getByRole('status');
        await verbatim.waitFor();
        const marker = `q${lang}${width}`;
        // Offline before the browser has noticed: "Saved" at once, and once the Undo window has
        // closed and the save could not be sent, the status line says where it is.
        await context.setOffline(true);
        await verbatim.fill(`${marker} one: call me on 13800138000 about the bill`);
        await verbatim.press('Enter');
        await status.filter({ hasText: w.saved }).waitFor();
        await page.getByText(w.count(1)).waitFor();
        await status.filter({ hasText: w.savedHere }).waitFor();
        expect(await verbatim.inputValue()).toBe('');
        // Known offline: the save says so at once, without a second "cannot be reached" beside it.
        await verbatim.fill(`${marker} two: card 4111 1111 1111 1111 was charged twice`);
        await verbatim.press('Enter');
        await status.filter({ hasText: w.savedHere }).waitFor();
        expect(await page.getByRole('alert').filter({ hasText: w.unreachable }).count()).toBe(0);
        await page.getByText(w.count(2)).waitFor();
        // Typed but not saved: the draft on disk is redacted too.
        await verbatim.fill(`${marker} draft: my number is 13900139000`);
        const disk = await page.evaluate<string>('JSON.stringify(Object.entries(localStorage))');
        expect(disk).toContain(marker);
        for (const secret of ['13800138000', '4111 1111 1111 1111', '13900139000'])
          expect(disk).not.toContain(secret);
        if (width === 360 && lang === 'en')
          await page.screenshot({ path: `${SHOTS}capture-offline-queue.png` });
        expect(await storedTexts(marker)).toEqual([]);
        await context.setOffline(false);
        await page.getByText(w.queued).waitFor({ state: 'detached' });
        await status.filter({ hasText: w.sentBack }).waitFor();
        const stored = await storedTexts(marker);
        expect(stored).toHaveLength(2);
        expect(stored.join(' ')).not.toMatch(/13800138000|4111 1111/);
        await verbatim.fill('');
        expect(errors).toEqual([]);
        await context.close();
      });
    }

    for (const { lang, width } of [
      { lang: 'en' as const, width: 1400 },
      { lang: 'zh-CN' as const, width: 360 },
    ]) {
      it(`${lang} at ${width} px: "cannot be reached" goes as soon as the server answers again, without typing`, async () => {
        const { context, page, errors } = await open(server.links.agent2, lang, width);
        const w = WORDS[lang];
        const verbatim = page.getByRole('textbox', { name: w.verbatim, exact: true });
        await verbatim.waitFor();
        const error = page.getByRole('alert').filter({ hasText: w.unreachable });
        // The network goes and comes back: the browser's online event.
        await context.setOffline(true);
        await verbatim.fill('my parcel never arrived');
        await error.waitFor();
        await context.setOffline(false);
        await error.waitFor({ state: 'detached' });
        // The server goes and comes back, the network unchanged: no event, the page asks again.
        await page.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
        await verbatim.fill('my parcel never arrived, still nothing');
        await error.waitFor();
        await page.unroute('**/api/v1/**');
        await error.waitFor({ state: 'detached' });
        expect(await verbatim.inputValue()).toBe('my parcel never arrived, still nothing');
        expect(errors).toEqual([]);
        await context.close();
      });
    }

    for (const lang of ['en', 'zh-CN'] as const) {
      it(`${lang}: a save and a "heard again" can be undone for a few seconds, and an undone one is never sent`, async () => {
        const { context, page, errors } = await open(server.links.agent2, lang, 360);
        const w = WORDS[lang];
        const verbatim = page.getByRole('textbox', { name: w.verbatim, exact: true });
        await verbatim.waitFor();
        const undone = `undo-${lang}: this isn't what I ordered, I received someone else's item`;
        await verbatim.fill(undone);
        await verbatim.press('Enter');
        expect(await verbatim.inputValue()).toBe('');
        await page.getByRole('button', { name: w.undoSave }).click();
        await page.getByRole('status').filter({ hasText: w.undone }).waitFor();
        expect(await verbatim.inputValue()).toBe(undone);
        // Alt+1 on a suggestion, then Undo: the text comes back, nothing goes to the server.
        await page.locator('.suggestions li').first().waitFor();
        await verbatim.press('Alt+1');
        expect(await verbatim.inputValue()).toBe('');
        await page.getByRole('button', { name: w.undoSave }).click();
        expect(await verbatim.inputValue()).toBe(undone);
        // A save that is not undone arrives once its window closes; the undone ones never did.
        const kept = `kept-${lang}: parcel lost between depots`;
        await verbatim.fill(kept);
        await verbatim.press('Enter');
        await expect.poll(() => storedTexts(`kept-${lang}`), { timeout: 15_000 }).toEqual([kept]);
        expect(await storedTexts(`undo-${lang}`)).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      });
    }

    for (const { lang, width } of [
      { lang: 'en' as const, width: 360 },
      { lang: 'zh-CN' as const, width: 1400 },
    ]) {
      it(`${lang} at ${width} px: a card, phone or e-mail typed in never reaches the server in a suggestion request`, async () => {
        const { context, page, errors } = await open(server.links.agent, lang, width);
        const bodies: string[] = [];
        page.on('request', (request) => {
          if (request.url().endsWith('/api/v1/call/issues.suggest'))
            bodies.push(request.postData() ?? '');
        });
        const verbatim = page.getByRole('textbox', { name: WORDS[lang].verbatim, exact: true });
        await verbatim.waitFor();
        const words = "this isn't what I ordered, I received someone else's item";
        // A pause in the middle of a number: what is typed so far is no phone yet, and not sent.
        await verbatim.fill(`${words}, call me on 1380013`);
        await expect.poll(() => bodies.length).toBeGreaterThan(0);
        const asked = bodies.length;
        await verbatim.fill(
          `${words}, card 4111 1111 1111 1111, call １３８００１３８０００ or 415-555-2671, ` +
            'mail ｗａｎｇ＠ｑｑ．ｃｏｍ or amy.wong@example.com',
        );
        await expect.poll(() => bodies.length).toBeGreaterThan(asked);
        // The redacted words still find the issue.
        await page.locator('.suggestions li').first().waitFor();
        const sent = bodies.join('\n');
        expect(sent).toContain('someone else');
        for (const secret of [
          '1380013',
          '4111 1111 1111 1111',
          '4111111111111111',
          '１３８００１３８０００',
          '13800138000',
          '415-555-2671',
          '4155552671',
          'ｗａｎｇ＠ｑｑ．ｃｏｍ',
          'wang@qq.com',
          'amy.wong',
          'example.com',
        ])
          expect(sent).not.toContain(secret);
        await verbatim.fill('');
        expect(errors).toEqual([]);
        await context.close();
      });
    }

    it('a revoked token asks the person to sign in again (en and zh-CN)', async () => {
      for (const lang of ['en', 'zh-CN'] as const) {
        const tokens = new TokensRepo(server.aggregator.storage, server.aggregator.clock);
        const name = `revoked-${lang}`;
        const link = `${server.url}/#token=${(await tokens.create({ name, role: 'agent', team: 'support' })).secret}`;
        const { context, page } = await open(link, lang, 360);
        const verbatim = page.getByRole('textbox', { name: WORDS[lang].verbatim, exact: true });
        await verbatim.waitFor();
        await tokens.revoke(name);
        await verbatim.fill('my parcel is late again');
        await verbatim.press('Enter');
        await page.getByRole('alert').filter({ hasText: WORDS[lang].expired }).waitFor();
        expect(await page.getByText(/Something went wrong|unknown or revoked token/).count()).toBe(
          0,
        );
        await context.close();
      }
    });

    for (const { lang, width } of [
      { lang: 'en' as const, width: 400 },
      { lang: 'zh-CN' as const, width: 400 },
      { lang: 'en' as const, width: 1400 },
      { lang: 'zh-CN' as const, width: 1400 },
    ]) {
      it(`${lang} at ${width} px: the team view fits, its format menu is its own size, its top issues open`, async () => {
        const { context, page, errors } = await open(server.links.lead, lang, width);
        const format = page.getByLabel(WORDS[lang].format);
        await format.waitFor();
        await page.getByRole('button', { name: WORDS[lang].previous }).first().click();
        expect((await format.boundingBox())!.width).toBeLessThan(200);
        await page.locator('.team-issues button').first().waitFor();
        expect(
          await page.evaluate<number>('document.documentElement.scrollWidth'),
        ).toBeLessThanOrEqual(width);
        const first = page.locator('.team-issues button').first();
        const title = (await first.textContent()) ?? '';
        await first.click();
        const dialog = page.locator('dialog.issue-detail');
        await dialog.waitFor();
        await expect
          .poll(() => dialog.locator('h2').first().textContent())
          .toContain(title.slice(0, 10));
        if (lang === 'en') await page.keyboard.press('Escape');
        if (lang === 'en' && width === 400) {
          await page.keyboard.press('Escape');
          await page.screenshot({ path: `${SHOTS}team-400.png`, fullPage: true });
        }
        expect(errors).toEqual([]);
        await context.close();
      });
    }

    it("the export counts the week in the lead's own time zone, not UTC", async () => {
      const { context, page } = await open(server.links.lead, 'zh-CN', 1400);
      await page.getByLabel(WORDS['zh-CN'].format).selectOption('md');
      await page.getByRole('button', { name: WORDS['zh-CN'].previous }).first().click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('.export-report button').click(),
      ]);
      const md = readFileSync(await download.path(), 'utf8');
      expect(md).toContain('（Asia/Shanghai）');
      expect(md).toContain('客户之声');
      await context.close();
    });

    for (const lang of ['en', 'zh-CN'] as const) {
      it(`${lang}: segment codes read as words, and Insights offline says what is missing without spinning`, async () => {
        const { context, page } = await open(server.links.analyst, lang, 1400);
        const segment = page
          .locator('.filters label.field', { hasText: WORDS[lang].segment })
          .locator('select');
        await segment.waitFor();
        const options = await segment.locator('option').allTextContents();
        expect(options).toContain(WORDS[lang].atRisk);
        expect(options).not.toContain('at_risk');
        expect(options).not.toContain('high_value');
        // The segment breakdown names its bars the same way.
        const bars = page
          .locator('figure.breakdown', { hasText: WORDS[lang].bySegment })
          .locator('canvas');
        await expect.poll(() => bars.getAttribute('aria-label')).toContain(WORDS[lang].highValue);
        expect(await bars.getAttribute('aria-label')).toContain(WORDS[lang].atRisk);
        expect(await bars.getAttribute('aria-label')).not.toMatch(/high_value|at_risk/);
        await context.setOffline(true);
        await segment.selectOption({ label: WORDS[lang].atRisk });
        await page
          .getByRole('alert')
          .filter({ hasText: WORDS[lang].unreachableRead })
          .first()
          .waitFor();
        expect(await page.getByText(WORDS[lang].lost).count()).toBe(0);
        expect(await page.locator('.issues-panel').getByText(WORDS[lang].loading).count()).toBe(0);
        await context.close();
      });
    }
  },
);
