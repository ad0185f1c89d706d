import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWocas } from './support/built-cli.js';
import { type Served, startServe } from './support/served.js';
import { call, item } from './support/http-fixture.js';

let dir: string;
let dbPath: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wocas-serve-'));
  dbPath = join(dir, 'wocas.db');
});

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** `wocas serve` on this test's database, killed after the test if still running. */
async function serve(): Promise<Served> {
  const served = await startServe(['--db', dbPath], dir);
  children.push(served.child);
  return served;
}

function createToken(name: string): string {
  const run = runWocas(['token', 'create', '--db', dbPath, '--name', name, '--role', 'agent'], dir);
  expect(run.status).toBe(0);
  return run.stdout.trim();
}

function storedIds(): string[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare<[], string>('SELECT id FROM items ORDER BY id').pluck().all();
  } finally {
    db.close();
  }
}

const batchOf = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    item(`${prefix}-${String(i).padStart(3, '0')}`, `parcel ${i} late`, { agent: 'amy' }),
  );

describe('wocas serve', () => {
  it('serves, logs JSON lines, stops on SIGTERM with exit 0, and keeps the data for the next start', async () => {
    const token = createToken('amy');
    const first = await serve();
    const pushed = await call(first.url, 'POST', '/api/v1/items', {
      token,
      json: { items: batchOf('a', 50) },
    });
    expect(pushed.body.accepted).toHaveLength(50);
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });

    const logLines = first
      .stderr()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(logLines).toHaveLength(1);
    const logged = JSON.parse(logLines[0]!) as Record<string, unknown>;
    expect(logged).toMatchObject({ method: 'POST', route: '/api/v1/items', status: 200 });
    expect(logged.token).toMatch(/^tok_/);
    expect(first.stderr()).not.toContain(token);
    expect(first.stderr()).not.toContain('parcel');

    const second = await serve();
    const again = await call(second.url, 'POST', '/api/v1/items', {
      token,
      json: { items: batchOf('a', 50) },
    });
    expect(again.body.duplicates).toHaveLength(50);
    const issues = await call(second.url, 'GET', '/api/v1/issues', { token });
    expect(issues.body.issues.reduce((sum, issue) => sum + issue.mentions, 0)).toBe(50);
    second.child.kill('SIGINT');
    expect((await second.exited).code).toBe(0);
  });

  it('lets a request in flight finish after SIGTERM', async () => {
    const token = createToken('amy');
    const served = await serve();
    const body = JSON.stringify({ items: batchOf('late', 10) });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${served.url}/api/v1/items`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'content-length': Buffer.byteLength(body),
          // The server answers 100 Continue once it has the headers: then the request is in flight.
          expect: '100-continue',
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      // Half the body once the request is in flight, the rest only once the server is shutting down.
      req.on('continue', () => {
        req.write(body.slice(0, 100));
        served.child.kill('SIGTERM');
        void served
          .waitFor(/SIGTERM: finishing requests in flight/)
          .then(() => req.end(body.slice(100)));
      });
      req.flushHeaders();
    });
    const { status, text } = await response;
    expect(status).toBe(200);
    expect((JSON.parse(text) as { accepted: string[] }).accepted).toHaveLength(10);
    expect(await served.exited).toEqual({ code: 0, signal: null });
    expect(storedIds()).toHaveLength(10);
  });

  it('after SIGKILL mid-stream, every acknowledged item is stored exactly once', async () => {
    const token = createToken('amy');
    const batches = Array.from({ length: 60 }, (_, b) =>
      batchOf(`k${String(b).padStart(2, '0')}`, 20),
    );
    const served = await serve();
    const acknowledged = new Set<string>();
    let killed = false;
    // Three clients push their share of the batches one after another until the server dies.
    const client = async (share: number) => {
      for (let b = share; b < batches.length && !killed; b += 3) {
        try {
          const res = await call(served.url, 'POST', '/api/v1/items', {
            token,
            json: { items: batches[b] },
          });
          for (const id of [...res.body.accepted, ...res.body.duplicates]) acknowledged.add(id);
        } catch {
          return; // the connection died with the server: this batch is not acknowledged
        }
        if (acknowledged.size >= 300 && !killed) {
          killed = true;
          served.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([client(0), client(1), client(2)]);
    expect((await served.exited).signal).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(300);
    expect(acknowledged.size).toBeLessThan(60 * 20);

    // Like a sync client after a crash: push everything again; what was acknowledged is a duplicate.
    const restarted = await serve();
    const duplicates = new Set<string>();
    for (const batch of batches) {
      const res = await call(restarted.url, 'POST', '/api/v1/items', {
        token,
        json: { items: batch },
      });
      expect(res.status).toBe(200);
      for (const id of res.body.duplicates) duplicates.add(id);
    }
    for (const id of acknowledged) expect(duplicates.has(id)).toBe(true);
    restarted.child.kill('SIGTERM');
    expect((await restarted.exited).code).toBe(0);
    const stored = storedIds();
    expect(stored).toHaveLength(60 * 20);
    expect(new Set(stored).size).toBe(stored.length);
  });

  it('refuses a bad port with a one-line usage error and exit 2', () => {
    const run = runWocas(['serve', '--db', dbPath, '--port', '70000'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('wocas: --port must be a whole number from 0 to 65535, got "70000"\n');
  });
});
