/**
 * How a labelled detail is written down as a pattern (`labelled-values.ts`, `id-numbers.ts`): a
 * label, filler ("是", "：", "is", "as", "no."), then the value as the pattern's last capture
 * group. Every pattern starts with a literal label and has no nested ambiguous quantifiers, so
 * scans stay linear.
 */
export type LabelledKind = 'handle' | 'code' | 'account' | 'passport' | 'id' | 'dob';

export interface LabelledPattern {
  kind: LabelledKind;
  pattern: RegExp;
  /** At least this many digits in the value. */
  minDigits: number;
  /** At most this many digits in the value. */
  maxDigits: number;
  /**
   * How much of the matched value is the detail (0: none of it), where a greedy match may take
   * a count or a number after it along ("身份证号 110105 19491231 0021 33 次").
   */
  take?: (value: string) => number;
  /** A cheap test the text must pass before the pattern is tried (most texts fail it). */
  quick?: RegExp;
}

const FILLER = String.raw`(?:[\s:：#=]|是|为|is|was|as)*`;
/** "number", "no.", "#" after a label: "passport no.", "account number". */
export const NO = String.raw`(?:\s*(?:number|no\.?|num|#))?`;

export function labelled(
  kind: LabelledKind,
  label: string,
  value: string,
  minDigits = 0,
  maxDigits = Infinity,
): LabelledPattern {
  const pattern = new RegExp(`(?:${label})${FILLER}(${value})`, 'gi');
  return { kind, pattern, minDigits, maxDigits };
}
