/**
 * Redacts personal data from a verbatim before it leaves the agent's desktop: payment cards,
 * phone numbers, e-mail addresses, Chinese resident IDs and IBANs become `[card]`, `[phone]`, ….
 *
 * False positives cost as much as misses (analysts need order numbers, amounts and dates), so
 * every numeric detector needs a checksum or a specific shape. Passes run in a fixed order and
 * each placeholder holds no digit or '@', so later passes never see redacted text; the whole is
 * repeated until it finds nothing more (see redact), so redact(redact(x)) === redact(x):
 *  1. e-mail first (`email-addresses.ts`): local parts are often phone numbers
 *     (13800138000@163.com).
 *  2. IBAN next: it is the only kind that mixes letters in, and its digits must not be read as
 *     a card or phone.
 *  3. labelled values (`labelled-values.ts`): WeChat/QQ ids, one-time codes, account numbers,
 *     sort codes, passports, old or grouped IDs, SSNs and dates of birth, found only after the
 *     word naming them; and UK NI numbers, which have a shape of their own (`id-numbers.ts`).
 *  4. numeric runs (digit groups joined by single spaces, dashes, dots, slashes or parentheses).
 *     A run is cut only between groups, never inside one, and at each group the longest window is
 *     tried first, as id, then card, then phone: ids and cards carry checksums, phone shapes don't, so
 *     an 18-digit ID or a Luhn-valid card is never half-eaten as a phone.
 *
 * The passes match on a folded view of the text (`matching-view.ts`: NFKC, so full-width digits
 * and '＠' count; Unicode spaces, dashes and invisible characters folded; double spaces collapsed)
 * and the placeholders replace the matched spans of the ORIGINAL text, which otherwise stays as
 * typed.
 *
 * Numbers read out in words (Chinese numerals, English digit words with "oh", "double" and
 * "triple") are read by the view as single-digit groups (`spoken-digits.ts`).
 *
 * Deliberately out of scope: English numbers in tens ("seventy seven"), unlabelled 15-digit
 * IDs, local numbers without an area code (8888 6666), phones split into pairs (01 23 45 67 89) or with a
 * bracketed country code ((+44) 20 …), digits glued to capitals or digits (codes such as A1234…,
 * SKU-4111…; only an unbroken mobile glued to a lower-case word counts, see gluedToWord), URLs,
 * e-mail domains with CJK letters, Chinese local parts longer than four characters, names
 * and addresses. A number introduced by an order,
 * ticket or reference word is kept even if it looks like a phone or a short card: that word is
 * stronger evidence than a 1-in-10 checksum; but not a card of 15–19 digits or a Chinese mobile
 * number, whose leak costs more than a redacted reference (see outweighsRefWord).
 *
 * All regexes are linear: no nested ambiguous quantifiers, and scans that could restart inside a
 * word are anchored with a look-behind.
 */
import { EMAIL_PASSES, MAYBE_EMAIL } from './email-addresses.js';
import type { LabelledPattern } from './label-pattern.js';
import { LABELLED, LETTERS_ONLY_LABEL } from './labelled-values.js';
import { matchingView, type MatchingView } from './matching-view.js';
import { CN_MOBILE, idShaped, isCard, isId, isPhone, isUnionPayRun } from './number-shapes.js';

/** Every kind, as its placeholder names it: `[card]`, `[phone]`, …. */
export const PII_KINDS = [
  'card',
  'phone',
  'email',
  'id',
  'iban',
  'handle',
  'code',
  'account',
  'passport',
  'dob',
] as const;
export type PiiKind = (typeof PII_KINDS)[number];
export interface Redaction {
  text: string;
  found: Partial<Record<PiiKind, number>>;
}

type Found = Partial<Record<PiiKind, number>>;
/** One digit group of a numeric run: offsets within the run, its digits, and "(…)" around it. */
interface Group {
  start: number;
  end: number;
  digits: string;
  paren: boolean;
}

// Either case, groups of four after single spaces or dashes ("gb82 west …", "GB82-WEST-…").
// Lower case is let in because the country code and mod 97 both have to hold.
const IBAN =
  /(?<![A-Za-z0-9])[A-Za-z]{2}\d\d(?:[ -]?[A-Za-z0-9]{4}){2,7}(?:[ -]?[A-Za-z0-9]{1,4})?(?![A-Za-z0-9])/g;
// Countries that issue IBANs (SWIFT's registry).
const IBAN_COUNTRIES = new Set(
  (
    'AD AE AL AT AZ BA BE BG BH BI BR BY CH CR CY CZ DE DJ DK DO EE EG ES FI FK FO FR GB GE GI ' +
    'GL GR GT HR HU IE IL IQ IS IT JO KW KZ LB LC LI LT LU LV LY MC MD ME MK MN MR MT MU NI NL ' +
    'NO OM PK PL PS PT QA RO RS RU SA SC SD SE SI SK SM SO ST SV TL TN TR UA VA VG XK YE'
  ).split(' '),
);
// A group may end in X, an ID's check character (unbroken, or the last group: "… 3100 2X"), if
// no letter or digit is glued after it. The separator is mandatory between plain groups, so
// digits can be split only one way and the scan stays linear.
const RUN =
  /\+?(?:\(\d+\)|\d+(?:[Xx](?![A-Za-z\d]))?)(?:(?:[ ./-]|(?<=\))|(?=\())(?:\(\d+\)|\d+(?:[Xx](?![A-Za-z\d]))?))*/g;
const GROUP = /\((\d+)\)|(\d+[Xx]?)/g;
// Words that introduce a reference number, then filler such as "no.", "number is", "号：".
const REF_WORD =
  /(?:(?<![a-z])(?:orders?|tickets?|ref|reference|tracking|invoices?|case|booking|confirmation)|#|订单|单号|工单|编号)(?:[\s:：#.=-]|no\b|number|num|id|is|号码?|是|为)*$/i;
const LETTER_OR_DIGIT = /\w/;
const CURRENCY_BEFORE = '$¥￥€£';
const UNIT_AFTER = '%元块€';

// What a mobile glued to a word may be (see gluedToWord): unbroken Chinese or UK mobiles and
// international numbers, whose shape alone is evidence enough.
const GLUED_MOBILE = /^(?:1[3-9]\d{9}|07[1-9]\d{8}|\+[1-9]\d{9,13})$/;

export function redact(text: string): Redaction {
  // A detail glued to the one before it ("07700900123+44 7700 900123", "a@b.co_c@d.co") does not
  // stand alone until that one is a placeholder: pass again until nothing more is found, so the
  // first pass leaks nothing and redact(redact(x)) === redact(x). Each pass that finds something
  // turns a detail into a placeholder that no pattern matches, so this ends.
  let result = redactOnce(text);
  for (let more = result; Object.keys(more.found).length > 0;) {
    more = redactOnce(result.text);
    for (const [kind, n] of Object.entries(more.found) as [PiiKind, number][])
      result.found[kind] = (result.found[kind] ?? 0) + n;
    result = { text: more.text, found: result.found };
  }
  return result;
}

function redactOnce(text: string): Redaction {
  const found: Found = {};
  const view = matchingView(text);
  // Every kind needs a digit, '@', a spoken "at" or 艾特, or a WeChat label (in the folded view):
  // most verbatims leave here untouched.
  if (
    !/\d/.test(view.text) &&
    !MAYBE_EMAIL.test(view.text) &&
    !LETTERS_ONLY_LABEL.test(view.text)
  ) {
    return { text, found };
  }
  const spans: Span[] = [];
  // Each pass masks what it found with a filler of the same length that holds no digit, '@' or
  // word character, so later passes see what they would see beside a placeholder and the
  // view's offsets stay valid for every pass.
  let s = view.text;
  for (const { quick, pattern, find } of EMAIL_PASSES) {
    if (!quick.test(s)) continue;
    s = mask(s, pattern, spans, (m, at) => {
      const address = find(m);
      return address ? [[at + address[0], at + address[1], 'email']] : [];
    });
  }
  s = mask(s, IBAN, spans, ibanSpans);
  for (const labelled of LABELLED) {
    if (labelled.quick && !labelled.quick.test(s)) continue;
    s = mask(s, labelled.pattern, spans, labelledSpan(labelled));
  }
  mask(s, RUN, spans, runSpans);
  return { text: applySpans(text, view, spans, found), found };
}

type Span = [start: number, end: number, kind: PiiKind];

function mask(
  s: string,
  pattern: RegExp,
  spans: Span[],
  find: (m: string, at: number, s: string, lastGroup: string) => Span[],
): string {
  let out = '';
  let done = 0;
  // exec rather than matchAll, which clones the regex on every call (this runs on every text).
  pattern.lastIndex = 0;
  for (let m = pattern.exec(s); m; m = pattern.exec(s)) {
    for (const span of find(m[0], m.index, s, m.at(-1) ?? '')) {
      spans.push(span);
      out += s.slice(done, span[0]) + '[' + '*'.repeat(span[1] - span[0] - 2) + ']';
      done = span[1];
    }
  }
  return out + s.slice(done);
}

/** The original text with each span (in view offsets) replaced by its placeholder. */
function applySpans(original: string, view: MatchingView, spans: Span[], found: Found): string {
  if (spans.length === 0) return original;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let done = 0;
  for (const [start, end, kind] of spans) {
    const [from, to] = view.originalSpan(start, end);
    out += original.slice(done, from) + tag(found, kind);
    done = to;
  }
  return out + original.slice(done);
}

function tag(found: Found, kind: PiiKind): string {
  found[kind] = (found[kind] ?? 0) + 1;
  return `[${kind}]`;
}

/**
 * A labelled value ("账号 …", "QQ号 …") as one span of its label's kind, unless it is wholly a
 * card, phone or ID by itself, which the numeric runs then find under their own kind. It runs
 * before them because their window search would find a phone inside a value that is no card
 * ("银行卡号：6222 0212 3456 7890 123") and leave the rest on disk.
 */
function labelledSpan({ kind, minDigits, maxDigits, take }: LabelledPattern) {
  return (m: string, at: number, s: string, matched: string): Span[] => {
    const start = at + m.length - matched.length;
    const value = take ? matched.slice(0, take(matched)) : matched;
    if (value === '') return [];
    const digits = countDigits(value);
    if (digits < minDigits || digits > maxDigits) return [];
    const own = /^\d[\d -]*$/.test(value) ? runSpans(value, start, s) : [];
    const whole = own.length === 1 && own[0]![0] === start && own[0]![1] === start + value.length;
    return whole ? [] : [[start, start + value.length, kind]];
  };
}

/** The regex is greedy, so a trailing word ("… 32 OK") may ride along: drop groups. */
function ibanSpans(m: string, at: number): Span[] {
  let candidate = m;
  for (;;) {
    if (isIban(candidate.replace(/[ -]/g, '').toUpperCase())) {
      return [[at, at + candidate.length, 'iban']];
    }
    const cut = Math.max(candidate.lastIndexOf(' '), candidate.lastIndexOf('-'));
    if (cut < 0) return [];
    candidate = candidate.slice(0, cut);
  }
}

function isIban(s: string): boolean {
  if (s.length < 15 || s.length > 34 || !IBAN_COUNTRIES.has(s.slice(0, 2))) return false;
  // ISO 13616: move the first 4 characters to the end, letters become 10..35, mod 97 must be 1.
  let r = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt((k + 4) % s.length);
    r = c < 65 ? (r * 10 + c - 48) % 97 : (r * 100 + c - 55) % 97;
  }
  return r === 1;
}

function runSpans(run: string, at: number, s: string): Span[] {
  if (run.length < 8 || countDigits(run) < 8) return [];
  if (!standsAlone(s, at, at + run.length)) {
    const glued = gluedToWord(s, at, at + run.length) && GLUED_MOBILE.test(run);
    // "order13800138000" is a mobile still; "ref07700900123" a reference, as with a space.
    const kept = glued && followsRefWord(s, at) && !CN_MOBILE.test(run);
    return glued && !kept ? [[at, at + run.length, 'phone']] : [];
  }
  const groups = parseGroups(run);
  // Dots mean versions, IP addresses and decimals: only the whole run may match (415.555.2671).
  const whole = run.includes('.');
  const spans: Span[] = [];
  let afterRef: boolean | undefined;
  for (let i = 0; i < (whole ? 1 : groups.length); i++) {
    const match = longestMatch(run, groups, i, whole);
    if (!match) continue;
    const [kind, j] = match;
    // Checked only now: it is the costliest test and most runs never get this far.
    afterRef ??= followsRefWord(s, at);
    if (afterRef && !outweighsRefWord(kind, groups.slice(i, j))) return [];
    spans.push([at + (i === 0 ? 0 : groups[i]!.start), at + groups[j - 1]!.end, kind]);
    i = j - 1;
  }
  return whole && spans.length === 0 ? dottedNumbers(run, groups, at, s) : spans;
}

/**
 * Numbers typed back to back with a dot or a middle dot between ("13800138000·13900139000"),
 * every group of ten digits or more: no version, IP address or amount is written so.
 */
function dottedNumbers(run: string, groups: Group[], at: number, s: string): Span[] {
  const spans: Span[] = [];
  if (!groups.every((g) => g.digits.length >= 10)) return spans; // 3.14159265358 is a decimal
  for (const g of groups) {
    const kind = classify(run, [g], g.start === 0);
    if (kind && (!followsRefWord(s, at) || outweighsRefWord(kind, [g]))) {
      spans.push([at + g.start, at + g.end, kind]);
    }
  }
  return spans;
}

/**
 * A number after "order", "ref", "订单号" … is kept as a reference, except the two shapes whose
 * leak costs most and whose collision with a reference is rarest: a card of 15 to 19 digits
 * (issuer prefix and Luhn) and a Chinese mobile number. A customer reading out their card as
 * "the card for order 4111 1111 1111 1111" must not reach the disk.
 */
function outweighsRefWord(kind: PiiKind, win: Group[]): boolean {
  const digits = win.map((g) => g.digits).join('');
  const lens = win.map((g) => g.digits.length);
  // A UnionPay run that fails Luhn (isUnionPayRun) is weaker evidence than the word.
  if (kind === 'card') return digits.length >= 15 && isCard(digits, lens);
  return kind === 'phone' && CN_MOBILE.test(digits);
}

function parseGroups(run: string): Group[] {
  const groups: Group[] = [];
  GROUP.lastIndex = 0; // exec rather than matchAll, which clones the regex on every call
  for (let m = GROUP.exec(run); m; m = GROUP.exec(run)) {
    const end = m.index + m[0].length;
    groups.push({ start: m.index, end, digits: m[1] ?? m[2] ?? '', paren: m[1] !== undefined });
  }
  return groups;
}

/** The longest window of groups from i that is PII, as [kind, index after its last group]. */
function longestMatch(run: string, groups: Group[], i: number, whole: boolean) {
  // No accepted shape has more than 6 groups (+44 (0) 20 7946 0958 has 5) or 19 digits, but a
  // phone read out digit by digit (1 3 8 0 0 …, or in Chinese numerals) is 11 or 12 groups.
  const most = groups[i]!.digits.length === 1 ? 12 : 6;
  const top = whole ? groups.length : Math.min(groups.length, i + most);
  let count = 0;
  for (let k = i; k < top; k++) count += groups[k]!.digits.length;
  for (let j = top; j >= (whole ? top : i + 1) && count >= 8; j--) {
    const kind = count <= 19 ? classify(run, groups.slice(i, j), i === 0) : null;
    if (kind) return [kind, j] as const;
    count -= groups[j - 1]!.digits.length;
  }
  return null;
}

function countDigits(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Not part of a word, code or amount. */
function standsAlone(s: string, start: number, end: number): boolean {
  const before = s[start - 1] ?? ' ';
  const after = s[end] ?? ' ';
  if (LETTER_OR_DIGIT.test(before) || LETTER_OR_DIGIT.test(after)) return false;
  // "SKU-4111…", "INV-2023…": a dash glued to a word makes the digits part of a code.
  if (before === '-' && LETTER_OR_DIGIT.test(s[start - 2] ?? ' ')) return false;
  return !CURRENCY_BEFORE.includes(before) && !UNIT_AFTER.includes(after);
}

/**
 * Glued to a lower-case word on either side and nothing else: "call me on07700900123",
 * "mobile13800138000", "07700900123pls" are a missing space. Codes are written in capitals or
 * with digits around (A1234…, SKU13800138000), so those stay as they are.
 */
function gluedToWord(s: string, start: number, end: number): boolean {
  const before = s[start - 1] ?? ' ';
  const after = s[end] ?? ' ';
  const fits = (c: string) => /[a-z]/.test(c) || !LETTER_OR_DIGIT.test(c);
  const amount = CURRENCY_BEFORE.includes(before) || UNIT_AFTER.includes(after);
  return /[a-z]/.test(before + after) && fits(before) && fits(after) && !amount;
}

function followsRefWord(s: string, start: number): boolean {
  return REF_WORD.test(s.slice(Math.max(0, start - 24), start));
}

function classify(run: string, win: Group[], first: boolean): PiiKind | null {
  const digits = win.map((g) => g.digits).join('');
  const lens = win.map((g) => g.digits.length);
  const gaps = win.slice(1).map((g, k) => run.slice(win[k]!.end, g.start));
  const plus = first && run.startsWith('+');
  const plain = !plus && !win.some((g) => g.paren);
  if (plain && isId(digits, lens)) return 'id';
  if (!/^\d+$/.test(digits)) return null;
  if (plain && isCard(digits, lens)) return 'card';
  if (run === digits && isUnionPayRun(digits)) return idShaped(digits) ? 'id' : 'card';
  return isPhone(digits, lens, gaps, plus) ? 'phone' : null;
}

/**
 * An optional field redacted, with how many values were replaced: the form both ingest paths
 * (the aggregator's and the desktop's) store. An absent or empty field stays absent.
 */
export function redactField(value: string | undefined): { text: string | null; count: number } {
  if (value === undefined || value === '') return { text: null, count: 0 };
  const result = redact(value);
  return { text: result.text, count: Object.values(result.found).reduce((a, b) => a + b, 0) };
}
