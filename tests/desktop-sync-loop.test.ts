import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesktopSyncState } from '../src/shared/desktop/desktop-api.js';
import { type LocalStore, openLocalStore } from '../src/main/store/local-store.js';
import { TaxonomyCache } from '../src/main/store/taxonomy-cache.js';
import { notificationsFor } from '../src/main/sync/status-changes.js';
import { syncStatusText } from '../src/main/sync/sync-status-text.js';
import { type Credentials, SyncLoop } from '../src/main/sync/sync-loop.js';
import type { MyFeedbackItem } from '../src/shared/api/contract.js';
import { updateIssue } from '../src/server/issues/issue-actions.js';
import { changes, first, rows } from '../src/server/storage/sql.js';
import { type FaultyProxy, startFaultyProxy } from './support/faulty-proxy.js';
import { type ApiFixture, NOW, startApi, storedIds } from './support/http-fixture.js';
import {
  INSTANT_SYNC,
  ManualScheduler,
  type TestDesktop,
  call,
  openTestDesktop,
} from './support/test-desktop.js';

let api: ApiFixture;
beforeEach(async () => {
  api = await startApi();
});
afterEach(() => api.close());

/** The issue of the one item on the aggregator. */
async function onlyIssue(): Promise<string> {
  const row = await first(
    api.aggregator.storage,
    sql<{ issue_id: string }>`SELECT issue_id FROM items`,
  );
  return row!.issue_id;
}

/** Changes an issue's status on the aggregator, as an analyst would. */
async function setStatus(issueId: string, status: string): Promise<void> {
  await api.aggregator.storage.write((tx) =>
    changes(tx, sql`UPDATE issues SET status = ${status} WHERE id = ${issueId}`),
  );
}

/** Fires the one timer waiting (as its time had come) and waits for the run it starts. */
async function tick(
  scheduler: ManualScheduler,
  loop: { syncNow(): Promise<DesktopSyncState> },
): Promise<DesktopSyncState> {
  const [entry] = [...scheduler.pending];
  if (!entry) throw new Error('nothing scheduled');
  scheduler.pending.delete(entry[0]);
  entry[1].run();
  return loop.syncNow();
}

const syncStates = (desktop: TestDesktop) =>
  desktop.events.flatMap((e) => (e.event === 'sync.state' ? [e.payload] : []));

describe('the background sync loop, in the desktop core', () => {
  let desktop: TestDesktop;
  beforeEach(() => {
    desktop = openTestDesktop();
  });
  afterEach(() => desktop.close());

  const setUp = (args: Record<string, unknown> = {}) =>
    call(desktop, 'settings.save', {
      displayName: 'amy',
      team: 'support',
      aggregatorUrl: api.url,
      token: api.secrets.amy,
      ...args,
    });

  it('without an aggregator, says so, keeps items pending and checks again at the interval', async () => {
    await call(desktop, 'items.capture', { text: 'offline before any setup' });
    desktop.core.sync.start();
    expect(desktop.scheduler.delays()).toEqual([0]);
    const state = await tick(desktop.scheduler, desktop.core.sync);
    expect(state).toEqual({
      configured: false,
      online: false,
      syncing: false,
      pending: 1,
      last_synced_at: null,
      offline_since: null,
      error: null,
    });
    expect(desktop.scheduler.delays()).toEqual([30_000]);
  });

  it('shows pending items, sends them soon after a capture, then shows them synced', async () => {
    await setUp();
    desktop.core.sync.start();
    await tick(desktop.scheduler, desktop.core.sync);
    await call(desktop, 'items.capture', { text: 'the new tariff doubled my bill' });
    await call(desktop, 'items.capture', { text: 'bill doubled after the tariff change' });
    expect(desktop.core.sync.state()).toMatchObject({ pending: 2, online: true });
    expect(desktop.scheduler.delays()).toEqual([1_000]);
    desktop.now.value = new Date('2026-11-20T09:05:00Z');
    const state = await tick(desktop.scheduler, desktop.core.sync);
    expect(state).toEqual({
      configured: true,
      online: true,
      syncing: false,
      pending: 0,
      last_synced_at: '2026-11-20T09:05:00.000Z',
      offline_since: null,
      error: null,
    });
    expect(await storedIds(api)).toHaveLength(2);
    expect(syncStates(desktop).some((s) => s.syncing && s.pending === 2)).toBe(true);
    expect(desktop.scheduler.delays()).toEqual([30_000]);
  });

  it('notifies the agent when an issue they reported changes status, once', async () => {
    await setUp();
    await call(desktop, 'items.capture', { text: 'the router keeps dropping wifi every evening' });
    await desktop.core.sync.syncNow();
    expect(desktop.notified).toEqual([]);
    const issueId = await onlyIssue();
    // The analyst's path: status, owner, confirmed cause and a note reach the agent's desktop.
    const update = {
      status: 'fixed',
      owner: 'Home broadband',
      root_cause: 'Router firmware 2.1',
      note: 'Firmware 2.2 pushed',
    };
    await updateIssue(api.aggregator.storage, issueId, update, { now: NOW, actor: 'ana' });
    await desktop.core.sync.syncNow();
    expect(desktop.notified).toEqual([
      [
        {
          issueId,
          title: expect.any(String) as unknown,
          from: 'new',
          to: 'fixed',
          owner: 'Home broadband',
          rootCause: 'Router firmware 2.1',
          note: 'Firmware 2.2 pushed',
        },
      ],
    ]);
    const mine = (await call(desktop, 'feedback.mine', {})) as MyFeedbackItem[];
    expect(mine[0]?.issue).toMatchObject({
      root_cause: 'Router firmware 2.1',
      note: 'Firmware 2.2 pushed',
    });
    expect(desktop.events.filter((e) => e.event === 'feedback.changed').at(-1)).toEqual({
      event: 'feedback.changed',
      payload: { count: 1 },
    });
    await desktop.core.sync.syncNow();
    expect(desktop.notified).toHaveLength(1);
  });

  it('notices a change that happened while the app was closed', async () => {
    await setUp();
    await call(desktop, 'items.capture', { text: 'the router keeps dropping wifi every evening' });
    await desktop.core.sync.syncNow();
    const dir = desktop.dir;
    await desktop.core.close();
    const issueId = await onlyIssue();
    await setStatus(issueId, 'wont_fix');
    const relaunched = openTestDesktop({ dir });
    try {
      await relaunched.core.sync.syncNow();
      expect(relaunched.notified).toEqual([
        [expect.objectContaining({ issueId, from: 'new', to: 'wont_fix' })],
      ]);
    } finally {
      await relaunched.core.close();
    }
  });

  it('holds items back, saying why, while the token belongs to another name; sends them once fixed', async () => {
    await setUp({ displayName: 'Amy Lee' });
    await call(desktop, 'items.capture', { text: 'cannot reset my password' });
    const state = await desktop.core.sync.syncNow();
    expect(state).toMatchObject({ online: true, pending: 1, offline_since: null });
    expect(state.error).toBe(
      'This token belongs to "amy" but your display name is "Amy Lee": set your display name to "amy" in Settings. Your items wait on this computer.',
    );
    expect(await storedIds(api)).toEqual([]);
    await call(desktop, 'settings.save', { displayName: 'amy' });
    expect(await desktop.core.sync.syncNow()).toMatchObject({ pending: 0, error: null });
    const agents = await rows(
      api.aggregator.storage,
      sql<{ agent: string | null }>`SELECT agent FROM items`,
    );
    expect(agents.map((row) => row.agent)).toEqual(['amy']);
  });

  it('refuses to push with a team lead’s token, and explains', async () => {
    await setUp({ token: api.secrets.lee, displayName: 'lee' });
    await call(desktop, 'items.capture', { text: 'x' });
    expect((await desktop.core.sync.syncNow()).error).toMatch(
      /team lead's \("lee"\); capturing needs an agent token/,
    );
  });

  it('tells a refused token (online, but stopped) from an unreachable aggregator', async () => {
    await setUp({ token: 'wocas_revoked-or-mistyped-token' });
    const state = await desktop.core.sync.syncNow();
    expect(state).toMatchObject({ configured: true, online: true, offline_since: null });
    expect(state.error).toMatch(/aggregator refused \(401\)/);
  });

  it('says what to do when the stored token can no longer be decrypted', async () => {
    await setUp();
    const dir = desktop.dir;
    await desktop.core.close();
    const { nodeSecretBox } = await import('./support/node-secret-box.js');
    const elsewhere = openTestDesktop({ dir, secretBox: nodeSecretBox() });
    try {
      expect(await elsewhere.core.sync.syncNow()).toMatchObject({
        configured: false,
        error: expect.stringMatching(/can no longer be decrypted.*enter it again/) as unknown,
      });
    } finally {
      await elsewhere.core.close();
    }
  });
});

describe('SyncLoop backoff and offline state', () => {
  let dir: string;
  let store: LocalStore;
  let proxy: FaultyProxy;
  let down: boolean;
  let now: Date;
  let states: DesktopSyncState[];
  let scheduler: ManualScheduler;
  let options: ConstructorParameters<typeof SyncLoop>[0];
  let loop: SyncLoop;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wocas-loop-'));
    store = openLocalStore(join(dir, 'local.db'));
    down = true;
    proxy = await startFaultyProxy(api.url, () => (down ? { kind: 'refuse' } : { kind: 'pass' }));
    now = new Date('2026-11-20T09:00:00Z');
    states = [];
    scheduler = new ManualScheduler();
    const credentials: Credentials = { ok: true, baseUrl: proxy.url, token: api.secrets.amy };
    options = {
      store,
      taxonomy: new TaxonomyCache(store.db),
      credentials: () => credentials,
      displayName: () => 'amy',
      intervalMs: () => 30_000,
      clock: () => now.getTime(),
      scheduler,
      random: () => 1,
      maxBackoffMs: 600_000,
      syncOptions: INSTANT_SYNC,
      onState: (state) => states.push(state),
      onStatusChanges: () => undefined,
      onUnseen: () => undefined,
    };
    loop = new SyncLoop(options);
  });
  afterEach(async () => {
    await loop.stop();
    store.close();
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits twice as long after each failure, up to a ceiling, and remembers since when it is offline', async () => {
    store.items.capture({ text: 'captured while the network is down', agent: 'amy' }, now);
    loop.start();
    const delays: number[] = [];
    for (let run = 0; run < 7; run++) {
      const state = await tick(scheduler, loop);
      expect(state).toMatchObject({
        online: false,
        pending: 1,
        offline_since: '2026-11-20T09:00:00.000Z',
        error: expect.stringMatching(/unreachable/) as unknown,
      });
      delays.push(...scheduler.delays());
      now = new Date(now.getTime() + 60_000);
    }
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);

    // A capture while offline does not hammer the aggregator: the backoff timer stays.
    store.items.capture({ text: 'another one', agent: 'amy' }, now);
    loop.captured();
    expect(scheduler.delays()).toEqual([600_000]);

    down = false;
    const back = await tick(scheduler, loop);
    expect(back).toMatchObject({
      online: true,
      pending: 0,
      offline_since: null,
      error: null,
      last_synced_at: now.toISOString(),
    });
    expect(scheduler.delays()).toEqual([30_000]);
    expect(await storedIds(api)).toHaveLength(2);
  });

  it('spreads retries with jitter between half and all of the backoff', async () => {
    const jittered = new SyncLoop({ ...options, random: () => 0 });
    jittered.start();
    await tick(scheduler, jittered);
    expect(scheduler.delays()).toEqual([15_000]);
    await jittered.stop();
  });

  it('runs one sync at a time: a second request joins the run under way', async () => {
    down = false;
    store.items.capture({ text: 'x', agent: 'amy' }, now);
    const first = loop.syncNow();
    const second = loop.syncNow();
    expect(second).toBe(first);
    expect(await first).toMatchObject({ pending: 0 });
  });

  it('stops scheduling, after letting the run under way finish', async () => {
    down = false;
    store.items.capture({ text: 'x', agent: 'amy' }, now);
    const run = loop.syncNow();
    await loop.stop();
    expect(scheduler.delays()).toEqual([]);
    expect(await run).toMatchObject({ pending: 0 });
  });
});

describe('what the shell shows of the sync state', () => {
  const base: DesktopSyncState = {
    configured: true,
    online: true,
    syncing: false,
    pending: 0,
    last_synced_at: '2026-11-20T09:05:00.000Z',
    offline_since: null,
    error: null,
  };
  const time = (iso: string) => iso.slice(11, 16);

  it('reads synced, pending N, or offline since a time', () => {
    expect(syncStatusText(base, time)).toBe('Synced 09:05');
    expect(syncStatusText({ ...base, pending: 3 }, time)).toBe('Pending 3');
    expect(
      syncStatusText(
        {
          ...base,
          online: false,
          pending: 1,
          offline_since: '2026-11-20T08:10:00.000Z',
          error: 'unreachable',
        },
        time,
      ),
    ).toBe('Offline since 08:10 · 1 item pending');
    expect(syncStatusText({ ...base, error: 'aggregator refused (401): bad token' }, time)).toBe(
      'Sync stopped: aggregator refused (401): bad token',
    );
    expect(syncStatusText({ ...base, configured: false, online: false, pending: 2 }, time)).toBe(
      'Not syncing (no aggregator set) · 2 items pending',
    );
    expect(syncStatusText({ ...base, syncing: true, pending: 2 }, time)).toBe(
      'Syncing… · 2 items pending',
    );
  });

  it('words status-change notifications for the agent, summarising many', () => {
    const change = {
      issueId: 'iss_1',
      title: 'Card not arrived',
      from: 'new' as const,
      to: 'fix_in_progress' as const,
    };
    expect(notificationsFor([change])).toEqual([
      { title: 'WOCAS: your feedback moved', body: '"Card not arrived" is now being fixed.' },
    ]);
    // Closing the loop in one line: status, owner, the confirmed cause and the analyst's note.
    const explained = {
      ...change,
      owner: 'Cards team',
      rootCause: 'Courier strike',
      note: 'New cards sent by post.',
    };
    expect(notificationsFor([explained])).toEqual([
      {
        title: 'WOCAS: your feedback moved',
        body: '"Card not arrived" is now being fixed · owner: Cards team · cause: Courier strike · New cards sent by post.',
      },
    ]);
    expect(notificationsFor([change, change, change, change])).toEqual([
      {
        title: 'WOCAS: your feedback moved',
        body: '4 issues you reported changed status. Open "My feedback" to see them.',
      },
    ]);
  });
});
