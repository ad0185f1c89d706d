/**
 * Identity numbers found after the word naming them: a Chinese resident ID of 18 characters
 * (or 15 digits, before 1999) whatever its check character says, unbroken or printed in groups.
 * Without the label only a valid ID counts (`number-shapes.ts`: checksum and birth date), which an
 * ordinary number of that length almost never is.
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

export const ID_NUMBERS: readonly LabelledPattern[] = [
  // After the label, an 18-character ID with a mistyped check character and the 15-digit form
  // of before 1999, which have no checksum to be found by alone.
  labelled('id', ID_LABEL, String.raw`(?:\d{17}[\dx]|\d{15})(?![\w-])`),
  { ...labelled('id', ID_LABEL, ID_GROUPS), take: idInGroups },
];
