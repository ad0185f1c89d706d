import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Aggregator, openAggregator } from '../src/server/aggregator.js';
import { reportSummary } from '../src/server/reports/report-summary.js';
import { reportText } from '../src/server/reports/report-text.js';
import { weeklyReportData } from '../src/server/reports/weekly-report-data.js';
import { parseIsoWeek } from '../src/shared/time/iso-week.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

// Week 49 of 2026 starts on Monday 30 November; the report is read on Wednesday 2 December.
const WEDNESDAY_NOON = Date.parse('2026-12-02T12:00:00Z');
const heard = (id: string, at: string) => ({
  id,
  text: 'parcel arrived late again',
  channel: 'phone' as const,
  team: 'support',
  agent: `agent-${id}`,
  created_at: at,
  times_heard: 1,
});

for (const backend of backendCases) {
  describe.skipIf(backend.skip)(`the running week's report (${backend.name})`, () => {
    let store: TestStorage;
    let aggregator: Aggregator;
    beforeEach(async () => {
      store = await backend.fresh();
      aggregator = await openAggregator(store.location);
      await aggregator.ingestor.ingest([
        // Last week: 3 from Monday to Wednesday morning, 5 from Thursday on.
        ...['2026-11-23T09:00:00Z', '2026-11-24T09:00:00Z', '2026-11-25T09:00:00Z'].map((at, i) =>
          heard(`a${i}`, at),
        ),
        ...[0, 1, 2, 3, 4].map((i) => heard(`b${i}`, `2026-11-2${6 + (i % 3)}T15:00:00Z`)),
        // This week so far: 4.
        ...[0, 1, 2, 3].map((i) => heard(`c${i}`, `2026-1${i < 2 ? '1-30' : '2-01'}T10:00:00Z`)),
      ]);
    });
    const supportWeek = (week: string) =>
      weeklyReportData(aggregator.storage, 'support', parseIsoWeek(week), 'UTC', WEDNESDAY_NOON);
    afterEach(async () => {
      await aggregator.close();
      await store.drop();
    });

    it('compares the days so far with the same days last week, for the issue and the headline', async () => {
      const report = await supportWeek('2026-W49');
      const [issue] = report.issues;
      // Against the 3 of last Monday to Wednesday noon, not the 8 of the whole week, nor the 5
      // of the two and a half days just before this Monday.
      expect(issue).toMatchObject({ times_heard: 4, previous_times_heard: 3, trend: 1 });
      expect(report.headline).toMatchObject({
        contacts: 4,
        previousContacts: 3,
        weekToDate: true,
      });
      expect(reportSummary(report, reportText('en', 'UTC'))[0]).toMatch(
        /^4 contacts so far this week, \+1 against the same days last week \(3\)/,
      );
      expect(reportSummary(report, reportText('zh-CN', 'UTC'))[0]).toMatch(
        /^本周至今 4 次联系，较上周同期（3）/,
      );
    });

    it('compares a finished week with the whole week before', async () => {
      const report = await supportWeek('2026-W48');
      expect(report.issues[0]).toMatchObject({ times_heard: 8, previous_times_heard: 0 });
      expect(report.headline).toMatchObject({ contacts: 8, weekToDate: false });
      expect(reportSummary(report, reportText('en', 'UTC'))[0]).toMatch(/^8 contacts this week, /);
    });
  });
}
