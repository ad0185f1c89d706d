/**
 * Grouping quality through the real import path, every measure in one run. For each labelled set
 * (flat and Zipf-shaped), two fresh SQLite files:
 *  - all items imported and reclustered (as `wocas import` does), scored against the labels:
 *    NMI, ARI, top-10 purity, top-10 recall, P@10;
 *  - every 5th item held back, the rest imported and reclustered, each held-back text typed into
 *    `issues.suggest`: precision@1 when something is shown, and how often something is shown;
 *  - then, in the first file, an analyst's splits and merges replayed from the labels and a
 *    recluster: ARI and purity again, to show that reclustering follows the analyst;
 *  - and the split proposals ("Could be two problems") on the top ten issues: how many are
 *    offered, and how many divide two problems (the parts' most common labels differ);
 *  - in a third file, an analyst who takes every right offer on the top ten (one click each) and
 *    reads the top ten again: how many clicks, and ARI, purity and recall after them.
 *
 *   npm run bench:quality              (BANKING77 from ../shared/data when present, plus bench/data and the demo)
 *   npm run bench:quality -- zipf      (only the sets whose name contains "zipf")
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Aggregator, openAggregator } from '../src/server/aggregator.js';
import { suggestIssues } from '../src/server/feedback/agent-feedback.js';
import { importFile } from '../src/server/ingest/import-file.js';
import { mergeIssues, splitIssue } from '../src/server/issues/issue-actions.js';
import { rankIssues } from '../src/server/issues/rank-issues.js';
import { splitProposal } from '../src/server/issues/split-proposal.js';
import { issuesOfItems } from '../src/server/items/items-repo.js';
import { UNLABELLED } from '../src/shared/grouping/issue-label.js';
import {
  type GroupingScores,
  type SuggestionScores,
  countBy,
  majorityLabels,
  scoreGrouping,
  scoreSuggestions,
} from './grouping-scores.js';
import { type LabelledItem, qualitySets } from './quality-sets.js';

const here = new URL('.', import.meta.url).pathname;
const root = join(here, here.includes('/dist/') ? '../..' : '..');
const NOW = Date.parse('2026-11-20T12:00:00Z');

/** Each item's issue now, in the items' order. */
async function issuesNow(
  aggregator: Aggregator,
  items: readonly LabelledItem[],
): Promise<string[]> {
  const issueOf = await issuesOfItems(
    aggregator.storage,
    items.map(({ item }) => item.id),
    'all',
  );
  return items.map(({ item }) => issueOf[item.id] as string);
}

/** The issue ids in ranking order, as the Insights view lists them. */
async function rankedIds(aggregator: Aggregator): Promise<string[]> {
  return (await rankIssues(aggregator.storage, {}, NOW)).issues.map((issue) => issue.id);
}

/** The share of the ten highest-ranked issues whose title is a label, not the placeholder. */
async function labelledTopTen(aggregator: Aggregator): Promise<number> {
  const top = (await rankIssues(aggregator.storage, { limit: 10 }, NOW)).issues;
  const placeholders: readonly string[] = Object.values(UNLABELLED);
  return top.filter((issue) => !placeholders.includes(issue.title)).length / top.length;
}

/** The most common true label among item ids: what a reader of those verbatims would call them. */
function majorityLabelOf(items: readonly LabelledItem[]): (ids: readonly string[]) => unknown {
  const labelOf = new Map(items.map(({ item, label }) => [item.id, label]));
  return (ids) =>
    [...countBy(ids.map((id) => labelOf.get(id)))].sort((a, b) => b[1] - a[1])[0]?.[0];
}

let files = 0;
/** Imports items through `wocas import`'s path (a JSON Lines file) and reclusters, as the CLI does. */
async function importAndRecluster(items: readonly LabelledItem[], dir: string) {
  files += 1;
  const path = join(dir, `sample-${files}.jsonl`);
  writeFileSync(path, items.map(({ item }) => JSON.stringify(item)).join('\n') + '\n');
  const aggregator = await openAggregator({ db: join(dir, `quality-${files}.db`) }, () => NOW);
  await importFile(aggregator.ingestor, path, { now: () => NOW });
  await aggregator.recluster();
  await aggregator.ingestor.reload();
  return { aggregator, predicted: await issuesNow(aggregator, items) };
}

type DrawScores = GroupingScores &
  SuggestionScores & {
    p99: number;
    labelled: number;
    curatedAri: number;
    curatedPurity: number;
    splitsOffered: number;
    splitsRight: number;
    offersTaken: number;
    assistedAri: number;
    assistedPurity: number;
    assistedRecall: number;
  };

/**
 * "Could be two problems" on the ten highest-ranked issues: how often a split is offered, and how
 * often its two parts are two problems (their most common labels differ).
 */
async function scoreSplitProposals(
  aggregator: Aggregator,
  items: readonly LabelledItem[],
  ranked: readonly string[],
): Promise<{ splitsOffered: number; splitsRight: number }> {
  const majorityOf = majorityLabelOf(items);
  let splitsOffered = 0;
  let splitsRight = 0;
  for (const issue of ranked.slice(0, 10)) {
    const { parts } = await splitProposal(
      aggregator.storage,
      aggregator.ingestor.currentGrouper.vocabulary,
      issue,
    );
    const [a, b] = parts;
    if (!a || !b) continue;
    splitsOffered += 1;
    if (majorityOf(a.item_ids) !== majorityOf(b.item_ids)) splitsRight += 1;
  }
  return { splitsOffered, splitsRight };
}

/** Offers an analyst takes at most, and rounds of reading the top ten again after taking some. */
const MAX_CLICKS = 20;
const MAX_ROUNDS = 5;

/**
 * An analyst working through "Could be two problems" on the top ten: each offer is read, taken
 * (one click: the smaller part split off under its label) when its two parts are two problems, as
 * their verbatims show a reader, and dismissed otherwise; then the top ten is read again, since a
 * split reorders it. The labels judge an offer only; the cut is the product's own.
 */
async function takeSplitOffers(
  aggregator: Aggregator,
  items: readonly LabelledItem[],
): Promise<{ clicks: number; predicted: string[]; ranked: string[] }> {
  const majorityOf = majorityLabelOf(items);
  const dismissed = new Set<string>();
  let clicks = 0;
  for (let round = 0; round < MAX_ROUNDS && clicks < MAX_CLICKS; round++) {
    let taken = 0;
    for (const issue of (await rankedIds(aggregator)).slice(0, 10)) {
      if (dismissed.has(issue) || clicks >= MAX_CLICKS) continue;
      const [a, b] = (
        await splitProposal(
          aggregator.storage,
          aggregator.ingestor.currentGrouper.vocabulary,
          issue,
        )
      ).parts;
      if (!a || !b || majorityOf(a.item_ids) === majorityOf(b.item_ids)) {
        dismissed.add(issue);
        continue;
      }
      await splitIssue(aggregator.storage, issue, b.item_ids, b.label, NOW);
      clicks += 1;
      taken += 1;
    }
    if (taken === 0) break;
  }
  return {
    clicks,
    predicted: await issuesNow(aggregator, items),
    ranked: await rankedIds(aggregator),
  };
}

/**
 * What an analyst does with the top of the ranking, replayed from the labels: in each of the five
 * highest-ranked issues, split off the items of its second most common label; for each of the five
 * most frequent labels, merge its two largest issues when both are mostly that label. Then the whole
 * set is reclustered, which must keep what the analyst did.
 */
async function curate(
  aggregator: Aggregator,
  items: readonly LabelledItem[],
  predicted: readonly string[],
  ranked: readonly string[],
): Promise<number> {
  const labelOf = new Map(items.map(({ item, label }) => [item.id, label]));
  const membersOf = new Map<string, string[]>();
  predicted.forEach((issue, i) =>
    membersOf.set(issue, [...(membersOf.get(issue) ?? []), (items[i] as LabelledItem).item.id]),
  );
  const byCount = (ids: readonly string[]) =>
    [...countBy(ids.map((id) => labelOf.get(id) as string))].sort((a, b) => b[1] - a[1]);
  let actions = 0;
  for (const issue of ranked.slice(0, 5)) {
    const members = membersOf.get(issue) ?? [];
    const second = byCount(members)[1]?.[0];
    if (second === undefined) continue;
    await splitIssue(
      aggregator.storage,
      issue,
      members.filter((id) => labelOf.get(id) === second),
      undefined,
      NOW,
    );
    actions += 1;
  }
  const majority = majorityLabels(
    items.map(({ label }) => label),
    [...predicted],
  );
  const labels = [...countBy(items.map(({ label }) => label))]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([label]) => label);
  const curatedIssues = new Set(ranked.slice(0, 5));
  for (const label of labels) {
    const [target, source] = [...membersOf]
      .filter(([issue]) => majority.get(issue) === label && !curatedIssues.has(issue))
      .sort((a, b) => b[1].length - a[1].length)
      .map(([issue]) => issue);
    if (target === undefined || source === undefined) continue;
    await mergeIssues(aggregator.storage, source, target, NOW);
    actions += 1;
  }
  await aggregator.recluster();
  return actions;
}

async function scoreDraw(draw: readonly LabelledItem[], dir: string): Promise<DrawScores> {
  const truth = draw.map(({ label }) => label);
  const whole = await importAndRecluster(draw, dir);
  const ranked = await rankedIds(whole.aggregator);
  const grouping = scoreGrouping(truth, whole.predicted, ranked);
  const labelled = await labelledTopTen(whole.aggregator);
  const splits = await scoreSplitProposals(whole.aggregator, draw, ranked);
  await curate(whole.aggregator, draw, whole.predicted, ranked);
  const curated = scoreGrouping(
    truth,
    await issuesNow(whole.aggregator, draw),
    await rankedIds(whole.aggregator),
  );
  await whole.aggregator.close();

  const offered = await importAndRecluster(draw, dir);
  const taken = await takeSplitOffers(offered.aggregator, draw);
  const assisted = scoreGrouping(truth, taken.predicted, taken.ranked);
  await offered.aggregator.close();

  const kept = draw.filter((_, i) => i % 5 !== 0);
  const heldBack = draw.filter((_, i) => i % 5 === 0);
  const part = await importAndRecluster(kept, dir);
  const majority = majorityLabels(
    kept.map(({ label }) => label),
    part.predicted,
  );
  const shown: (string | undefined)[] = [];
  const latencies: number[] = [];
  for (const { item } of heldBack) {
    const started = performance.now();
    const [top] = await suggestIssues(
      part.aggregator.storage,
      part.aggregator.ingestor.currentGrouper,
      item.text,
      5,
    );
    latencies.push(performance.now() - started);
    shown.push(top && majority.get(top.id));
  }
  await part.aggregator.close();
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
  return {
    ...grouping,
    ...scoreSuggestions(
      heldBack.map(({ label }) => label),
      shown,
      new Set(majority.values()),
    ),
    p99,
    labelled,
    ...splits,
    curatedAri: curated.ari,
    curatedPurity: curated.top10Purity,
    offersTaken: taken.clicks,
    assistedAri: assisted.ari,
    assistedPurity: assisted.top10Purity,
    assistedRecall: assisted.top10Recall,
  };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const fmt = (value: number) => value.toFixed(3);

async function main(): Promise<void> {
  const only = process.argv[2]?.toLowerCase();
  const dir = mkdtempSync(join(tmpdir(), 'wocas-quality-'));
  try {
    console.log(
      'data set                     items  true  found   NMI    ARI   purity recall  P@10  labelled | sugg P@1  coverage matched | curated: ARI  purity | splits offered  right | taken: clicks   ARI  purity recall',
    );
    let slowest = 0;
    for (const set of qualitySets(root)) {
      if (only && !set.name.toLowerCase().includes(only)) continue;
      const runs: DrawScores[] = [];
      for (const draw of set.draws) runs.push(await scoreDraw(draw, dir));
      const avg = (key: keyof DrawScores) => mean(runs.map((run) => run[key]));
      slowest = Math.max(slowest, ...runs.map((run) => run.p99));
      console.log(
        `${set.name.padEnd(27)} ${avg('items').toFixed(0).padStart(6)} ${avg('trueIssues').toFixed(0).padStart(5)} ` +
          `${avg('issues').toFixed(0).padStart(6)}  ${fmt(avg('nmi'))}  ${fmt(avg('ari'))}  ${fmt(avg('top10Purity'))}  ` +
          `${fmt(avg('top10Recall'))}  ${fmt(avg('precisionAt10'))}    ${fmt(avg('labelled'))} |   ${fmt(avg('precisionAt1'))}    ${fmt(avg('coverage'))}   ${fmt(avg('matchedCoverage'))} |       ${fmt(avg('curatedAri'))}  ${fmt(avg('curatedPurity'))} |` +
          `${avg('splitsOffered').toFixed(1).padStart(15)} ${avg('splitsRight').toFixed(1).padStart(6)} |` +
          `${avg('offersTaken').toFixed(1).padStart(14)}  ${fmt(avg('assistedAri'))}  ${fmt(avg('assistedPurity'))}  ${fmt(avg('assistedRecall'))}`,
      );
    }
    console.log(
      "(Zipf: means over seeds 1, 2, 3, exponent 1, head = the median label's size; purity and P@10 over the",
    );
    console.log(
      ' ten highest-ranked issues, recall over the ten most frequent labels; labelled: the share of the top ten titled',
    );
    console.log(
      " by a label rather than 'Unlabelled issue' (a title is never a verbatim); suggestions: every 5th item held back,",
    );
    console.log(' coverage over all of them, matched over those whose label leads some issue;');
    console.log(
      ' curated: after up to 10 analyst splits and merges replayed from the labels, then a recluster;',
    );
    console.log(
      ' splits: "Could be two problems" offered on the top ten, and right when its parts\' most common labels differ;',
    );
    console.log(
      ` taken: an analyst takes each right offer on the top ten and dismisses the rest, reading it again, up to ${MAX_CLICKS} clicks)`,
    );
    console.log(
      `issues.suggest p99 (slowest set, in-process, up to 13,000 items): ${slowest.toFixed(1)} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
