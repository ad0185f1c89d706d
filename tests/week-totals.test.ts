import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamSummary } from '../src/shared/api/contract.js';
import type { IncomingItem } from '../src/shared/domain/feedback-item.js';
import { updateIssue } from '../src/server/issues/issue-actions.js';
import { renderReport } from '../src/server/reports/render-report.js';
import { reportText } from '../src/server/reports/report-text.js';
import { weeklyReportData } from '../src/server/reports/weekly-report-data.js';
import { parseIsoWeek } from '../src/shared/time/iso-week.js';
import { type ApiFixture, NOW, call, startApi } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

/*
 * A lead's week (2026-W47, read on its Friday) in which one issue was marked fixed on Wednesday
 * and heard again on Thursday, and another was fixed on Tuesday and not heard since. Every view
 * of the week (the Team view's data, the report's headline, each export) must count every
 * contact once, list both fixed issues by title and say which fix did not stop the contacts.
 */

const REFUND = 'my refund never arrived on the card';
const PARCEL = 'the parcel tracking page shows nothing';
const ROUTER = 'router lights blink red all night';

const heard = (
  id: string,
  text: string,
  at: string,
  agent: string,
  times_heard = 1,
  extra: Partial<IncomingItem> = {},
): IncomingItem => ({
  id,
  text,
  channel: 'phone',
  team: 'support',
  agent,
  created_at: at,
  times_heard,
  ...extra,
});

/** Contacts 6 (refund) + 3 (parcel) + 1 (router); 7 items, every one with its agent. */
const CONTACTS = 10;
const ITEMS = 7;

for (const backend of backendCases) {
  describe.skipIf(backend.skip)(`the week's totals add up (${backend.name})`, () => {
    let api: ApiFixture;
    const ids = { refund: '', router: '' };

    beforeAll(async () => {
      api = await startApi(backend);
      const first = await api.aggregator.ingestor.ingest([
        heard('r0', REFUND, '2026-11-16T09:00:00Z', 'amy'),
        heard('r1', REFUND, '2026-11-17T09:00:00Z', 'kim'),
        heard('r2', REFUND, '2026-11-18T09:00:00Z', 'amy'),
        heard('p0', PARCEL, '2026-11-17T10:00:00Z', 'kim', 2),
        heard('p1', PARCEL, '2026-11-18T10:00:00Z', 'amy'),
        heard('w0', ROUTER, '2026-11-16T11:00:00Z', 'kim'),
        // Another team's contacts are never in support's figures.
        heard('b0', REFUND, '2026-11-18T09:30:00Z', 'bo', 5, { team: 'billing' }),
      ]);
      const issueOf = (id: string) => first.issues[id] ?? '';
      ids.refund = issueOf('r0');
      ids.router = issueOf('w0');
      expect(new Set([ids.refund, issueOf('p0'), ids.router]).size).toBe(3);
      await updateIssue(
        api.aggregator.storage,
        ids.router,
        { status: 'fixed' },
        { now: Date.parse('2026-11-17T12:00:00Z'), actor: 'ana' },
      );
      await updateIssue(
        api.aggregator.storage,
        ids.refund,
        { status: 'fixed' },
        { now: Date.parse('2026-11-18T12:00:00Z'), actor: 'ana' },
      );
      // The day after the fix, an agent hears it again, three times.
      await api.aggregator.ingestor.ingest([
        heard('r3', REFUND, '2026-11-19T09:00:00Z', 'kim', 3, { issue_id: ids.refund }),
      ]);
    });
    afterAll(async () => {
      await api?.close();
    });

    const download = async (format: string, lang = 'en') => {
      const query = new URLSearchParams({ team: 'support', week: '2026-W47', format, lang });
      const response = await fetch(`${api.url}/api/v1/reports/weekly?${query.toString()}`, {
        headers: { authorization: `Bearer ${api.secrets.lee}` },
      });
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };

    it("the Team view's data lists both fixed issues, the one heard after its fix marked so", async () => {
      const answer = await call(api.url, 'POST', '/api/v1/call/team.summary', {
        token: api.secrets.lee,
        json: { team: 'support', from: '2026-11-16', to: '2026-11-22' },
      });
      expect(answer.status).toBe(200);
      const summary = answer.body as unknown as TeamSummary;
      const byId = new Map(summary.issues.map((issue) => [issue.id, issue]));
      expect(byId.get(ids.refund)).toMatchObject({
        status: 'fixed',
        heard_since_fixed: true,
        times_heard: 6,
        mentions: 4,
      });
      expect(byId.get(ids.router)).toMatchObject({ status: 'fixed', heard_since_fixed: false });
      expect(summary.issues.reduce((sum, issue) => sum + issue.times_heard, 0)).toBe(CONTACTS);
      expect(summary.contributors.reduce((sum, c) => sum + Number(c.times_heard), 0)).toBe(
        CONTACTS,
      );
    });

    it('the headline is the sum over the issues, the items and the contributors', async () => {
      const report = await weeklyReportData(
        api.aggregator.storage,
        'support',
        parseIsoWeek('2026-W47'),
        'UTC',
        NOW,
      );
      expect(report.headline.contacts).toBe(CONTACTS);
      expect(report.headline.items).toBe(ITEMS);
      expect(report.allIssues.reduce((sum, issue) => sum + issue.times_heard, 0)).toBe(CONTACTS);
      expect(report.allIssues.reduce((sum, issue) => sum + issue.mentions, 0)).toBe(ITEMS);
      expect(report.items.length).toBe(ITEMS);
      expect(report.contributors.reduce((sum, c) => sum + Number(c.times_heard), 0)).toBe(CONTACTS);
      expect(report.issues.map((issue) => issue.times_heard)).toEqual([6, 3, 1]);
    });

    it('csv: every issue of the week, its contacts adding up to the headline, fixed ones with their state', async () => {
      const [header, ...body]: string[][] = parse((await download('csv')).toString('utf8'), {
        bom: true,
      });
      const column = (name: string) => header!.indexOf(name);
      expect(body.reduce((sum, row) => sum + Number(row[column('Contacts')]), 0)).toBe(CONTACTS);
      const statusOf = (id: string) => body.find((row) => row[column('Issue id')] === id);
      expect(statusOf(ids.refund)?.[column('Status')]).toBe('Fixed — still heard');
      expect(statusOf(ids.router)?.[column('Status')]).toBe('Fixed');
    });

    it('xlsx: the sheets add up, and every verbatim names its issue by title', async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await download('xlsx')) as unknown as ExcelJS.Buffer);
      const table = (name: string) => {
        const sheet = workbook.getWorksheet(name)!;
        const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
        const body: unknown[][] = [];
        sheet.eachRow((row, n) => {
          if (n > 1) body.push((row.values as unknown[]).slice(1));
        });
        return { body, at: (name: string) => header.indexOf(name) };
      };
      const issues = table('Issues');
      expect(issues.body.reduce((sum, row) => sum + Number(row[issues.at('Contacts')]), 0)).toBe(
        CONTACTS,
      );
      const titles = issues.body.map((row) => String(row[issues.at('Issue')]));
      const issueIds = issues.body.map((row) => String(row[issues.at('Issue id')]));
      expect(issueIds).toContain(ids.refund);
      const verbatims = table('Verbatims');
      expect(verbatims.body).toHaveLength(ITEMS);
      for (const row of verbatims.body) {
        const issue = String(row[verbatims.at('Issue')]);
        expect(titles).toContain(issue);
        expect(issueIds).not.toContain(issue);
      }
      const contributors = table('Contributors');
      expect(
        contributors.body.reduce((sum, row) => sum + Number(row[contributors.at('Contacts')]), 0),
      ).toBe(CONTACTS);
    });

    it('md and html: the headline, the rows below it and the summary agree, in both languages', async () => {
      const md = (await download('md')).toString('utf8');
      expect(md).toContain(`| ${ITEMS} | ${CONTACTS} | 2 |`);
      const top = md.slice(md.indexOf('## Top issues'), md.indexOf('## New and rising'));
      const rows = top.split('\n').filter((line) => /^\| \d+ \| /.test(line));
      expect(rows).toHaveLength(3);
      expect(rows.reduce((sum, line) => sum + Number(line.split('|')[3]), 0)).toBe(CONTACTS);
      expect(
        rows
          .find((line) => line.includes('Fixed — still heard'))
          ?.split('|')[3]
          ?.trim(),
      ).toBe('6');
      expect(md).toMatch(/still heard after being marked fixed/);
      const html = (await download('html')).toString('utf8');
      expect(html).toContain(`Contacts represented<b>${CONTACTS}</b>`);
      expect(html).toContain('<td>Fixed — still heard</td>');
      const zh = (await download('md', 'zh-CN')).toString('utf8');
      expect(zh).toContain('已修复 — 仍有反馈');
      expect(zh).toContain('标记为修复后仍有反馈');
    });

    it('a week of one contact says "1 contact" in every sentence, and Chinese as before', async () => {
      // The week before: one Chinese verbatim, heard once, so the English report glosses it.
      await api.aggregator.ingestor.ingest([
        heard('one', '快递三天了还没到，物流也不更新', '2026-11-10T09:00:00Z', 'amy'),
      ]);
      const data = await weeklyReportData(
        api.aggregator.storage,
        'support',
        parseIsoWeek('2026-W46'),
        'UTC',
        NOW,
      );
      expect(data.headline.contacts).toBe(1);
      const file = async (format: 'md' | 'html', lang: 'en' | 'zh-CN') =>
        (await renderReport(data, reportText(lang, 'UTC'), format)).toString('utf8');
      for (const format of ['md', 'html'] as const) {
        const en = await file(format, 'en');
        expect(en).toContain('1 contact this week, +1 against last week (0)');
        expect(en).toContain('in Chinese; 1 contact, Phone');
        expect(en).toContain('(1 contact, the most of any open issue)');
        expect(en).toContain('1 of 1 issue drives 80% of contacts.');
        expect(en).not.toMatch(/\b1 (contacts|issues|items|weeks)\b/);
        const zh = await file(format, 'zh-CN');
        expect(zh).toContain('本周 1 次联系，较上周（0）+1');
        expect(zh).toContain('1 个问题中有 1 个带来了 80% 的联系');
      }
      const html = await file('html', 'en');
      expect(html).toContain('The one issue is shown; the dark bar is the issue that alone makes');
      expect(html).toContain('The line is the issue with the most contacts this week');
    });
  });
}
