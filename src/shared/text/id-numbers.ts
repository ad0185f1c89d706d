/**
 * Identity numbers, all redacted as `[id]`:
 *  - a Chinese resident ID of 18 characters (or 15 digits, before 1999) after its label,
 *    whatever its check character says, unbroken or printed in groups. Without the label only a
 *    valid ID counts (`number-shapes.ts`: checksum and birth date), which an ordinary number of
 *    that length almost never is;
 *  - a US Social Security number (3-2-4 digits) after its label only: the shape has no check
 *    digit and is shared by part numbers, error codes and phone fragments;
 *  - a UK National Insurance number (two letters, six digits, a letter A–D), after its label, or
 *    without one in capitals with an allocated prefix and either its final letter or the digits
 *    in spaced pairs: "AB123456" alone is too like an order or flight code.
 */
import { labelled, NO, type LabelledPattern } from './label-pattern.js';

const ID_LABEL = String.raw`身份证(?:号码?)?|证件号码?|(?<![a-z])id\s*card${NO}`;
// An ID read out in groups ("110105 19491231 0021", "1101 0519 4912 3100 21", "110-105-…"): groups
// of two to eight digits joined by single spaces, dashes or dots, the last group maybe ending in
// X. Which 18 characters are the ID is decided after the match (idInGroups).
const ID_GROUPS = String.raw`\d{2,8}(?:[ .-](?:\d{2,8}|\d{1,7}x)){1,8}(?![\w-])`;

/** The length of the value up to its 18th character, if that character ends a group. */
function idInGroups(value: string): number {
  let chars = 0;
  for (let k = 0; k < value.length; k++) {
    const c = value[k]!;
    if (c === ' ' || c === '.' || c === '-') continue;
    if (++chars === 18) {
      // "… 0021 33 次" is an ID and a count; "… 00213 3" is neither.
      const next = value[k + 1];
      return next === undefined || !/[\dx]/i.test(next) ? k + 1 : 0;
    }
    if (c === 'x' || c === 'X') return 0; // only the check character may be X
  }
  return 0;
}

// HMRC never allocates D, F, I, Q, U or V first, nor D, F, I, O, Q, U or V second, nor these
// pairs; QQ is its example prefix, so a form filled in with the example is no leak.
const NI_PREFIX = String.raw`(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]`;
const NI_UNLABELLED = new RegExp(
  String.raw`(?<![A-Za-z\d])(${NI_PREFIX}(?:\d{6}[A-D]|(?: \d\d){3}(?: [A-D])?| \d{6} [A-D]))(?![A-Za-z\d])`,
  'g',
);

// Six digits, spaces allowed between pairs: what every NI number holds, and few texts do.
const SIX_DIGITS = /\d\d ?\d\d ?\d\d/;

export const ID_NUMBERS: readonly LabelledPattern[] = [
  // After the label, an 18-character ID with a mistyped check character and the 15-digit form
  // of before 1999, which have no checksum to be found by alone; or 18 characters in groups.
  {
    ...labelled('id', ID_LABEL, String.raw`(?:\d{17}[\dx]|\d{15})(?![\w-])|${ID_GROUPS}`),
    take: (value) => (/^[\dx]+$/i.test(value) ? value.length : idInGroups(value)),
  },
  {
    ...labelled(
      'id',
      String.raw`(?<![a-z])(?:ssn|social\s+security${NO})`,
      String.raw`\d{3}[ -]?\d\d[ -]?\d{4}(?![\d-])`,
    ),
    quick: /\d{4}/,
  },
  // Any two letters after the label: the customer knows which number they read out.
  {
    ...labelled(
      'id',
      String.raw`(?<![a-z])(?:national\s+insurance${NO}|ni(?![a-z])${NO}|nino)`,
      String.raw`[a-z]{2} ?\d\d ?\d\d ?\d\d(?: ?[a-d])?(?![\w-])`,
    ),
    quick: SIX_DIGITS,
  },
  { kind: 'id', pattern: NI_UNLABELLED, minDigits: 0, maxDigits: Infinity, quick: SIX_DIGITS },
];
