import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAggregator } from '../src/server/aggregator.js';
import { first, rows } from '../src/server/storage/sql.js';
import { runWocas } from './support/built-cli.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

const ROWS = [
  ...['my parcel is late', 'parcel arrived late again', 'late parcel delivery, still waiting'].map(
    (text, i) => ({ id: `late-${i}`, text }),
  ),
  ...['the app crashes at login', 'app crashed when I log in', 'login crash in the app'].map(
    (text, i) => ({ id: `crash-${i}`, text }),
  ),
];

describe.each(backendCases)('on $name', (backendCase) => {
  describe.skipIf(backendCase.skip)('issue actions', () => {
    let dir: string;
    let store: TestStorage;

    /** The issue an item is in now, as a fresh reader sees it after the CLI process exited. */
    async function issueOf(itemId: string): Promise<string> {
      const aggregator = await openAggregator(store.location);
      try {
        const row = await first(
          aggregator.storage,
          sql<{ issue_id: string }>`SELECT issue_id FROM items WHERE id = ${itemId}`,
        );
        return row?.issue_id as string;
      } finally {
        await aggregator.close();
      }
    }

    function wocas(...args: string[]) {
      return runWocas([...args, ...store.cliFlags], dir);
    }

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'wocas-actions-'));
      store = await backendCase.fresh();
      const file = join(dir, 'items.jsonl');
      writeFileSync(
        file,
        ROWS.map((row) =>
          JSON.stringify({ ...row, agent: 'amy', created_at: '2026-11-18T10:00:00Z' }),
        ).join('\n'),
      );
      expect(wocas('import', file).status).toBe(0);
    });
    afterEach(async () => {
      await store.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    describe('wocas issue', () => {
      it('merge moves every item, retires the source with a redirect, and survives reclustering', async () => {
        const late = await issueOf('late-0');
        const crash = await issueOf('crash-0');
        expect(late).not.toBe(crash);
        const before = new Map(
          await Promise.all(ROWS.map(async (row) => [row.id, await issueOf(row.id)] as const)),
        );
        const expected = (id: string) => (before.get(id) === crash ? late : before.get(id));
        const run = wocas('issue', 'merge', crash, '--into', late);
        expect(run.status).toBe(0);
        for (const row of ROWS) expect(await issueOf(row.id)).toBe(expected(row.id));
        expect(wocas('recluster').status).toBe(0);
        for (const row of ROWS.filter(
          (r) => before.get(r.id) === crash || before.get(r.id) === late,
        )) {
          expect(await issueOf(row.id)).toBe(late);
        }
        // A later item naming the retired issue ("heard again" from a stale desktop) lands in the target.
        const file = join(dir, 'again.jsonl');
        writeFileSync(
          file,
          JSON.stringify({ id: 'again-1', text: 'crash again', issue_id: crash }),
        );
        expect(wocas('import', file, '--no-recluster').status).toBe(0);
        expect(await issueOf('again-1')).toBe(late);
        const ranked = JSON.parse(wocas('issues', '--json').stdout) as { issues: { id: string }[] };
        expect(ranked.issues.map((issue) => issue.id)).not.toContain(crash);
      });

      it('split moves the named items into a new issue and prints its id', async () => {
        const late = await issueOf('late-0');
        expect(wocas('issue', 'merge', await issueOf('crash-0'), '--into', late).status).toBe(0);
        const run = wocas(
          'issue',
          'split',
          late,
          '--items',
          'crash-0,crash-1,crash-2',
          '--title',
          'App crashes at login',
        );
        expect(run.status).toBe(0);
        const created = run.stdout.trim();
        expect(created).toMatch(/^iss_/);
        expect(await Promise.all(['crash-0', 'crash-1', 'crash-2'].map(issueOf))).toEqual([
          created,
          created,
          created,
        ]);
        expect(await issueOf('late-1')).toBe(late);
        expect(wocas('recluster').status).toBe(0);
        expect(await issueOf('crash-1')).toBe(created);
        const ranked = JSON.parse(wocas('issues', '--json').stdout) as {
          issues: { id: string; title: string }[];
        };
        expect(ranked.issues.find((issue) => issue.id === created)?.title).toBe(
          'App crashes at login',
        );
      });

      it('later items follow a split, and a recluster keeps them where they landed', async () => {
        const late = await issueOf('late-0');
        expect(wocas('issue', 'merge', await issueOf('crash-0'), '--into', late).status).toBe(0);
        const created = wocas(
          'issue',
          'split',
          late,
          '--items',
          'crash-0,crash-1,crash-2',
        ).stdout.trim();
        const file = join(dir, 'later.jsonl');
        writeFileSync(
          file,
          [
            { id: 'later-crash', text: 'the app crashes at login again' },
            { id: 'later-late', text: 'my parcel is late again' },
          ]
            .map((row) => JSON.stringify({ ...row, created_at: '2026-11-19T10:00:00Z' }))
            .join('\n'),
        );
        expect(wocas('import', file).status).toBe(0);
        // The split said "these are another problem": a later crash goes with the crashes.
        expect(await issueOf('later-crash')).toBe(created);
        expect(await issueOf('later-late')).toBe(late);
        expect(wocas('recluster').status).toBe(0);
        expect(await issueOf('later-crash')).toBe(created);
        expect(await issueOf('later-late')).toBe(late);
        expect(await issueOf('crash-0')).toBe(created);
      });

      it('update changes status, owner, title and root cause, and keeps every change in the history', async () => {
        const late = await issueOf('late-0');
        const run = wocas(
          'issue',
          'update',
          late,
          '--status',
          'investigating',
          '--owner',
          'Dana (logistics)',
          '--title',
          'Parcels arrive late',
          '--root-cause',
          'Courier capacity',
        );
        expect(run.status).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({
          status: 'investigating',
          owner: 'Dana (logistics)',
          title: 'Parcels arrive late',
          root_cause: 'Courier capacity',
        });
        expect(wocas('issue', 'update', late, '--status', 'fix_in_progress').status).toBe(0);
        const aggregator = await openAggregator(store.location);
        try {
          const history = await rows(
            aggregator.storage,
            sql`SELECT field, old_value, new_value FROM issue_history WHERE issue_id = ${late} ORDER BY seq`,
          );
          expect(history).toEqual([
            { field: 'status', old_value: 'new', new_value: 'investigating' },
            { field: 'owner', old_value: null, new_value: 'Dana (logistics)' },
            {
              field: 'title',
              old_value: expect.any(String) as string,
              new_value: 'Parcels arrive late',
            },
            { field: 'root_cause', old_value: null, new_value: 'Courier capacity' },
            { field: 'status', old_value: 'investigating', new_value: 'fix_in_progress' },
          ]);
        } finally {
          await aggregator.close();
        }
        expect(wocas('recluster').status).toBe(0);
        const ranked = JSON.parse(wocas('issues', '--json').stdout) as {
          issues: { id: string; title: string; owner: string }[];
        };
        expect(ranked.issues.find((issue) => issue.id === late)).toMatchObject({
          title: 'Parcels arrive late',
          owner: 'Dana (logistics)',
        });
      });

      it('refuses what cannot be done, with one line and exit 2', async () => {
        const late = await issueOf('late-0');
        for (const args of [
          ['issue', 'merge', late, '--into', late],
          ['issue', 'merge', 'iss_nope', '--into', late],
          ['issue', 'split', late, '--items', 'late-0,late-1,late-2'],
          ['issue', 'split', late, '--items', 'crash-0'],
          ['issue', 'update', late, '--status', 'done'],
        ]) {
          const run = wocas(...args);
          expect(run.status).toBe(2);
          expect(run.stderr).toMatch(/^wocas: .+\n$/);
        }
      });
    });
  });
});
