import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrendSeries } from '../src/shared/api/contract.js';
import type { RankedIssues } from '../src/shared/domain/issue.js';
import { type ApiFixture, call, startApi } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

/**
 * Four London weeks around the end of summer time (2026-10-25): Monday 5 October 00:00 BST to
 * Monday 2 November 00:00 GMT. Each item is placed where a UTC or a fixed-offset bucketing would
 * put it in the wrong week, and each week's contacts are known.
 */
const WINDOW = {
  from: '2026-10-05T00:00:00+01:00',
  to: '2026-11-02T00:00:00Z',
  tz: 'Europe/London',
};
const TEXTS = [
  'parcel arrived late again',
  'refund never reached my card',
  'app logs me out at checkout',
];

/** [instant, times_heard, London week index 0–3]. */
const PLACED: [string, number, number][] = [
  ['2026-10-04T23:30:00Z', 2, 0], // Monday 5 Oct 00:30 BST: first week, though 4 Oct in UTC
  ['2026-10-07T10:00:00Z', 5, 0],
  ['2026-10-11T22:59:00Z', 1, 0], // Sunday 11 Oct 23:59 BST
  ['2026-10-11T23:00:00Z', 3, 1], // Monday 12 Oct 00:00 BST
  ['2026-10-15T12:00:00Z', 4, 1],
  ['2026-10-18T23:30:00Z', 6, 2], // Monday 19 Oct 00:30 BST, still Sunday in UTC
  ['2026-10-25T23:30:00Z', 7, 2], // Sunday 25 Oct 23:30 GMT: after the change, still the third week
  ['2026-10-26T00:00:00Z', 1, 3],
  ['2026-11-01T23:59:00Z', 8, 3],
];
const WEEKLY = [8, 7, 13, 9];

function generated(): Record<string, unknown>[] {
  return PLACED.map(([at, times, week], i) => ({
    id: `t${i}`,
    text: `${TEXTS[i % TEXTS.length] ?? ''} (${week})`,
    channel: i % 2 === 0 ? 'phone' : 'chat',
    team: i % 3 === 0 ? 'support' : 'sales',
    created_at: at,
    times_heard: times,
  }));
}

for (const backend of backendCases) {
  describe.skipIf(backend.skip)(
    `stats.trend in a time zone's weeks and days (${backend.name})`,
    () => {
      let api: ApiFixture;
      beforeEach(async () => {
        api = await startApi(backend);
        // Outside the window on both sides: must count nowhere.
        await api.aggregator.ingestor.ingest([
          ...generated(),
          {
            id: 'before',
            text: TEXTS[0],
            channel: 'phone',
            created_at: '2026-10-04T22:59:00Z',
            times_heard: 50,
          },
          {
            id: 'after',
            text: TEXTS[0],
            channel: 'phone',
            created_at: '2026-11-02T00:00:00Z',
            times_heard: 50,
          },
        ] as never);
      });
      afterEach(async () => {
        await api.close();
      });

      const invoke = async <T>(method: string, args: object): Promise<T> => {
        const answer = await call(api.url, 'POST', `/api/v1/call/${method}`, {
          token: api.secrets.ana,
          json: args,
        });
        expect(answer.status, answer.text).toBe(200);
        return JSON.parse(answer.text) as T;
      };

      it('counts each week of the zone exactly, across the change of offset', async () => {
        const trend = await invoke<TrendSeries>('stats.trend', { ...WINDOW, bucket: 'week' });
        expect(trend.buckets).toEqual(['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26']);
        expect(trend.series).toHaveLength(1);
        expect(trend.series[0]?.times_heard).toEqual(WEEKLY);
      });

      it("adds up to each issue's and the window's contacts for the same filters, by day and by week", async () => {
        for (const filter of [{}, { team: 'support' }, { channel: 'chat' }]) {
          const ranked = await invoke<RankedIssues>('issues.rank', {
            ...WINDOW,
            ...filter,
            tz: undefined,
            status: 'all',
          });
          const total = ranked.issues.reduce((sum, issue) => sum + issue.times_heard, 0);
          expect(total).toBeGreaterThan(0);
          for (const bucket of ['day', 'week']) {
            const all = await invoke<TrendSeries>('stats.trend', { ...WINDOW, ...filter, bucket });
            expect(all.series[0]?.times_heard.reduce((a, b) => a + b, 0)).toBe(total);
            const byIssue = await invoke<TrendSeries>('stats.trend', {
              ...WINDOW,
              ...filter,
              bucket,
              issueIds: ranked.issues.map((i) => i.id),
            });
            for (const issue of ranked.issues) {
              const series = byIssue.series.find((s) => s.issueId === issue.id);
              expect(series?.times_heard.reduce((a, b) => a + b, 0)).toBe(issue.times_heard);
            }
          }
        }
      });

      it('has 28 London days, the Monday after the change holding its items', async () => {
        const trend = await invoke<TrendSeries>('stats.trend', { ...WINDOW, bucket: 'day' });
        expect(trend.buckets).toHaveLength(28);
        const days = trend.series[0]?.times_heard ?? [];
        expect(days[0]).toBe(2); // Monday 5 Oct
        expect(days[14]).toBe(6); // Monday 19 Oct
        expect(days[20]).toBe(7); // Sunday 25 Oct, 23:30 GMT
        expect(days[21]).toBe(1); // Monday 26 Oct
      });

      it('refuses more than 800 buckets and an unknown zone', async () => {
        const long = await call(api.url, 'POST', '/api/v1/call/stats.trend', {
          token: api.secrets.ana,
          json: { from: '2020-01-01', to: '2026-01-01', bucket: 'day' },
        });
        expect(long.status).toBe(400);
        const zone = await call(api.url, 'POST', '/api/v1/call/stats.trend', {
          token: api.secrets.ana,
          json: { ...WINDOW, bucket: 'week', tz: 'Mars/Olympus' },
        });
        expect(zone.status).toBe(400);
      });
    },
  );
}
