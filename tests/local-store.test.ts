import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalStore, openLocalStore } from '../src/main/store/local-store.js';
import { InvalidItemError } from '../src/main/store/captured-items.js';
import type { IssueSnapshot } from '../src/main/store/issue-cache.js';

let dir: string;
let store: LocalStore;
/** The aggregator and token the cached issues come from (answerSource makes the real ones). */
const SOURCE = 'source-a';
const now = new Date('2026-11-23T09:00:00Z');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wocas-local-'));
  store = openLocalStore(join(dir, 'local.db'));
  store.issues.useSource(SOURCE);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function issue(
  id: string,
  title: string,
  terms: [string, number][],
  extra: Partial<IssueSnapshot> = {},
): IssueSnapshot {
  return {
    id,
    title,
    status: 'new',
    owner: null,
    mentions: 3,
    times_heard: 4,
    merged_into: null,
    terms,
    ...extra,
  };
}

describe('capturing on the desktop', () => {
  it('redacts personal data before anything reaches the disk', () => {
    store.items.capture(
      {
        text: 'Call me on 07700 900123 or jo@example.com, card 4111 1111 1111 1111',
        root_cause: 'ring 13800138000',
      },
      now,
    );
    store.close();
    const bytes = readdirSync(dir)
      .map((file) => readFileSync(join(dir, file)).toString('latin1'))
      .join('');
    for (const secret of ['07700 900123', 'jo@example.com', '4111 1111 1111 1111', '13800138000']) {
      expect(bytes).not.toContain(secret);
    }
    store = openLocalStore(join(dir, 'local.db'));
    const [saved] = store.outbox.next(10);
    expect(saved?.text).toBe('Call me on [phone] or [email], card [card]');
    expect(saved?.root_cause).toBe('ring [phone]');
  });

  it('queues every saved item in the outbox, in save order, with defaults filled', () => {
    const first = store.items.capture({ text: 'first' }, now);
    store.items.capture({ text: 'second', channel: 'chat', times_heard: 3 }, now);
    expect(store.outbox.pending()).toBe(2);
    const batch = store.outbox.next(10);
    expect(batch.map((item) => item.text)).toEqual(['first', 'second']);
    expect(batch[0]).toMatchObject({
      id: first.id,
      channel: 'phone',
      times_heard: 1,
      created_at: now.toISOString(),
    });
    expect(batch[1]).toMatchObject({ channel: 'chat', times_heard: 3 });
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('saving an id twice keeps one item and one outbox entry', () => {
    store.items.capture({ id: 'fixed-1', text: 'same' }, now);
    store.items.capture({ id: 'fixed-1', text: 'same again' }, now);
    expect(store.items.count()).toBe(1);
    expect(store.outbox.pending()).toBe(1);
    expect(store.items.get('fixed-1')?.text).toBe('same');
  });

  it('refuses invalid input with a clear reason and saves nothing', () => {
    expect(() => store.items.capture({ text: '   ' }, now)).toThrow(InvalidItemError);
    expect(() => store.items.capture({ text: 'x', channel: 'fax' as 'phone' }, now)).toThrow(
      /channel/,
    );
    expect(() => store.items.capture({ text: 'x'.repeat(5_001) }, now)).toThrow(/5000|5,000/);
    expect(store.items.count()).toBe(0);
    expect(store.outbox.pending()).toBe(0);
  });
});

describe('the outbox', () => {
  it('leaves the queue only on acknowledgement; rejected items stay visible', () => {
    const a = store.items.capture({ text: 'a' }, now);
    const b = store.items.capture({ text: 'b' }, now);
    const c = store.items.capture({ text: 'c' }, now);
    store.outbox.recordFailure([a.id, b.id], 'aggregator unreachable');
    expect(store.outbox.pending()).toBe(3);
    store.outbox.acknowledge({
      accepted: [a.id],
      duplicates: [b.id],
      rejected: [{ id: c.id, error: 'text: too long' }],
      issues: { [a.id]: 'iss_1' },
    });
    expect(store.outbox.pending()).toBe(0);
    expect(store.items.get(a.id)).toMatchObject({ sync_state: 'synced', server_issue_id: 'iss_1' });
    expect(store.items.get(b.id)?.sync_state).toBe('synced');
    expect(store.items.get(c.id)).toMatchObject({
      sync_state: 'rejected',
      sync_error: 'text: too long',
    });
  });
});

describe('the issue cache', () => {
  it('suggests open issues like the text being typed, and never closed or merged ones', () => {
    store.issues.apply(
      [
        issue('iss_card', 'Card not arrived', [
          ['card', 2],
          ['arriv', 2],
          ['deliveri', 1],
        ]),
        issue('iss_app', 'App crashes at login', [
          ['app', 2],
          ['crash', 2],
          ['login', 1],
        ]),
        issue(
          'iss_old',
          'Card arrived damaged',
          [
            ['card', 2],
            ['arriv', 2],
          ],
          { status: 'fixed' },
        ),
        issue(
          'iss_gone',
          'Card never arrived',
          [
            ['card', 2],
            ['arriv', 2],
          ],
          { merged_into: 'iss_card' },
        ),
      ],
      'c1',
      SOURCE,
    );
    const suggestions = store.issues.suggest('my new card has not arrived yet');
    expect(suggestions.map((s) => s.id)).toEqual(['iss_card']);
    expect(suggestions[0]).toMatchObject({ title: 'Card not arrived', mentions: 3 });
    // The typed words the cached issue holds, as typed: what tells two of one title apart.
    expect(suggestions[0]?.matched).toEqual(['card', 'arrived']);
    expect(store.issues.suggest('the app keeps crashing')[0]?.id).toBe('iss_app');
    expect(store.issues.suggest('...')).toEqual([]);
    expect(store.issues.cursor()).toBe('c1');
  });

  it('another source forgets every cached issue and the cursor, and keeps captured items', () => {
    const mine = store.items.capture({ text: 'card still not here' }, now);
    store.issues.apply(
      [{ ...issue('iss_card', 'Card not arrived', [['card', 1]]), root_cause: 'Courier strike' }],
      'c4',
      SOURCE,
    );
    expect(store.issues.useSource(SOURCE)).toBe(false);
    expect(store.issues.cursor()).toBe('c4');

    expect(store.issues.useSource('source-b')).toBe(true);
    expect(store.issues.cursor()).toBeUndefined();
    expect(store.db.prepare('SELECT count(*) FROM issues').pluck().get()).toBe(0);
    expect(store.items.get(mine.id)?.sync_state).toBe('pending');
    expect(store.outbox.pending()).toBe(1);
    // A page still on its way from the earlier source is not kept.
    expect(store.issues.apply([issue('iss_late', 'Late', [['late', 1]])], 'c5', SOURCE)).toBe(
      false,
    );
    store.issues.explain({ iss_card: { root_cause: 'Courier strike', note: null } }, SOURCE);
    expect(store.db.prepare('SELECT count(*) FROM issues').pluck().get()).toBe(0);
    // No source configured (the server or token cleared): nothing is kept either.
    store.issues.apply([issue('iss_b', 'B', [['b', 1]])], 'c1', 'source-b');
    expect(store.issues.useSource(null)).toBe(true);
    expect(store.issues.source()).toBeUndefined();
    expect(store.db.prepare('SELECT count(*) FROM issues').pluck().get()).toBe(0);
  });

  it('a reset forgets the cache and its cursor', () => {
    store.issues.apply([issue('iss_card', 'Card not arrived', [['card', 1]])], 'c9', SOURCE);
    store.issues.reset();
    expect(store.issues.cursor()).toBeUndefined();
    expect(store.issues.suggest('card')).toEqual([]);
  });
});

describe('my feedback (close the loop)', () => {
  it("shows each item's issue and status, follows merges, and highlights unseen changes", () => {
    const mine = store.items.capture({ text: 'card still not here' }, now);
    store.outbox.acknowledge({
      accepted: [mine.id],
      duplicates: [],
      rejected: [],
      issues: { [mine.id]: 'iss_a' },
    });
    store.issues.apply([issue('iss_a', 'Card not arrived', [['card', 1]])], 'c1', SOURCE);
    store.myFeedback.markSeen(['iss_a']);
    expect(store.myFeedback.list()[0]).toMatchObject({
      issue: { id: 'iss_a', status: 'new' },
      unseen: false,
    });

    store.issues.apply(
      [
        issue('iss_a', 'Card not arrived', [['card', 1]], {
          status: 'fix_in_progress',
          owner: 'Dana (cards)',
        }),
      ],
      'c2',
      SOURCE,
    );
    expect(store.myFeedback.list()[0]).toMatchObject({
      issue: { status: 'fix_in_progress', owner: 'Dana (cards)' },
      unseen: true,
    });

    store.issues.apply(
      [
        issue('iss_a', 'Card not arrived', [['card', 1]], { merged_into: 'iss_b' }),
        issue('iss_b', 'Card delivery delays', [['card', 1]], { status: 'investigating' }),
      ],
      'c3',
      SOURCE,
    );
    expect(store.myFeedback.list()[0]?.issue).toMatchObject({
      id: 'iss_b',
      title: 'Card delivery delays',
      status: 'investigating',
    });
  });

  it('lists pending items too, newest first', () => {
    store.items.capture({ text: 'older' }, now);
    store.items.capture({ text: 'newer' }, now);
    expect(store.myFeedback.list().map((item) => [item.text, item.sync_state, item.issue])).toEqual(
      [
        ['newer', 'pending', null],
        ['older', 'pending', null],
      ],
    );
  });
});
