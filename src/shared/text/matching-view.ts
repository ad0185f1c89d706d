/**
 * The form of a verbatim that redaction matches on, with a map back to the original.
 *
 * People type numbers in forms the detectors' ASCII patterns would miss: full-width digits and
 * `＠` from Chinese input methods, ideographic or no-break spaces between digit groups, double
 * spaces, zero-width characters pasted from a web page, Unicode dashes. The view folds each
 * original code point on its own (NFKC, then spaces to one ASCII space, dashes to `-`, invisible
 * characters dropped, runs of spaces collapsed, a middle dot or bullet between digits to `.`), so
 * every character of the view comes from exactly one original code point. A match in the view is
 * mapped back to the original code points it came from, and the stored text is the ORIGINAL with those spans replaced: the
 * agent's words keep their own width and spacing everywhere else (grouping folds width itself).
 *
 * Numbers read out in words (`spoken-digits.ts`: Chinese numerals, English digit words) are the
 * one exception to "one code point at a time": a numeral or word becomes its digits, each a group
 * of its own, and every digit maps back to the whole numeral or word it came from.
 */
import { spokenDigits } from './spoken-digits.js';

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
// Middle dots and bullets typed between digit groups (138·0013·8000, 138•0013•8000, ・, ‧, ∙,
// ⋅): a dot there, so the detectors' dot rules decide. Elsewhere they stay ("张三·李四", "• item").
const DOT_LIKE = /[\u00b7\u2022\u2027\u2219\u22c5\u30fb\uff65]/;
const DIGIT = /[0-9\uff10-\uff19]/;
// What the fast path must not skip although NFKC leaves it alone.
const FOLDED_BESIDES_NFKC =
  /[\t\u00ad\u00b7\u200b-\u200d\u2010-\u2015\u2022\u2027\u2060\u2212\u2219\u22c5\u30fb\ufeff]| {2}/;

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
    const unit = spoken.get(i);
    const end = unit?.end ?? i + (cp > 0xffff ? 2 : 1);
    const folded = unit?.text ?? foldCodePoint(original, i, end, text.endsWith(' '));
    for (let k = 0; k < folded.length; k++) {
      from.push(i);
      to.push(end);
    }
    text += folded;
    i = end;
  }
  return {
    text,
    originalSpan: (start, end) => [from[start] ?? original.length, to[end - 1] ?? original.length],
  };
}

/** The folded form of the code point original[i, end). */
function foldCodePoint(original: string, i: number, end: number, afterSpace: boolean): string {
  const c = original.slice(i, end);
  const code = c.charCodeAt(0);
  // Printable ASCII and the CJK ideograph blocks are their own NFKC form: most of any text.
  if ((code > 0x20 && code < 0x7f) || (code >= 0x3400 && code <= 0x9fff)) return c;
  if (code === 0x20) return afterSpace ? '' : ' ';
  if (INVISIBLE.test(c)) return '';
  if (DOT_LIKE.test(c) && DIGIT.test(original[i - 1] ?? '') && DIGIT.test(original[end] ?? '')) {
    return '.';
  }
  const n = c.normalize('NFKC');
  if (SPACE.test(n) || n === ' ') return afterSpace ? '' : ' ';
  return DASH.test(n) ? '-' : n;
}
