import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalStore, openLocalStore } from '../src/main/store/local-store.js';
import {
  type AggregatorClient,
  TransientSyncError,
  httpAggregatorClient,
} from '../src/main/sync/aggregator-client.js';
import { DEFAULT_SYNC_OPTIONS, SyncClient } from '../src/main/sync/sync-client.js';
import { rows } from '../src/server/storage/sql.js';
import { type ApiFixture, startApi, storedIds } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

const heard = new Date('2026-11-19T10:00:00Z');

/**
 * A desktop's outbox may hold items saved before today's input rule (an older version saved them
 * as typed). The aggregator's verdict on one of them must never hold back what was saved after it.
 */
describe.each(backendCases)('an outbox with items the aggregator refuses, on $name', (backend) => {
  describe.skipIf(backend.skip)('sync', () => {
    let api: ApiFixture;
    let dir: string;
    let store: LocalStore;

    beforeEach(async () => {
      api = await startApi(backend);
      dir = mkdtempSync(join(tmpdir(), 'wocas-outbox-'));
      store = openLocalStore(join(dir, 'local.db'));
    });

    afterEach(async () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
      await api.close();
    });

    /** Writes an item and its outbox entry as an older desktop did, without today's validation. */
    function savedByOlderVersion(id: string, text: string, createdAt: string): void {
      const { lastInsertRowid } = store.db
        .prepare(
          "INSERT INTO items (id, text, channel, agent, times_heard, created_at) VALUES (?, ?, 'phone', 'amy', 1, ?)",
        )
        .run(id, text, createdAt);
      store.db.prepare('INSERT INTO outbox (item_seq) VALUES (?)').run(lastInsertRowid);
    }

    it('records why an item was refused, moves on, and sends everything saved after it', async () => {
      const before = store.items.capture(
        { text: 'parcel arrived late again', agent: 'amy' },
        heard,
      ).id;
      savedByOlderVersion('old-feb-30', 'router reboots every night', '2026-02-30T10:00:00Z');
      savedByOlderVersion('old-nul', 'card\u0000 declined at the till', '2026-11-19T09:00:00Z');
      const after = Array.from(
        { length: 3 },
        (_, i) =>
          store.items.capture({ text: `statement ${i} is missing`, agent: 'amy' }, heard).id,
      );

      const aggregator = httpAggregatorClient({ baseUrl: api.url, token: api.secrets.amy });
      const client = new SyncClient(store, aggregator, {
        ...DEFAULT_SYNC_OPTIONS,
        batchSize: 2,
        sleep: () => Promise.resolve(),
      });
      expect(await client.sync()).toEqual({ pushed: 5, pending: 0 });
      expect(await storedIds(api)).toEqual([before, 'old-nul', ...after].sort());
      const cleaned = await rows(
        api.aggregator.storage,
        sql<{ text: string }>`SELECT text FROM items WHERE id = 'old-nul'`,
      );
      expect(cleaned[0]?.text).toBe('card declined at the till');

      const refused = store.myFeedback.list().find((entry) => entry.id === 'old-feb-30');
      expect(refused?.sync_state).toBe('rejected');
      expect(
        store.db.prepare("SELECT sync_error FROM items WHERE id = 'old-feb-30'").pluck().get(),
      ).toBe('created_at: is not a real date');
      // Nothing is retried forever: the next sync has nothing to send.
      expect(await client.sync()).toEqual({ pushed: 0, pending: 0 });
    });

    it('holds back an item the aggregator fails on (500) and still sends what was saved after it', async () => {
      const ids = Array.from(
        { length: 6 },
        (_, i) =>
          store.items.capture({ text: `statement ${i} is missing`, agent: 'amy' }, heard).id,
      );
      const poison = ids[1] as string;
      // The real aggregator behind a fault: any push holding `poison` fails as a server bug would.
      const real = httpAggregatorClient({ baseUrl: api.url, token: api.secrets.amy });
      const failing: AggregatorClient = {
        ...real,
        pushItems: (items) =>
          items.some((item) => item.id === poison)
            ? Promise.reject(new TransientSyncError('aggregator error 500: internal error', 500))
            : real.pushItems(items),
      };
      const client = new SyncClient(store, failing, {
        ...DEFAULT_SYNC_OPTIONS,
        batchSize: 4,
        sleep: () => Promise.resolve(),
      });
      const result = await client.sync();
      expect(result).toMatchObject({ pushed: 5, pending: 1, failure: 'transient' });
      expect(await storedIds(api)).toEqual(ids.filter((id) => id !== poison).sort());
      // Not a verdict on its content: it stays queued, and goes once the aggregator is fixed.
      expect(store.myFeedback.list().find((entry) => entry.id === poison)?.sync_state).toBe(
        'pending',
      );
      expect(
        await new SyncClient(store, real, {
          ...DEFAULT_SYNC_OPTIONS,
          sleep: () => Promise.resolve(),
        }).sync(),
      ).toEqual({ pushed: 1, pending: 0 });
    });
  });
});
