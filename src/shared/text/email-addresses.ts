/**
 * E-mail addresses in the forms agents type them: as written (`wang@qq.com`, `wang @ qq.com`,
 * `wang@qq。com` from a Chinese input method), with a Chinese local part (`张伟@163.com`), and as
 * dictated: `jane dot smith at example dot com`, `zhangwei 艾特 qq 点 com`, `zhangwei圈a163点com`.
 *
 * Each pass is a pattern and a function that gives the address's span within a match, or null
 * when the match is no address. The passes run in order on the folded view (`redact.ts` masks
 * what each one found before the next), so one address is never counted twice.
 */

/** [start, end) of the address within the match. */
export type AddressSpan = [start: number, end: number];

export interface EmailPass {
  /** Whether the text can hold this form at all: most verbatims skip the pass. */
  quick: RegExp;
  pattern: RegExp;
  find: (match: string) => AddressSpan | null;
}

// Latin (with accents), Greek, Cyrillic and CJK letters may make a local part. The domain has no
// CJK, so an address glued to Chinese text after it ends before the Chinese ("…@qq.com谢谢").
const CJK = '\\u3400-\\u4DBF\\u4E00-\\u9FFF';
const LOCAL = `[\\w.%+\\-\\u00C0-\\u024F\\u0370-\\u04FF${CJK}]`;
const DOMAIN_LABEL = '[A-Za-z0-9\\-\\u00C0-\\u024F\\u0370-\\u04FF]+';
// One space either side of '@' ("wang @ qq.com") and the ideographic full stop a Chinese input
// method types for '.' ("wang@qq。com") are what agents type when a customer dictates.
const EMAIL = new RegExp(
  `(?<!${LOCAL})${LOCAL}+ ?@ ?${DOMAIN_LABEL}(?:[.。]${DOMAIN_LABEL})+`,
  'g',
);
const EMAIL_TLD = /[.。][A-Za-z\u00C0-\u024F\u0370-\u04FF]{2,}$/;

const COMMON_TLD =
  '(?:com|net|org|edu|gov|mil|info|biz|io|me|co|uk|cn|hk|tw|sg|jp|au|nz|ca|us|ie|de|fr|es|it|nl|eu|in)';
// An address dictated in Chinese: 艾特 or 圈a (圈儿a) for '@', 点 for '.', or the English "dot"
// spelled with its spaces ("li.na艾特gmail dot com"). 艾特 and 圈a say "address" on their own, but
// 点 is an everyday word, so the address must end in a common top-level domain: "一点也不好用，
// 艾特客服也没用" stays. The local part is lazy so that it ends at the first 艾特; the look-behind
// lets it start only where a run of address characters starts, so the scan stays linear.
const CN_AT = '(?:艾特|圈儿? ?a|@)';
const CN_DOT = '(?: ?[点.。] ?| dot )';
const CN_SPOKEN_EMAIL = new RegExp(
  `(?<!${LOCAL})${LOCAL}+? ?${CN_AT} ?[a-z0-9-]+(?:${CN_DOT}[a-z0-9-]+)*${CN_DOT}${COMMON_TLD}(?![\\w.-])`,
  'gi',
);

// An address dictated and typed as heard: "jane dot smith at example dot com", "jsmith85 (at)
// hotmail (dot) com". "at" is a common word, so it counts only before a common top-level domain
// and when something else says address: a spelled or bracketed dot or at, or a local part with
// a letter and a dot, underscore, plus or digit ("jane.smith at gmail.com"); "looked at
// amazon.com" and "met at 10.30 at costa.co.uk" stay.
const SPOKEN_EMAIL = new RegExp(
  `(?<![\\w.+-])[\\w.+-]+(?: dot [\\w+-]+)* (?:at|\\(at\\)|\\[at\\]) [a-z0-9-]+(?:(?: dot | ?\\(dot\\) ?|\\.)[a-z0-9-]+)*(?: dot | ?\\(dot\\) ?|\\.)${COMMON_TLD}(?![\\w.-])`,
  'gi',
);
const SPOKEN_EVIDENCE = /\bdot\b|\(at\)|\[at\]|^(?=[^ ]*[a-z])[^ ]*[._+\d][^ ]* /i;
const SPOKEN_AT = /\bat\b|\(at\)|\[at\]/i;
const CN_SPOKEN_AT = /艾特|圈儿? ?a|@/i;
const CN_AT_RE = new RegExp(CN_AT, 'i');

/** Whether a text may hold an address in any form: an '@', a spoken at, 艾特 or 圈a. */
export const MAYBE_EMAIL = /@|\bat\b|\(at\)|\[at\]|艾特|圈儿? ?a/i;

export const EMAIL_PASSES: readonly EmailPass[] = [
  {
    quick: /@/,
    pattern: EMAIL,
    find: (m) => (EMAIL_TLD.test(m) ? addressFrom(m, m.indexOf('@')) : null),
  },
  // Its lazy local part ends at the first 艾特, 圈a or '@'.
  {
    quick: CN_SPOKEN_AT,
    pattern: CN_SPOKEN_EMAIL,
    find: (m) => addressFrom(m, m.search(CN_AT_RE)),
  },
  {
    quick: SPOKEN_AT,
    pattern: SPOKEN_EMAIL,
    find: (m) => (SPOKEN_EVIDENCE.test(m) ? [0, m.length] : null),
  },
];

// Words that end what is said before a Chinese local part: "我的邮箱是李娜@qq.com" is 李娜's
// address, not 我的邮箱是李娜's; so is 张伟's in 发邮件给张伟@163.com. 为 is left out: it is
// common in given names (王为民).
const BEFORE_LOCAL = /邮箱|邮件|电邮|地址|账号|帐号|发至|联系|改成|换成|改为|换为|是|的|给|到|用/g;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F\u0370-\u04FF]/;
const CJK_CHAR = new RegExp(`[${CJK}]`);
// Chinese names are two to four characters (欧阳娜娜): a longer run of Chinese before the '@' is
// the sentence the address was glued to, which stays as typed.
const MOST_CJK_IN_LOCAL = 4;

/**
 * The address of a match whose local part ends at `at`, or null if it has none. Chinese glued
 * before a local part with Latin letters is the sentence ("联系wang@qq.com": the address is
 * wang@qq.com, as before Chinese local parts counted); Chinese right before '@' or before digits
 * only (张伟@, 李娜88@) is the local part, from after the last word that introduces it, at most
 * four characters of it.
 */
function addressFrom(m: string, at: number): AddressSpan | null {
  const local = m.slice(0, at).trimEnd();
  let end = local.length;
  while (end > 0 && !CJK_CHAR.test(local[end - 1]!)) end--;
  if (end === 0) return local === '' ? null : [0, m.length];
  if (LATIN_LETTER.test(local.slice(end))) return [end, m.length];
  let start = end;
  while (start > 0 && CJK_CHAR.test(local[start - 1]!)) start--;
  const from = start;
  const block = local.slice(from, end);
  BEFORE_LOCAL.lastIndex = 0;
  for (let w = BEFORE_LOCAL.exec(block); w; w = BEFORE_LOCAL.exec(block)) {
    start = from + w.index + w[0].length;
  }
  start = Math.max(start, end - MOST_CJK_IN_LOCAL);
  return start < local.length ? [start, m.length] : null;
}
