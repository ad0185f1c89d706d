import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAggregator, type Aggregator } from '../src/server/aggregator.js';
import { updateIssue } from '../src/server/issues/issue-actions.js';
import { first } from '../src/server/storage/sql.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const ROUTER = [
  'Cust says the router drops wifi every night',
  'router drops wifi again, rebooted twice',
  'customer says router drops wifi after 8pm',
  'my router drops wifi when I stream',
];

describe.each(backendCases)('on $name', (backendCase) => {
  describe.skipIf(backendCase.skip)('labels of issues made as items arrive', () => {
    let store: TestStorage;
    let aggregator: Aggregator;

    const push = (texts: readonly string[], from: number) =>
      aggregator.ingestor.ingest(
        texts.map((text, i) => ({
          id: `item-${from + i}`,
          text,
          channel: 'chat' as const,
          times_heard: 1,
          created_at: new Date(NOW - 60_000).toISOString(),
        })),
      );
    const titleOf = async (itemId: string) =>
      (
        await first(
          aggregator.storage,
          sql<{
            title: string;
          }>`SELECT i.title FROM issues i JOIN items it ON it.issue_id = i.id WHERE it.id = ${itemId}`,
        )
      )?.title;

    beforeEach(async () => {
      store = await backendCase.fresh();
      aggregator = await openAggregator(store.location, () => NOW);
    });
    afterEach(async () => {
      await aggregator.close();
      await store.drop();
    });

    it('a new issue is never titled by its verbatim: a placeholder, then a label once items share a phrase', async () => {
      await push(ROUTER.slice(0, 1), 0);
      expect(await titleOf('item-0')).toBe('Unlabelled issue');
      await push(ROUTER.slice(1, 2), 1);
      expect(await titleOf('item-1')).toBe('Router drops wifi');
    });

    it("titles a one-item issue by the words other items use, never by one customer's own", async () => {
      await push(['my parcel arrived late again', 'the parcel arrived damaged'], 0);
      // A name and a street redaction cannot know, beside words other customers used.
      await push(['Mrs Okonkwo of Larchmere Close says the courier left the parcel outside'], 2);
      const title = await titleOf('item-2');
      expect(title).toMatch(/parcel/i);
      expect(title).not.toMatch(/okonkwo|larchmere|close|courier|outside/i);
      const [{ n } = { n: 0 }] = (
        await sql<{
          n: number;
        }>`SELECT count(*) AS n FROM issues WHERE title LIKE '%Okonkwo%'`.execute(
          aggregator.storage.db,
        )
      ).rows;
      expect(Number(n)).toBe(0);
    });

    it('retitles, once, the verbatim titles of a database made before titles were labels', async () => {
      await push(ROUTER.slice(0, 2), 0);
      await push(['Mrs Okonkwo wants her modem swapped'], 2);
      const issueOf = async (itemId: string) =>
        (
          await first(
            aggregator.storage,
            sql<{ issue_id: string }>`SELECT issue_id FROM items WHERE id = ${itemId}`,
          )
        )?.issue_id as string;
      const [router, modem] = [await issueOf('item-0'), await issueOf('item-2')];
      // As an older version left it: each issue titled by its first verbatim, no record of a retitle.
      const legacy = async () => {
        await sql`UPDATE issues SET title = ${ROUTER[0]} WHERE id = ${router}`.execute(
          aggregator.storage.db,
        );
        await sql`UPDATE issues SET title = 'Mrs Okonkwo wants her modem swapped' WHERE id = ${modem}`.execute(
          aggregator.storage.db,
        );
      };
      await legacy();
      await sql`DELETE FROM settings WHERE key = 'auto_titles'`.execute(aggregator.storage.db);
      await aggregator.close();
      aggregator = await openAggregator(store.location, () => NOW);
      expect(await titleOf('item-0')).toBe('Router drops wifi');
      expect(await titleOf('item-2')).toBe('Unlabelled issue');
      // Done once: a database already retitled is not read through again at every start.
      await legacy();
      await aggregator.close();
      aggregator = await openAggregator(store.location, () => NOW);
      expect(await titleOf('item-0')).toBe(ROUTER[0]);
      // Titled by the rule before copies of one text counted once: retitled once more.
      await sql`UPDATE settings SET value = 'shared-phrases' WHERE key = 'auto_titles'`.execute(
        aggregator.storage.db,
      );
      await aggregator.close();
      aggregator = await openAggregator(store.location, () => NOW);
      expect(await titleOf('item-0')).toBe('Router drops wifi');
    });

    it("keeps an analyst's title as the issue grows", async () => {
      await push(ROUTER.slice(0, 1), 0);
      const issue = (
        await first(
          aggregator.storage,
          sql<{ issue_id: string }>`SELECT issue_id FROM items WHERE id = 'item-0'`,
        )
      )?.issue_id as string;
      await updateIssue(aggregator.storage, issue, { title: 'Wifi drops at night' }, NOW);
      await push(ROUTER.slice(1), 1);
      expect(await titleOf('item-3')).toBe('Wifi drops at night');
    });
  });
});
