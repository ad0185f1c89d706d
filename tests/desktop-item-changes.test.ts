import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CaptureResult,
  ItemChangeResult,
  MyFeedbackItem,
  Suggestion,
} from '../src/shared/api/contract.js';
import { rows } from '../src/server/storage/sql.js';
import { type ApiFixture, call as callApi, startApi, storedIds } from './support/http-fixture.js';
import { type TestDesktop, call, openTestDesktop } from './support/test-desktop.js';

let api: ApiFixture;
beforeEach(async () => {
  api = await startApi();
});
afterEach(() => api.close());

const serverItems = () =>
  rows(
    api.aggregator.storage,
    sql<{
      id: string;
      text: string;
      times_heard: number;
    }>`SELECT id, text, times_heard FROM items ORDER BY id`,
  );

async function issueCounts(issueId: string) {
  const ranked = await callApi(api.url, 'GET', '/api/v1/issues', { token: api.secrets.ana });
  return ranked.body.issues.find((issue) => issue.id === issueId);
}

describe('the desktop corrects and withdraws the agent’s items, through its outbox', () => {
  let desktop: TestDesktop;
  beforeEach(async () => {
    desktop = openTestDesktop();
    await call(desktop, 'settings.save', {
      displayName: 'amy',
      team: 'support',
      aggregatorUrl: api.url,
      token: api.secrets.amy,
    });
  });
  afterEach(() => desktop.close());

  const mine = async () => (await call(desktop, 'feedback.mine', {})) as MyFeedbackItem[];

  it('an edit is redacted on this computer at once, and reaches the aggregator once, redacted', async () => {
    const saved = (await call(desktop, 'items.capture', {
      text: 'the router keeps dropping',
      times_heard: 2,
    })) as CaptureResult;
    await desktop.core.sync.syncNow();
    const edited = (await call(desktop, 'items.edit', {
      item_id: saved.id,
      text: 'the router drops nightly, mail jo@example.com',
    })) as ItemChangeResult;
    expect(edited).toMatchObject({ item_id: saved.id, synced: false, redactions: 1 });
    expect(edited.text).not.toContain('jo@example.com');
    expect((await mine())[0]?.text).toBe(edited.text);
    // On disk here too: nothing unredacted in the local store.
    const local = desktop.core.store.db
      .prepare('SELECT text FROM items UNION ALL SELECT text FROM item_changes')
      .pluck()
      .all() as string[];
    expect(local.join(' ')).not.toContain('jo@example.com');
    expect(desktop.core.sync.state().pending).toBe(1);

    const state = await desktop.core.sync.syncNow();
    expect(state.pending).toBe(0);
    expect(await serverItems()).toEqual([{ id: saved.id, text: edited.text, times_heard: 2 }]);
    const recorded = await rows(
      api.aggregator.storage,
      sql<{ id: string }>`SELECT id FROM item_changes`,
    );
    expect(recorded.map((row) => row.id)).toEqual([edited.id]);
  });

  it('a withdrawal of a synced item takes it out of the counts; My feedback drops it at once', async () => {
    const first = (await call(desktop, 'items.capture', {
      text: 'the parcel arrived late again',
      times_heard: 3,
    })) as CaptureResult;
    await desktop.core.sync.syncNow();
    const issueId = (await mine())[0]?.issue?.id as string;
    const second = (await call(desktop, 'items.capture', {
      text: 'the parcel arrived late, courier never rang',
      issue_id: issueId,
    })) as CaptureResult;
    await desktop.core.sync.syncNow();
    expect((await issueCounts(issueId))?.times_heard).toBe(4);

    await call(desktop, 'items.withdraw', { item_id: first.id });
    expect((await mine()).map((item) => item.id)).toEqual([second.id]);
    await desktop.core.sync.syncNow();
    expect((await serverItems()).map((item) => item.id)).toEqual([second.id]);
    expect(await issueCounts(issueId)).toMatchObject({ mentions: 1, times_heard: 1 });
  });

  it('undo before the capture was sent: the item never reaches the aggregator', async () => {
    const saved = (await call(desktop, 'items.capture', {
      text: 'wrong customer, I typed it in the wrong call',
    })) as CaptureResult;
    await call(desktop, 'items.withdraw', { item_id: saved.id });
    expect(await mine()).toEqual([]);
    const state = await desktop.core.sync.syncNow();
    expect(state.pending).toBe(0);
    expect(await storedIds(api)).toEqual([]);
  });

  it('refuses an empty correction and an item it does not have, as the aggregator does', async () => {
    const saved = (await call(desktop, 'items.capture', {
      text: 'the app logs me out',
    })) as CaptureResult;
    await expect(
      call(desktop, 'items.edit', { item_id: saved.id, text: ' \u200b' }),
    ).rejects.toMatchObject({
      code: 'invalid_arguments',
      message: 'invalid arguments: text: is empty',
    });
    await expect(call(desktop, 'items.withdraw', { item_id: 'nope-0000' })).rejects.toMatchObject({
      code: 'invalid_arguments',
      message: 'invalid arguments: item_id: no such item on this computer',
    });
    expect((await mine()).map((item) => item.text)).toEqual(['the app logs me out']);
  });
});

describe('a new computer', () => {
  it('shows the agent’s earlier items and suggests issues from its first sync on', async () => {
    // Earlier items, captured in the browser on another day.
    const earlier: CaptureResult[] = [];
    for (const text of [
      'the parcel arrived late and the box was damaged',
      'parcel arrived late again, damaged box',
    ]) {
      const answer = await callApi(api.url, 'POST', '/api/v1/call/items.capture', {
        token: api.secrets.amy,
        json: { text, channel: 'chat', times_heard: 2 },
      });
      earlier.push(JSON.parse(answer.text) as CaptureResult);
    }
    const desktop = openTestDesktop();
    try {
      expect(await call(desktop, 'feedback.mine', {})).toEqual([]);
      await call(desktop, 'settings.save', {
        displayName: 'amy',
        team: 'support',
        aggregatorUrl: api.url,
        token: api.secrets.amy,
      });
      const state = await desktop.core.sync.syncNow();
      expect(state).toMatchObject({ online: true, pending: 0, error: null });
      const mine = (await call(desktop, 'feedback.mine', {})) as MyFeedbackItem[];
      expect(mine.map((item) => item.id).sort()).toEqual(earlier.map((item) => item.id).sort());
      expect(mine.every((item) => item.sync_state === 'synced' && item.issue !== null)).toBe(true);
      const suggested = (await call(desktop, 'issues.suggest', {
        text: 'my parcel arrived late and damaged',
      })) as Suggestion[];
      expect(suggested[0]?.id).toBe(earlier[0]?.issue_id);

      // Fetched once: nothing is pushed back, and a later sync does not fetch them again.
      await desktop.core.sync.syncNow();
      expect((await storedIds(api)).length).toBe(2);
      // An earlier item can be corrected from this computer like any other.
      await call(desktop, 'items.edit', {
        item_id: earlier[1]?.id,
        text: 'parcel arrived late again, box dented',
      });
      await desktop.core.sync.syncNow();
      expect((await serverItems()).map((item) => item.text)).toContain(
        'parcel arrived late again, box dented',
      );
    } finally {
      await desktop.close();
    }
  });
});
