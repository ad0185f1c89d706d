import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingItem } from '../src/shared/domain/feedback-item.js';
import { type Aggregator, openAggregator } from '../src/server/aggregator.js';
import { GroupCommit } from '../src/server/ingest/group-commit.js';
import { countItems } from '../src/server/items/items-repo.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');

function incoming(id: string, text: string, createdAt = '2026-11-18T09:00:00.000Z'): IncomingItem {
  return { id, text, channel: 'phone', times_heard: 1, created_at: createdAt };
}

describe.each(backendCases)('group commit on $name', (backendCase) => {
  describe.skipIf(backendCase.skip)('one push that cannot be stored', () => {
    let store: TestStorage;
    let aggregator: Aggregator;

    beforeEach(async () => {
      store = await backendCase.fresh();
      aggregator = await openAggregator(store.location, () => NOW);
    });

    afterEach(async () => {
      await aggregator.close();
      await store.drop();
    });

    it('fails alone: every other push of its group is stored and acknowledged', async () => {
      const commits = new GroupCommit(aggregator.ingestor);
      // Past validation, an item whose time is not a number fails the INSERT on either engine
      // (NOT NULL on SQLite, bigint on PostgreSQL): a stand-in for any fault in one push.
      const poison = commits.ingest([incoming('poison', 'cannot be stored', 'not a date')], 'all');
      const good = Array.from({ length: 100 }, (_, i) =>
        commits.ingest([incoming(`good-${i}`, `parcel ${i} arrived late`)], 'all'),
      );
      const settled = await Promise.allSettled([poison, ...good]);
      expect(settled[0]?.status).toBe('rejected');
      const acknowledged = settled
        .slice(1)
        .filter((result) => result.status === 'fulfilled' && result.value.accepted.length === 1);
      expect(acknowledged).toHaveLength(100);
      expect(await countItems(aggregator.storage)).toBe(100);
      // The grouper followed the rollbacks: a later push still lands in the issue of its likes.
      const later = await commits.ingest([incoming('later', 'parcel 7 arrived late')], 'all');
      expect(later.accepted).toEqual(['later']);
      expect(await countItems(aggregator.storage)).toBe(101);
    });
  });
});
