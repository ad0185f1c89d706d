import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../src/shared/api/contract.js';
import type { RankedIssues } from '../src/shared/domain/issue.js';
import { runWocas } from './support/built-cli.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

const SEED = fileURLToPath(new URL('./fixtures/feedback-mixed.csv', import.meta.url));

for (const backend of backendCases) {
  describe.skipIf(backend.skip)(
    `wocas issues --status and wocas issue history (${backend.name})`,
    () => {
      let dir: string;
      let store: TestStorage;
      beforeEach(async () => {
        dir = mkdtempSync(join(tmpdir(), 'wocas-cli-workbench-'));
        store = await backend.fresh();
      });
      afterEach(async () => {
        await store.drop();
        rmSync(dir, { recursive: true, force: true });
      });

      const wocas = (...args: string[]) => {
        const run = runWocas([...args, ...store.cliFlags], dir);
        expect(run.status, run.stderr).toBe(0);
        return run.stdout;
      };
      const ranked = (...args: string[]) =>
        (JSON.parse(wocas('issues', '--json', ...args)) as RankedIssues).issues;

      it('shows ids and owners, filters by status, and prints the history with notes', () => {
        wocas('import', SEED);
        const [top, second] = ranked();
        if (!top || !second) throw new Error('the fixture ranks at least two issues');
        wocas(
          'issue',
          'update',
          top.id,
          '--status',
          'fixed',
          '--owner',
          'Web shop team',
          '--note',
          'Shipped in 4.2',
        );

        const table = wocas('issues', '--limit', '3', '--status', 'all');
        expect(table.split('\n')[0]).toMatch(/^#\s+id\s+issue\s+.*status\s+owner$/);
        const line = table.split('\n').find((row) => row.includes(top.id)) ?? '';
        expect(line).toMatch(/fixed\s+Web shop team$/);

        expect(ranked('--status', 'open').map((issue) => issue.id)).not.toContain(top.id);
        expect(ranked('--status', 'open')).toHaveLength(ranked().length - 1);
        expect(ranked('--status', 'fixed').map((issue) => issue.id)).toEqual([top.id]);
        expect(runWocas(['issues', '--status', 'closed', ...store.cliFlags], dir).status).not.toBe(
          0,
        );

        const history = JSON.parse(wocas('issue', 'history', top.id, '--json')) as HistoryEntry[];
        expect(
          history.map((entry) => [entry.action, entry.field, entry.new_value, entry.actor]),
        ).toEqual([
          ['update', 'status', 'fixed', null],
          ['update', 'owner', 'Web shop team', null],
          ['note', null, 'Shipped in 4.2', null],
        ]);
        const text = wocas('issue', 'history', top.id);
        expect(text.trim().split('\n')).toHaveLength(3);
        expect(text).toContain('(command line)');
        expect(text).toContain('note: Shipped in 4.2');

        wocas('issue', 'merge', second.id, '--into', top.id);
        const merged = JSON.parse(wocas('issue', 'history', second.id, '--json')) as HistoryEntry[];
        expect(merged.at(-1)?.detail).toBe(`merged ${second.id} in (${second.mentions} items)`);
        // The retired issue is named by the title it had, beside its id.
        expect(merged.at(-1)?.issues).toEqual([
          { id: second.id, title: second.title, retired: true },
        ]);
        expect(wocas('issue', 'history', top.id)).toContain(
          `merged ${second.id} in (${second.mentions} items) · ${second.id} = "${second.title}"`,
        );
        expect(runWocas(['issue', 'history', 'iss_nope', ...store.cliFlags], dir).status).not.toBe(
          0,
        );
      });
    },
  );
}
