import { type AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../src/shared/api/call-args.js';
import { joinHandlers } from '../src/shared/api/join-handlers.js';
import {
  type MyFeedbackItem,
  type Session,
  type Suggestion,
  type Taxonomy,
} from '../src/shared/api/contract.js';
import {
  DESKTOP_METHOD_NAMES,
  type DesktopSettingsView,
  type SettingsSaved,
} from '../src/shared/desktop/desktop-api.js';
import { DESKTOP_METHODS, desktopHandlers } from '../src/main/ipc/desktop-handlers.js';
import type { DesktopHandler, DesktopHandlers } from '../src/main/ipc/handler-map.js';
import { captureHandlers } from '../src/main/ipc/capture-handlers.js';
import { sessionHandlers } from '../src/main/ipc/session-handlers.js';
import { changes } from '../src/server/storage/sql.js';
import { type ApiFixture, startApi } from './support/http-fixture.js';
import { nodeSecretBox } from './support/node-secret-box.js';
import { type TestDesktop, call, openTestDesktop } from './support/test-desktop.js';

let desktop: TestDesktop;
beforeEach(() => {
  desktop = openTestDesktop();
});
afterEach(() => desktop.close());

async function refusal(
  method: unknown,
  args: unknown = {},
): Promise<{ code: string; message: string }> {
  const reply = await desktop.core.dispatch(method, args);
  if (reply.ok) throw new Error(`${String(method)} was answered: ${JSON.stringify(reply.result)}`);
  return reply.error;
}

const setUp = (args: Record<string, unknown> = {}) =>
  call(desktop, 'settings.save', { displayName: 'amy', team: 'support', ...args });

describe('the desktop IPC surface', () => {
  it('answers every method of the shared contract and the desktop contract, once', () => {
    expect(Object.keys(desktopHandlers()).sort()).toEqual(
      [...METHOD_NAMES, ...DESKTOP_METHOD_NAMES].sort(),
    );
    expect(DESKTOP_METHODS).toHaveLength(METHOD_NAMES.length + DESKTOP_METHOD_NAMES.length);
  });

  it('refuses a method defined twice, one missing, and one no contract names', () => {
    expect(() =>
      joinHandlers<DesktopHandlers>('IPC', ['items.capture'], captureHandlers, {
        'items.capture': captureHandlers['items.capture'] as DesktopHandler<'items.capture'>,
      }),
    ).toThrow('IPC method items.capture is defined twice');
    expect(() =>
      joinHandlers<DesktopHandlers>('IPC', ['session.whoami', 'sync.now'], sessionHandlers),
    ).toThrow('IPC methods without a handler: sync.now');
    expect(() => joinHandlers<DesktopHandlers>('IPC', ['session.whoami'], sessionHandlers)).toThrow(
      'IPC handlers for methods no contract names: meta.taxonomy',
    );
  });

  it('refuses unknown methods and names that are not strings', async () => {
    expect(await refusal('items.delete')).toEqual({
      code: 'unknown_method',
      message: 'no such method: items.delete',
    });
    expect(await refusal({ toString: 'items.capture' })).toEqual({
      code: 'unknown_method',
      message: 'no such method: object',
    });
    expect(await refusal('__proto__')).toMatchObject({ code: 'unknown_method' });
    expect(await refusal('constructor')).toMatchObject({ code: 'unknown_method' });
  });
});

describe('first run and capture, offline', () => {
  it('works before any setup: an agent with no name yet, items saved locally', async () => {
    expect(await call(desktop, 'settings.get')).toMatchObject({
      configured: false,
      hasToken: false,
      aggregatorUrl: null,
    } satisfies Partial<DesktopSettingsView>);
    expect(await call(desktop, 'session.whoami')).toEqual({
      name: '',
      role: 'agent',
      team: null,
      mode: 'desktop',
    } satisfies Session);
    const saved = await call(desktop, 'items.capture', {
      text: 'The app logs me out every time I switch to another app',
    });
    expect(saved).toEqual({
      id: expect.any(String) as unknown,
      synced: false,
      issue_id: null,
      redactions: 0,
    });
    expect(await call(desktop, 'sync.status')).toMatchObject({
      configured: false,
      pending: 1,
      online: false,
    });
  });

  it('fills in the agent and team from the settings, never from the renderer', async () => {
    await setUp();
    const { id } = (await call(desktop, 'items.capture', {
      text: 'Card declined abroad',
      channel: 'chat',
      times_heard: 3,
      segment: 'premium',
    })) as { id: string };
    expect(desktop.core.store.items.get(id)).toMatchObject({
      agent: 'amy',
      team: 'support',
      channel: 'chat',
      times_heard: 3,
      segment: 'premium',
      sync_state: 'pending',
    });
    expect(await refusal('items.capture', { text: 'x', agent: 'bo' })).toEqual({
      code: 'invalid_arguments',
      message: 'invalid arguments: unknown field(s): agent',
    });
    expect(await call(desktop, 'session.whoami')).toEqual({
      name: 'amy',
      role: 'agent',
      team: 'support',
      mode: 'desktop',
    });
  });

  it('gives items captured before setup the name the agent then chooses', async () => {
    const { id } = (await call(desktop, 'items.capture', {
      text: 'Cannot find the invoice download',
    })) as { id: string };
    expect(desktop.core.store.items.get(id)?.agent).toBeNull();
    await setUp();
    expect(desktop.core.store.items.get(id)?.agent).toBe('amy');
    await call(desktop, 'settings.save', { displayName: 'Amy Lee' });
    expect(desktop.core.store.items.get(id)?.agent).toBe('Amy Lee');
  });

  it('redacts personal data before it is saved, and says how much', async () => {
    const saved = (await call(desktop, 'items.capture', {
      text: 'Call me back on 07700 900123 or amy@example.com',
    })) as { id: string; redactions: number };
    expect(saved.redactions).toBe(2);
    expect(desktop.core.store.items.get(saved.id)?.text).toBe('Call me back on [phone] or [email]');
  });

  it('validates every argument before use, naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /text: /],
      [{ text: '   ' }, /text: is empty/],
      [{ text: 'x'.repeat(5_001) }, /text: is longer than 5000 characters/],
      [{ text: 'x', channel: 'fax' }, /channel/],
      [{ text: 'x', times_heard: 0 }, /times_heard/],
      [{ text: 'x', times_heard: 1.5 }, /times_heard/],
      [{ text: 42 }, /text/],
      [[], /expected object/],
      ['text', /expected object/],
    ];
    for (const [args, message] of cases) {
      const error = await refusal('items.capture', args);
      expect(error.code).toBe('invalid_arguments');
      expect(error.message).toMatch(message);
    }
    expect(desktop.core.store.items.count()).toBe(0);
    expect(await refusal('issues.suggest', { text: 'x', limit: 50 })).toMatchObject({
      code: 'invalid_arguments',
    });
    expect(await refusal('feedback.mine', { limit: -1 })).toMatchObject({
      code: 'invalid_arguments',
    });
    expect(await refusal('feedback.markSeen', { issueIds: ['x'.repeat(65)] })).toMatchObject({
      code: 'invalid_arguments',
    });
    expect(await refusal('session.whoami', { as: 'admin' })).toMatchObject({
      code: 'invalid_arguments',
    });
    expect(await refusal('settings.get', { token: true })).toMatchObject({
      code: 'invalid_arguments',
    });
  });

  it('lists the agent’s own items, newest first, in the contract’s shape', async () => {
    await setUp();
    await call(desktop, 'items.capture', { text: 'first thing' });
    await call(desktop, 'items.capture', { text: 'second thing' });
    const mine = (await call(desktop, 'feedback.mine', { limit: 10 })) as MyFeedbackItem[];
    expect(mine.map((item) => item.text)).toEqual(['second thing', 'first thing']);
    expect(Object.keys(mine[0] as object).sort()).toEqual([
      'created_at',
      'id',
      'issue',
      'sync_state',
      'text',
      'unseen',
    ]);
    expect(mine[0]).toMatchObject({
      sync_state: 'pending',
      issue: null,
      unseen: false,
      created_at: '2026-11-20T09:00:00.000Z',
    });
  });

  it('offers the channels, the agent’s team and the segments used so far', async () => {
    await setUp({ team: 'billing' });
    await call(desktop, 'items.capture', { text: 'x', segment: 'premium' });
    expect(await call(desktop, 'meta.taxonomy')).toEqual({
      channels: ['phone', 'email', 'chat', 'sms', 'social', 'other'],
      teams: ['billing'],
      segments: ['premium'],
    } satisfies Taxonomy);
  });

  it('answers the analysts’ methods with a clear "not in the desktop app"', async () => {
    for (const method of [
      'issues.rank',
      'issues.detail',
      'stats.trend',
      'stats.breakdown',
      'team.summary',
    ]) {
      expect(await refusal(method, {})).toEqual({
        code: 'not_available',
        message: `${method} is not available in the desktop app: insights are in the WOCAS web UI on the aggregator.`,
      });
    }
    for (const method of ['costs.show', 'costs.set', 'webhooks.list', 'webhooks.add']) {
      expect(await refusal(method, {})).toEqual({
        code: 'not_available',
        message: `${method} is not available in the desktop app: cost and webhook settings are in the WOCAS web UI on the aggregator, for admins.`,
      });
    }
  });

  it('reports an unexpected failure without its details, and logs it', async () => {
    desktop.core.store.db.close();
    expect(await refusal('feedback.mine')).toEqual({
      code: 'internal',
      message: "feedback.mine failed unexpectedly; the details are in the app's log",
    });
    expect(String(desktop.logged[0])).toMatch(/database connection is not open/);
  });
});

describe('settings over IPC', () => {
  it('never hands the token to the renderer', async () => {
    const token = 'wocas_secret-token-value-1234567890';
    const saved = (await setUp({
      aggregatorUrl: 'https://wocas.example.com',
      token,
    })) as SettingsSaved;
    expect(JSON.stringify(saved)).not.toContain(token);
    expect(saved.settings).toMatchObject({
      configured: true,
      hasToken: true,
      aggregatorUrl: 'https://wocas.example.com',
    });
    expect(JSON.stringify(await call(desktop, 'settings.get'))).not.toContain(token);
    expect(desktop.core.settings.token()).toBe(token);
  });

  it('asks for the token again before talking to another server, and keeps the update feed its own', async () => {
    const token = 'wocas_secret-token-value-1234567890';
    await setUp({ aggregatorUrl: 'https://wocas.example.com', token });
    expect(await refusal('settings.save', { aggregatorUrl: 'https://evil.example.com' })).toEqual({
      code: 'invalid_arguments',
      message: expect.stringMatching(
        /^invalid arguments: token: is needed again for a new aggregator/,
      ) as unknown,
    });
    expect(await call(desktop, 'settings.get')).toMatchObject({
      aggregatorUrl: 'https://wocas.example.com',
      hasToken: true,
    });
    expect(
      await refusal('settings.save', { updateFeedUrl: 'https://evil.example.com/feed' }),
    ).toMatchObject({
      code: 'invalid_arguments',
      message: expect.stringMatching(/updateFeedUrl/) as unknown,
    });
    expect(desktop.core.settings.current().updateFeedUrl).toBeNull();
  });

  it('refuses to store a token when the keychain is unavailable', async () => {
    await desktop.close();
    desktop = openTestDesktop({
      secretBox: nodeSecretBox({ unavailable: 'no keyring is running (GNOME Keyring or KWallet)' }),
    });
    expect(
      await refusal('settings.save', { displayName: 'amy', token: 'wocas_abcdefghijklmnop' }),
    ).toEqual({
      code: 'refused',
      message: 'The token was not saved: no keyring is running (GNOME Keyring or KWallet)',
    });
    expect(await call(desktop, 'settings.get')).toMatchObject({
      configured: false,
      hasToken: false,
    });
  });

  it('registers a new hotkey before saving it, and keeps the old one when another program holds it', async () => {
    await desktop.close();
    desktop = openTestDesktop({ takenHotkeys: ['Ctrl+Alt+Space'] });
    expect(await call(desktop, 'settings.save', { hotkey: 'ctrl+shift+k' })).toMatchObject({
      settings: { hotkey: 'Ctrl+Shift+K' },
      hotkeyError: null,
    });
    const taken = (await call(desktop, 'settings.save', {
      hotkey: 'Ctrl+Alt+Space',
      pasteOnHotkey: true,
    })) as SettingsSaved;
    expect(taken.hotkeyError).toBe(
      'Hotkey: Ctrl+Alt+Space is already taken by another program; choose another combination in Settings. Ctrl+Shift+K stays active.',
    );
    expect(taken.settings).toMatchObject({ hotkey: 'Ctrl+Shift+K', pasteOnHotkey: true });
    expect([...desktop.registered]).toEqual(['Ctrl+Shift+K']);
    expect(await refusal('settings.save', { hotkey: 'Shift+A' })).toEqual({
      code: 'invalid_arguments',
      message:
        'Hotkey: Shift+A types a character in every program: add Ctrl, Alt or Super, for example Ctrl+Shift+A.',
    });
  });

  it('shows softphone scripts where to post and the secret to send', async () => {
    await desktop.core.start();
    const view = (await call(desktop, 'settings.get')) as DesktopSettingsView;
    expect(view.softphone).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1\/capture$/) as unknown,
      port: 47_611,
      secret: desktop.core.settings.current().softphoneSecret,
      error: null,
    });
  });
});

describe('softphone pre-fill', () => {
  it('opens the panel pre-filled from a link, for the UI to take once it has loaded', async () => {
    expect(
      desktop.core.openLink(
        'wocas://capture?contact=CT-9&queue=Cards&channel=phone&text=Card%20blocked',
      ),
    ).toMatchObject({ ok: true });
    expect(desktop.panelShown()).toBe(1);
    expect(await call(desktop, 'capture.takePrefill')).toEqual({
      source: 'link',
      contact: 'CT-9',
      queue: 'Cards',
      channel: 'phone',
      text: 'Card blocked',
    });
    expect(await call(desktop, 'capture.takePrefill')).toBeNull();
    expect(desktop.core.store.items.count()).toBe(0);
  });

  it('sends a call-end request to a loaded UI as an event, and saves nothing', async () => {
    await desktop.core.start();
    await call(desktop, 'capture.takePrefill');
    const { url, secret } = ((await call(desktop, 'settings.get')) as DesktopSettingsView)
      .softphone;
    const response = await fetch(url as string, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ contact: 'CT-10', text: 'wants a refund' }),
    });
    expect(response.status).toBe(202);
    expect(desktop.events.filter((e) => e.event === 'capture.prefill')).toEqual([
      {
        event: 'capture.prefill',
        payload: { source: 'endpoint', contact: 'CT-10', text: 'wants a refund' },
      },
    ]);
    expect(desktop.panelShown()).toBe(1);
    expect(desktop.core.store.items.count()).toBe(0);
  });

  it('still opens the panel for a link it refuses, and pre-fills nothing', () => {
    expect(desktop.core.openLink('wocas://capture?channel=fax')).toEqual({
      ok: false,
      message: 'channel: must be one of phone, email, chat, sms, social, other',
    });
    expect(desktop.panelShown()).toBe(1);
    expect(desktop.events).toEqual([]);
  });
});

describe('with a real aggregator', () => {
  let api: ApiFixture;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(() => api.close());

  it('suggests issues from the synced cache, and clears "unseen" once the agent has looked', async () => {
    await setUp({ aggregatorUrl: api.url, token: api.secrets.amy });
    await call(desktop, 'items.capture', { text: 'my new debit card has not arrived yet' });
    await call(desktop, 'items.capture', { text: 'still waiting for the debit card to arrive' });
    expect(await call(desktop, 'sync.now')).toMatchObject({
      configured: true,
      online: true,
      pending: 0,
      error: null,
    });

    const suggestions = (await call(desktop, 'issues.suggest', {
      text: 'debit card not arrived',
      limit: 3,
    })) as Suggestion[];
    expect(suggestions.length).toBeGreaterThan(0);
    const [best] = suggestions;
    expect(best).toMatchObject({ status: 'new', mentions: 2 });
    expect(best?.similarity).toBe(Math.round((best?.similarity ?? 0) * 1000) / 1000);
    expect(await call(desktop, 'issues.suggest', { text: 'the and of' })).toEqual([]);

    await api.aggregator.storage.write((tx) =>
      changes(tx, sql`UPDATE issues SET status = 'investigating' WHERE id = ${best?.id}`),
    );
    await call(desktop, 'sync.now');
    const mine = (await call(desktop, 'feedback.mine')) as MyFeedbackItem[];
    expect(mine.map((item) => [item.sync_state, item.issue?.status, item.unseen])).toEqual([
      ['synced', 'investigating', true],
      ['synced', 'investigating', true],
    ]);
    expect(await call(desktop, 'feedback.markSeen', { issueIds: [best?.id] })).toEqual({
      ok: true,
    });
    expect(
      ((await call(desktop, 'feedback.mine')) as MyFeedbackItem[]).every((item) => !item.unseen),
    ).toBe(true);
  });

  it('never sends the stored token to a server the renderer points it at', async () => {
    const seen: (string | undefined)[] = [];
    const other = createServer((request, response) => {
      seen.push(request.headers.authorization);
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"no"}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      await setUp({ aggregatorUrl: api.url, token: api.secrets.amy });
      await call(desktop, 'items.capture', { text: 'parcel arrived damaged' });
      expect(await call(desktop, 'sync.now')).toMatchObject({ pending: 0, error: null });
      expect((await refusal('settings.save', { aggregatorUrl: otherUrl })).code).toBe(
        'invalid_arguments',
      );
      await call(desktop, 'items.capture', { text: 'parcel arrived late' });
      expect(await call(desktop, 'sync.now')).toMatchObject({ pending: 0, error: null });
      expect(seen).toEqual([]);
      // With its own token the other server is used, and only that token goes there.
      await setUp({ aggregatorUrl: otherUrl, token: 'wocas_token-for-the-other-server' });
      await call(desktop, 'items.capture', { text: 'parcel never arrived' });
      await call(desktop, 'sync.now');
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen)).toEqual(new Set(['Bearer wocas_token-for-the-other-server']));
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('offers the teams and segments the aggregator knows, cached for offline use', async () => {
    await setUp({ aggregatorUrl: api.url, token: api.secrets.amy });
    const bo = api.secrets.bo;
    await fetch(`${api.url}/api/v1/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bo}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        items: [
          {
            id: 'b1',
            text: 'price went up',
            team: 'sales',
            segment: 'smb',
            created_at: '2026-11-18T09:00:00Z',
          },
        ],
      }),
    });
    await call(desktop, 'sync.now');
    await api.close();
    api = await startApi();
    expect(await call(desktop, 'meta.taxonomy')).toMatchObject({
      teams: ['sales', 'support'],
      segments: ['smb'],
    });
  });
});
