import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, IncomingItem } from '../src/shared/domain/feedback-item.js';
import type { RankedIssue } from '../src/shared/domain/issue.js';
import { type Aggregator, openAggregator } from '../src/server/aggregator.js';
import { type RankingQuery, rankIssues } from '../src/server/issues/rank-issues.js';
import { rows } from '../src/server/storage/sql.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

const t = (iso: string) => Date.parse(iso);
const NOW = t('2026-11-17T00:00:00Z');
/** The window under test: one week, from inclusive, to exclusive. The previous week is 11-03 to 11-10. */
const FROM = t('2026-11-10T00:00:00Z');
const TO = t('2026-11-17T00:00:00Z');

interface Spec {
  id: string;
  at: string;
  heard?: number;
  agent?: string;
  team?: string;
  channel?: Channel;
}

const TOPICS = {
  parcel: 'my parcel arrived three days late',
  login: 'cannot log in to the mobile banking app',
  refund: '退款两周了还没到账',
} as const;
type Topic = keyof typeof TOPICS;

/** Known data: per topic, the items and where they fall. */
const DATA: Record<Topic, Spec[]> = {
  parcel: [
    {
      id: 'a1',
      at: '2026-11-10T00:00:00.000Z',
      heard: 2,
      agent: 'amy',
      team: 'support',
      channel: 'phone',
    }, // == from: in
    {
      id: 'a2',
      at: '2026-11-12T08:00:00Z',
      heard: 3,
      agent: 'bo',
      team: 'support',
      channel: 'chat',
    },
    {
      id: 'a3',
      at: '2026-11-16T23:59:59.999Z',
      heard: 1,
      agent: 'amy',
      team: 'sales',
      channel: 'phone',
    },
    {
      id: 'a4',
      at: '2026-11-17T00:00:00.000Z',
      heard: 50,
      agent: 'finn',
      team: 'support',
      channel: 'phone',
    }, // == to: out
    {
      id: 'a5',
      at: '2026-11-05T12:00:00Z',
      heard: 4,
      agent: 'bo',
      team: 'support',
      channel: 'phone',
    }, // previous week
  ],
  login: [
    { id: 'b1', at: '2026-11-11T09:00:00Z', heard: 10, team: 'support', channel: 'email' }, // no agent
    { id: 'b2', at: '2026-11-13T09:00:00Z', heard: 1, team: 'support', channel: 'email' },
    { id: 'b3', at: '2026-11-08T09:00:00Z', heard: 1, team: 'support', channel: 'email' }, // previous week
    { id: 'b4', at: '2026-11-03T00:00:00Z', heard: 2, team: 'support', channel: 'email' }, // previous week, first instant
    { id: 'b5', at: '2026-11-02T23:59:59Z', heard: 100, team: 'support', channel: 'email' }, // before both windows
  ],
  refund: ['amy', 'bo', 'finn', 'gia'].map((agent, k) => ({
    id: `c${k + 1}`,
    at: `2026-11-1${k + 3}T10:00:00Z`,
    agent,
    team: 'sales',
    channel: 'sms' as const,
  })),
};

function incoming(spec: Spec, topic: Topic, issueId?: string): IncomingItem {
  return {
    id: spec.id,
    text: `${TOPICS[topic]} (${spec.id})`,
    channel: spec.channel ?? 'phone',
    times_heard: spec.heard ?? 1,
    created_at: new Date(t(spec.at)).toISOString(),
    ...(spec.agent === undefined ? {} : { agent: spec.agent }),
    ...(spec.team === undefined ? {} : { team: spec.team }),
    ...(issueId === undefined ? {} : { issue_id: issueId }),
  };
}

describe.each(backendCases)('on $name', (backendCase) => {
  describe.skipIf(backendCase.skip)('ranking', () => {
    let store: TestStorage;
    let aggregator: Aggregator;
    const issueOf = new Map<Topic, string>();

    beforeEach(async () => {
      store = await backendCase.fresh();
      aggregator = await openAggregator(store.location, () => NOW);
      const topics = Object.keys(DATA) as Topic[];
      // The first item of each topic opens its issue; the rest are "heard again" into it.
      await aggregator.ingestor.ingest(topics.map((topic) => incoming(DATA[topic][0]!, topic)));
      const seeded = await rows(
        aggregator.storage,
        sql<{ id: string; issue_id: string }>`SELECT id, issue_id FROM items`,
      );
      const bySeed = new Map(seeded.map((row) => [row.id, row.issue_id]));
      for (const topic of topics) issueOf.set(topic, bySeed.get(DATA[topic][0]!.id)!);
      expect(new Set(issueOf.values()).size).toBe(3);
      await aggregator.ingestor.ingest(
        topics.flatMap((topic) =>
          DATA[topic].slice(1).map((spec) => incoming(spec, topic, issueOf.get(topic))),
        ),
      );
    });

    afterEach(async () => {
      await aggregator.close();
      await store.drop();
    });

    const rank = (query: RankingQuery, now = NOW) => rankIssues(aggregator.storage, query, now);
    function find(issues: readonly RankedIssue[], topic: Topic): RankedIssue | undefined {
      return issues.find((issue) => issue.id === issueOf.get(topic));
    }

    describe('rankIssues over a window', () => {
      it('counts mentions, times_heard, distinct agents and first/last seen within [from, to)', async () => {
        const { issues, generated_at } = await rank({ from: FROM, to: TO });
        expect(generated_at).toBe('2026-11-17T00:00:00.000Z');
        expect(find(issues, 'parcel')).toMatchObject({
          mentions: 3,
          times_heard: 6,
          agents: 2,
          first_seen: '2026-11-10T00:00:00.000Z',
          last_seen: '2026-11-16T23:59:59.999Z',
          status: 'new',
          owner: null,
        });
        expect(find(issues, 'login')).toMatchObject({ mentions: 2, times_heard: 11, agents: 0 });
        expect(find(issues, 'refund')).toMatchObject({ mentions: 4, times_heard: 4, agents: 4 });
        expect(find(issues, 'parcel')!.title).toMatch(/parcel arrived/i);
      });

      it('trends against the previous window of equal length', async () => {
        const { issues } = await rank({ from: FROM, to: TO });
        expect(find(issues, 'parcel')).toMatchObject({ trend: 6 - 4, previous_times_heard: 4 });
        expect(find(issues, 'login')).toMatchObject({ trend: 11 - 3, previous_times_heard: 3 });
        expect(find(issues, 'refund')).toMatchObject({ trend: 4, previous_times_heard: 0 });
        // A two-day window compares with the two days before it: 11-12..11-14 against 11-10..11-12.
        const short = await rank({
          from: t('2026-11-12T00:00:00Z'),
          to: t('2026-11-14T00:00:00Z'),
        });
        expect(find(short.issues, 'parcel')).toMatchObject({
          times_heard: 3,
          previous_times_heard: 2,
          trend: 1,
        });
      });

      it('without an end, the window runs to now and the previous one is as long', async () => {
        const { issues } = await rank({ from: FROM }, NOW);
        // a4 sits at exactly NOW: in an open-ended window it counts.
        expect(find(issues, 'parcel')).toMatchObject({
          mentions: 4,
          times_heard: 56,
          previous_times_heard: 4,
        });
      });

      it('without a start, the window is all time and the trend is 0', async () => {
        const { issues } = await rank({});
        expect(find(issues, 'parcel')).toMatchObject({ mentions: 5, times_heard: 60, agents: 3 });
        expect(find(issues, 'login')).toMatchObject({ mentions: 5, times_heard: 114 });
        for (const issue of issues) expect(issue.trend).toBe(0);
      });

      it('orders by score: contacts scaled by breadth', async () => {
        const { issues } = await rank({ from: FROM, to: TO });
        expect(issues.map((issue) => issue.id)).toEqual([
          issueOf.get('login'),
          issueOf.get('parcel'),
          issueOf.get('refund'),
        ]);
        expect(issues.map((issue) => issue.score)).toEqual([11, 7.81, 6.41]);
      });

      it('filters by team and by channel', async () => {
        const support = (await rank({ from: FROM, to: TO, team: 'support' })).issues;
        expect(support.map((issue) => issue.id).sort()).toEqual(
          [issueOf.get('login'), issueOf.get('parcel')].sort(),
        );
        expect(find(support, 'parcel')).toMatchObject({
          mentions: 2,
          times_heard: 5,
          agents: 2,
          previous_times_heard: 4,
        });
        const phone = (await rank({ from: FROM, to: TO, channel: 'phone' })).issues;
        expect(phone.map((issue) => issue.id)).toEqual([issueOf.get('parcel')]);
        expect(phone[0]).toMatchObject({
          mentions: 2,
          times_heard: 3,
          agents: 1,
          last_seen: '2026-11-16T23:59:59.999Z',
        });
        expect((await rank({ from: FROM, to: TO, team: 'nobody' })).issues).toEqual([]);
      });

      it('limits the list to the top issues', async () => {
        const top = (await rank({ from: FROM, to: TO, limit: 2 })).issues;
        expect(top.map((issue) => issue.id)).toEqual([issueOf.get('login'), issueOf.get('parcel')]);
        expect((await rank({ from: FROM, to: TO, limit: 1 })).issues).toHaveLength(1);
      });

      it('lists item ids, oldest first, only with withItems and only within the window and filters', async () => {
        expect(
          (await rank({ from: FROM, to: TO })).issues.every(
            (issue) => issue.item_ids === undefined,
          ),
        ).toBe(true);
        const { issues } = await rank({ from: FROM, to: TO, withItems: true });
        expect(find(issues, 'parcel')!.item_ids).toEqual(['a1', 'a2', 'a3']);
        expect(find(issues, 'refund')!.item_ids).toEqual(['c1', 'c2', 'c3', 'c4']);
        const filtered = (await rank({ from: FROM, to: TO, team: 'support', withItems: true }))
          .issues;
        expect(find(filtered, 'parcel')!.item_ids).toEqual(['a1', 'a2']);
      });

      it("shows an issue's status and owner as an analyst set them", async () => {
        await sql`UPDATE issues SET status = 'investigating', owner = 'dana' WHERE id = ${issueOf.get('refund')}`.execute(
          aggregator.storage.db,
        );
        expect(find((await rank({ from: FROM, to: TO })).issues, 'refund')).toMatchObject({
          status: 'investigating',
          owner: 'dana',
        });
      });
    });
  });
});
