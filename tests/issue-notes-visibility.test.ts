import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_MIGRATIONS } from '../src/main/store/migrations.js';
import { openLocalStore } from '../src/main/store/local-store.js';
import { migrate } from '../src/shared/storage/migrate.js';
import type { MyFeedbackItem } from '../src/shared/api/contract.js';
import type { IssueSnapshot } from '../src/shared/domain/issue.js';
import { INVOICE, ITEMS, PARCEL, explainTwoIssues } from './support/explained-issues.js';
import { type ApiFixture, call, startApi } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';
import { type TestDesktop, call as desktopCall, openTestDesktop } from './support/test-desktop.js';

/**
 * An issue's confirmed root cause and the analyst's note follow the role (docs/permissions.md):
 * analysts and admins read them on every issue, a lead on issues holding an item of their team, an
 * agent on issues holding one of their own items. Every other token gets both as null, on the sync
 * pull and on the desktop, which also learns them from the item lookup for its own items' issues.
 */

type Reader = 'amy' | 'cal' | 'bo' | 'lee' | 'lena' | 'ana' | 'root';

/** Which of the two issues each token may read the cause and note of. */
const READS: Record<Reader, { parcel: boolean; invoice: boolean }> = {
  amy: { parcel: true, invoice: false }, // support agent who reported the parcel issue
  cal: { parcel: false, invoice: false }, // support agent who reported nothing
  bo: { parcel: false, invoice: true }, // sales agent who reported the invoice issue
  lee: { parcel: true, invoice: false }, // support lead
  lena: { parcel: false, invoice: true }, // sales lead
  ana: { parcel: true, invoice: true }, // analyst
  root: { parcel: true, invoice: true }, // admin
};

const hidden = { root_cause: null, note: null };

describe.each(backendCases)('who reads root causes and notes on $name', (backend) => {
  describe.skipIf(backend.skip)('the aggregator and the desktop', () => {
    let api: ApiFixture;
    let secrets: Record<Reader, string>;
    let parcel: string;
    let invoice: string;

    const invoke = (token: string, method: string, json: unknown) =>
      call(api.url, 'POST', `/api/v1/call/${method}`, { token, json });
    beforeEach(async () => {
      api = await startApi(backend);
      const extra = async (name: string, role: string, team: string) =>
        (await api.tokens.create({ name, role, team })).secret;
      secrets = {
        ...api.secrets,
        cal: await extra('cal', 'agent', 'support'),
        lena: await extra('lena', 'lead', 'sales'),
      };
      ({ parcel, invoice } = await explainTwoIssues(api));
    });
    afterEach(() => api.close());

    it.each(Object.keys(READS) as Reader[])(
      'GET /api/v1/sync/issues gives %s the cause and note of the issues they may read',
      async (reader) => {
        const answer = await call(api.url, 'GET', '/api/v1/sync/issues', {
          token: secrets[reader],
        });
        expect(answer.status, answer.text).toBe(200);
        const page = JSON.parse(answer.text) as { issues: IssueSnapshot[] };
        const byId = new Map(page.issues.map((issue) => [issue.id, issue]));
        // Ids, titles, status and counts stay every token's; only the cause and note are held back.
        expect(byId.get(parcel)).toMatchObject({ mentions: 2, status: 'new' });
        expect(byId.get(invoice)).toMatchObject({ mentions: 2, status: 'new' });
        expect(byId.get(parcel)).toMatchObject(READS[reader].parcel ? PARCEL : hidden);
        expect(byId.get(invoice)).toMatchObject(READS[reader].invoice ? INVOICE : hidden);
        // Nor does the answer carry them anywhere else.
        if (!READS[reader].invoice) {
          expect(answer.text).not.toContain(INVOICE.root_cause);
          expect(answer.text).not.toContain(INVOICE.note);
        }
      },
    );

    it.each(Object.keys(READS) as Reader[])(
      'POST /api/v1/items/issues gives %s the cause and note of the issues of the items answered',
      async (reader) => {
        const answer = await call(api.url, 'POST', '/api/v1/items/issues', {
          token: secrets[reader],
          json: { ids: ITEMS.map((item) => item.id) },
        });
        expect(answer.status, answer.text).toBe(200);
        const body = JSON.parse(answer.text) as {
          issues: Record<string, string>;
          issue_details: Record<string, { root_cause: string | null; note: string | null }>;
        };
        const expected: Record<string, typeof PARCEL> = {};
        if (READS[reader].parcel) expected[parcel] = PARCEL;
        if (READS[reader].invoice) expected[invoice] = INVOICE;
        // Only the issues of the items a token may look up (cal's lookup answers none).
        const answered = reader === 'cal' ? {} : expected;
        expect(body.issue_details).toEqual(answered);
        expect(new Set(Object.values(body.issues))).toEqual(new Set(Object.keys(answered)));
      },
    );

    describe('on the agent’s desktop', () => {
      let desktop: TestDesktop;
      beforeEach(async () => {
        desktop = openTestDesktop();
        await desktopCall(desktop, 'settings.save', {
          displayName: 'amy',
          team: 'support',
          aggregatorUrl: api.url,
          token: api.secrets.amy,
        });
      });
      afterEach(() => desktop.close());

      const cached = (id: string) =>
        desktop.core.store.db
          .prepare('SELECT root_cause, note FROM issues WHERE id = ?')
          .get(id) as { root_cause: string | null; note: string | null } | undefined;
      const mine = async (id: string) =>
        ((await desktopCall(desktop, 'feedback.mine', {})) as MyFeedbackItem[]).find(
          (found) => found.id === id,
        );
      const sync = async () => {
        const state = await desktop.core.sync.syncNow();
        expect(state.error).toBeNull();
      };

      it('keeps another team’s cause and note off the desktop until an item of the agent is moved in', async () => {
        const { id } = (await desktopCall(desktop, 'items.capture', {
          text: 'the router keeps dropping wifi every evening',
        })) as { id: string };
        await sync();
        expect(cached(invoice)).toEqual(hidden);
        // The aggregator holds amy's earlier parcel items, so that issue's cause and note are hers.
        expect(cached(parcel)).toEqual(PARCEL);
        // The analyst moves her item into the sales team's issue, whose note was written before.
        const moved = await invoke(api.secrets.ana, 'issues.moveItems', {
          itemIds: [id],
          into: invoice,
        });
        expect(moved.status, moved.text).toBe(200);
        await sync();
        expect((await mine(id))?.issue).toMatchObject({ id: invoice, ...INVOICE });
      });

      it('fills the cause and note of a "heard again" issue from the item lookup, without waiting for the issue to change', async () => {
        await sync();
        expect(cached(invoice)).toEqual(hidden);
        const { id } = (await desktopCall(desktop, 'items.capture', {
          text: 'the invoice is wrong again',
          issue_id: invoice,
        })) as { id: string };
        await sync();
        expect((await mine(id))?.issue).toMatchObject({ id: invoice, ...INVOICE });
        // A cache pulled before her item landed (or one cleared on upgrade) is put right by the
        // lookup of her items' issues on the next sync, though the issue itself did not change.
        desktop.core.store.db
          .prepare('UPDATE issues SET root_cause = NULL, note = NULL WHERE id = ?')
          .run(invoice);
        await sync();
        expect((await mine(id))?.issue).toMatchObject({ id: invoice, ...INVOICE });
      });
    });
  });
});

describe('a local store from before the rule', () => {
  it('forgets every cached root cause and note and pulls every issue again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wocas-notes-'));
    try {
      const path = join(dir, 'local.db');
      const old = new Database(path);
      migrate(old, LOCAL_MIGRATIONS.slice(0, 3));
      old.exec(`
        INSERT INTO issues (id, title, status, owner, mentions, times_heard, merged_into, terms, seen_status, root_cause, note)
        VALUES ('iss_sales', 'Invoice total wrong', 'fixed', NULL, 2, 2, NULL, '[]', 'new', '${INVOICE.root_cause}', '${INVOICE.note}');
        INSERT INTO sync_state (key, value) VALUES ('issues_cursor', 'c7');
      `);
      old.close();
      const store = openLocalStore(path);
      try {
        expect(store.db.prepare('SELECT root_cause, note, seen_status FROM issues').all()).toEqual([
          { ...hidden, seen_status: 'new' },
        ]);
        expect(store.issues.cursor()).toBeUndefined();
      } finally {
        store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
