import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openLocalStore } from '../src/main/store/local-store.js';
import { httpAggregatorClient } from '../src/main/sync/aggregator-client.js';
import { DEFAULT_SYNC_OPTIONS, SyncClient } from '../src/main/sync/sync-client.js';
import { rows } from '../src/server/storage/sql.js';
import { type Fault, startFaultyProxy } from './support/faulty-proxy.js';
import { startApi } from './support/http-fixture.js';

const FAULTS: Fault['kind'][] = ['pass', 'refuse', 'lose-answer'];
/** Before the fixture server's clock (NOW): an item may not claim to be heard in its future. */
const HEARD = new Date('2026-11-19T10:00:00Z');

/**
 * Whatever the network does to each request (refuses it, or loses the answer after the aggregator
 * committed), however the pushes are cut into batches, and however many stale copies of earlier
 * batches arrive out of order, every saved item ends up on the aggregator exactly once.
 */
describe('exactly once, whatever the network does', () => {
  it('holds for random faults, batch sizes and replayed, reordered batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 15 }),
        fc.array(fc.constantFrom(...FAULTS), { minLength: 0, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
        async (itemCount, batchSize, faults, replays) => {
          const api = await startApi();
          const dir = mkdtempSync(join(tmpdir(), 'wocas-prop-'));
          const store = openLocalStore(join(dir, 'local.db'));
          try {
            const saved = Array.from({ length: itemCount }, (_, i) =>
              store.items.capture(
                {
                  text: `delivery ${i % 5} went to the wrong address`,
                  agent: 'amy',
                  times_heard: 1 + (i % 4),
                },
                HEARD,
              ),
            );
            const wire = store.outbox.next(itemCount);
            const proxy = await startFaultyProxy(
              api.url,
              (_path, n) => ({ kind: faults[n] ?? 'pass' }) as Fault,
            );
            const options = {
              ...DEFAULT_SYNC_OPTIONS,
              batchSize,
              sleep: () => Promise.resolve(),
              retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
            };
            const viaProxy = new SyncClient(
              store,
              httpAggregatorClient({ baseUrl: proxy.url, token: api.secrets.amy }),
              options,
            );
            await viaProxy.sync();
            await proxy.close();

            // Stale copies of arbitrary slices, in arbitrary order, as a confused network might replay them.
            const direct = httpAggregatorClient({ baseUrl: api.url, token: api.secrets.amy });
            for (const [a, b] of replays) {
              const slice = wire
                .slice(Math.min(a, b) % itemCount, (Math.max(a, b) % itemCount) + 1)
                .reverse();
              await direct.pushItems(slice);
            }
            const final = await new SyncClient(store, direct, options).sync();
            expect(final.pending).toBe(0);

            const stored = await rows(
              api.aggregator.storage,
              sql<{
                id: string;
                times_heard: number;
              }>`SELECT id, times_heard FROM items ORDER BY id`,
            );
            expect(stored.map(({ id }) => id)).toEqual(saved.map((item) => item.id).sort());
            expect(stored.reduce((sum, { times_heard }) => sum + times_heard, 0)).toBe(
              saved.reduce((sum, item) => sum + item.times_heard, 0),
            );
            expect(
              store.myFeedback.list(itemCount).every((item) => item.sync_state === 'synced'),
            ).toBe(true);
          } finally {
            store.close();
            rmSync(dir, { recursive: true, force: true });
            await api.close();
          }
        },
      ),
      { numRuns: 30, seed: 20261123 },
    );
  });
});
