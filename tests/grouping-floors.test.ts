import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { scoreGrouping } from '../bench/grouping-scores.js';
import { CentroidIndex } from '../src/shared/grouping/centroid-index.js';
import { recluster } from '../src/shared/grouping/recluster.js';
import { confidentMatches } from '../src/shared/grouping/suggestion-floor.js';
import { Vocabulary, countTerms, vectorize } from '../src/shared/grouping/term-vector.js';
import { tokenize } from '../src/shared/text/tokenize.js';

/** Our own labelled sets (committed, so these tests need nothing from ../shared). */
function labelled(name: string): { text: string; label: string }[] {
  const file = fileURLToPath(new URL(`../bench/data/${name}`, import.meta.url));
  return parse<{ text: string; category: string }>(readFileSync(file), { columns: true }).map(
    (row) => ({
      text: row.text,
      label: row.category,
    }),
  );
}

/** Regroups a whole set the way `wocas recluster` does, in memory; issues ranked by size. */
function regroup(rows: readonly { text: string; label: string }[]) {
  const counts = rows.map((row) => countTerms(tokenize(row.text)));
  const vocabulary = new Vocabulary();
  for (const c of counts) vocabulary.observe(c.keys());
  const items = counts.map((c, i) => ({ id: String(i), vector: vectorize(c, vocabulary) }));
  const clusterOf = recluster(items);
  const predicted = items.map((item) => clusterOf.get(item.id) as string);
  return scoreGrouping(
    rows.map((row) => row.label),
    predicted,
  );
}

describe('grouping floors on our labelled sets', () => {
  // Floors sit a little under what was measured when they were set (telecom: purity 0.546,
  // NMI 0.543; Chinese: purity 0.567, NMI 0.594), so harmless tuning passes and a regression fails.
  it('keeps the ten largest English telecom issues mostly one problem each', () => {
    const scores = regroup(labelled('en-telecom.csv'));
    expect(scores.top10Purity).toBeGreaterThanOrEqual(0.5);
    expect(scores.nmi).toBeGreaterThanOrEqual(0.5);
  });

  it('keeps the ten largest Chinese banking issues mostly one problem each', () => {
    const scores = regroup(labelled('zh-banking.csv'));
    expect(scores.top10Purity).toBeGreaterThanOrEqual(0.5);
    expect(scores.nmi).toBeGreaterThanOrEqual(0.55);
  });
});

describe('suggestions abstain rather than decide on filler words', () => {
  const background = labelled('en-telecom.csv').map((row) => row.text);
  const engineer = [
    "Engineer didn't turn up for the appointment",
    'the engineer never came, waited in all day again',
    'No engineer showed up for the installation appointment',
    'engineer missed the appointment slot again',
  ];
  const vocabulary = new Vocabulary();
  for (const text of [...background, ...engineer])
    vocabulary.observe(countTerms(tokenize(text)).keys());
  const index = new CentroidIndex();
  index.put('engineer', [], 0, true);
  for (const text of engineer)
    index.absorb('engineer', vectorize(countTerms(tokenize(text)), vocabulary));
  const suggest = (text: string) => {
    const vector = vectorize(countTerms(tokenize(text)), vocabulary);
    return confidentMatches(
      vector,
      index.nearest(vector, 5),
      (id) => index.get(id),
      vocabulary,
    ).map((m) => m.issueId);
  };

  it('does not suggest the engineer issue for a signal complaint that shares "no" and "again"', () => {
    // The text does reach the issue's centroid (the old rule showed it): only the filler words match.
    const vector = vectorize(
      countTerms(tokenize('No 5G signal in the city centre again')),
      vocabulary,
    );
    expect(index.nearest(vector, 1)[0]?.issueId).toBe('engineer');
    expect(suggest('No 5G signal in the city centre again')).toEqual([]);
  });

  it('suggests it for a text about the engineer', () => {
    expect(suggest('the engineer did not turn up for my appointment')).toEqual(['engineer']);
  });

  it('still suggests in a database of one item, where every word is in every item', () => {
    const small = new Vocabulary();
    const first = countTerms(tokenize('The app crashes every time I open my monthly bill'));
    small.observe(first.keys());
    const lone = new CentroidIndex();
    lone.put('crash', [], 0, true);
    lone.absorb('crash', vectorize(first, small));
    const vector = vectorize(
      countTerms(tokenize('app crashes again when opening the bill')),
      small,
    );
    const shown = confidentMatches(vector, lone.nearest(vector, 5), (id) => lone.get(id), small);
    expect(shown.map((m) => m.issueId)).toEqual(['crash']);
  });
});
