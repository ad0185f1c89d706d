import { tokenize } from '../text/tokenize.js';
import { type PhraseCounts, issueLabel, phrasesOf } from './issue-label.js';
import {
  type TermVector,
  type Vocabulary,
  countTerms,
  unitVector,
  vectorize,
} from './term-vector.js';
import { type Vectored, cohesion, dotSums, squaredNorm, sumOf, twoMeans } from './two-means.js';

export interface ProposedPart {
  /** Indexes into the texts given. */
  members: number[];
  /** What this part says that the other does not, as a label. */
  label: string;
}

export interface SplitOptions {
  /** Neither part may hold fewer items than this, nor less than `minShare` of the issue. */
  minPart: number;
  minShare: number;
  /**
   * The parts must be at most this similar to each other, as a share of the less cohesive part's
   * own mean pairwise cosine, once the words the whole issue shares are discounted.
   */
  maxLinkRatio: number;
}

export const DEFAULT_SPLIT_OPTIONS: SplitOptions = {
  minPart: 3,
  minShare: 0.2,
  maxLinkRatio: 0.25,
};

/**
 * Two problems that one issue may hold, for an analyst to confirm with one click: the issue's
 * items cut in two by what tells them apart once the words they all share are discounted. Inside
 * a "virtual card" issue, "virtual" and "card" say nothing; "disposable" and "not working" do.
 * Undefined when no cut leaves two sizeable parts, apart, each with its own label.
 *
 * Measured in bench:quality's traces, such cuts find the two intents of a mixture well but would
 * also cut one large problem by its phrasings, which is why they are offered rather than made.
 */
export function proposeSplit(
  texts: readonly string[],
  vocabulary: Vocabulary,
  options: SplitOptions = DEFAULT_SPLIT_OPTIONS,
): [ProposedPart, ProposedPart] | undefined {
  const vectors = texts.map((text) => vectorize(countTerms(tokenize(text)), vocabulary));
  const members = vectors.flatMap((vector, i) => (vector.terms.length > 0 ? [i] : []));
  const least = Math.max(options.minPart, Math.ceil(options.minShare * members.length));
  if (members.length < 2 * least) return undefined;
  const local = discountShared(vectors, members);
  const halves = bestCut(local, members, least);
  if (halves === undefined || !(separation(local, halves) < options.maxLinkRatio)) return undefined;
  // Each part is labelled against the issue, not the whole set: what it says that the rest of
  // the issue does not.
  const within = phraseCountsWithin(texts);
  const labels = halves.map((half) =>
    issueLabel(
      half.map((i) => texts[i] as string),
      within,
    ),
  );
  const [a, b] = labels;
  if (a === undefined || b === undefined || a === b) return undefined;
  const parts: [ProposedPart, ProposedPart] = [
    { members: halves[0], label: a },
    { members: halves[1], label: b },
  ];
  return parts.sort((x, y) => y.members.length - x.members.length);
}

/** How alike two parts are, as a share of the less cohesive part's own mean pairwise cosine. */
function separation(local: readonly Vectored[], halves: [number[], number[]]): number {
  const [left, right] = halves.map((half) => sumOf(local, half)) as [
    Map<string, number>,
    Map<string, number>,
  ];
  const link = dotSums(left, right) / (halves[0].length * halves[1].length);
  const weaker = Math.min(
    cohesion(squaredNorm(left), halves[0].length),
    cohesion(squaredNorm(right), halves[1].length),
  );
  return weaker > 0 ? link / weaker : Infinity;
}

/** Words tried as the divide a cut starts from: the most common ones that are not everywhere. */
const DIVIDING_WORDS_TRIED = 40;

/**
 * The cut that keeps its parts most apart: started from each of the commonest words that some
 * members say and enough others do not ("disposable" against the rest), and from the two most
 * unlike members, each refined by spherical 2-means.
 */
function bestCut(
  local: readonly Vectored[],
  members: readonly number[],
  least: number,
): [number[], number[]] | undefined {
  const holders = new Map<string, number[]>();
  for (const i of members)
    for (const term of (local[i] as Vectored).vector.terms)
      holders.set(term, [...(holders.get(term) ?? []), i]);
  const dividing = [...holders.values()]
    .filter((held) => held.length >= least && members.length - held.length >= least)
    .sort((a, b) => b.length - a.length)
    .slice(0, DIVIDING_WORDS_TRIED);
  const starts: ([number[], number[]] | undefined)[] = [
    undefined,
    ...dividing.map((held): [number[], number[]] => {
      const inside = new Set(held);
      return [held, members.filter((i) => !inside.has(i))];
    }),
  ];
  let best: { halves: [number[], number[]]; apart: number } | undefined;
  for (const start of starts) {
    const halves = twoMeans(local, members, start);
    if (halves.some((half) => half.length < least)) continue;
    const apart = separation(local, halves);
    if (!best || apart < best.apart) best = { halves, apart };
  }
  return best?.halves;
}

/**
 * The members' vectors with each word discounted by the share of the members holding it, then
 * made unit length again: a word every member says weighs nothing in telling them apart.
 */
function discountShared(vectors: readonly TermVector[], members: readonly number[]): Vectored[] {
  const df = new Map<string, number>();
  for (const i of members)
    for (const term of (vectors[i] as TermVector).terms) df.set(term, (df.get(term) ?? 0) + 1);
  const n = members.length;
  const local: Vectored[] = vectors.map((vector) => ({ vector }));
  for (const i of members) {
    const { terms, weights } = vectors[i] as TermVector;
    local[i] = {
      vector: unitVector(
        terms.map((term, t) => [
          term,
          (weights[t] as number) * (1 - ((df.get(term) ?? 1) - 1) / n),
        ]),
      ),
    };
  }
  return local;
}

function phraseCountsWithin(texts: readonly string[]): PhraseCounts {
  const df = new Map<string, number>();
  for (const text of texts)
    for (const phrase of phrasesOf(text)) df.set(phrase, (df.get(phrase) ?? 0) + 1);
  return { documents: texts.length, df: (phrase) => df.get(phrase) ?? 0 };
}
