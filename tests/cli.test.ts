import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from './support/built-cli.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wocas-cli-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in the temp dir, with no WOCAS_* variables from the outside. */
function wocas(args: string[], env: Record<string, string> = {}): Run {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('WOCAS_')),
  );
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { ...clean, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const CSV = [
  'text,channel,team,agent,times_heard,created_at', // 1
  'my parcel arrived three days late,phone,support,amy,2,2026-11-10T09:00:00Z', // 2
  'parcel arrived late again,chat,support,bo,1,2026-11-11T09:00:00Z', // 3
  'bad channel row,fax,support,amy,1,2026-11-11T09:00:00Z', // 4
  'cannot log in to the app,email,sales,finn,1,2026-11-12T09:00:00Z', // 5
  ',phone,support,amy,1,2026-11-12T09:00:00Z', // 6
].join('\n');

const SUMMARY_LINE = /^\{"imported":\d+,"duplicates":\d+,"rejected":\d+\}\n$/;
const ISSUE_KEYS = [
  'id',
  'title',
  'status',
  'owner',
  'mentions',
  'times_heard',
  'agents',
  'first_seen',
  'last_seen',
  'trend',
  'score',
  'preventable',
  'value_dimension',
  'cost',
  'emerging',
  'emerging_reason',
];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

describe('wocas conventions', () => {
  it.each(['import', 'issues', 'recluster', 'demo'])(
    '%s --help prints its usage and exits 0',
    (verb) => {
      const run = wocas([verb, '--help']);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`Usage: wocas ${verb}`);
      expect(readdirSync(dir)).toEqual([]); // help opens no database
    },
  );
});

describe.each(backendCases)('on $name', (backendCase) => {
  const backend = backendCase.name;
  describe.skipIf(backendCase.skip)('the CLI', () => {
    let store: TestStorage;
    /** Extra databases a test made, dropped with it. */
    const others: TestStorage[] = [];

    beforeEach(async () => {
      store = await backendCase.fresh();
    });

    afterEach(async () => {
      for (const other of others.splice(0)) await other.drop();
      await store.drop();
    });

    function importSample(extra: string[] = []): Run {
      const run = wocas(['import', file('sample.csv', CSV), ...store.cliFlags, ...extra]);
      expect(run.status).toBe(0);
      return run;
    }

    describe('wocas import', () => {
      it('prints exactly one JSON summary line and lists rejected rows on stderr', () => {
        const run = importSample();
        expect(run.stdout).toMatch(SUMMARY_LINE);
        expect(JSON.parse(run.stdout)).toEqual({ imported: 3, duplicates: 0, rejected: 2 });
        const lines = run.stderr.trim().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(/\bline 4\b.*channel/);
        expect(lines[1]).toMatch(/\bline 6\b.*text/);
      });

      it('adds nothing the second time', () => {
        importSample();
        const again = importSample();
        expect(again.stdout).toMatch(SUMMARY_LINE);
        expect(JSON.parse(again.stdout)).toEqual({ imported: 0, duplicates: 3, rejected: 2 });
      });
    });

    describe('wocas issues --json', () => {
      it('matches the contract shape, without item_ids by default', () => {
        importSample();
        const run = wocas(['issues', ...store.cliFlags, '--json']);
        expect(run.status).toBe(0);
        expect(run.stdout.trim().split('\n')).toHaveLength(1);
        const body = JSON.parse(run.stdout) as {
          generated_at: string;
          issues: Record<string, unknown>[];
        };
        expect(Object.keys(body).sort()).toEqual(['currency', 'generated_at', 'issues']);
        expect(body.generated_at).toMatch(ISO);
        expect(body.issues.length).toBeGreaterThanOrEqual(2);
        for (const issue of body.issues) {
          expect(Object.keys(issue)).toEqual(expect.arrayContaining(ISSUE_KEYS));
          expect(issue).not.toHaveProperty('item_ids');
          expect(issue.id).toEqual(expect.any(String));
          expect(issue.title).toEqual(expect.any(String));
          expect(['new', 'investigating', 'fix_in_progress', 'fixed', 'wont_fix']).toContain(
            issue.status,
          );
          expect(issue.owner).toBeNull();
          for (const key of ['mentions', 'times_heard', 'agents', 'trend', 'score'])
            expect(issue[key]).toEqual(expect.any(Number));
          expect(issue.first_seen).toMatch(ISO);
          expect(issue.last_seen).toMatch(ISO);
        }
        const total = body.issues.reduce((sum, issue) => sum + (issue.mentions as number), 0);
        expect(total).toBe(3);
        const scores = body.issues.map((issue) => issue.score as number);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
      });

      it('lists every item id with --with-items and honours the filters', () => {
        importSample();
        const all = JSON.parse(
          wocas(['issues', ...store.cliFlags, '--json', '--with-items']).stdout,
        ) as { issues: { item_ids: string[]; mentions: number }[] };
        for (const issue of all.issues) expect(issue.item_ids).toHaveLength(issue.mentions);
        expect(all.issues.flatMap((issue) => issue.item_ids)).toHaveLength(3);
        const sales = JSON.parse(
          wocas([
            'issues',
            ...store.cliFlags,
            '--json',
            '--team',
            'sales',
            '--from',
            '2026-11-01',
            '--to',
            '2026-11-30',
          ]).stdout,
        ) as { issues: { mentions: number; title: string }[] };
        expect(sales.issues).toHaveLength(1);
        expect(sales.issues[0]).toMatchObject({ mentions: 1 });
        const limited = JSON.parse(
          wocas(['issues', ...store.cliFlags, '--json', '--limit', '1']).stdout,
        ) as { issues: unknown[] };
        expect(limited.issues).toHaveLength(1);
      });
    });

    describe('wocas recluster', () => {
      it('regroups and prints one JSON summary line; every item stays listed', () => {
        importSample();
        const run = wocas(['recluster', ...store.cliFlags]);
        expect(run.status).toBe(0);
        expect(run.stderr).toBe('');
        expect(run.stdout.trim().split('\n')).toHaveLength(1);
        expect(JSON.parse(run.stdout)).toMatchObject({
          items: 3,
          issuesAfter: expect.any(Number) as number,
        });
        const body = JSON.parse(
          wocas(['issues', ...store.cliFlags, '--json', '--with-items']).stdout,
        ) as { issues: { item_ids: string[] }[] };
        expect(body.issues.flatMap((issue) => issue.item_ids)).toHaveLength(3);
      });
    });

    describe('wocas conventions', () => {
      it.each([
        ['--from garbage', ['issues', '--from', 'garbage']],
        ['--to 2026-99-99', ['issues', '--to', '2026-99-99']],
        ['--limit 0', ['issues', '--limit', '0']],
        ['--limit abc', ['issues', '--limit', 'abc']],
        ['--from after --to', ['issues', '--from', '2026-11-10', '--to', '2026-11-01']],
        ['a missing file', ['import', 'does-not-exist.csv']],
      ])('%s prints one "wocas:" line on stderr and exits non-zero', (_name, args) => {
        const run = wocas([...args, ...store.cliFlags]);
        expect(run.status).not.toBe(0);
        expect(run.status).not.toBeNull();
        expect(run.stderr).toMatch(/^wocas: [^\n]+\n$/);
        expect(run.stdout).toBe('');
      });

      it.each([
        ['--channel fax', ['issues', '--channel', 'fax']],
        ['an unknown flag', ['issues', '--bogus']],
        ['import without a file', ['import']],
      ])(
        '%s (rejected by the option parser) also prints one "wocas:" line and exits non-zero',
        (_name, args) => {
          const run = wocas([...args, ...store.cliFlags]);
          expect(run.status).not.toBe(0);
          expect(run.stderr).toMatch(/^wocas: [^\n]+\n$/);
        },
      );

      // Backend-specific: registered only where it applies, so nothing shows as skipped.
      if (backend === 'sqlite')
        it('reads the database path from WOCAS_DB instead of --db', () => {
          const db = join(dir, 'from-env.db');
          const run = wocas(['import', file('sample.csv', CSV)], { WOCAS_DB: db });
          expect(run.status).toBe(0);
          expect(JSON.parse(run.stdout)).toMatchObject({ imported: 3 });
          expect(existsSync(db)).toBe(true);
          expect(existsSync(join(dir, 'wocas.db'))).toBe(false);
          const issues = wocas(['issues', '--json'], { WOCAS_DB: db });
          expect(issues.status).toBe(0);
          const body = JSON.parse(issues.stdout) as { issues: { mentions: number }[] };
          expect(body.issues.reduce((sum, issue) => sum + issue.mentions, 0)).toBe(3);
          // --db still wins over the environment.
          const other = wocas(['issues', '--json', '--db', join(dir, 'other.db')], {
            WOCAS_DB: db,
          });
          expect((JSON.parse(other.stdout) as { issues: unknown[] }).issues).toEqual([]);
        });

      if (backend === 'postgres')
        it('reads the database URL from WOCAS_DATABASE_URL instead of --database-url', async () => {
          const url = store.location.databaseUrl!;
          // A URL wins over the SQLite file, from the environment as from flags: no file appears.
          const run = wocas(['import', file('sample.csv', CSV)], {
            WOCAS_DATABASE_URL: url,
            WOCAS_DB: join(dir, 'from-env.db'),
          });
          expect(run.status).toBe(0);
          expect(JSON.parse(run.stdout)).toMatchObject({ imported: 3 });
          expect(readdirSync(dir)).toEqual(['sample.csv']);
          const issues = wocas(['issues', '--json'], { WOCAS_DATABASE_URL: url });
          expect(issues.status).toBe(0);
          const body = JSON.parse(issues.stdout) as { issues: { mentions: number }[] };
          expect(body.issues.reduce((sum, issue) => sum + issue.mentions, 0)).toBe(3);
          // --database-url still wins over the environment.
          const empty = await backendCase.fresh();
          others.push(empty);
          const other = wocas(['issues', '--json', '--database-url', empty.location.databaseUrl!], {
            WOCAS_DATABASE_URL: url,
          });
          expect(other.status).toBe(0);
          expect((JSON.parse(other.stdout) as { issues: unknown[] }).issues).toEqual([]);
        });
    });
  });
});
