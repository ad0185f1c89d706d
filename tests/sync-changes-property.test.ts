import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openLocalStore } from '../src/main/store/local-store.js';
import type { OutgoingChange } from '../src/main/store/item-changes.js';
import { httpAggregatorClient } from '../src/main/sync/aggregator-client.js';
import { DEFAULT_SYNC_OPTIONS, SyncClient } from '../src/main/sync/sync-client.js';
import { rows } from '../src/server/storage/sql.js';
import { type Fault, startFaultyProxy } from './support/faulty-proxy.js';
import { startApi } from './support/http-fixture.js';

const FAULTS: Fault['kind'][] = ['pass', 'refuse', 'lose-answer'];
const HEARD = new Date('2026-11-19T10:00:00Z');
/** What the agent does to one item: nothing, correct it, withdraw it, or correct then withdraw it. */
const ACTIONS = ['keep', 'edit', 'withdraw', 'edit-withdraw'] as const;

/**
 * Corrections and withdrawals go through the outbox like captures: whatever the network does to
 * each request, whether the agent acts before or after the capture left, and however many stale
 * copies of pushes arrive again, every change is applied once and the aggregator ends with exactly
 * the items not withdrawn, each with its last correction.
 */
describe('edits and withdrawals arrive exactly once, whatever the network does', () => {
  it('holds for random actions, their timing, faults, batch sizes and replays', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...ACTIONS), fc.boolean()), {
          minLength: 1,
          maxLength: 16,
        }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.constantFrom(...FAULTS), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (actions, batchSize, faults, replays) => {
          const api = await startApi();
          const dir = mkdtempSync(join(tmpdir(), 'wocas-changes-prop-'));
          const store = openLocalStore(join(dir, 'local.db'));
          try {
            const saved = actions.map((_, i) =>
              store.items.capture({ text: `refund ${i % 3} never arrived`, agent: 'amy' }, HEARD),
            );
            const wireItems = store.outbox.next(saved.length);
            const made: string[] = [];
            const act = (early: boolean) =>
              actions.forEach(([action, beforeSync], i) => {
                if (beforeSync !== early || action === 'keep') return;
                const id = (saved[i] as { id: string }).id;
                if (action !== 'withdraw')
                  made.push(store.changes.edit(id, `refund ${i} corrected`).id);
                if (action !== 'edit') made.push(store.changes.withdraw(id).id);
              });
            const options = {
              ...DEFAULT_SYNC_OPTIONS,
              batchSize,
              sleep: () => Promise.resolve(),
              retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
            };
            const faulty = async () => {
              const proxy = await startFaultyProxy(
                api.url,
                (_path, n) => ({ kind: faults[n] ?? 'pass' }) as Fault,
              );
              const viaProxy = httpAggregatorClient({ baseUrl: proxy.url, token: api.secrets.amy });
              await new SyncClient(store, viaProxy, options).sync();
              await proxy.close();
            };
            act(true);
            const wireChanges: OutgoingChange[] = store.changes.next(1_000);
            await faulty();
            act(false);
            wireChanges.push(...store.changes.next(1_000));
            await faulty();

            // Stale copies of captures and changes, as a confused network might replay them.
            const direct = httpAggregatorClient({ baseUrl: api.url, token: api.secrets.amy });
            for (const n of replays) {
              await direct.pushItems(wireItems.slice(n % wireItems.length));
              if (wireChanges.length > 0)
                await direct.pushChanges(wireChanges.slice(n % wireChanges.length).reverse());
            }
            const final = await new SyncClient(store, direct, options).sync();
            expect(final.pending).toBe(0);
            expect(store.db.prepare('SELECT count(*) FROM item_changes').pluck().get()).toBe(0);

            const expected = actions.flatMap(([action], i) => {
              const { id } = saved[i] as { id: string };
              if (action === 'withdraw' || action === 'edit-withdraw') return [];
              return [
                {
                  id,
                  text:
                    action === 'edit' ? `refund ${i} corrected` : `refund ${i % 3} never arrived`,
                },
              ];
            });
            const stored = await rows(
              api.aggregator.storage,
              sql<{ id: string; text: string }>`SELECT id, text FROM items ORDER BY id`,
            );
            expect(stored).toEqual(expected.sort((a, b) => (a.id < b.id ? -1 : 1)));
            const applied = await rows(
              api.aggregator.storage,
              sql<{ id: string; kind: string }>`SELECT id, kind FROM item_changes`,
            );
            // Every change applied at most once (ids are unique), every withdrawal applied.
            expect(applied.every((change) => made.includes(change.id))).toBe(true);
            const withdrawals = actions.filter(([action]) => action.includes('withdraw')).length;
            expect(applied.filter((change) => change.kind === 'withdraw')).toHaveLength(
              withdrawals,
            );
          } finally {
            store.close();
            rmSync(dir, { recursive: true, force: true });
            await api.close();
          }
        },
      ),
      { numRuns: 25, seed: 20261202 },
    );
  });
});
