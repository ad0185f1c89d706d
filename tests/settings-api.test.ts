import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CostSettings, WebhookStatus } from '../src/shared/api/contract.js';
import { deliverDue } from '../src/server/webhooks/webhook-delivery.js';
import { runWocas } from './support/built-cli.js';
import { type ApiFixture, type Holder, NOW, call, startApi } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

/** A port nothing listens on: a server's, closed again. */
async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}

/** A receiver that answers 200 to everything. */
async function acceptingUrl(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume().on('end', () => response.writeHead(200).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ok`, server };
}

for (const backend of backendCases) {
  describe.skipIf(backend.skip)(`channel costs and webhooks over the API (${backend.name})`, () => {
    let api: ApiFixture;
    let dir: string;
    const servers: Server[] = [];
    const wocas = (...args: string[]) => runWocas([...args, ...api.store.cliFlags], dir);
    const invoke = (holder: Holder, method: string, json: unknown = {}) =>
      call(api.url, 'POST', `/api/v1/call/${method}`, { token: api.secrets[holder], json });

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'wocas-settings-'));
      api = await startApi(backend);
    });
    afterEach(async () => {
      for (const server of servers.splice(0)) server.close();
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('an admin sets channel costs; leads and analysts read them; the CLI sees the same settings', async () => {
      const empty = await invoke('ana', 'costs.show');
      expect(empty.status).toBe(200);
      expect(JSON.parse(empty.text)).toEqual({ currency: 'USD', channels: {} });
      const set = await invoke('root', 'costs.set', {
        channel: 'phone',
        minutes: 8,
        per_minute: 1.5,
        currency: 'EUR',
      });
      expect(set.status).toBe(200);
      await invoke('root', 'costs.set', { channel: 'chat', minutes: 12.5, per_minute: 0.4 });
      const expected: CostSettings = {
        currency: 'EUR',
        channels: {
          chat: { minutes: 12.5, per_minute: 0.4 },
          phone: { minutes: 8, per_minute: 1.5 },
        },
      };
      for (const holder of ['lee', 'ana', 'root'] as const) {
        const shown = await invoke(holder, 'costs.show');
        expect(JSON.parse(shown.text)).toEqual(expected);
      }
      expect(JSON.parse(wocas('cost', 'show', '--json').stdout)).toEqual(expected);
      const agent = await invoke('amy', 'costs.show');
      expect(agent.status).toBe(403);
    }, 60_000);

    it('refuses cost and webhook changes to agents, leads and analysts, and webhook lists too', async () => {
      const changes: [string, unknown][] = [
        ['costs.set', { channel: 'phone', minutes: 1, per_minute: 1 }],
        ['webhooks.add', { url: 'https://chat.example/hook' }],
        ['webhooks.remove', { id: 'whk_x' }],
        ['webhooks.list', {}],
      ];
      const refusals: string[] = [];
      for (const holder of ['amy', 'lee', 'ana'] as const) {
        for (const [method, args] of changes) {
          const answer = await invoke(holder, method, args);
          expect(answer.status).toBe(403);
          refusals.push(answer.body.error);
        }
      }
      expect(refusals.slice(0, 4)).toEqual([
        'an agent token may not change channel costs',
        'an agent token may not add webhooks',
        'an agent token may not remove webhooks',
        'an agent token may not list webhooks',
      ]);
      expect(refusals[8]).toBe('an analyst token may not change channel costs');
      // Nothing was changed by the refused calls.
      expect(JSON.parse(wocas('cost', 'show', '--json').stdout)).toEqual({
        currency: 'USD',
        channels: {},
      });
      expect(JSON.parse(wocas('webhook', 'list', '--json').stdout)).toEqual([]);
    }, 60_000);

    it('answers bad settings with a 400 that names the field, and an unknown webhook with a 404', async () => {
      const bad: [string, unknown, RegExp][] = [
        [
          'costs.set',
          { channel: 'phone', minutes: -1, per_minute: 1 },
          /^invalid arguments: minutes: /,
        ],
        [
          'costs.set',
          { channel: 'fax', minutes: 1, per_minute: 1 },
          /^invalid arguments: channel: /,
        ],
        [
          'costs.set',
          { channel: 'phone', minutes: 1, per_minute: 1, currency: 'euro' },
          /^invalid arguments: currency: a three-letter ISO 4217 code/,
        ],
        [
          'costs.set',
          { channel: 'phone', minutes: '8', per_minute: 1 },
          /^invalid arguments: minutes: /,
        ],
        ['webhooks.add', { url: 'not a url' }, /^invalid arguments: not a URL: "not a url"$/],
        [
          'webhooks.add',
          { url: 'ftp://chat.example/hook' },
          /^invalid arguments: a webhook URL must start with https:\/\/ or http:\/\/$/,
        ],
        [
          'webhooks.add',
          { url: 'https://chat.example/h', events: ['loud'] },
          /^invalid arguments: events\.0: /,
        ],
        [
          'webhooks.add',
          { url: 'https://chat.example/h', format: 'xml' },
          /^invalid arguments: format: /,
        ],
      ];
      for (const [method, args, message] of bad) {
        const answer = await invoke('root', method, args);
        expect([method, answer.status]).toEqual([method, 400]);
        expect(answer.body.error).toMatch(message);
      }
      const missing = await invoke('root', 'webhooks.remove', { id: 'whk_nothere' });
      expect(missing.status).toBe(404);
      expect(missing.body.error).toBe('no webhook whk_nothere');
      expect(JSON.parse(wocas('webhook', 'list', '--json').stdout)).toEqual([]);
    }, 60_000);

    it("adds webhooks with a secret shown once, lists each one's failing deliveries, and removes them", async () => {
      const failing = await refusedUrl();
      const accepting = await acceptingUrl();
      servers.push(accepting.server);
      const added = await invoke('root', 'webhooks.add', { url: failing, events: ['status'] });
      expect(added.status).toBe(200);
      const created = JSON.parse(added.text) as { id: string; secret: string };
      expect(created.id).toMatch(/^whk_/);
      expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const good = JSON.parse(
        (await invoke('root', 'webhooks.add', { url: accepting.url, format: 'slack' })).text,
      ) as { id: string };

      // A status change writes one delivery per subscribed webhook; one round tries them all.
      await api.aggregator.ingestor.ingest([
        {
          id: 'it-1',
          text: 'the parcel tracker shows nothing',
          channel: 'phone',
          times_heard: 1,
          created_at: '2026-11-18T09:00:00Z',
        },
      ]);
      const issueId = (
        await api.aggregator.storage.db
          .selectFrom('items')
          .select('issue_id')
          .where('id', '=', 'it-1')
          .executeTakeFirstOrThrow()
      ).issue_id;
      expect(
        (await invoke('ana', 'issues.update', { id: issueId, status: 'investigating' })).status,
      ).toBe(200);
      expect(await deliverDue(api.aggregator.storage, () => NOW)).toBe(2);

      const listed = JSON.parse((await invoke('root', 'webhooks.list')).text) as WebhookStatus[];
      expect(listed.map((hook) => Object.keys(hook).includes('secret'))).toEqual([false, false]);
      // Both were added at the fixture's one instant: find each by id.
      const bad = listed.find((hook) => hook.id === created.id);
      const fine = listed.find((hook) => hook.id === good.id);
      expect(bad).toMatchObject({
        id: created.id,
        url: failing,
        events: ['status'],
        format: 'json',
        delivered: 0,
        pending: 1,
        max_attempts: 1,
      });
      expect(bad?.last_error).toMatch(/ECONNREFUSED/);
      expect(fine).toMatchObject({
        id: good.id,
        events: ['status', 'emerging', 'new_issue'],
        format: 'slack',
        delivered: 1,
        pending: 0,
        max_attempts: 0,
        last_error: null,
      });
      // The CLI lists the same, through the same function.
      expect(JSON.parse(wocas('webhook', 'list', '--json').stdout)).toEqual(listed);

      const removed = await invoke('root', 'webhooks.remove', { id: created.id });
      expect(JSON.parse(removed.text)).toEqual({ removed: created.id });
      const after = JSON.parse((await invoke('root', 'webhooks.list')).text) as WebhookStatus[];
      expect(after.map((hook) => hook.id)).toEqual([good.id]);
    }, 60_000);
  });
}
