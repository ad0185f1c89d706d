import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalStore, openLocalStore } from '../src/main/store/local-store.js';
import { httpAggregatorClient } from '../src/main/sync/aggregator-client.js';
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
  });
});
