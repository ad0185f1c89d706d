import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrendSeries } from '../src/shared/api/contract.js';
import { type ApiFixture, call, startApi } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

/** Every range and list a request can ask for has a bound, refused with a 400 that names it. */
for (const backend of backendCases) {
  describe.skipIf(backend.skip)(`bounded work per request (${backend.name})`, () => {
    let api: ApiFixture;
    beforeAll(async () => {
      api = await startApi(backend);
      await api.aggregator.ingestor.ingest([
        {
          id: 'a',
          text: 'parcel late',
          channel: 'chat',
          team: 'support',
          created_at: '2026-11-18T00:00:00.000Z',
          times_heard: 3,
        },
      ]);
    });
    afterAll(() => api.close());

    const invoke = (method: string, args: object) =>
      call(api.url, 'POST', `/api/v1/call/${method}`, { token: api.secrets.ana, json: args });

    it('refuses a trend of more than 800 buckets before reading anything (it was 193 MB)', async () => {
      const huge = await invoke('stats.trend', {
        from: '0001-01-01',
        to: '9999-12-31',
        bucket: 'day',
        issueIds: Array.from({ length: 20 }, (_, i) => `iss_${i}`),
      });
      expect(huge.status).toBe(400);
      expect(huge.body.error).toMatch(/3,652,059 days; a trend covers at most 800 buckets/);
      const weeks = await invoke('stats.trend', {
        from: '2000-01-03',
        to: '2026-01-01',
        bucket: 'week',
      });
      expect(weeks.status).toBe(400);
      expect(weeks.body.error).toMatch(/1,357 weeks/);
    });

    it('answers exactly 800 day buckets, and refuses 801', async () => {
      // 2024-09-10 + 800 days = 2026-11-19 (exclusive end, a bare date as `to` includes that day).
      const most = await invoke('stats.trend', {
        from: '2024-09-10',
        to: '2026-11-18',
        bucket: 'day',
      });
      expect(most.status).toBe(200);
      const trend = JSON.parse(most.text) as TrendSeries;
      expect(trend.buckets).toHaveLength(800);
      expect(trend.series[0]?.times_heard.reduce((sum, n) => sum + n, 0)).toBe(3);
      const over = await invoke('stats.trend', {
        from: '2024-09-09',
        to: '2026-11-18',
        bucket: 'day',
      });
      expect(over.status).toBe(400);
      expect(over.body.error).toMatch(/801 days/);
    });

    it('refuses windows that end before they start, and dates that do not exist', async () => {
      expect(
        (await invoke('stats.trend', { from: '2026-11-18', to: '2026-11-01', bucket: 'day' }))
          .status,
      ).toBe(400);
      expect((await invoke('issues.rank', { from: '2026-11-18', to: '2026-11-01' })).status).toBe(
        400,
      );
      const impossible = await invoke('issues.rank', { from: '2026-02-30' });
      expect(impossible.status).toBe(400);
      expect(impossible.body.error).toMatch(
        /from: must be an ISO 8601 date or timestamp that exists/,
      );
      const longText = await invoke('issues.rank', { from: `2026-01-01${'0'.repeat(100)}` });
      expect(longText.status).toBe(400);
    });

    it('bounds every list and page size', async () => {
      const get = (path: string) => call(api.url, 'GET', path, { token: api.secrets.ana });
      expect((await get('/api/v1/issues?limit=10000')).status).toBe(200);
      const limit = await get('/api/v1/issues?limit=10001');
      expect(limit.status).toBe(400);
      expect(limit.body.error).toMatch(/limit: at most 10,000/);
      expect((await get('/api/v1/issues?limit=99999999999999999999')).status).toBe(400);
      expect((await get('/api/v1/sync/issues?limit=1001')).status).toBe(400);
      const ids = Array.from({ length: 1_001 }, (_, i) => `id-${i}`);
      expect(
        (
          await call(api.url, 'POST', '/api/v1/items/issues', {
            token: api.secrets.ana,
            json: { ids },
          })
        ).status,
      ).toBe(400);
      expect(
        (await invoke('stats.trend', { bucket: 'day', issueIds: ids.slice(0, 21) })).status,
      ).toBe(400);
      expect((await invoke('issues.rank', { limit: 10_001 })).status).toBe(400);
      expect((await invoke('issues.suggest', { text: 'parcel', limit: 21 })).status).toBe(400);
      expect((await invoke('feedback.mine', { limit: 501 })).status).toBe(400);
      expect((await invoke('feedback.markSeen', { issueIds: ids.slice(0, 501) })).status).toBe(400);
      expect((await invoke('issues.rank', { search: 'x'.repeat(201) })).status).toBe(400);
    });
  });
}
