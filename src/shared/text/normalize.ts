/**
 * Folds the differences that do not change meaning: full-width and compatibility forms (NFKC turns
 * "ＡＴＭ１２" into "ATM12"), case, curly quotes, and runs of white space.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Scripts written without spaces between words: they need dictionary-based segmentation. */
export const UNSPACED_SCRIPTS =
  '\\u30fc\\u3005\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}';
export const UNSPACED_START = new RegExp(`^[${UNSPACED_SCRIPTS}]`, 'u');

/** Han, kana and Hangul: where character bigrams say more than the dictionary's words alone. */
export const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
