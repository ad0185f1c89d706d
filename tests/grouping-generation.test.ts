import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAggregator } from '../src/server/aggregator.js';
import { importFile } from '../src/server/ingest/import-file.js';
import { first } from '../src/server/storage/sql.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

const FIXTURE = new URL('./fixtures/feedback-mixed.csv', import.meta.url);

describe.each(backendCases)('on $name', (backendCase) => {
  describe.skipIf(backendCase.skip)('grouping generation', () => {
    let dir: string;
    let store: TestStorage;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'wocas-generation-'));
      store = await backendCase.fresh();
    });
    afterEach(async () => {
      await store.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('a serving process notices a recluster by another process and never assigns to a retired issue', async () => {
      const serving = await openAggregator(store.location);
      const other = await openAggregator(store.location);
      try {
        await importFile(serving.ingestor, FIXTURE.pathname);
        const summary = await other.recluster();
        expect(summary.issuesAfter).toBeLessThan(summary.issuesBefore);
        const retired = await first(
          serving.storage,
          sql<{ n: number }>`SELECT count(*) AS n FROM issues WHERE merged_into IS NOT NULL`,
        );
        expect(retired?.n).toBeGreaterThan(0);

        // The same verbatims again, as new items, through the process that loaded its grouper before.
        const again = join(dir, 'again.jsonl');
        const rows = parse<Record<string, string>>(readFileSync(FIXTURE), { columns: true });
        writeFileSync(
          again,
          rows.map((row) => JSON.stringify({ ...row, text: `${row.text} (again)` })).join('\n'),
        );
        const result = await importFile(serving.ingestor, again);
        expect(result.imported).toBeGreaterThan(100);
        const intoRetired = await first(
          serving.storage,
          sql<{
            n: number;
          }>`SELECT count(*) AS n FROM items JOIN issues ON issues.id = items.issue_id
            WHERE issues.merged_into IS NOT NULL`,
        );
        expect(intoRetired?.n).toBe(0);
      } finally {
        await serving.close();
        await other.close();
      }
    });
  });
});
