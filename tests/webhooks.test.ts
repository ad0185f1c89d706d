import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStorage } from '../src/server/storage/open-storage.js';
import { rows } from '../src/server/storage/sql.js';
import { runWocas } from './support/built-cli.js';
import { type Served, startServe } from './support/served.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

interface Received {
  id: string;
  signature: string;
  body: string;
  answered: number;
}

/** A receiver on loopback that records every POST and fails its first `failures` answers. */
async function receiver(
  failures: number,
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const answered = received.length < failures ? 500 : 200;
      received.push({
        id: String(request.headers['x-wocas-event-id']),
        signature: String(request.headers['x-wocas-signature']),
        body,
        answered,
      });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    server,
  };
}

const sign = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const DAY = 86_400_000;

for (const backendCase of backendCases) {
  describe.skipIf(backendCase.skip)(`webhooks (${backendCase.name})`, () => {
    let dir: string;
    let store: TestStorage;
    let served: Served | undefined;
    const receivers: Server[] = [];
    const wocas = (...args: string[]) => runWocas([...args, ...store.cliFlags], dir);

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'wocas-hooks-'));
      store = await backendCase.fresh();
    });
    afterEach(async () => {
      served?.child.kill('SIGTERM');
      if (served) await served.exited;
      for (const server of receivers.splice(0)) server.close();
      await store.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('delivers every event at least once through a restart and a failing receiver, signed, with stable ids', async () => {
      const steady = await receiver(0);
      const flaky = await receiver(2);
      receivers.push(steady.server, flaky.server);
      const add = (...args: string[]) =>
        JSON.parse(wocas('webhook', 'add', ...args).stdout) as { id: string; secret: string };
      const all = add(steady.url);
      const slack = add(flaky.url, '--events', 'status', '--format', 'slack');
      // Nothing listens here: its deliveries must stay visible, not vanish.
      const dead = add('http://127.0.0.1:9/closed', '--events', 'status');
      const badEvent = wocas('webhook', 'add', steady.url, '--events', 'status,weather');
      expect([badEvent.status, badEvent.stderr]).toEqual([
        2,
        'wocas: unknown event "weather": use status, emerging, new_issue\n',
      ]);
      expect(wocas('webhook', 'add', 'ftp://example.com/x').status).toBe(2);

      const now = Date.now();
      const items = [
        ...[0, 1, 2].map((i) => ({
          id: `late-${i}`,
          text: 'my parcel is late again',
          channel: 'email',
          times_heard: 3,
          created_at: new Date(now - i * 7 * DAY - DAY).toISOString(),
        })),
        {
          id: 'refund-old',
          text: 'refund never arrived on my card',
          channel: 'chat',
          created_at: new Date(now - 70 * DAY).toISOString(),
        },
        {
          id: 'refund-new',
          text: 'refund never arrived on my card',
          channel: 'chat',
          times_heard: 4,
          created_at: new Date(now - DAY).toISOString(),
        },
      ];
      const file = join(dir, 'items.jsonl');
      writeFileSync(file, items.map((item) => JSON.stringify(item)).join('\n'));
      expect(wocas('import', file).status).toBe(0);
      const issues = (
        JSON.parse(wocas('issues', '--json', '--with-items').stdout) as {
          issues: { id: string; item_ids: string[] }[];
        }
      ).issues;
      const late = issues.find((issue) => issue.item_ids.includes('late-0'))!.id;

      served = await startServe(store.cliFlags, dir);
      expect(wocas('issue', 'update', late, '--status', 'investigating').status).toBe(0);
      await vi.waitFor(
        () => expect(flaky.received.filter((r) => r.answered === 200)).toHaveLength(1),
        { timeout: 20_000, interval: 100 },
      );

      // Stopped: the change is kept in the outbox, and the restarted server delivers it.
      served.child.kill('SIGTERM');
      await served.exited;
      expect(wocas('issue', 'update', late, '--status', 'fix_in_progress').status).toBe(0);
      served = await startServe(store.cliFlags, dir);

      const storage = await openStorage(store.location);
      const events = await rows(
        storage,
        sql<{ id: string; kind: string }>`SELECT id, kind FROM webhook_events ORDER BY at, id`,
      ).finally(() => storage.close());
      expect(events.map((e) => e.kind).sort()).toEqual([
        'emerging',
        'new_issue',
        'new_issue',
        'status',
        'status',
      ]);
      const statusIds = events.filter((e) => e.kind === 'status').map((e) => e.id);
      await vi.waitFor(
        () => {
          expect(new Set(steady.received.map((r) => r.id))).toEqual(
            new Set(events.map((e) => e.id)),
          );
          expect(
            new Set(flaky.received.filter((r) => r.answered === 200).map((r) => r.id)),
          ).toEqual(new Set(statusIds));
        },
        { timeout: 30_000, interval: 100 },
      );

      // The failed answers were retried with the same event id and body; every signature verifies.
      expect(flaky.received.filter((r) => r.answered === 500)).toHaveLength(2);
      for (const attempt of flaky.received) {
        expect(attempt.signature).toBe(sign(slack.secret, attempt.body));
        expect(statusIds).toContain(attempt.id);
        expect((JSON.parse(attempt.body) as { text: string }).text).toMatch(
          /^WOCAS: issue ".+" \(iss_\w+\) is now /,
        );
      }
      const retried = flaky.received.filter((r) => r.id === flaky.received[0]!.id);
      expect(new Set(retried.map((r) => r.body)).size).toBe(1);
      for (const delivery of steady.received)
        expect(delivery.signature).toBe(sign(all.secret, delivery.body));
      const bodies = steady.received.map(
        (r) => JSON.parse(r.body) as { event: string; issue: { id: string; status: string } },
      );
      expect(
        bodies
          .filter((b) => b.event === 'status')
          .map((b) => b.issue.status)
          .sort(),
      ).toEqual(['fix_in_progress', 'investigating']);
      expect(bodies.find((b) => b.event === 'emerging')?.issue).toMatchObject({ times_heard: 5 });
      expect(Object.keys(bodies[0]!.issue).sort()).toEqual([
        'id',
        'mentions',
        'owner',
        'status',
        'times_heard',
        'title',
      ]);

      // The dead receiver: both events wait, with their attempts and the error on show.
      await vi.waitFor(
        () => {
          const listed = JSON.parse(wocas('webhook', 'list', '--json').stdout) as {
            id: string;
            pending: number;
            max_attempts: number;
            last_error: string | null;
          }[];
          const hook = listed.find((h) => h.id === dead.id);
          expect(hook?.pending).toBe(2);
          expect(hook?.last_error).toMatch(/fetch failed|ECONNREFUSED/);
        },
        { timeout: 20_000, interval: 200 },
      );
      expect(wocas('webhook', 'remove', dead.id).status).toBe(0);
      expect((JSON.parse(wocas('webhook', 'list', '--json').stdout) as unknown[]).length).toBe(2);
    }, 180_000);
  });
}
