import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAggregator } from '../src/server/aggregator.js';
import { rows } from '../src/server/storage/sql.js';
import { BIN, cleanEnv, runWocas } from './support/built-cli.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wocas-import-hard-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Runs the CLI as its own process, without waiting for it: several run at once. */
function wocasProcess(
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('wocas import into a SQLite file', () => {
  it('four imports starting at once into one new file all succeed', async () => {
    const db = join(dir, 'new.db');
    const files = [0, 1, 2, 3].map((n) =>
      file(
        `part-${n}.csv`,
        [
          'id,text,created_at',
          ...Array.from(
            { length: 25 },
            (_, i) => `p${n}-${i},parcel ${n} ${i} arrived late,2026-11-10`,
          ),
        ].join('\n'),
      ),
    );
    const runs = await Promise.all(
      files.map((path) => wocasProcess(['import', path, '--db', db, '--no-recluster'])),
    );
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ imported: 25, duplicates: 0, rejected: 0 });
    }
    const site = await openAggregator({ db });
    try {
      expect(await site.ingestor.itemCount()).toBe(100);
    } finally {
      await site.close();
    }
  });

  it('reads a stray quote as a quote, rejects an unreadable record by its line alone, and never echoes a row', () => {
    const path = file(
      'quotes.csv',
      [
        'id,text,created_at',
        'q0,the parcel came late,2026-11-10',
        'q1,my card 4111111111111111 said "hi",2026-11-10',
        'q2,"unterminated quote with card 4111111111111111,2026-11-10',
        'q3,never read,2026-11-10',
      ].join('\n'),
    );
    const db = join(dir, 'quotes.db');
    const run = runWocas(['import', path, '--db', db], dir);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ imported: 2, duplicates: 0, rejected: 1 });
    expect(run.stderr).toBe(
      'line 5: rejected: a quoted field is never closed, so the rest of the file could not be read\n',
    );
    expect(run.stderr).not.toContain('4111');
  });

  it('--strict exits 1 when a row was rejected, still printing the JSON line; without it, 0', () => {
    const path = file(
      'mixed.csv',
      [
        'text,channel,created_at',
        'late parcel,phone,2026-11-10',
        'late parcel,fax,2026-11-10',
      ].join('\n'),
    );
    const db = join(dir, 'strict.db');
    const strict = runWocas(['import', path, '--db', db, '--strict'], dir);
    expect(strict.status).toBe(1);
    expect(JSON.parse(strict.stdout)).toEqual({ imported: 1, duplicates: 0, rejected: 1 });
    const lax = runWocas(['import', path, '--db', db], dir);
    expect(lax.status).toBe(0);
    expect(JSON.parse(lax.stdout)).toEqual({ imported: 0, duplicates: 1, rejected: 1 });
    const clean = file('clean.csv', ['text,created_at', 'late parcel,2026-11-10'].join('\n'));
    expect(runWocas(['import', clean, '--db', db, '--strict'], dir).status).toBe(0);
  });
});

describe.each(backendCases)('wocas import applies the input rule on $name', (backendCase) => {
  describe.skipIf(backendCase.skip)('rows', () => {
    let store: TestStorage;

    beforeEach(async () => {
      store = await backendCase.fresh();
    });

    afterEach(async () => {
      await store.drop();
    });

    it('cleans NUL and escapes, rejects impossible dates and reused ids by line', async () => {
      const lines = [
        { id: 'n1', text: 'a\u0000b parcel \u001b[31mlate', created_at: '2026-11-10' },
        { id: 'd1', text: 'late parcel', created_at: '2026-02-30' },
        { id: 'z1', text: '\u200B\u200B' },
        { id: 'n1', text: 'a\u0000b parcel \u001b[31mlate', created_at: '2026-11-10' },
        { id: 'n1', text: 'something else entirely', created_at: '2026-11-10' },
      ];
      const path = file('rows.jsonl', lines.map((line) => JSON.stringify(line)).join('\n'));
      const run = runWocas(['import', path, ...store.cliFlags], dir);
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ imported: 1, duplicates: 1, rejected: 3 });
      expect(run.stderr.trim().split('\n')).toEqual([
        'line 2: rejected: created_at: is not a real date',
        'line 3: rejected: text: is empty',
        'line 5: rejected: id: conflict: already used for an item with different content',
      ]);
      const site = await openAggregator(store.location);
      try {
        const stored = await rows(
          site.storage,
          sql<{ id: string; text: string }>`SELECT id, text FROM items`,
        );
        expect(stored).toEqual([{ id: 'n1', text: 'ab parcel late' }]);
      } finally {
        await site.close();
      }
    });
  });
});
