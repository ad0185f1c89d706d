import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RankedIssue, RankedIssues } from '../src/shared/domain/issue.js';
import { rows } from '../src/server/storage/sql.js';
import { runWocas } from './support/built-cli.js';
import { type ApiFixture, call, startApi } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

const DAY = 86_400_000;
/** The window judged: the week of 9 November 2026. */
const FROM = '2026-11-09';
const TO = '2026-11-15';
const START = Date.parse(`${FROM}T00:00:00Z`);

/**
 * Three issues. "late" is heard 10 times a week by email (cheap), "crash" 4 times a week by phone
 * (dear): contacts rank late first, cost ranks crash first. "refund" was heard once ten weeks ago
 * and 4 times in the window: the planted spike; the other two are steady.
 */
function feedback() {
  const items = [];
  for (let week = 0; week <= 8; week++) {
    const at = new Date(START - week * 7 * DAY + DAY).toISOString();
    items.push({
      id: `late-${week}`,
      text: 'my parcel is late again',
      channel: 'email' as const,
      created_at: at,
      times_heard: 10,
      agent: 'amy',
    });
    items.push({
      id: `crash-${week}`,
      text: 'the app crashes at login',
      channel: 'phone' as const,
      created_at: at,
      times_heard: 4,
      agent: 'bo',
    });
  }
  items.push({
    id: 'refund-old',
    text: 'refund never arrived on my card',
    channel: 'chat' as const,
    created_at: new Date(START - 70 * DAY).toISOString(),
    times_heard: 1,
  });
  for (const i of [1, 2]) {
    items.push({
      id: `refund-${i}`,
      text: 'refund never arrived on my card',
      channel: 'chat' as const,
      created_at: new Date(START + i * DAY).toISOString(),
      times_heard: 2,
    });
  }
  return items;
}

for (const backend of backendCases) {
  describe.skipIf(backend.skip)(`prioritisation (${backend.name})`, () => {
    let api: ApiFixture;
    let dir: string;
    const wocas = (...args: string[]) => runWocas([...args, ...api.store.cliFlags], dir);
    const ranking = (...args: string[]): RankedIssues => {
      const run = wocas('issues', '--from', FROM, '--to', TO, '--json', ...args);
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as RankedIssues;
    };
    /** Which planted problem an issue is, by its title (a label such as "Parcel is late"). */
    const topicOf = (title: string) =>
      ['crash', 'late', 'refund'].find((topic) => title.toLowerCase().includes(topic)) ?? title;
    const byText = (issues: readonly RankedIssue[], title: RegExp) =>
      // Titles are labels ("Refund never arrived"): matched whatever their case.
      issues.find((issue) => new RegExp(title.source, 'i').test(issue.title)) as RankedIssue;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'wocas-priority-'));
      api = await startApi(backend);
      await api.aggregator.ingestor.ingest(feedback());
      expect(
        wocas(
          'cost',
          'set',
          '--channel',
          'phone',
          '--minutes',
          '8',
          '--per-minute',
          '1.5',
          '--currency',
          'EUR',
        ).status,
      ).toBe(0);
      expect(
        wocas('cost', 'set', '--channel', 'email', '--minutes', '3', '--per-minute', '0.5').status,
      ).toBe(0);
    }, 60_000);
    afterEach(async () => {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('wocas cost show prints the settings in the contract shape', () => {
      const run = wocas('cost', 'show', '--json');
      expect(JSON.parse(run.stdout)).toEqual({
        currency: 'EUR',
        channels: {
          email: { minutes: 3, per_minute: 0.5 },
          phone: { minutes: 8, per_minute: 1.5 },
        },
      });
      const bad = wocas(
        'cost',
        'set',
        '--channel',
        'phone',
        '--minutes',
        'lots',
        '--per-minute',
        '1',
      );
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/^wocas: --minutes must be a number/);
    }, 120_000);

    it('ranks by contacts or by cost, which differ here, with each issue costed in the currency', () => {
      const byContacts = ranking('--rank-by', 'contacts');
      const byCost = ranking('--rank-by', 'cost');
      expect(byCost.currency).toBe('EUR');
      expect(byContacts.issues[0]?.title).toMatch(/late/i);
      expect(byCost.issues[0]?.title).toMatch(/crash/i);
      // 10 email contacts × 3 min × 0.5; 4 phone contacts × 8 min × 1.5; chat has no cost set.
      expect(byText(byCost.issues, /late/).cost).toBe(15);
      expect(byText(byCost.issues, /crash/).cost).toBe(48);
      expect(byText(byCost.issues, /refund/).cost).toBe(0);
      // All time the kept totals carry no cost, so the items are read for it: the same by any order.
      const allTime = (...args: string[]) =>
        JSON.parse(wocas('issues', '--json', ...args).stdout) as RankedIssues;
      const costs = (doc: RankedIssues) =>
        doc.issues.map((issue) => [topicOf(issue.title), issue.cost]);
      // 9 weeks: crash 9 × 4 × 8 × 1.5, late 9 × 10 × 3 × 0.5.
      expect(costs(allTime('--rank-by', 'cost'))).toEqual([
        ['crash', 432],
        ['late', 135],
        ['refund', 0],
      ]);
      expect(costs(allTime('--rank-by', 'contacts', '--limit', '1'))).toEqual([['late', 135]]);
    }, 120_000);

    it('a limited ranking reads costs and emerging windows for the shown issues alone, with the same numbers', async () => {
      // The spike grows to 24 contacts: first by contacts, and still emerging.
      await api.aggregator.ingestor.ingest([
        {
          id: 'refund-3',
          text: 'refund never arrived on my card',
          channel: 'chat',
          created_at: new Date(START + 3 * DAY).toISOString(),
          times_heard: 20,
        },
      ]);
      for (const rankBy of ['score', 'contacts', 'cost']) {
        const all = ranking('--rank-by', rankBy).issues;
        expect(all).toHaveLength(3);
        for (const limit of [1, 2]) {
          expect(ranking('--rank-by', rankBy, '--limit', String(limit)).issues).toEqual(
            all.slice(0, limit),
          );
        }
      }
      const [top] = ranking('--rank-by', 'contacts', '--limit', '1').issues;
      expect(top).toMatchObject({ times_heard: 24, emerging: true, cost: 0 });
      // By score the spike leads too; the second shown, late, keeps its cost (10 × 3 min × 0.5).
      expect(
        ranking('--rank-by', 'score', '--limit', '2').issues.map((issue) => [
          topicOf(issue.title),
          issue.cost,
          issue.emerging,
        ]),
      ).toEqual([
        ['refund', 0, true],
        ['late', 15, false],
      ]);
    }, 120_000);

    it('flags the planted spike as emerging, not the steady issues, and says why', () => {
      const { issues } = ranking();
      const refund = byText(issues, /refund/);
      expect(refund.times_heard).toBe(4);
      expect(refund.emerging).toBe(true);
      // None in the 8 weeks before: a usual 0.0, as the trend shows it and the UI says it (the
      // test's expected, 0.5 / 8 with its half-contact prior, is not something anyone heard).
      expect(refund.emerging_reason).toMatch(
        /^4 contacts in this window against a usual 0\.0 per window over the previous 8: /,
      );
      expect(refund.emerging_detail).toMatchObject({ usual: 0, expected: 0.06, windows: 8 });
      for (const steady of [byText(issues, /late/), byText(issues, /crash/)]) {
        expect(steady.emerging).toBe(false);
        expect(steady.emerging_reason).toBeNull();
      }
    }, 120_000);

    it('issue update marks preventable and a value dimension, filters on them, and keeps the history', async () => {
      const crash = byText(ranking().issues, /crash/);
      expect(crash.preventable).toBeNull();
      const run = wocas(
        'issue',
        'update',
        crash.id,
        '--preventable',
        'yes',
        '--value-dimension',
        'reliability',
      );
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toMatchObject({
        id: crash.id,
        preventable: true,
        value_dimension: 'reliability',
      });
      const preventable = ranking('--preventable', 'yes').issues;
      expect(preventable.map((issue) => issue.id)).toEqual([crash.id]);
      expect(preventable[0]).toMatchObject({ preventable: true, value_dimension: 'reliability' });
      expect(ranking('--preventable', 'no').issues).toEqual([]);
      expect(
        wocas('issue', 'update', crash.id, '--preventable', 'unset', '--value-dimension', 'unset')
          .status,
      ).toBe(0);
      expect(byText(ranking().issues, /crash/)).toMatchObject({
        preventable: null,
        value_dimension: null,
      });
      const history = await rows(
        api.aggregator.storage,
        sql<{
          field: string;
          old_value: string | null;
          new_value: string | null;
        }>`SELECT field, old_value, new_value FROM issue_history WHERE issue_id = ${crash.id} ORDER BY seq`,
      );
      expect(history).toEqual([
        { field: 'preventable', old_value: null, new_value: 'true' },
        { field: 'value_dimension', old_value: null, new_value: 'reliability' },
        { field: 'preventable', old_value: 'true', new_value: null },
        { field: 'value_dimension', old_value: 'reliability', new_value: null },
      ]);
      const bad = wocas('issue', 'update', crash.id, '--value-dimension', 'speed');
      expect(bad.status).toBe(2);
    }, 120_000);

    it('the weekly report totals preventable contacts and says which issues are emerging, in English and Chinese', () => {
      const report = (lang: string) => {
        const out = join(dir, `week-${lang}.md`);
        const run = wocas(
          'report',
          '--team',
          'all',
          '--week',
          '2026-W46',
          '--format',
          'md',
          '--out',
          out,
          '--lang',
          lang,
        );
        expect(run.stderr).toBe('');
        return readFileSync(out, 'utf8');
      };
      expect(report('en')).not.toMatch(/preventable/);
      const crash = byText(ranking().issues, /crash/);
      expect(
        wocas(
          'issue',
          'update',
          crash.id,
          '--preventable',
          'yes',
          '--value-dimension',
          'reliability',
        ).status,
      ).toBe(0);
      const english = report('en');
      expect(english).toContain('Contacts by what customers value: reliability 4.');
      // 4 of the week's 18 contacts (10 late, 4 crash, 4 refund).
      expect(english).toContain("22% of this week's contacts were preventable (4 of 18).");
      expect(english).toMatch(
        /- Emerging: .*[Rr]efund.* \(4 contacts against a usual 0\.0 a week over the previous 8 weeks\)/,
      );
      const chinese = report('zh-CN');
      expect(chinese).toContain('本周 22% 的联系本可避免（18 次中的 4 次）。');
      expect(chinese).toContain('按客户重视的方面统计联系次数：可靠性 4。');
      expect(chinese).toMatch(
        /- 新兴问题：.*[Rr]efund.*（本周 4 次联系，此前 8 周平均每周 0\.0 次）/,
      );
    }, 120_000);

    it('issues.rank and GET /api/v1/issues take rankBy and preventable, with the same fields', async () => {
      const crash = byText(ranking().issues, /crash/);
      expect(wocas('issue', 'update', crash.id, '--preventable', 'no').status).toBe(0);
      const rpc = await call(api.url, 'POST', '/api/v1/call/issues.rank', {
        token: api.secrets.ana,
        json: { from: FROM, to: TO, rankBy: 'cost' },
      });
      expect(rpc.status).toBe(200);
      const ranked = JSON.parse(rpc.text) as RankedIssues;
      expect(ranked.currency).toBe('EUR');
      expect(ranked.issues.map((issue) => issue.cost)).toEqual([48, 15, 0]);
      expect(ranked.issues[2]?.emerging).toBe(true);
      const needed = await call(api.url, 'POST', '/api/v1/call/issues.rank', {
        token: api.secrets.ana,
        json: { from: FROM, to: TO, preventable: false },
      });
      expect((JSON.parse(needed.text) as RankedIssues).issues.map((issue) => issue.id)).toEqual([
        crash.id,
      ]);
      const get = await call(
        api.url,
        'GET',
        `/api/v1/issues?from=${FROM}&to=${TO}&rank_by=cost&preventable=no`,
        { token: api.secrets.ana },
      );
      expect(get.status).toBe(200);
      expect((JSON.parse(get.text) as RankedIssues).issues).toMatchObject([
        { id: crash.id, preventable: false, cost: 48 },
      ]);
      const bad = await call(api.url, 'POST', '/api/v1/call/issues.rank', {
        token: api.secrets.ana,
        json: { rankBy: 'loudness' },
      });
      expect(bad.status).toBe(400);
    }, 120_000);
  });
}
