import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INVOICE, PARCEL, explainTwoIssues } from './support/explained-issues.js';
import { type ApiFixture, startApi, storedIds } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';
import { type TestDesktop, call as desktopCall, openTestDesktop } from './support/test-desktop.js';

/**
 * The desktop's issue cache holds what the configured token may read: an analyst's token reads
 * every issue's root cause, note and terms. Moved to another token (an agent of another team) or
 * another aggregator, the desktop forgets the cache at once, before any pull, and the next pull
 * brings only what the new token may read. What the agent captured stays and goes exactly once.
 */

interface CachedRow {
  id: string;
  root_cause: string | null;
  note: string | null;
  terms: string;
}

describe.each(backendCases)(
  'a desktop switched to another token, aggregator on $name',
  (backend) => {
    describe.skipIf(backend.skip)('the issue cache', () => {
      let api: ApiFixture;
      let desktop: TestDesktop;
      let parcel: string;
      let invoice: string;

      beforeEach(async () => {
        api = await startApi(backend);
        ({ parcel, invoice } = await explainTwoIssues(api));
        desktop = openTestDesktop();
      });
      afterEach(async () => {
        await desktop.close();
        await api.close();
      });

      const cached = () =>
        desktop.core.store.db
          .prepare<[], CachedRow>('SELECT id, root_cause, note, terms FROM issues ORDER BY id')
          .all();
      const sync = async () => {
        const state = await desktop.core.sync.syncNow();
        expect(state.error).toBeNull();
      };
      const onDisk = () => JSON.stringify(cached());

      it('forgets the analyst’s causes, notes and terms before any pull; pulls only what the agent may read', async () => {
        await desktopCall(desktop, 'settings.save', {
          displayName: 'ana',
          aggregatorUrl: api.url,
          token: api.secrets.ana,
        });
        await sync();
        const byId = new Map(cached().map((row) => [row.id, row]));
        expect(byId.get(parcel)).toMatchObject(PARCEL);
        expect(byId.get(invoice)).toMatchObject(INVOICE);

        // Saved while the aggregator cannot be reached: it must still go, once, after the switch.
        const { id: saved } = (await desktopCall(desktop, 'items.capture', {
          text: 'the invoice shows a refund twice',
        })) as { id: string };
        expect(desktop.core.store.outbox.pending()).toBe(1);

        await desktopCall(desktop, 'settings.save', { displayName: 'bo', token: api.secrets.bo });
        // Before any pull: nothing the analyst could read is left on this disk.
        expect(cached()).toEqual([]);
        expect(desktop.core.store.issues.cursor()).toBeUndefined();
        for (const secret of [PARCEL.root_cause, PARCEL.note, INVOICE.root_cause, INVOICE.note])
          expect(onDisk()).not.toContain(secret);
        // What was captured stays, still waiting to be sent.
        expect(desktop.core.store.items.get(saved)?.sync_state).toBe('pending');
        expect(desktop.core.store.outbox.pending()).toBe(1);

        await sync();
        const after = new Map(cached().map((row) => [row.id, row]));
        // Every issue again (ids and titles are every token's), causes only where bo holds an item.
        expect([...after.keys()].sort()).toEqual([...byId.keys()].sort());
        expect(after.get(parcel)).toMatchObject({ root_cause: null, note: null });
        expect(after.get(invoice)).toMatchObject(INVOICE);
        expect(onDisk()).not.toContain(PARCEL.root_cause);
        expect(onDisk()).not.toContain(PARCEL.note);
        // The captured item went out exactly once, under bo.
        expect(desktop.core.store.outbox.pending()).toBe(0);
        expect((await storedIds(api)).filter((id) => id === saved)).toEqual([saved]);
      });

      it('forgets the cache when pointed at another aggregator, and when the server is cleared', async () => {
        await desktopCall(desktop, 'settings.save', {
          displayName: 'ana',
          aggregatorUrl: api.url,
          token: api.secrets.ana,
        });
        await sync();
        expect(cached().length).toBeGreaterThan(0);
        // The same token saved again (the form resends it) keeps the cache: same aggregator, same token.
        await desktopCall(desktop, 'settings.save', { token: api.secrets.ana, displayName: 'ana' });
        expect(cached().length).toBeGreaterThan(0);

        // Another aggregator, an empty one: nothing of the first one's issues is shown there.
        const other = await startApi(backend);
        try {
          await desktopCall(desktop, 'settings.save', {
            aggregatorUrl: other.url,
            token: other.secrets.ana,
          });
          expect(cached()).toEqual([]);
          await sync();
          expect(cached()).toEqual([]);
        } finally {
          await other.close();
        }

        await desktopCall(desktop, 'settings.save', {
          aggregatorUrl: api.url,
          token: api.secrets.ana,
        });
        await sync();
        expect(cached().length).toBeGreaterThan(0);
        await desktopCall(desktop, 'settings.save', { aggregatorUrl: null });
        expect(cached()).toEqual([]);
      });
    });
  },
);
