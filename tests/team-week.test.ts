import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamSummary } from '../src/shared/api/contract.js';
import type { IncomingItem } from '../src/shared/domain/feedback-item.js';
import { updateIssue } from '../src/server/issues/issue-actions.js';
import { weeklyReportData } from '../src/server/reports/weekly-report-data.js';
import { parseIsoWeek } from '../src/shared/time/iso-week.js';
import { type ApiFixture, NOW, call, startApi } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

/*
 * The Team view (team.summary) and the weekly report show a lead the same week: the same top
 * issues in the same order, even when many issues tie on every number shown.
 */

/** Twelve unrelated problems, each heard once by one agent: a twelve-way tie on the figures. */
const TOPICS = [
  'printer jammed halfway through the invoice',
  'elevator stuck between floors again',
  'voicemail greeting plays in the wrong language',
  'loyalty points vanished overnight',
  'satellite dish misaligned after storm',
  'parking permit renewal form crashes',
  'hearing aid bluetooth pairing fails',
  'gift card balance shows negative',
  'thermostat schedule ignores weekends',
  'subtitles drift out of sync',
  'passport photo upload rejected twice',
  'pharmacy refill reminder never sent',
];

const heard = (i: number): IncomingItem => ({
  id: `tie-${i}`,
  text: TOPICS[i] ?? '',
  channel: 'phone',
  team: 'support',
  agent: 'amy',
  // Heard at different hours, so an order by last heard would differ from one by title.
  created_at: `2026-11-1${6 + (i % 4)}T${String(8 + i).padStart(2, '0')}:00:00Z`,
  times_heard: 1,
});

for (const backend of backendCases) {
  describe.skipIf(backend.skip)(`the Team view and the report agree (${backend.name})`, () => {
    let api: ApiFixture;
    let issueOf: Record<string, string> = {};

    beforeAll(async () => {
      api = await startApi(backend);
      issueOf = (await api.aggregator.ingestor.ingest(TOPICS.map((_, i) => heard(i)))).issues;
      expect(new Set(Object.values(issueOf)).size).toBe(TOPICS.length);
      // Two issues with one title: only their ids can tell them apart.
      for (const id of ['tie-4', 'tie-9'])
        await updateIssue(
          api.aggregator.storage,
          issueOf[id] ?? '',
          { title: 'Device trouble' },
          { now: NOW, actor: 'ana' },
        );
    });
    afterAll(async () => {
      await api?.close();
    });

    const summary = async (args: object): Promise<TeamSummary> => {
      const answer = await call(api.url, 'POST', '/api/v1/call/team.summary', {
        token: api.secrets.lee,
        json: { team: 'support', ...args },
      });
      expect(answer.status).toBe(200);
      return answer.body as unknown as TeamSummary;
    };

    it('breaks ties by title, then id, in both, so the same ten are shown in one order', async () => {
      const screen = await summary({ from: '2026-11-16', to: '2026-11-22' });
      const file = await weeklyReportData(
        api.aggregator.storage,
        'support',
        parseIsoWeek('2026-W47'),
        'UTC',
        NOW,
      );
      const titles = new Intl.Collator('en');
      const expected = file.allIssues
        .map((issue) => ({ id: issue.id, title: issue.title }))
        .sort((a, b) => titles.compare(a.title, b.title) || (a.id < b.id ? -1 : 1))
        .map((issue) => issue.id);
      expect(file.allIssues).toHaveLength(TOPICS.length);
      expect(file.allIssues.map((issue) => issue.id)).toEqual(expected);
      expect(file.issues.map((issue) => issue.id)).toEqual(expected.slice(0, 10));
      expect(screen.issues.map((issue) => issue.id)).toEqual(expected.slice(0, 10));
      const twins = [issueOf['tie-4'], issueOf['tie-9']].sort();
      const at = (id: string | undefined) => expected.indexOf(id ?? '');
      expect(at(twins[1])).toBe(at(twins[0]) + 1);
    });

    it("counts the lead's week in the lead's zone, with the report's own bounds", async () => {
      // Monday 16 November 02:00 in Shanghai is still Sunday 15 November in UTC: in Shanghai's
      // 2026-W47 only. Heard 40 times, it tops that week and is absent from UTC's.
      const early = (
        await api.aggregator.ingestor.ingest([
          {
            ...heard(0),
            id: 'shanghai-monday',
            text: 'roaming bundle activated twice on arrival',
            created_at: '2026-11-15T18:00:00Z',
            times_heard: 40,
          },
        ])
      ).issues['shanghai-monday'];
      const zone = 'Asia/Shanghai';
      const screen = await summary({ week: '2026-W47', tz: zone });
      const file = await weeklyReportData(
        api.aggregator.storage,
        'support',
        parseIsoWeek('2026-W47'),
        zone,
        NOW,
      );
      expect(screen).toMatchObject({
        week: '2026-W47',
        time_zone: zone,
        from: '2026-11-15T16:00:00.000Z',
        to: '2026-11-22T16:00:00.000Z',
      });
      expect(Date.parse(screen.from)).toBe(file.from);
      expect(Date.parse(screen.to)).toBe(file.to);
      expect(screen.issues[0]).toMatchObject({ id: early, times_heard: 40 });
      expect(screen.issues.map((issue) => [issue.id, issue.times_heard])).toEqual(
        file.issues.map((issue) => [issue.id, issue.times_heard]),
      );
      const sum = (issues: readonly { times_heard: number }[]) =>
        issues.reduce((total, issue) => total + issue.times_heard, 0);
      expect(sum(file.allIssues)).toBe(file.headline.contacts);
      // In UTC the same week starts eight hours later and leaves that item out.
      const utc = await summary({ week: '2026-W47' });
      expect(utc.time_zone).toBe('UTC');
      expect(utc.issues.map((issue) => issue.id)).not.toContain(early);
    });

    it('refuses a zone it does not know, a zone without a week, and a week with from/to', async () => {
      const refused = async (args: object) =>
        call(api.url, 'POST', '/api/v1/call/team.summary', {
          token: api.secrets.lee,
          json: { team: 'support', ...args },
        });
      const cases: [object, RegExp][] = [
        [{ week: '2026-W47', tz: 'Mars/Olympus' }, /tz: unknown time zone "Mars\/Olympus"/],
        [{ from: '2026-11-16', tz: 'Asia/Shanghai' }, /tz: only with week/],
        [{ week: '2026-W47', from: '2026-11-16' }, /give week or from\/to, not both/],
        [{ week: '2027-W53' }, /week: 2027 has no week 53/],
        [{ week: '2026-47' }, /week: must be an ISO week like 2026-W47/],
      ];
      for (const [args, message] of cases) {
        const answer = await refused(args);
        expect(answer.status, JSON.stringify(args)).toBe(400);
        expect(answer.body.error).toMatch(message);
      }
    });
  });
}
