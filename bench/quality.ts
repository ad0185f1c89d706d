/**
 * Grouping quality through the real import path: labelled utterances are sampled with a Zipf
 * skew (fixed seed), written to a CSV, imported into a fresh SQLite file, and the issues that come
 * out are compared with the labels, after the incremental pass and after reclustering.
 *
 *   npm run bench:quality            (BANKING77 from ../shared/data when present, plus bench/data)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openAggregator } from '../src/server/aggregator.js';
import { reclusterDatabase } from '../src/server/grouping/recluster-database.js';
import { importFile } from '../src/server/ingest/import-file.js';
import { rankIssues } from '../src/server/issues/rank-issues.js';
import { issuesOfItems } from '../src/server/items/items-repo.js';
import { type GroupingScores, scoreGrouping } from './grouping-scores.js';
import { type Labelled, zipfSample } from './zipf-sample.js';

const SEEDS = [1, 2, 3];
const here = new URL('.', import.meta.url).pathname;
const root = join(here, here.includes('/dist/') ? '../..' : '..');

interface DataSet {
  name: string;
  files: string[];
}

const DATA_SETS: DataSet[] = [
  { name: 'BANKING77 (en)', files: ['train.csv', 'test.csv'].map((f) => join(root, '../shared/data/banking77', f)) },
  { name: 'telecom (en, ours)', files: [join(root, 'bench/data/en-telecom.csv')] },
  { name: 'banking (zh, ours)', files: [join(root, 'bench/data/zh-banking.csv')] },
];

function readLabelled(files: string[]): Labelled[] {
  return files.flatMap((file) =>
    parse<{ text: string; category: string }>(readFileSync(file), { columns: true }).map((row) => ({
      text: row.text,
      label: row.category,
    })),
  );
}

async function measure(sample: Labelled[], dir: string): Promise<{ online: GroupingScores; reclustered: GroupingScores; ms: number }> {
  const csv = join(dir, 'sample.csv');
  const lines = sample.map((row, i) => `q-${i},"${row.text.replace(/"/g, '""')}"`);
  writeFileSync(csv, `id,text\n${lines.join('\n')}\n`);
  const dbPath = join(dir, `quality-${Math.random().toString(36).slice(2)}.db`);
  const aggregator = await openAggregator({ db: dbPath });
  try {
    const started = performance.now();
    await importFile(aggregator.ingestor, csv);
    const truth = sample.map((row) => row.label);
    const score = async () => {
      const issueOf = await issuesOfItems(aggregator.storage, sample.map((_, i) => `q-${i}`), 'all');
      const predicted = sample.map((_, i) => issueOf[`q-${i}`] as string);
      const ranked = (await rankIssues(aggregator.storage, {}, Date.now())).issues.map((issue) => issue.id);
      return scoreGrouping(truth, predicted, ranked);
    };
    const online = await score();
    await reclusterDatabase(aggregator.storage, Date.now());
    const ms = performance.now() - started;
    return { online, reclustered: await score(), ms };
  } finally {
    await aggregator.close();
  }
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const fmt = (value: number) => value.toFixed(3);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wocas-quality-'));
  try {
    console.log('data set                 stage        items  true  found   NMI    ARI    P@10   top-10 share');
    for (const set of DATA_SETS) {
      if (!set.files.every((file) => existsSync(file))) {
        console.log(`${set.name.padEnd(24)} (not present, skipped)`);
        continue;
      }
      const rows = readLabelled(set.files);
      const runs = [];
      for (const seed of SEEDS) runs.push(await measure(zipfSample(rows, seed), dir));
      for (const stage of ['online', 'reclustered'] as const) {
        const scores = runs.map((run) => run[stage]);
        const avg = (key: keyof GroupingScores) => mean(scores.map((s) => s[key]));
        console.log(
          `${set.name.padEnd(24)} ${stage.padEnd(12)} ${avg('items').toFixed(0).padStart(5)} ${avg('trueIssues').toFixed(0).padStart(5)} ` +
            `${avg('issues').toFixed(0).padStart(6)}  ${fmt(avg('nmi'))}  ${fmt(avg('ari'))}  ${fmt(avg('precisionAt10'))}  ${fmt(avg('top10Share'))}`,
        );
      }
    }
    console.log(`(means over seeds ${SEEDS.join(', ')}; Zipf exponent 1, head = the median label's size)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
