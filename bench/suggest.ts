/**
 * `issues.suggest` latency at scale: generated items (naming thousands of products) imported through the real import path (as
 * `wocas import --no-recluster` does past 50,000 items), then every 100th generated text typed
 * into `issues.suggest` as an agent would, one at a time; p50 and p99 in milliseconds.
 *
 *   npm run bench:suggest [-- --items 1000000]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openAggregator } from '../src/server/aggregator.js';
import { suggestIssues } from '../src/server/feedback/agent-feedback.js';
import { importFile } from '../src/server/ingest/import-file.js';
import { generateItems } from './generate-items.js';

const { values } = parseArgs({ options: { items: { type: 'string', default: '1000000' } } });
const count = Number(values.items);
/** Made-up products named in the English texts: thousands of distinct problems, not a few hundred. */
const PRODUCTS = 5_000;
const dir = mkdtempSync(join(tmpdir(), 'wocas-suggest-'));
const CHUNK = 100_000;

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

try {
  const aggregator = await openAggregator({ db: join(dir, 'wocas.db') });
  const started = performance.now();
  // In chunks, so that a million items never sit in one file or one array.
  for (let start = 0; start < count; start += CHUNK) {
    const items = generateItems(Math.min(CHUNK, count - start), start + 1, undefined, PRODUCTS);
    const file = join(dir, 'chunk.jsonl');
    writeFileSync(file, items.map((item) => JSON.stringify(item)).join('\n'));
    await importFile(aggregator.ingestor, file);
  }
  const importSeconds = (performance.now() - started) / 1000;
  const issues = Number(
    (await sql<{ n: number }>`SELECT count(*) AS n FROM issues`.execute(aggregator.storage.db))
      .rows[0]?.n,
  );
  const probes = generateItems(
    Math.max(1_000, Math.floor(count / 100)),
    999_999,
    undefined,
    PRODUCTS,
  ).map((item) => item.text);
  const latencies: number[] = [];
  let shown = 0;
  for (const text of probes) {
    const t = performance.now();
    const found = await suggestIssues(
      aggregator.storage,
      aggregator.ingestor.currentGrouper,
      text,
      5,
    );
    latencies.push(performance.now() - t);
    if (found.length > 0) shown += 1;
  }
  await aggregator.close();
  latencies.sort((a, b) => a - b);
  console.log(
    `${count.toLocaleString()} items imported in ${importSeconds.toFixed(0)} s into ${issues.toLocaleString()} issues`,
  );
  console.log(
    `issues.suggest over ${probes.length.toLocaleString()} texts: p50 ${percentile(latencies, 0.5).toFixed(2)} ms, ` +
      `p99 ${percentile(latencies, 0.99).toFixed(2)} ms, max ${(latencies.at(-1) ?? 0).toFixed(2)} ms; ` +
      `something shown for ${((shown / probes.length) * 100).toFixed(0)}%`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
