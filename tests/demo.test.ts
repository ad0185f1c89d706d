import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { BIN, cleanEnv } from './support/built-cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wocas-demo-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('wocas demo fills a database, serves it and prints a link that signs in', async () => {
  const child = spawn(
    process.execPath,
    [BIN, 'demo', '--db', join(dir, 'demo.db'), '--port', '0'],
    { cwd: dir, env: cleanEnv() },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stdout = '';
  const link = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /Open (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(stdout);
      if (match) resolve(match[0].slice(5));
    });
    void exited.then(() => reject(new Error(`demo exited early:\n${stdout}`)));
  });
  expect(stdout).toMatch(/1500 items added/);
  const [base, token] = link.split('/#token=') as [string, string];
  const call = (method: string, args: object) =>
    fetch(`${base}/api/v1/call/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    }).then((response) => response.json() as Promise<Record<string, unknown>>);
  expect(await call('session.whoami', {})).toMatchObject({ role: 'analyst' });
  const ranked = (await call('issues.rank', { limit: 5 })) as { issues: { mentions: number }[] };
  expect(ranked.issues).toHaveLength(5);
  // The demo's analyst has already been at work: one issue in progress, one fixed, one investigated.
  const all = (await call('issues.rank', { status: 'all' })) as {
    issues: { status: string; owner: string | null }[];
  };
  const curated = all.issues.filter((issue) => issue.status !== 'new');
  expect(curated.map((issue) => issue.status).sort()).toEqual([
    'fix_in_progress',
    'fixed',
    'investigating',
  ]);
  expect(curated.every((issue) => issue.owner !== null)).toBe(true);
  expect((await fetch(`${base}/`)).headers.get('content-type')).toMatch(/text\/html/);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
