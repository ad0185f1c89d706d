/**
 * Whether a number, as its digits and the lengths of its printed groups, has the shape of a
 * Chinese resident ID, a payment card or a phone number: the checks redaction makes once a run
 * of digits stands alone. Check digits (ISO 7064, Luhn) and numbering plans carry the evidence, so
 * an order number or an amount of the same length is not taken for one.
 */

export const CN_MOBILE = /^1[3-9]\d{9}$/;
// A Chinese mobile written with its country code and no '+' (8613800138000), as WhatsApp and
// WeChat show it.
const CN_MOBILE_86 = /^861[3-9]\d{9}$/;
const TRUNK_ZERO = /^0[1-9]\d{8,10}$/; // UK 020…, 07700…; China 010-…, 0755-…
const NANP = /^1?[2-9]\d\d[2-9]\d{6}$/; // area code and exchange never start with 0 or 1
const CARD_IIN = /^(?:4|5[1-5]|2[2-7]|3[04-9]|6)/; // Visa, Mastercard, Amex/JCB/Diners, Discover/UnionPay
const ID_SHAPE = /^[1-8]\d{16}[\dXx]$/; // province codes 11–82
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/**
 * Unbroken, or printed in groups of two to eight (6-8-4, 4-4-4-4-2, 3-3-4-4-4): the province
 * code, the birth date and the check character carry the evidence, whatever the grouping.
 */
export function isId(d: string, lens: number[]): boolean {
  const grouped = lens.every((n) => n >= 2 && n <= 8);
  if ((lens.length !== 1 && !grouped) || !idShaped(d)) return false;
  // ISO 7064 MOD 11-2 over the first 17 digits.
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += (d.charCodeAt(k) - 48) * ID_WEIGHTS[k]!;
  return '10X98765432'[sum % 11] === d[17]!.toUpperCase();
}

/** A province code and a birth date (positions 7–14, YYYYMMDD) where an ID has them. */
export function idShaped(d: string): boolean {
  return ID_SHAPE.test(d) && idDate(d);
}

function idDate(d: string): boolean {
  const y = Number(d.slice(6, 10));
  const m = Number(d.slice(10, 12));
  const day = Number(d.slice(12, 14));
  const monthDays = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && day >= 1 && day <= monthDays;
}

export function isCard(d: string, lens: number[]): boolean {
  if (d.length < 13 || (d.length === 13 && d[0] !== '4') || !CARD_IIN.test(d)) return false;
  // An 18-digit number shaped like an ID with a bad check digit is a typo'd ID, not a card.
  if (d.length === 18 && idShaped(d)) return false;
  // Printed groupings: 4-4-4-4, 4-6-5, 4-4-4-4-3 …, separated by spaces, dashes, dots or
  // slashes, mixed too (4111-1111 1111-1111): the grouping and Luhn carry the evidence.
  const grouped = lens[0] === 4 && lens.every((n) => n >= 3 && n <= 6);
  return (lens.length === 1 || grouped) && luhn(d);
}

/**
 * A run of 16 to 19 digits starting 62, unbroken and standing alone, is taken for a UnionPay
 * card even when it fails Luhn (a digit misheard, or one of the 62 numbers issued without a valid
 * check digit). Order, tracking and account numbers of that exact shape are rare without a word
 * before them, and after an order or reference word the reference-word rule keeps them; printed
 * in groups a card still needs Luhn. One that is also shaped like a Gansu resident ID (62…, a
 * real birth date) is redacted as an ID.
 */
export function isUnionPayRun(d: string): boolean {
  return /^62\d{14,17}$/.test(d);
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

export function isPhone(d: string, lens: number[], gaps: string[], plus: boolean): boolean {
  const shape = lens.join();
  // A Chinese mobile in its 3-4-4 groups is never a date, version or IP address, whatever
  // separates them: 138.0013.8000 and 138/0013/8000 are typed too.
  if (!plus && shape === '3,4,4' && CN_MOBILE.test(d) && gaps[0] === gaps[1]) return true;
  // Read out digit by digit: only the shapes that are hard to mistake, a Chinese mobile and a
  // trunk-zero number of 11 digits or more (UK, Chinese landline with its area code).
  if (!plus && lens.length === d.length) {
    return CN_MOBILE.test(d) || (TRUNK_ZERO.test(d) && d.length >= 11);
  }
  // Slashes join dates and fractions, not phone groups; 138…/139… is two numbers.
  if (gaps.includes('/')) return false;
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
    (CN_MOBILE_86.test(d) && lens.length === 1) ||
    (TRUNK_ZERO.test(d) && areaFirst) ||
    (NANP.test(d) && (shape === '10' || shape === '3,3,4' || shape === '1,3,3,4'))
  );
}
