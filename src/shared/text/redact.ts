/**
 * Redacts personal data from a verbatim before it leaves the agent's desktop: payment cards,
 * phone numbers, e-mail addresses, Chinese resident IDs and IBANs become `[card]`, `[phone]`, ….
 *
 * False positives cost as much as misses (analysts need order numbers, amounts and dates), so
 * every numeric detector needs a checksum or a specific shape. Passes run in a fixed order and
 * each placeholder holds no digit or '@', so later passes never see redacted text and
 * redact(redact(x)) === redact(x):
 *  1. e-mail first: local parts are often phone numbers (13800138000@163.com).
 *  2. IBAN next: it is the only kind that mixes letters in, and its digits must not be read as
 *     a card or phone.
 *  3. numeric runs (digit groups joined by single spaces, dashes, dots or parentheses). A run is
 *     cut only between groups, never inside one, and at each group the longest window is tried
 *     first, as id, then card, then phone: ids and cards carry checksums, phone shapes don't, so
 *     an 18-digit ID or a Luhn-valid card is never half-eaten as a phone.
 *
 * Deliberately out of scope: numbers spelled in words, full-width digits (normalize first),
 * 15-digit pre-1999 IDs, local numbers without an area code (8888 6666), phones split into pairs
 * (01 23 45 67 89) or with a bracketed country code ((+44) 20 …), digits glued to Latin letters
 * (codes such as A1234…, SKU-4111…), URLs, IDN e-mail with CJK letters (so an e-mail glued to
 * Chinese text stops at the Chinese), names and addresses. A number introduced by an order,
 * ticket or reference word is kept even if it looks like a card or phone: that word is stronger
 * evidence than a 1-in-10 checksum.
 *
 * All regexes are linear: no nested ambiguous quantifiers, and scans that could restart inside a
 * word are anchored with a look-behind.
 */
export type PiiKind = 'card' | 'phone' | 'email' | 'id' | 'iban';
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

// Latin (with accents), Greek and Cyrillic letters; not CJK, so glued Chinese text stays out.
const EMAIL =
  /(?<![\w.%+\-\u00C0-\u024F\u0370-\u04FF])[\w.%+\-\u00C0-\u024F\u0370-\u04FF]+@[A-Za-z0-9\-\u00C0-\u024F\u0370-\u04FF]+(?:\.[A-Za-z0-9\-\u00C0-\u024F\u0370-\u04FF]+)+/g;
const EMAIL_TLD = /\.[A-Za-z\u00C0-\u024F\u0370-\u04FF]{2,}$/;
// Upper case only: lower-case "ab12 cdef …" is far more often prose or a code than an IBAN.
const IBAN =
  /(?<![A-Za-z0-9])[A-Z]{2}\d\d(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])/g;
// A 17-digit group may end in X (ID check digit). The separator is mandatory between plain
// groups, so digits can be split only one way and the scan stays linear.
const RUN = /\+?(?:\(\d+\)|\d{17}[Xx]|\d+)(?:(?:[ .-]|(?<=\))|(?=\())(?:\(\d+\)|\d{17}[Xx]|\d+))*/g;
const GROUP = /\((\d+)\)|(\d{17}[Xx]|\d+)/g;
// Words that introduce a reference number, then filler such as "no.", "number is", "号：".
const REF_WORD =
  /(?:(?<![a-z])(?:orders?|tickets?|ref|reference|tracking|invoices?|case|booking|confirmation)|#|订单|单号|工单|编号)(?:[\s:：#.=-]|no\b|number|num|id|is|号码?|是|为)*$/i;
const LETTER_OR_DIGIT = /\w/;
const CURRENCY_BEFORE = '$¥￥€£';
const UNIT_AFTER = '%元块€';

const CN_MOBILE = /^1[3-9]\d{9}$/;
const TRUNK_ZERO = /^0[1-9]\d{8,10}$/; // UK 020…, 07700…; China 010-…, 0755-…
const NANP = /^1?[2-9]\d\d[2-9]\d{6}$/; // area code and exchange never start with 0 or 1
const CARD_IIN = /^(?:4|5[1-5]|2[2-7]|3[04-9]|6)/; // Visa, Mastercard, Amex/JCB/Diners, Discover/UnionPay
const ID_SHAPE = /^[1-8]\d{16}[\dXx]$/; // province codes 11–82
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function redact(text: string): Redaction {
  const found: Found = {};
  // Every kind needs a digit or '@': most verbatims leave here untouched.
  if (!/[\d@]/.test(text)) return { text, found };
  let out = text;
  if (out.includes('@')) {
    out = out.replace(EMAIL, (m) => (EMAIL_TLD.test(m) ? tag(found, 'email') : m));
  }
  out = out.replace(IBAN, (m) => redactIban(m, found));
  out = out.replace(RUN, (m: string, at: number, s: string) => redactRun(m, at, s, found));
  return { text: out, found };
}

function tag(found: Found, kind: PiiKind): string {
  found[kind] = (found[kind] ?? 0) + 1;
  return `[${kind}]`;
}

/** The regex is greedy, so a trailing upper-case word ("… 32 OK") may ride along: drop groups. */
function redactIban(m: string, found: Found): string {
  let candidate = m;
  for (;;) {
    if (isIban(candidate.replaceAll(' ', '')))
      return tag(found, 'iban') + m.slice(candidate.length);
    const cut = candidate.lastIndexOf(' ');
    if (cut < 0) return m;
    candidate = candidate.slice(0, cut);
  }
}

function isIban(s: string): boolean {
  if (s.length < 15 || s.length > 34) return false;
  // ISO 13616: move the first 4 characters to the end, letters become 10..35, mod 97 must be 1.
  let r = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt((k + 4) % s.length);
    r = c < 65 ? (r * 10 + c - 48) % 97 : (r * 100 + c - 55) % 97;
  }
  return r === 1;
}

function redactRun(run: string, at: number, s: string, found: Found): string {
  if (run.length < 8 || countDigits(run) < 8 || !standsAlone(s, at, at + run.length)) return run;
  const groups = parseGroups(run);
  // Dots mean versions, IP addresses and decimals: only the whole run may match (415.555.2671).
  const whole = run.includes('.');
  let out = '';
  let done = 0;
  for (let i = 0; i < (whole ? 1 : groups.length); i++) {
    const match = longestMatch(run, groups, i, whole);
    if (!match) continue;
    // Checked only now: it is the costliest test and most runs never get this far.
    if (followsRefWord(s, at)) return run;
    const [kind, j] = match;
    out += run.slice(done, i === 0 ? 0 : groups[i]!.start) + tag(found, kind);
    done = groups[j - 1]!.end;
    i = j - 1;
  }
  return out + run.slice(done);
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
  // No accepted shape has more than 6 groups (+44 (0) 20 7946 0958 has 5) or 19 digits.
  const top = whole ? groups.length : Math.min(groups.length, i + 6);
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
  if (plain && isCard(digits, lens, gaps)) return 'card';
  return isPhone(digits, lens, gaps, plus) ? 'phone' : null;
}

function isId(d: string, lens: number[]): boolean {
  if ((lens.length !== 1 && lens.join() !== '6,8,4') || !ID_SHAPE.test(d) || !idDate(d)) {
    return false;
  }
  // ISO 7064 MOD 11-2 over the first 17 digits.
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += (d.charCodeAt(k) - 48) * ID_WEIGHTS[k]!;
  return '10X98765432'[sum % 11] === d[17]!.toUpperCase();
}

/** Positions 7–14 hold the birth date YYYYMMDD. */
function idDate(d: string): boolean {
  const y = Number(d.slice(6, 10));
  const m = Number(d.slice(10, 12));
  const day = Number(d.slice(12, 14));
  const monthDays = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && day >= 1 && day <= monthDays;
}

function isCard(d: string, lens: number[], gaps: string[]): boolean {
  if (d.length < 13 || (d.length === 13 && d[0] !== '4') || !CARD_IIN.test(d)) return false;
  // An 18-digit number shaped like an ID with a bad check digit is a typo'd ID, not a card.
  if (d.length === 18 && ID_SHAPE.test(d) && idDate(d)) return false;
  // Printed groupings: 4-4-4-4, 4-6-5, 4-4-4-4-3 …, with one separator used throughout.
  const grouped =
    lens[0] === 4 &&
    lens.every((n) => n >= 3 && n <= 6) &&
    gaps.every((g) => g === gaps[0] && (g === ' ' || g === '-'));
  return (lens.length === 1 || grouped) && luhn(d);
}

function luhn(d: string): boolean {
  let sum = 0;
  for (let k = d.length - 1, double = false; k >= 0; k--, double = !double) {
    let v = d.charCodeAt(k) - 48;
    if (double && (v *= 2) > 9) v -= 9;
    sum += v;
  }
  return sum % 10 === 0;
}

function isPhone(d: string, lens: number[], gaps: string[], plus: boolean): boolean {
  const shape = lens.join();
  if (gaps.includes('.')) {
    return !plus && shape === '3,3,4' && gaps.every((g) => g === '.') && NANP.test(d);
  }
  // E.164 allows at most 15 digits; a grouped country code has 1–3.
  if (plus) return d.length <= 15 && (lens.length === 1 || lens[0]! <= 3);
  if (d.startsWith('00')) {
    return /^00[1-9]/.test(d) && d.length <= 17 && (lens.length > 1 || d.length >= 12);
  }
  const areaFirst = lens.length === 1 || (lens.length <= 4 && lens[0]! >= 3 && lens.at(-1)! >= 3);
  return (
    (CN_MOBILE.test(d) && lens.every((n) => n >= 3)) ||
    (TRUNK_ZERO.test(d) && areaFirst) ||
    (NANP.test(d) && (shape === '10' || shape === '3,3,4' || shape === '1,3,3,4'))
  );
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
