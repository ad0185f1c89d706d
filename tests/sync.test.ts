import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalStore, openLocalStore } from '../src/main/store/local-store.js';
import { httpAggregatorClient } from '../src/main/sync/aggregator-client.js';
import {
  DEFAULT_SYNC_OPTIONS,
  SyncClient,
  type SyncOptions,
} from '../src/main/sync/sync-client.js';
import { first, rows } from '../src/server/storage/sql.js';
import { startFaultyProxy } from './support/faulty-proxy.js';
import { type ApiFixture, startApi, storedIds } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

const heard = new Date('2026-11-19T10:00:00Z');

/** Retries without waiting: the tests decide when a fault ends, not the clock. */
const instant: SyncOptions = {
  ...DEFAULT_SYNC_OPTIONS,
  sleep: () => Promise.resolve(),
  retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 1 },
};

for (const backend of backendCases) {
  describe.skipIf(backend.skip)(
    `sync between a desktop store and a real aggregator (${backend.name})`,
    () => {
      let api: ApiFixture;
      let dir: string;
      let store: LocalStore;

      function client(
        url: string,
        options: Partial<SyncOptions> = {},
        timeoutMs?: number,
      ): SyncClient {
        const aggregator = httpAggregatorClient({
          baseUrl: url,
          token: api.secrets.amy,
          ...(timeoutMs ? { timeoutMs } : {}),
        });
        return new SyncClient(store, aggregator, { ...instant, ...options });
      }

      function captureMany(count: number): string[] {
        return Array.from(
          { length: count },
          (_, i) =>
            store.items.capture(
              {
                text: `parcel ${i} arrived late and damaged`,
                agent: 'amy',
                times_heard: 1 + (i % 3),
              },
              heard,
            ).id,
        );
      }

      async function serverTimesHeard(): Promise<number> {
        const row = await first(
          api.aggregator.storage,
          sql<{ total: number }>`SELECT coalesce(sum(times_heard), 0) AS total FROM items`,
        );
        return row!.total;
      }

      beforeEach(async () => {
        api = await startApi(backend);
        dir = mkdtempSync(join(tmpdir(), 'wocas-sync-'));
        store = openLocalStore(join(dir, 'local.db'));
      });

      afterEach(async () => {
        store.close();
        rmSync(dir, { recursive: true, force: true });
        await api.close();
      });

      it('pushes the outbox, pulls issues, and tells the agent where each item landed', async () => {
        const ids = [
          store.items.capture(
            { text: 'My card has not arrived, call me on 07700 900123', agent: 'amy' },
            heard,
          ).id,
          store.items.capture(
            { text: 'still waiting for my new card to arrive', agent: 'amy', times_heard: 2 },
            heard,
          ).id,
          store.items.capture(
            { text: 'the app crashes when I open statements', agent: 'amy' },
            heard,
          ).id,
        ];
        const result = await client(api.url).sync();
        expect(result).toEqual({ pushed: 3, pending: 0 });
        expect(await storedIds(api)).toEqual([...ids].sort());
        const serverText = await first(
          api.aggregator.storage,
          sql<{ text: string }>`SELECT text FROM items WHERE id = ${ids[0]}`,
        );
        expect(serverText?.text).toBe('My card has not arrived, call me on [phone]');

        const mine = store.myFeedback.list();
        const located = await rows(
          api.aggregator.storage,
          sql<{ id: string; issue_id: string }>`SELECT id, issue_id FROM items`,
        );
        const serverIssue = new Map(located.map((row) => [row.id, row.issue_id]));
        for (const entry of mine) {
          expect(entry.sync_state).toBe('synced');
          expect(entry.issue?.id).toBe(serverIssue.get(entry.id));
        }
        // The issue cache now answers "heard again" suggestions with no network at all.
        await api.close();
        api = await startApi(backend);
        expect(store.issues.suggest('card not arrived yet')[0]?.id).toBe(
          serverIssue.get(ids[0] as string),
        );
      });

      it('a second sync pushes nothing and pulls only what changed', async () => {
        captureMany(5);
        await client(api.url).sync();
        const cursor = store.issues.cursor();
        expect(await client(api.url).sync()).toEqual({ pushed: 0, pending: 0 });
        expect(store.issues.cursor()).toBe(cursor);
      });

      it('loses nothing while the aggregator is unreachable, and catches up when it is back', async () => {
        const ids = captureMany(7);
        const down = await startFaultyProxy(api.url, () => ({ kind: 'refuse' }));
        const offline = await client(down.url).sync();
        expect(offline.pending).toBe(7);
        expect(offline.error).toMatch(/unreachable/);
        expect(down.seen.length).toBe(instant.retry.attempts);
        await down.close();
        expect(await storedIds(api)).toEqual([]);

        expect(await client(api.url).sync()).toEqual({ pushed: 7, pending: 0 });
        expect(await storedIds(api)).toEqual([...ids].sort());
      });

      it('stores each item once when the acknowledgement is lost after the aggregator committed', async () => {
        const ids = captureMany(250);
        // The first two pushes reach the aggregator, but their answers never come back.
        const proxy = await startFaultyProxy(api.url, (path, n) =>
          path === '/api/v1/items' && n < 2 ? { kind: 'lose-answer' } : { kind: 'pass' },
        );
        const result = await client(proxy.url, { batchSize: 100 }).sync();
        await proxy.close();
        expect(result).toEqual({ pushed: 250, pending: 0 });
        expect(await storedIds(api)).toEqual([...ids].sort());
        expect(await serverTimesHeard()).toBe(ids.reduce((sum, _, i) => sum + 1 + (i % 3), 0));
      });

      it('treats a slow aggregator as unreachable, then retries without duplicating', async () => {
        const ids = captureMany(30);
        let secondRequest!: () => void;
        const release = new Promise<void>((resolve) => (secondRequest = resolve));
        const proxy = await startFaultyProxy(api.url, (_path, n) => {
          if (n === 1) secondRequest();
          return n === 0 ? { kind: 'hold', release } : { kind: 'pass' };
        });
        const result = await client(proxy.url, {}, 150).sync();
        await proxy.close();
        expect(result).toEqual({ pushed: 30, pending: 0 });
        expect(await storedIds(api)).toEqual([...ids].sort());
      });

      it('stops at a refusal that retrying cannot fix, keeping every item queued', async () => {
        store.items.capture({ text: 'fine', agent: 'amy' }, heard);
        const other = store.items.capture(
          { text: 'pushed after the token was revoked', agent: 'amy' },
          heard,
        );
        await api.tokens.revoke('amy');
        const result = await client(api.url).sync();
        // A revoked token: the whole batch is refused, nothing is lost.
        expect(result.pending).toBe(2);
        expect(result.error).toMatch(/401/);
        expect(store.items.get(other.id)?.sync_state).toBe('pending');
      });

      it("stores items under the token's agent and team even when the desktop named someone else", async () => {
        const other = store.items.capture(
          { text: 'pushed under another name', agent: 'bo' },
          heard,
        );
        expect(await client(api.url).sync()).toEqual({ pushed: 1, pending: 0 });
        const row = await first(
          api.aggregator.storage,
          sql`SELECT agent, team FROM items WHERE id = ${other.id}`,
        );
        expect(row).toEqual({ agent: 'amy', team: 'support' });
      });

      it('drops its issue cache and starts again when the aggregator does not know the cursor', async () => {
        captureMany(3);
        await client(api.url).sync();
        store.issues.apply([], 'c999999', store.issues.source() ?? '');
        expect((await client(api.url).sync()).pending).toBe(0);
        expect(store.issues.cursor()).not.toBe('c999999');
        expect(store.issues.suggest('parcel arrived late').length).toBeGreaterThan(0);
      });
    },
  );
}
