import { CJK_CHAR, UNSPACED_START, normalizeText } from '../text/normalize.js';
import { CHINESE_STOPWORDS, ENGLISH_STOPWORDS, INTENT_WORDS } from '../text/stopwords.js';
import { tokenize } from '../text/tokenize.js';
import { SHARED_TERM_MIN_ITEMS } from './shared-terms.js';
import type { Vocabulary } from './term-vector.js';

/** In how many texts a surface phrase occurs: what makes a phrase distinctive of one issue. */
export interface PhraseCounts {
  documents: number;
  df(phrase: string): number;
}

const LONGEST_PHRASE = 3;
/** Chinese labels are runs of this many words and characters at most ("扣了两次", "验证码收不到"). */
const LONGEST_HAN_WORDS = 4;
const LONGEST_HAN_PHRASE = 8;
/** Words kept for comparing texts (they tell intents apart) that never name a problem on their own. */
const NOT_A_NAME = new Set([...INTENT_WORDS, "can't", 'get', 'got']);
/**
 * How agents write notes, not what the problem is ("Cust says…", "Agent note:"): a label neither
 * starts nor ends with one of these.
 */
const NOTE_WORDS = new Set([
  'agent',
  'note',
  'notes',
  'cust',
  'customer',
  'customers',
  'caller',
  'client',
  'says',
  'said',
  'say',
  'saying',
  'told',
  'tells',
  'asked',
  'asks',
  'wants',
  'called',
  'calling',
  'shows',
  'showing',
  'really',
  'totally',
  'actually',
  'getting',
  'tried',
  'per',
  'via',
]);
/**
 * Characters that glue Chinese words together rather than name anything (particles, pronouns,
 * "says"): a Chinese label neither starts nor ends with one, so it never reads "的是没信号".
 */
const HAN_GLUE = new Set(
  Array.from(
    '的了是我你您他她它们吗呢吧啊呀哦嗯啦嘛哈在和与及就都也还又很太这那个把被给让要想会么着过得地对从说一里上下',
  ),
);
/** Words of customer-service notes in Chinese that name no problem ("客户说", "反而", "根本"). */
const HAN_NOTE_WORDS = [
  '客户',
  '顾客',
  '用户',
  '根本',
  '反而',
  '实际',
  '一点',
  '一直',
  '已经',
  '现在',
  '能不能',
  '怎么',
  '什么',
  '为什么',
];
/** Runs between punctuation: a phrase never spans a comma or a sentence end. */
const CLAUSES = /(?:[^\p{P}\p{S}]|(?<=\p{L})[-'](?=\p{L}))+/gu;
const SPACED_WORD = /^\p{L}[\p{L}\p{M}'-]*$/u;
/**
 * A digit and one or two letters names a product, not a person ("5G", "4K", "2FA"), and a label
 * without it misses the point ("No 5G anywhere", not "Anywhere · nothing"). Ordinals and clock
 * times are left out with the other numbers.
 */
const PRODUCT_CODE = /^\p{Nd}(?!st$|nd$|rd$|th$|am$|pm$)\p{L}{1,2}$/u;

let segmenter: Intl.Segmenter | undefined;
function segments(run: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return [...segmenter.segment(run)].filter((s) => s.isWordLike).map((s) => s.segment);
}

/**
 * A text as labels read it, in order: runs of spaced words (folded) and unspaced words (Chinese,
 * Japanese), split at punctuation and at anything else (numbers, placeholders), so no phrase
 * spans a comma, a number or two scripts.
 */
type Piece = { spaced: string[] } | { unspaced: string };

function piecesOf(text: string): Piece[] {
  const pieces: Piece[] = [];
  for (const [clause] of normalizeText(text).matchAll(CLAUSES)) {
    let spaced: string[] = [];
    const flush = () => {
      if (spaced.length > 0) pieces.push({ spaced });
      spaced = [];
    };
    for (const word of clause.split(' ')) {
      if (word.length === 0) continue;
      if (UNSPACED_START.test(word)) {
        flush();
        pieces.push({ unspaced: word });
      } else if (SPACED_WORD.test(word) || PRODUCT_CODE.test(word)) spaced.push(word);
      else flush();
    }
    flush();
  }
  return pieces;
}

/**
 * The distinct phrases of one to three words a text holds, as written (folded case), that neither
 * start nor end with a stop word. Numbers and redaction placeholders are never part of one, so a
 * label built from phrases cannot carry an order number or personal data.
 */
export function phrasesOf(text: string): Set<string> {
  return phrasesOfPieces(piecesOf(text));
}

function phrasesOfPieces(pieces: readonly Piece[]): Set<string> {
  const phrases = new Set<string>();
  for (const piece of pieces) {
    if ('spaced' in piece) addGrams(piece.spaced, ' ', ENGLISH_STOPWORDS, phrases);
    else if (CJK_CHAR.test(piece.unspaced)) addHanRuns(piece.unspaced, phrases);
    else addGrams(segments(piece.unspaced), '', CHINESE_STOPWORDS, phrases);
  }
  return phrases;
}

/** Whether a word may start or end a phrase: neither a stop word nor a word of how notes are written. */
function isContentWord(word: string, stopwords: ReadonlySet<string>): boolean {
  return !stopwords.has(word.replace(/'/g, '')) && !NOTE_WORDS.has(word);
}

/**
 * Chinese phrases as runs of up to four dictionary words, at most eight characters: the segmenter
 * often cuts a name in two ("步行" + "街"), and a run of words keeps it whole without ever cutting
 * a word ("运营商", not "别家运"). A run starts and ends on a content word and holds no note word.
 */
function addHanRuns(run: string, into: Set<string>): void {
  const words = segments(run);
  // Each word's properties once, not once for every phrase it is part of.
  const glue = words.map(
    (word) => CHINESE_STOPWORDS.has(word) || Array.from(word).every((char) => HAN_GLUE.has(char)),
  );
  const chars = words.map((word) => Array.from(word).length);
  const plainHan = words.map((word) => !/\p{N}|\P{Script=Han}/u.test(word));
  for (let start = 0; start < words.length; start++) {
    if (glue[start]) continue;
    let length = 0;
    let plain = true;
    for (let end = start; end < Math.min(words.length, start + LONGEST_HAN_WORDS); end++) {
      length += chars[end] as number;
      plain &&= plainHan[end] as boolean;
      if (length > LONGEST_HAN_PHRASE) break;
      if (glue[end] || length < 2 || !plain) continue;
      const phrase = words.slice(start, end + 1).join('');
      if (HAN_NOTE_WORDS.some((word) => phrase.includes(word))) continue;
      into.add(phrase);
    }
  }
}

function addGrams(
  words: readonly string[],
  joiner: string,
  stopwords: ReadonlySet<string>,
  into: Set<string>,
): void {
  const content = words.map((word) => isContentWord(word, stopwords));
  const numeric = words.map((word) => /\p{N}/u.test(word) && !PRODUCT_CODE.test(word));
  for (let start = 0; start < words.length; start++) {
    if (!content[start] || numeric[start]) continue;
    let naming = false;
    for (let end = start; end < Math.min(words.length, start + LONGEST_PHRASE); end++) {
      // A number anywhere in the phrase rules out it and every longer one from this start.
      if (numeric[end]) break;
      naming ||= !NOT_A_NAME.has(words[end] as string);
      if (!content[end] || !naming) continue;
      const phrase = words.slice(start, end + 1).join(joiner);
      if (Array.from(phrase).length >= 2) into.add(phrase);
    }
  }
}

/**
 * Phrase frequencies read from the grouping vocabulary, which counts words and adjacent word pairs:
 * a phrase is at most as frequent as its rarest term, so no pass over the items is needed.
 */
export function phraseCountsOf(vocabulary: Vocabulary): PhraseCounts {
  return {
    documents: vocabulary.documentCount,
    df: (phrase) => {
      const terms = tokenize(phrase);
      return terms.length === 0
        ? vocabulary.documentCount
        : Math.min(...terms.map((t) => vocabulary.documentFrequency(t)));
    },
  };
}

/** What an issue is called while none of its phrases is used by any other item. */
export const UNLABELLED = { spaced: 'Unlabelled issue', unspaced: '未命名问题' } as const;

/**
 * An issue's automatic title, never a verbatim: titles are shown to every token, and words only one
 * item holds may be that customer's own (a name, a street, an account), which redaction cannot
 * know. So: its label; failing that, the most telling phrase its items hold that some other item
 * in the set uses too (the vocabulary of a problem, as for shared terms); failing that, a
 * placeholder in the script of its items.
 */
export function issueTitle(members: readonly string[], all: PhraseCounts): string {
  const voices = voicesOf(members);
  return (
    labelOf(voices, all, labelNeeds(voices.length)) ??
    labelOf(voices, all, 1) ??
    (mostlyUnspaced(members) ? UNLABELLED.unspaced : UNLABELLED.spaced)
  );
}

/**
 * A text at least this long, repeated word for word, is one message pasted again (one customer's
 * e-mail, captured at each of her contacts); shorter texts repeat because many people say the same
 * thing ("my parcel is late again").
 */
const PASTED_MESSAGE_LENGTH = 60;

/** One text each, with the members it stands for: copies of a pasted message count once. */
interface Voice {
  text: string;
  times: number;
}

/**
 * For titles: a message pasted again is one voice, so its copies do not make its own words, such as
 * the name it is signed with, look shared.
 */
function voicesOf(members: readonly string[]): Voice[] {
  const pasted = new Map<string, Voice>();
  const voices: Voice[] = [];
  for (const text of members) {
    const isMessage = text.length >= PASTED_MESSAGE_LENGTH;
    const copy = isMessage ? pasted.get(text) : undefined;
    if (copy) {
      copy.times += 1;
      continue;
    }
    const voice = { text, times: 1 };
    voices.push(voice);
    if (isMessage) pasted.set(text, voice);
  }
  return voices;
}

function mostlyUnspaced(members: readonly string[]): boolean {
  const unspaced = members.filter((text) =>
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text),
  ).length;
  return unspaced * 2 > members.length;
}

/**
 * A short label naming an issue: the phrase its items share most that the rest of the set does not
 * (share within the issue times IDF over the set), in the script most of its items are written in.
 * Undefined when no phrase is shared by at least two items and a fifth of them.
 */
export function issueLabel(members: readonly string[], all: PhraseCounts): string | undefined {
  // Every item counts: a split proposal, read by analysts beside the verbatims, weighs its parts.
  return labelOf(
    members.map((text) => ({ text, times: 1 })),
    all,
    labelNeeds(members.length),
  );
}

/** How many of an issue's items (or texts) a label's phrase must be in: two, and a fifth. */
function labelNeeds(size: number): number {
  return Math.max(2, Math.ceil(size / 5));
}

/**
 * The label from phrases at least `needed` of the texts hold and at least two items of the whole set:
 * with `needed` 1, a phrase one member holds still names the issue when another item uses it.
 */
function labelOf(texts: readonly Voice[], all: PhraseCounts, needed: number): string | undefined {
  const wantUnspaced = mostlyUnspaced(texts.map(({ text }) => text));
  // Each text read once: its phrases for the score, its spaced runs for completing the label.
  const pieces = texts.map(({ text }) => piecesOf(text));
  /** Phrase → the texts holding it, and the members (copies included) that do. */
  const inIssue = new Map<string, { count: number; members: number }>();
  texts.forEach(({ times }, i) => {
    for (const phrase of phrasesOfPieces(pieces[i] as Piece[])) {
      const seen = inIssue.get(phrase);
      if (seen) {
        seen.count += 1;
        seen.members += times;
      } else inIssue.set(phrase, { count: 1, members: times });
    }
  });
  const scored: { phrase: string; count: number; score: number }[] = [];
  for (const [phrase, { count, members: holding }] of inIssue) {
    if (count < needed || UNSPACED_START.test(phrase) !== wantUnspaced) continue;
    const df = Math.max(all.df(phrase), holding);
    // Distinct voices: these texts, and the items outside them that hold the phrase.
    if (count + df - holding < SHARED_TERM_MIN_ITEMS) continue;
    const idf = Math.log((all.documents + 1) / (df + 1)) + 1;
    scored.push({ phrase, count, score: (count / texts.length) * idf });
  }
  scored.sort((a, b) => b.score - a.score || (a.phrase < b.phrase ? -1 : 1));
  const [top] = scored;
  if (!top) return undefined;
  // A longer phrase holding a short one names the problem better ("card" -> "card arrived"), as
  // long as most of the items that say the short one say the long one too.
  const joiner = wantUnspaced ? '' : ' ';
  const extend = (best: (typeof scored)[number]) =>
    scored
      .filter(
        (s) =>
          s.phrase.length > best.phrase.length &&
          contains(s.phrase, best.phrase, joiner) &&
          s.count * 5 >= best.count * 2,
      )
      .reduce<(typeof scored)[number] | undefined>(
        (a, b) =>
          !a || b.count > a.count || (b.count === a.count && b.phrase.length > a.phrase.length)
            ? b
            : a,
        undefined,
      ) ?? best;
  const runs = wantUnspaced
    ? []
    : pieces.flatMap((textPieces) =>
        textPieces.flatMap((piece) => ('spaced' in piece ? [piece.spaced] : [])),
      );
  const complete = (best: (typeof scored)[number]) =>
    wantUnspaced ? best : { ...best, phrase: completeSpaced(best.phrase, runs, all) };
  const first = complete(extend(top));
  // Still one word: a second, unrelated phrase says what about it ("Pin · blocked").
  const other = isOneWord(first.phrase, wantUnspaced)
    ? scored.find(
        (s) =>
          s !== first &&
          !contains(s.phrase, first.phrase, joiner) &&
          !contains(first.phrase, s.phrase, joiner) &&
          s.score * 2 >= first.score,
      )
    : undefined;
  const second = other && complete(extend(other));
  return capitalise(second ? `${first.phrase} · ${second.phrase}` : first.phrase);
}

/** Words a label may grow by on either side, and the longest label growing may make. */
const MAX_COMPLETION = 2;
const MAX_COMPLETED_LENGTH = 40;

/**
 * A spaced phrase cut off inside a fixed expression ("signal on high" of "signal on high street")
 * grows by the word next to it in most of the issue's texts, when over the whole set that pair is
 * a collocation: the edge word is seldom written without it. Repeats of one verbatim make every
 * neighbour look fixed within an issue, hence the test over the set.
 */
function completeSpaced(phrase: string, runs: readonly string[][], all: PhraseCounts): string {
  let words = phrase.split(' ');
  for (let step = 0; step < MAX_COMPLETION; step++) {
    const grown = grow(words, runs, all, 1) ?? grow(words, runs, all, -1);
    if (!grown || grown.join(' ').length > MAX_COMPLETED_LENGTH) break;
    words = grown;
  }
  return words.join(' ');
}

function grow(
  words: readonly string[],
  runs: readonly string[][],
  all: PhraseCounts,
  side: 1 | -1,
): string[] | undefined {
  const neighbours = new Map<string, number>();
  let occurrences = 0;
  for (const run of runs) {
    for (let at = 0; at + words.length <= run.length; at++) {
      if (!words.every((word, k) => run[at + k] === word)) continue;
      occurrences += 1;
      const next = side === 1 ? run[at + words.length] : run[at - 1];
      if (next !== undefined) neighbours.set(next, (neighbours.get(next) ?? 0) + 1);
    }
  }
  let word: string | undefined;
  let count = 0;
  for (const [candidate, n] of neighbours) if (n > count) [word, count] = [candidate, n];
  if (word === undefined || count * 5 < occurrences * 4) return undefined;
  if (!isContentWord(word, ENGLISH_STOPWORDS)) return undefined;
  const edge = (side === 1 ? words[words.length - 1] : words[0]) as string;
  const pair = side === 1 ? `${edge} ${word}` : `${word} ${edge}`;
  if (all.df(pair) * 5 < all.df(edge) * 4) return undefined;
  return side === 1 ? [...words, word] : [word, ...words];
}

function contains(phrase: string, part: string, joiner: string): boolean {
  return joiner === '' ? phrase.includes(part) : ` ${phrase} `.includes(` ${part} `);
}

function isOneWord(phrase: string, unspaced: boolean): boolean {
  return unspaced ? Array.from(phrase).length <= 2 : !phrase.includes(' ');
}

/** The first letter in capitals, and product codes as they are written ("5g" -> "5G"). */
function capitalise(phrase: string): string {
  const cased = phrase
    .split(' ')
    .map((word) => (PRODUCT_CODE.test(word) ? word.toLocaleUpperCase('en') : word))
    .join(' ');
  return cased.charAt(0).toLocaleUpperCase('en') + cased.slice(1);
}
