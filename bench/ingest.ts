/**
 * Ingest speed: 100,000 generated items through the whole import path (file reading, validation,
 * redaction, grouping, storage) beside a raw better-sqlite3 insert of the same rows in the same
 * run; then `wocas issues` over 1,000,000 items.
 *
 *   npm run bench:ingest [-- --items 100000 --rank-items 1000000]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openAggregator } from '../src/server/aggregator.js';
import { importFile } from '../src/server/ingest/import-file.js';
import { rankIssues } from '../src/server/issues/rank-issues.js';
import { MIGRATIONS } from '../src/server/storage/sqlite/migrations.js';
import { fillBigDatabase } from './big-database.js';
import { generateItems } from './generate-items.js';

const { values } = parseArgs({
  options: { items: { type: 'string', default: '100000' }, 'rank-items': { type: 'string', default: '1000000' } },
});
const count = Number(values.items);
const rankCount = Number(values['rank-items']);
const here = new URL('.', import.meta.url).pathname;
const wocasBin = join(here, here.includes('/dist/') ? '../../bin/wocas.js' : '../bin/wocas.js');

const dir = mkdtempSync(join(tmpdir(), 'wocas-ingest-'));
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

try {
  const items = generateItems(count);
  const file = join(dir, 'items.jsonl');
  writeFileSync(file, items.map((item) => JSON.stringify(item)).join('\n'));

  // Raw baseline: the same rows into the same items table, no validation, redaction or grouping.
  const raw = new Database(join(dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec((MIGRATIONS[0] as { sql: string }).sql.replace(/REFERENCES issues\(id\)/g, ''));
  const insert = raw.prepare(`INSERT INTO items (id, issue_id, assigned_by, text, channel, team, agent, times_heard, created_at, received_at)
    VALUES (?, 'x', 'new', ?, ?, ?, ?, ?, ?, ?)`);
  const rawStart = performance.now();
  const insertChunk = raw.transaction((chunk: typeof items) => {
    for (const it of chunk) insert.run(it.id, it.text, it.channel, it.team, it.agent, it.times_heard, Date.parse(it.created_at), Date.now());
  });
  for (let i = 0; i < items.length; i += 2_000) insertChunk(items.slice(i, i + 2_000));
  const rawMs = performance.now() - rawStart;
  raw.close();

  const dbPath = join(dir, 'wocas.db');
  const aggregator = openAggregator({ db: dbPath });
  const start = performance.now();
  const summary = await importFile(aggregator.ingestor, file);
  const importMs = performance.now() - start;
  const issues = aggregator.db.prepare('SELECT count(*) FROM issues WHERE merged_into IS NULL').pluck().get() as number;

  console.log(`items: ${count.toLocaleString()} generated (20% Chinese, 5% with personal data)`);
  console.log(`raw better-sqlite3 insert:   ${rate(count, rawMs).toLocaleString()} items/s (${Math.round(rawMs)} ms)`);
  console.log(`wocas import (whole path):   ${rate(summary.imported, importMs).toLocaleString()} items/s (${Math.round(importMs)} ms, ${issues} issues)`);
  console.log(`import / raw:                ${(rawMs / importMs).toFixed(2)}`);

  // Ranking over a big database: top the store up with raw rows spread, Zipf-like, over 5,000 issues.
  const now = Date.UTC(2026, 10, 23);
  fillBigDatabase(aggregator.db, rankCount, 5_000, now);
  const total = aggregator.db.prepare('SELECT count(*) FROM items').pluck().get() as number;

  const timeRank = (label: string, query: Parameters<typeof rankIssues>[1]) => {
    rankIssues(aggregator.db, query, now);
    const t = performance.now();
    const ranked = rankIssues(aggregator.db, query, now);
    console.log(`rank ${label.padEnd(36)} ${Math.round(performance.now() - t)} ms (${ranked.issues.length} issues)`);
  };
  console.log(`\nranking over ${total.toLocaleString()} items:`);
  timeRank('all time', {});
  timeRank('last 28 days, with trend', { from: now - 28 * 86_400_000, to: now });
  timeRank('last 28 days, team-3, chat', { from: now - 28 * 86_400_000, to: now, team: 'team-3', channel: 'chat' });
  aggregator.close();

  const cliStart = performance.now();
  execFileSync(process.execPath, [wocasBin, 'issues', '--db', dbPath, '--json', '--limit', '50'], { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`wocas issues --json (whole process, cold): ${Math.round(performance.now() - cliStart)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
