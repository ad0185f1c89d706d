import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { zipfSample } from './bench/zipf-sample.js';
import { scoreGrouping } from './bench/grouping-scores.js';
import { recluster } from './src/shared/grouping/recluster.js';
import { Vocabulary, countTerms, vectorize } from './src/shared/grouping/term-vector.js';
import { tokenize } from './src/shared/text/tokenize.js';

const files = process.argv[2]!.split(',');
const rows = files.flatMap((f) => parse(readFileSync(f), { columns: true }) as { text: string; category: string }[]).map((r) => ({ text: r.text, label: r.category }));
const micro = Number(process.argv[3]); const merge = Number(process.argv[4]); const rounds = Number(process.argv[5] ?? 2);
const out = [];
for (const seed of [1, 2, 3]) {
  const sample = zipfSample(rows, seed);
  const vocab = new Vocabulary();
  const counts = sample.map((s) => countTerms(tokenize(s.text)));
  counts.forEach((c) => vocab.observe(c.keys()));
  const items = counts.map((c, i) => ({ id: String(i), vector: vectorize(c, vocab) }));
  const t0 = performance.now();
  const res = recluster(items, { microThreshold: micro, mergeThreshold: merge, refineRounds: rounds, neighbours: 12 });
  const ms = performance.now() - t0;
  const s = scoreGrouping(sample.map((s) => s.label), items.map((it) => res.get(it.id)!));
  out.push(s);
  console.log(seed, Math.round(ms), JSON.stringify(s, (k, v) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v)));
}
const avg = (k: string) => (out.reduce((a, s: any) => a + s[k], 0) / out.length).toFixed(3);
console.log(`micro ${micro} merge ${merge} rounds ${rounds}: NMI ${avg('nmi')} ARI ${avg('ari')} P@10 ${avg('precisionAt10')} share ${avg('top10Share')} issues ${avg('issues')}`);
if (process.env.DETAIL) {
  const sample = zipfSample(rows, 1);
  const vocab = new Vocabulary();
  const counts = sample.map((s) => countTerms(tokenize(s.text)));
  counts.forEach((c) => vocab.observe(c.keys()));
  const items = counts.map((c, i) => ({ id: String(i), vector: vectorize(c, vocab) }));
  const res = recluster(items, { microThreshold: micro, mergeThreshold: merge, refineRounds: rounds, neighbours: 12 });
  const byLabel = new Map<string, Map<string, number>>();
  sample.forEach((s, i) => { const m = byLabel.get(s.label) ?? new Map(); const c = res.get(String(i))!; m.set(c, (m.get(c) ?? 0) + 1); byLabel.set(s.label, m); });
  const byCluster = new Map<string, Map<string, number>>();
  sample.forEach((s, i) => { const c = res.get(String(i))!; const m = byCluster.get(c) ?? new Map(); m.set(s.label, (m.get(s.label) ?? 0) + 1); byCluster.set(c, m); });
  const top = [...byLabel].sort((a, b) => [...b[1].values()].reduce((x, y) => x + y) - [...a[1].values()].reduce((x, y) => x + y)).slice(0, 8);
  for (const [l, m] of top) console.log(l, [...m].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([c, n]) => `${c}:${n}(${[...byCluster.get(c)!].sort((a,b)=>b[1]-a[1]).slice(0,2).map(([x,y])=>x.slice(0,14)+'='+y).join(',')})`).join(' '));
}
