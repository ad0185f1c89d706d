import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openAggregator } from '../src/server/aggregator.js';
import { importFile } from '../src/server/ingest/import-file.js';

const FIXTURE = new URL('./fixtures/feedback-mixed.csv', import.meta.url);
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wocas-generation-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('a serving process notices a recluster by another process and never assigns to a retired issue', async () => {
  const dbPath = join(dir, 'wocas.db');
  const serving = openAggregator({ db: dbPath });
  const other = openAggregator({ db: dbPath });
  try {
    await importFile(serving.ingestor, FIXTURE.pathname);
    const summary = other.recluster();
    expect(summary.issuesAfter).toBeLessThan(summary.issuesBefore);
    const retired = serving.db.prepare('SELECT count(*) FROM issues WHERE merged_into IS NOT NULL').pluck().get() as number;
    expect(retired).toBeGreaterThan(0);

    // The same verbatims again, as new items, through the process that loaded its grouper before.
    const again = join(dir, 'again.jsonl');
    const rows = parse<Record<string, string>>(readFileSync(FIXTURE), { columns: true });
    writeFileSync(again, rows.map((row) => JSON.stringify({ ...row, text: `${row.text} (again)` })).join('\n'));
    const result = await importFile(serving.ingestor, again);
    expect(result.imported).toBeGreaterThan(100);
    const intoRetired = serving.db
      .prepare('SELECT count(*) FROM items JOIN issues ON issues.id = items.issue_id WHERE issues.merged_into IS NOT NULL')
      .pluck()
      .get();
    expect(intoRetired).toBe(0);
  } finally {
    serving.close();
    other.close();
  }
});
