/**
 * The all-time ranking reads each issue's kept totals; every other ranking reads the items. The
 * two must agree through everything that adds or moves items: ingest (duplicates, repeat agents,
 * "heard again"), merges, splits and reclustering, on both backends.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RankedIssue } from '../src/shared/domain/issue.js';
import { type Aggregator, openAggregator } from '../src/server/aggregator.js';
import { mergeIssues, splitIssue } from '../src/server/issues/issue-actions.js';
import { rankIssues } from '../src/server/issues/rank-issues.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const TEXTS = [
  'my parcel is late',
  'the parcel never came',
  'cannot log in to the app',
  'app login fails',
  'refund not received',
  'where is my refund',
  '退款一直没有到账',
  '快递还没到',
];

function batch(start: number, size: number) {
  return Array.from({ length: size }, (_, k) => {
    const i = start + k;
    return {
      id: `t-${i}`,
      text: TEXTS[(i * 7) % TEXTS.length] as string,
      channel: 'chat' as const,
      // Agents repeat within and across batches; some items have none.
      ...(i % 5 === 0 ? {} : { agent: `agent-${i % 7}` }),
      times_heard: 1 + (i % 4),
      created_at: new Date(NOW - ((i * 7_919) % 30) * 86_400_000 - i * 1_000).toISOString(),
    };
  });
}

/** What the totals must reproduce: the ranking's counts, read from the items. */
function counts(issues: readonly RankedIssue[]) {
  return issues
    .map(({ id, mentions, times_heard, agents, first_seen, last_seen, score }) => ({
      id,
      mentions,
      times_heard,
      agents,
      first_seen,
      last_seen,
      score,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe.each(backendCases)('issue totals on $name', (backendCase) => {
  let store: TestStorage;
  let aggregator: Aggregator;

  beforeEach(async () => {
    if (backendCase.skip) return;
    store = await backendCase.fresh();
    aggregator = await openAggregator(store.location, () => NOW);
  });

  afterEach(async () => {
    if (backendCase.skip) return;
    await aggregator.close();
    await store.drop();
  });

  async function expectTotalsMatchItems(): Promise<RankedIssue[]> {
    const fromTotals = (await rankIssues(aggregator.storage, {}, NOW)).issues;
    // Any window at all takes the path that reads the items.
    const fromItems = (
      await rankIssues(
        aggregator.storage,
        { from: Number.MIN_SAFE_INTEGER + 1, to: Number.MAX_SAFE_INTEGER },
        NOW,
      )
    ).issues;
    expect(counts(fromTotals)).toEqual(counts(fromItems));
    expect(fromTotals.map((issue) => issue.id)).toEqual(fromItems.map((issue) => issue.id));
    return fromTotals;
  }

  it.skipIf(backendCase.skip)(
    'agree with the items through ingest, merges, splits and reclustering',
    async () => {
      await aggregator.ingestor.ingest(batch(0, 40));
      await aggregator.ingestor.ingest([...batch(30, 30), ...batch(0, 5)]); // overlapping: duplicates add nothing
      let ranked = await expectTotalsMatchItems();
      expect(ranked.reduce((sum, issue) => sum + issue.mentions, 0)).toBe(60);

      const [first, second] = ranked as [RankedIssue, RankedIssue];
      // "Heard again" names an issue; then a merge moves its items and the next ingest adds to it.
      await aggregator.ingestor.ingest(
        batch(60, 10).map((item) => ({ ...item, issue_id: second.id })),
      );
      await mergeIssues(aggregator.storage, second.id, first.id, NOW);
      await aggregator.ingestor.ingest(
        batch(70, 10).map((item) => ({ ...item, issue_id: second.id })),
      );
      ranked = await expectTotalsMatchItems();
      expect(ranked.find((issue) => issue.id === second.id)).toBeUndefined();

      const withItems = (
        await rankIssues(aggregator.storage, { issueIds: [first.id], withItems: true }, NOW)
      ).issues[0] as RankedIssue;
      await splitIssue(
        aggregator.storage,
        first.id,
        (withItems.item_ids ?? []).slice(0, 3),
        'split off',
        NOW,
      );
      await expectTotalsMatchItems();

      await aggregator.recluster();
      await aggregator.ingestor.ingest(batch(80, 20));
      ranked = await expectTotalsMatchItems();
      expect(ranked.reduce((sum, issue) => sum + issue.mentions, 0)).toBe(100);
    },
  );
});
