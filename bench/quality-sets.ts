/** The labelled sets `bench:quality` scores: BANKING77 (when present), our own sets, the demo. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type DemoVerbatim, generateLabelledDemoFeedback } from '../src/cli/demo/demo-feedback.js';
import type { FeedbackItemInput } from '../src/shared/domain/feedback-item.js';
import { zipfSample } from './zipf-sample.js';

/** One item to import, with the true problem it is about. */
export interface LabelledItem {
  item: FeedbackItemInput & { id: string };
  label: string;
}

export interface QualitySet {
  name: string;
  /** Several draws (Zipf seeds) are scored and averaged; a flat set has one. */
  draws: LabelledItem[][];
}

const SEEDS = [1, 2, 3];

function readLabelled(files: string[]): { text: string; label: string }[] {
  return files.flatMap((file) =>
    parse<{ text: string; category: string }>(readFileSync(file), { columns: true }).map((row) => ({
      text: row.text,
      label: row.category,
    })),
  );
}

const asItems = (rows: readonly { text: string; label: string }[]): LabelledItem[] =>
  rows.map((row, i) => ({ item: { id: `q-${i}`, text: row.text }, label: row.label }));

/** Every set whose files are present, in the order they are printed. */
export function qualitySets(root: string): QualitySet[] {
  const banking = join(root, '../shared/data/banking77');
  const sets: QualitySet[] = [];
  if (existsSync(join(banking, 'test.csv'))) {
    sets.push({
      name: 'BANKING77-full (flat)',
      draws: [asItems(readLabelled([join(banking, 'test.csv')]))],
    });
    const all = readLabelled([join(banking, 'train.csv'), join(banking, 'test.csv')]);
    sets.push({
      name: 'BANKING77 Zipf (3 seeds)',
      draws: SEEDS.map((seed) => asItems(zipfSample(all, seed))),
    });
  }
  const telecom = readLabelled([join(root, 'bench/data/en-telecom.csv')]);
  sets.push({ name: 'telecom en (ours, flat)', draws: [asItems(telecom)] });
  sets.push({
    name: 'telecom en Zipf (3 seeds)',
    draws: SEEDS.map((seed) => asItems(zipfSample(telecom, seed))),
  });
  const chinese = readLabelled([join(root, 'bench/data/zh-banking.csv')]);
  sets.push({ name: 'banking zh (ours, flat)', draws: [asItems(chinese)] });
  sets.push({
    name: 'banking zh Zipf (3 seeds)',
    draws: SEEDS.map((seed) => asItems(zipfSample(chinese, seed))),
  });
  sets.push({ name: 'demo (planted problems)', draws: [demoItems(root)] });
  return sets;
}

function demoItems(root: string): LabelledItem[] {
  const verbatims = parse<DemoVerbatim>(readFileSync(join(root, 'assets/demo/verbatims.csv')), {
    columns: true,
    bom: true,
  });
  return generateLabelledDemoFeedback(verbatims, Date.parse('2026-11-20T12:00:00Z')).map(
    ({ item, planted }) => ({
      item: { ...item, id: item.id as string },
      label: planted,
    }),
  );
}
