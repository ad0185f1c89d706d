/**
 * Details that have no shape of their own but are named by the words before them, as a customer
 * reads them out: "验证码是 482913", "QQ号 123456789", "sort code 20-00-00", "passport
 * E12345678", "date of birth 12/03/1985". Without the label each value is an ordinary number or
 * word (a price, a date, a PIN-length count), so only the labelled value is redacted and the
 * label is kept: an analyst still reads "验证码是 [code]" and knows what the call was about.
 *
 * The patterns (`label-pattern.ts`) run on the folded view before the numeric runs, so a
 * labelled value is redacted whole under its label's kind ("账号 <a card>" is `[account]`, "QQ号
 * <a mobile>" `[handle]`) rather than part of it as a phone found inside. Identity numbers
 * (resident IDs, SSNs, NI numbers) are in `id-numbers.ts`.
 */
import { ID_NUMBERS } from './id-numbers.js';
import { labelled, NO, type LabelledPattern } from './label-pattern.js';

// A code read out in groups ("48 29 13", "482 913", "1234-5678", "1 2 3"): groups of one to
// four digits joined by single spaces or dashes. How many digits it holds is checked after the
// match (minDigits, maxDigits): a longer run after the label is something else, a phone or a
// card, and the numeric runs judge it.
const GROUPED = String.raw`\d{1,4}(?:[ -]\d{1,4}){1,7}(?![\d-])`;

// A date with its month in words, as it is said: "12 March 1985", "12th of May", "March 12,
// 1985", "12-Mar-85", "September 1990". The year may be missing after a birth label, a birthday
// without it is still one.
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:\d{4}|\d\d)(?!\d)`;
const WORDED_DATES = [
  String.raw`(?:the\s+)?${DAY}(?:\s+of\s+|\s+|[/.-])${MONTH}(?:(?:,?\s+|[/.-])${YEAR})?(?!\w)`,
  String.raw`${MONTH}\s+(?:the\s+)?${DAY}(?:,?\s+${YEAR})?(?![\w-])`,
  String.raw`${MONTH},?\s+\d{4}(?!\d)`,
];

export const LABELLED: readonly LabelledPattern[] = [
  // WeChat ids: a letter then 5–19 letters, digits, '_' or '-'. Only one holding a digit, '_'
  // or '-' counts, so "微信 payment failed" stays; letters-only ids follow below.
  labelled(
    'handle',
    String.raw`微信(?:号|账号|id)?|(?<![a-z])(?:wechat(?:\s*id)?|weixin|[vw]x号?)`,
    String.raw`(?=[a-z][\w-]*[\d_-])[a-z][\w-]{5,19}(?![\w-])`,
  ),
  // A letters-only WeChat id (微信号 zhangsan) only after a label that cannot begin prose: 号,
  // 账号, ID, or a colon. "微信 payment failed", "微信支付", "微信上说", "wx payment" have none.
  labelled(
    'handle',
    String.raw`微信(?:号|账号|id)|微信(?=\s*[:：])|(?<![a-z])(?:wechat\s*id|[vw]x号|(?:wechat|weixin|[vw]x)(?=\s*[:：]))`,
    String.raw`[a-z][a-z\d_-]{5,19}(?![\w-])`,
  ),
  // QQ numbers are 5 to 11 digits and the account itself. "QQ音乐", "QQ群" are not labels.
  labelled(
    'handle',
    String.raw`(?<![a-z])qq(?:号码?|账号|\s*number|\s*no\.?)?`,
    String.raw`[1-9]\d{4,10}(?!\d)`,
  ),
  // One-time codes are credentials. A bare "code" or "PIN" is not a label: error codes,
  // discount codes and "PIN 1234" as a count stay.
  labelled(
    'code',
    String.raw`验证码|校验码|动态码|动态密码|短信码|(?<![a-z])(?:(?:verification|security|one[- ]time|sms|login|auth(?:entication)?|2fa|access)\s+(?:code|pin|passcode)|otp|passcode|my\s+code)`,
    // Unbroken first: "482913 3 次" is a code and a count.
    String.raw`\d{4,8}(?![\d-])|${GROUPED}`,
    4,
    8,
  ),
  // A card's security code: card data that may never be stored, 3 or 4 digits.
  labelled(
    'code',
    String.raw`(?<![a-z])(?:cvv2?|cvc2?|cv2|csc|card\s+security\s+code|security\s+code)`,
    String.raw`\d{3,4}(?![\d-])|${GROUPED}`,
    3,
    4,
  ),
  // Bank and customer account numbers; a card number that fails Luhn after "卡号" too.
  labelled(
    'account',
    String.raw`账号|帐号|账户|帐户|银行卡号?|卡号|(?<![a-z])(?:(?:bank\s+)?account${NO}|acct\.?${NO}|a/c${NO})`,
    String.raw`\d+(?:[ -]\d+)*(?![\w-])`,
    6,
  ),
  // UK sort codes (2-2-2): they and an account number are what a refund needs.
  labelled(
    'account',
    String.raw`(?<![a-z])sort\s*code`,
    String.raw`\d\d[- ]?\d\d[- ]?\d\d(?![\d-])`,
  ),
  // Passport numbers: up to two letters and 6–9 digits (UK and US 9 digits, China E12345678),
  // unbroken (tried first, so "passport 123456789 3 times" keeps its count) or read out in
  // groups ("E 1234 5678", "G1234 5678").
  labelled(
    'passport',
    String.raw`护照(?:号码?)?|(?<![a-z])passport${NO}`,
    String.raw`[a-z]{0,2}\d{6,9}(?![\w-])|[a-z]{0,2} ?\d{1,9}(?:[ -]\d{1,9}){0,3}(?![\w-])`,
    6,
    9,
  ),
  ...ID_NUMBERS,
  // Dates of birth; other dates are what analysts need and stay ("since 12 March").
  labelled(
    'dob',
    String.raw`出生(?:日期|年月日|于|在)?|生日|(?<![a-z])(?:born(?:\s+on)?|date\s+of\s+birth|d\.?o\.?b\.?|birthday)`,
    [
      String.raw`\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?![\d/.-])|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}(?![\d/.-])`,
      String.raw`(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]?`,
      ...WORDED_DATES,
    ].join('|'),
  ),
  // A Chinese date told before the word: "我1985年3月12日出生的", "1985年3月12日生的".
  {
    kind: 'dob',
    pattern: /(?<!\d)(\d{4}年\d{1,2}月\d{1,2}[日号]?)(?=\s*(?:出生|生的))/g,
    minDigits: 0,
    maxDigits: Infinity,
  },
];

/** What may hold a labelled value without a digit: the fast path must not skip it. */
export const LETTERS_ONLY_LABEL = /微信|wechat|weixin|(?<![a-z])[vw]x/i;
