/**
 * Ingest speed: generated items through the whole import path (file reading, validation,
 * redaction, grouping, storage) beside a raw better-sqlite3 insert of the same rows in the same
 * run; then `wocas issues` over 1,000,000 items. With --database-url, the same on PostgreSQL
 * beside SQLite (the URL's database is emptied of WOCAS tables first: give it a scratch database).
 *
 *   npm run bench:ingest [-- --items 100000 --rank-items 1000000 --database-url postgres://…]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openAggregator } from '../src/server/aggregator.js';
import { importFile } from '../src/server/ingest/import-file.js';
import { setChannelCost } from '../src/server/costs/channel-costs.js';
import { rankIssues } from '../src/server/issues/rank-issues.js';
import type { StorageLocation } from '../src/server/storage/storage.js';
import { MIGRATIONS } from '../src/server/storage/sqlite/migrations.js';
import { fillBigDatabase } from './big-database.js';
import { generateItems } from './generate-items.js';
import { emptyPostgresDatabase } from './empty-postgres.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    'rank-items': { type: 'string', default: '1000000' },
    'database-url': { type: 'string' },
  },
});
const count = Number(values.items);
const rankCount = Number(values['rank-items']);
const databaseUrl = values['database-url'];
const here = new URL('.', import.meta.url).pathname;
const wocasBin = join(here, here.includes('/dist/') ? '../../bin/wocas.js' : '../bin/wocas.js');

const dir = mkdtempSync(join(tmpdir(), 'wocas-ingest-'));
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

function rawSqliteInsert(items: ReturnType<typeof generateItems>): number {
  // The same rows into the same items table, no validation, redaction or grouping.
  const raw = new Database(join(dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec((MIGRATIONS[0] as { sql: string }).sql.replace(/REFERENCES issues\(id\)/g, ''));
  const insert =
    raw.prepare(`INSERT INTO items (id, issue_id, assigned_by, text, channel, team, agent, times_heard, created_at, received_at)
    VALUES (?, 'x', 'new', ?, ?, ?, ?, ?, ?, ?)`);
  const start = performance.now();
  const insertChunk = raw.transaction((chunk: typeof items) => {
    for (const it of chunk)
      insert.run(
        it.id,
        it.text,
        it.channel,
        it.team,
        it.agent,
        it.times_heard,
        Date.parse(it.created_at),
        Date.now(),
      );
  });
  for (let i = 0; i < items.length; i += 2_000) insertChunk(items.slice(i, i + 2_000));
  const ms = performance.now() - start;
  raw.close();
  return ms;
}

interface Run {
  label: string;
  importRate: number;
  issues: number;
  rank: { label: string; ms: number; issues: number }[];
  cliMs: number;
}

async function run(
  label: string,
  location: StorageLocation,
  file: string,
  cliFlags: string[],
): Promise<Run> {
  const aggregator = await openAggregator(location);
  const start = performance.now();
  const summary = await importFile(aggregator.ingestor, file);
  const importMs = performance.now() - start;
  const issues = Number(
    (
      await sql<{ n: number }>`SELECT count(*) AS n FROM issues WHERE merged_into IS NULL`.execute(
        aggregator.storage.db,
      )
    ).rows[0]?.n,
  );
  console.log(
    `${label.padEnd(10)} wocas import (whole path): ${rate(summary.imported, importMs).toLocaleString()} items/s (${Math.round(importMs)} ms, ${issues} issues)`,
  );

  // Ranking over a big database: top the store up with raw rows spread, Zipf-like, over 5,000 issues.
  const now = Date.UTC(2026, 10, 23);
  await fillBigDatabase(aggregator.storage, rankCount, 5_000, now);
  const total = Number(
    (await sql<{ n: number }>`SELECT count(*) AS n FROM items`.execute(aggregator.storage.db))
      .rows[0]?.n,
  );
  const rank: Run['rank'] = [];
  const timeRank = async (what: string, query: Parameters<typeof rankIssues>[1]) => {
    // One warm-up, then the median of three: the machine is shared, one run is noise.
    await rankIssues(aggregator.storage, query, now);
    const times: number[] = [];
    let issues = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      issues = (await rankIssues(aggregator.storage, query, now)).issues.length;
      times.push(performance.now() - t);
    }
    const ms = Math.round(times.sort((a, b) => a - b)[1] as number);
    rank.push({ label: what, ms, issues });
  };
  await timeRank('all time', {});
  await timeRank('last 28 days, with trend', { from: now - 28 * 86_400_000, to: now });
  await timeRank('last 28 days, team-3, chat', {
    from: now - 28 * 86_400_000,
    to: now,
    team: 'team-3',
    channel: 'chat',
  });
  // With a cost set the ranking also sums each issue's contacts per channel over the window.
  await aggregator.storage.write(async (tx) => {
    await setChannelCost(tx, 'phone', { minutes: 8, per_minute: 1.5 }, 'EUR');
    await setChannelCost(tx, 'chat', { minutes: 12, per_minute: 0.6 });
    await setChannelCost(tx, 'email', { minutes: 5, per_minute: 0.8 });
  });
  await timeRank('all time, costs set', {});
  await timeRank('all time, costs set, top 50', { limit: 50 });
  await timeRank('all time, by cost', { rankBy: 'cost' });
  await timeRank('last 28 days, by cost', {
    from: now - 28 * 86_400_000,
    to: now,
    rankBy: 'cost',
  });
  await aggregator.close();
  const cliStart = performance.now();
  execFileSync(process.execPath, [wocasBin, 'issues', ...cliFlags, '--json', '--limit', '50'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const cliMs = Math.round(performance.now() - cliStart);
  console.log(`${label.padEnd(10)} ranking over ${total.toLocaleString()} items done`);
  return { label, importRate: rate(summary.imported, importMs), issues, rank, cliMs };
}

try {
  const items = generateItems(count);
  const file = join(dir, 'items.jsonl');
  writeFileSync(file, items.map((item) => JSON.stringify(item)).join('\n'));
  console.log(`items: ${count.toLocaleString()} generated (20% Chinese, 5% with personal data)`);
  const rawMs = rawSqliteInsert(items);
  console.log(
    `raw better-sqlite3 insert: ${rate(count, rawMs).toLocaleString()} items/s (${Math.round(rawMs)} ms)`,
  );

  const dbPath = join(dir, 'wocas.db');
  const runs = [await run('SQLite', { db: dbPath }, file, ['--db', dbPath])];
  if (databaseUrl !== undefined) {
    await emptyPostgresDatabase(databaseUrl);
    runs.push(
      await run('PostgreSQL', { db: dbPath, databaseUrl }, file, ['--database-url', databaseUrl]),
    );
  }

  console.log('\n| | ' + runs.map((r) => r.label).join(' | ') + ' |');
  console.log('|---|' + runs.map(() => '---').join('|') + '|');
  console.log(
    `| import, items/s | ${runs.map((r) => r.importRate.toLocaleString()).join(' | ')} |`,
  );
  for (const [i, { label }] of (runs[0] as Run).rank.entries()) {
    console.log(
      `| rank ${rankCount.toLocaleString()} items, ${label}, ms | ${runs.map((r) => r.rank[i]?.ms).join(' | ')} |`,
    );
  }
  console.log(
    `| \`wocas issues --json\`, whole cold process, ms | ${runs.map((r) => r.cliMs).join(' | ')} |`,
  );
  console.log(
    `\nimport / raw SQLite insert: ${((runs[0] as Run).importRate / rate(count, rawMs)).toFixed(2)}`,
  );
  if (runs[1])
    console.log(
      `PostgreSQL import / SQLite import: ${(runs[1].importRate / (runs[0] as Run).importRate).toFixed(2)}`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
