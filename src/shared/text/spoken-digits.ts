/**
 * Numbers read out digit by digit in words, as an agent types them during a call: Chinese
 * numerals (一三八零零一三八零零零, with 幺 for 1 and 两 for 2 as they are said on the phone, and
 * the formal numerals 壹贰叁… as some customers write them in chat) and
 * English digit words ("oh seven seven double four one two three four five six"). The matching
 * view (`matching-view.ts`) reads each numeral or word as a digit group of its own, so the
 * detectors find a phone among them as they do in "1 3 8 0 0 1 3 8 0 0 0", with the same shapes
 * (a Chinese mobile, a trunk-zero number of 11 digits or more) and nothing looser.
 *
 * Only runs of seven digits or more are read: shorter ones are words (一直, 三天, 两次, 两个月,
 * "one or two times", "two weeks"). A run that is no phone stays as typed, since the view only
 * decides what the detectors see.
 */

/** What an original span becomes in the view: its digits, each with a space, up to `end`. */
export interface SpokenUnit {
  text: string;
  end: number;
}

// Each numeral's digit: 〇 and 零 are 0, 幺 is 1 and 两 is 2 as a number is read out, and the
// formal (financial) numerals of cheques and contracts, simplified and traditional, are digits
// too (壹叁捌…). 拾, 佰, 仟 and 万 are not: an amount in words (壹万贰仟叁佰元) stays a run of one.
const CHINESE_DIGIT: Record<string, number> = {};
for (const [digit, numerals] of [
  '〇零',
  '一幺壹',
  '二两贰貳',
  '三叁參',
  '四肆',
  '五伍',
  '六陆陸',
  '七柒',
  '八捌',
  '九玖',
].entries()) {
  for (const c of numerals) CHINESE_DIGIT[c] = digit;
}
// Two classes rather than one: V8 scans a class of a dozen code points several times faster
// than one of two dozen, and this scan runs on every text.
const NUMERAL = '(?:[〇零一二三四五六七八九幺两]|[壹贰貳叁參肆伍陆陸柒捌玖])';
const CHINESE_DIGIT_RUN = new RegExp(`${NUMERAL}(?:[ \u3000]?${NUMERAL}){6,}`, 'g');

const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  nought: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const DIGIT_WORD = '(?:zero|oh|nought|one|two|three|four|five|six|seven|eight|nine)';
// "double four" is 44, "triple one" 111: how British callers read repeated digits.
const TOKEN = `(?:(?:double|triple)[ -])?${DIGIT_WORD}`;
// Words joined by a space, a comma or a hyphen, as an agent types what is read out; a word
// inside another ("someone", "often") is no digit.
const WORD_RUN = new RegExp(`(?<![a-z])${TOKEN}(?:(?:,? |-)${TOKEN})+(?![a-z])`, 'gi');
const WORD_TOKEN = new RegExp(`(?:(double|triple)[ -])?(${DIGIT_WORD})`, 'gi');
const MIN_DIGITS = 7;

/** The spoken digits of a text, by the original offset where each numeral or word starts. */
export function spokenDigits(original: string): Map<number, SpokenUnit> {
  const units = new Map<number, SpokenUnit>();
  chineseNumerals(original, units);
  if (/one|two|three|four|five|six|seven|eight|nine|zero|oh|nought/i.test(original)) {
    englishWords(original, units);
  }
  return units;
}

function chineseNumerals(original: string, units: Map<number, SpokenUnit>): void {
  CHINESE_DIGIT_RUN.lastIndex = 0;
  for (let m = CHINESE_DIGIT_RUN.exec(original); m; m = CHINESE_DIGIT_RUN.exec(original)) {
    for (let k = m.index; k < m.index + m[0].length; k++) {
      const digit = CHINESE_DIGIT[original[k]!];
      if (digit !== undefined) units.set(k, { text: `${digit} `, end: k + 1 });
    }
  }
}

/**
 * Each word becomes its digits (a "double" or "triple" with the word after it, one unit), and
 * what joins the words becomes nothing: the digits carry their own spaces, so the view reads
 * "oh seven seven, double four" as "0 7 7 4 4 ", and a match maps back to whole words.
 */
function englishWords(original: string, units: Map<number, SpokenUnit>): void {
  WORD_RUN.lastIndex = 0;
  for (let m = WORD_RUN.exec(original); m; m = WORD_RUN.exec(original)) {
    const run: [start: number, unit: SpokenUnit][] = [];
    let digits = 0;
    WORD_TOKEN.lastIndex = 0;
    for (let t = WORD_TOKEN.exec(m[0]); t; t = WORD_TOKEN.exec(m[0])) {
      const times = t[1] === undefined ? 1 : t[1].toLowerCase() === 'double' ? 2 : 3;
      const digit = DIGIT_WORDS[t[2]!.toLowerCase()]!;
      const start = m.index + t.index;
      run.push([start, { text: `${digit} `.repeat(times), end: start + t[0].length }]);
      digits += times;
    }
    if (digits < MIN_DIGITS) continue;
    for (let k = m.index; k < m.index + m[0].length; k++) units.set(k, { text: '', end: k + 1 });
    for (const [start, unit] of run) units.set(start, unit);
  }
}
