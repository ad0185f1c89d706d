/**
 * The form of a verbatim that redaction matches on, with a map back to the original.
 *
 * People type numbers in forms the detectors' ASCII patterns would miss: full-width digits and
 * `＠` from Chinese input methods, ideographic or no-break spaces between digit groups, double
 * spaces, zero-width characters pasted from a web page, Unicode dashes. The view folds each
 * original code point on its own (NFKC, then spaces to one ASCII space, dashes to `-`, invisible
 * characters dropped, runs of spaces collapsed), so every character of the view comes from
 * exactly one original code point. A match in the view is mapped back to the original code
 * points it came from, and the stored text is the ORIGINAL with those spans replaced: the
 * agent's words keep their own width and spacing everywhere else (grouping folds width itself).
 */
export interface MatchingView {
  /** The folded text the detectors run on. */
  text: string;
  /** The original span [start, end) that the view's span [start, end) came from. */
  originalSpan(start: number, end: number): [number, number];
}

// Horizontal spaces (Unicode Zs and tab): one ASCII space. Line breaks stay line breaks.
const SPACE = /[\t\p{Zs}]/u;
// Soft hyphen, zero-width space/joiners, word joiner, byte-order mark: not shown, not meant.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
// Hyphen, non-breaking hyphen, figure dash, en and em dash, minus sign (NFKC keeps them apart).
const DASH = /[\u2010-\u2015\u2212]/;
// What the fast path must not skip although NFKC leaves it alone.
const FOLDED_BESIDES_NFKC = /[\t\u00ad\u200b-\u200d\u2010-\u2015\u2060\u2212\ufeff]| {2}/;
// Chinese numerals as a number is read out digit by digit (一三八零零一三八零零零, 幺 for 1 on
// the phone). Only a run of seven or more becomes digits: shorter runs are words (一直, 三天,
// 一二三). Each becomes a digit and a space, a group of its own, because the run's last numeral
// may begin the next word (一三八零零一三八零零零一直打不通): the detectors then find the
// number among single-digit groups as they do in "1 3 8 0 0 1 3 8 0 0 0" and leave 一 out.
const CHINESE_DIGITS = '〇零一二三四五六七八九幺';
const CHINESE_DIGIT_RUN = /[〇零一二三四五六七八九幺](?:[ \u3000]?[〇零一二三四五六七八九幺]){6,}/g;

export function matchingView(original: string): MatchingView {
  // Most verbatims are already in the folded form: no map needed, offsets are the same.
  const spoken = spokenDigits(original);
  if (
    spoken.size === 0 &&
    !FOLDED_BESIDES_NFKC.test(original) &&
    original.normalize('NFKC') === original
  ) {
    return { text: original, originalSpan: (start, end) => [start, end] };
  }
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < original.length;) {
    const cp = original.codePointAt(i) ?? 0;
    const size = cp > 0xffff ? 2 : 1;
    const folded = spoken.get(i) ?? foldCodePoint(original.slice(i, i + size), text.endsWith(' '));
    for (let k = 0; k < folded.length; k++) {
      from.push(i);
      to.push(i + size);
    }
    text += folded;
    i += size;
  }
  return {
    text,
    originalSpan: (start, end) => [from[start] ?? original.length, to[end - 1] ?? original.length],
  };
}

/** Offsets of the Chinese numerals in runs long enough to be a number read out, with their digit. */
function spokenDigits(original: string): Map<number, string> {
  const digits = new Map<number, string>();
  CHINESE_DIGIT_RUN.lastIndex = 0;
  for (let m = CHINESE_DIGIT_RUN.exec(original); m; m = CHINESE_DIGIT_RUN.exec(original)) {
    for (let k = m.index; k < m.index + m[0].length; k++) {
      const at = CHINESE_DIGITS.indexOf(original[k]!);
      // 〇 and 零 are both 0, 幺 is 1.
      if (at >= 0) digits.set(k, `${at < 2 ? 0 : at === 11 ? 1 : at - 1} `);
    }
  }
  return digits;
}

function foldCodePoint(c: string, afterSpace: boolean): string {
  const code = c.charCodeAt(0);
  // Printable ASCII and the CJK ideograph blocks are their own NFKC form: most of any text.
  if ((code > 0x20 && code < 0x7f) || (code >= 0x3400 && code <= 0x9fff)) return c;
  if (code === 0x20) return afterSpace ? '' : ' ';
  if (INVISIBLE.test(c)) return '';
  const n = c.normalize('NFKC');
  if (SPACE.test(n) || n === ' ') return afterSpace ? '' : ' ';
  return DASH.test(n) ? '-' : n;
}
