import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalStore } from '../src/main/store/local-store.js';
import { httpAggregatorClient } from '../src/main/sync/aggregator-client.js';
import { DEFAULT_SYNC_OPTIONS, SyncClient } from '../src/main/sync/sync-client.js';
import { redact } from '../src/shared/text/redact.js';
import { BIN, cleanEnv, runWocas } from './support/built-cli.js';
import { startFaultyProxy } from './support/faulty-proxy.js';
import { type Served, startServe } from './support/served.js';

let dir: string;
let dbPath: string;
let storePath: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wocas-crash-'));
  dbPath = join(dir, 'wocas.db');
  storePath = join(dir, 'local.db');
});

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function serve(port = 0): Promise<Served> {
  const served = await startServe(['--db', dbPath], dir, port);
  children.push(served.child);
  return served;
}

function agentToken(): string {
  const run = runWocas(
    ['token', 'create', '--db', dbPath, '--name', 'amy', '--role', 'agent'],
    dir,
  );
  expect(run.status).toBe(0);
  return run.stdout.trim();
}

/** Saves `count` items in the desktop store the way the app does, and returns their ids and contacts. */
function capture(count: number): { ids: string[]; contacts: number } {
  const store = openLocalStore(storePath);
  try {
    const saved = Array.from({ length: count }, (_, i) =>
      store.items.capture(
        { text: `top-up ${i % 7} failed at checkout`, agent: 'amy', times_heard: 1 + (i % 2) },
        new Date(),
      ),
    );
    return {
      ids: saved.map((item) => item.id).sort(),
      contacts: saved.reduce((sum, item) => sum + item.times_heard, 0),
    };
  } finally {
    store.close();
  }
}

function aggregatorRows(): { ids: string[]; contacts: number } {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db.prepare('SELECT id, times_heard FROM items ORDER BY id').raw().all() as [
      string,
      number,
    ][];
    return { ids: rows.map(([id]) => id), contacts: rows.reduce((sum, [, n]) => sum + n, 0) };
  } finally {
    db.close();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('crashes at any instant lose and duplicate nothing', () => {
  it('survives `wocas sync` being killed with SIGKILL in the middle of its pushes, again and again', async () => {
    const served = await serve();
    const token = agentToken();
    const saved = capture(420);
    // Each run is killed as its k-th request reaches the aggregator: the aggregator commits that
    // batch, the client never hears so.
    for (const k of [0, 1, 2, 3]) {
      const running: { child?: ChildProcess } = {};
      const proxy = await startFaultyProxy(served.url, (_path, n) => {
        if (n === k) running.child?.kill('SIGKILL');
        return { kind: 'pass' };
      });
      const child = spawn(
        process.execPath,
        [BIN, 'sync', '--store', storePath, '--server', proxy.url, '--token', token],
        { env: cleanEnv() },
      );
      running.child = child;
      children.push(child);
      const ended = await new Promise<NodeJS.Signals | number | null>((resolve) =>
        child.on('exit', (code, signal) => resolve(signal ?? code)),
      );
      await proxy.close();
      expect(ended).toBe('SIGKILL');
    }
    const last = runWocas(
      ['sync', '--store', storePath, '--server', served.url, '--token', token],
      dir,
    );
    expect(last.status).toBe(0);
    expect(JSON.parse(last.stdout)).toMatchObject({ pending: 0 });
    served.child.kill('SIGTERM');
    await served.exited;
    expect(aggregatorRows()).toEqual(saved);
  });

  it('applies corrections and withdrawals once when `wocas sync` is killed mid-push', async () => {
    const served = await serve();
    const token = agentToken();
    const saved = capture(250);
    const first = runWocas(
      ['sync', '--store', storePath, '--server', served.url, '--token', token],
      dir,
    );
    expect(first.status).toBe(0);
    const store = openLocalStore(storePath);
    try {
      saved.ids.slice(0, 100).forEach((id) => store.changes.edit(id, `corrected ${id}`));
      saved.ids.slice(100, 150).forEach((id) => store.changes.withdraw(id));
    } finally {
      store.close();
    }
    // Killed as its k-th push of changes reaches the aggregator, which applies it unheard.
    for (const k of [0, 1, 0]) {
      const running: { child?: ChildProcess } = {};
      let pushes = 0;
      const proxy = await startFaultyProxy(served.url, (path) => {
        if (path === '/api/v1/items/changes' && pushes++ === k) running.child?.kill('SIGKILL');
        return { kind: 'pass' };
      });
      const child = spawn(
        process.execPath,
        [BIN, 'sync', '--store', storePath, '--server', proxy.url, '--token', token],
        { env: cleanEnv() },
      );
      running.child = child;
      children.push(child);
      const ended = await new Promise<NodeJS.Signals | number | null>((resolve) =>
        child.on('exit', (code, signal) => resolve(signal ?? code)),
      );
      await proxy.close();
      // The last round may find nothing left to kill it on: every change went before.
      expect([ended === 'SIGKILL', ended === 0]).toContain(true);
    }
    const last = runWocas(
      ['sync', '--store', storePath, '--server', served.url, '--token', token],
      dir,
    );
    expect(JSON.parse(last.stdout)).toMatchObject({ pending: 0 });
    served.child.kill('SIGTERM');
    await served.exited;
    const db = new Database(dbPath, { readonly: true });
    try {
      const items = db.prepare('SELECT id, text FROM items ORDER BY id').all() as {
        id: string;
        text: string;
      }[];
      expect(items.map((row) => row.id)).toEqual([
        ...saved.ids.slice(0, 100),
        ...saved.ids.slice(150),
      ]);
      // As stored: now and then a random id reads as an IBAN ("be49 9f8c …") and is redacted.
      expect(
        items.slice(0, 100).filter((row) => row.text !== redact(`corrected ${row.id}`).text),
      ).toEqual([]);
      expect(db.prepare('SELECT count(*) FROM item_changes').pluck().get()).toBe(150);
    } finally {
      db.close();
    }
  });

  it('survives the aggregator being killed with SIGKILL mid-push and restarted', async () => {
    const port = await freePort();
    let served = await serve(port);
    const token = agentToken();
    const saved = capture(600);
    let restarted: Promise<void> | undefined;
    // The third push kills the aggregator before it can answer; the client's next retry waits for
    // the restart instead of the clock.
    const proxy = await startFaultyProxy(`http://127.0.0.1:${port}`, (path, n) => {
      if (path === '/api/v1/items' && n === 2) {
        served.child.kill('SIGKILL');
        restarted = served.exited.then(async () => {
          served = await serve(port);
        });
      }
      return { kind: 'pass' };
    });
    const store = openLocalStore(storePath);
    try {
      const options = { ...DEFAULT_SYNC_OPTIONS, sleep: () => restarted ?? Promise.resolve() };
      const result = await new SyncClient(
        store,
        httpAggregatorClient({ baseUrl: proxy.url, token }),
        options,
      ).sync();
      expect(result).toEqual({ pushed: 600, pending: 0 });
    } finally {
      store.close();
      await proxy.close();
    }
    expect(restarted).toBeDefined();
    served.child.kill('SIGTERM');
    await served.exited;
    expect(aggregatorRows()).toEqual(saved);
  });
});
