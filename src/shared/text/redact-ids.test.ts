import { describe, it, expect } from 'vitest';
import { redact, type PiiKind } from './redact.js';

/**
 * The forms an adversarial tester found stored as typed: grouped resident IDs, phones with a
 * middle dot, formal numerals, `wx:` ids, spaced passports, SSNs and NI numbers, and UnionPay
 * numbers that fail Luhn; each with the ordinary text that must stay.
 */
function expectRedacted(sentence: string, value: string, kind: PiiKind): void {
  const result = redact(sentence);
  expect(result.text).toBe(sentence.replace(value, `[${kind}]`));
  expect(result.found).toEqual({ [kind]: 1 });
}

function expectKept(text: string): void {
  expect(redact(text)).toEqual({ text, found: {} });
}

/** Appends the ISO 7064 MOD 11-2 check character of a Chinese resident ID. */
function withIdCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, c, k) => acc + Number(c) * (weights[k] ?? 0), 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

/** Splits a string into groups of the given lengths, joined by `sep`. */
function grouped(s: string, lens: number[], sep = ' '): string {
  const parts: string[] = [];
  let at = 0;
  for (const n of lens) parts.push(s.slice(at, (at += n)));
  return parts.join(sep);
}

const VALID_ID = withIdCheck('44030519900307123');
const VALID_X = withIdCheck('11010519491231002'); // check character X

describe('redact: resident IDs in groups after their label', () => {
  const cases: [string, string][] = [
    ['客户说身份证号 110105 19491231 0021 无法实名认证', '110105 19491231 0021'],
    [
      'customer read her ID card number as 110105 19491231 0021 for verification',
      '110105 19491231 0021',
    ],
    ['身份证 110105-19491231-0021', '110105-19491231-0021'],
    ['身份证号：1101 0519 4912 3100 21', '1101 0519 4912 3100 21'],
    ['身份证号 110.105.194.912.310.021 核对', '110.105.194.912.310.021'],
    ['身份证号码 1101 0519 4912 3100 2X 已登记', '1101 0519 4912 3100 2X'],
    [
      '身份证号 １１０１０５ １９４９１２３１ ００２１ 请核实',
      '１１０１０５ １９４９１２３１ ００２１',
    ],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'id'));

  it('takes the 18 characters and keeps a count after them', () => {
    expect(redact('身份证号 110105 19491231 0021 3 次都失败').text).toBe(
      '身份证号 [id] 3 次都失败',
    );
  });

  it.each(['身份证 过期了两次', '身份证号 1949 年办的', '身份证号 1101 0519 4912 31 不全'])(
    '%s stays',
    expectKept,
  );
});

describe('redact: valid resident IDs in groups without a label', () => {
  const cases: [string, string][] = [
    [`for KYC: ${grouped(VALID_ID, [4, 4, 4, 4, 2])} ok`, grouped(VALID_ID, [4, 4, 4, 4, 2])],
    [
      `客户给的 ${grouped(VALID_ID, [3, 3, 4, 4, 4], '-')} 对不上`,
      grouped(VALID_ID, [3, 3, 4, 4, 4], '-'),
    ],
    [`number ${grouped(VALID_X, [6, 8, 4])} on file`, grouped(VALID_X, [6, 8, 4])],
    [`number ${grouped(VALID_X, [4, 4, 4, 4, 2])} on file`, grouped(VALID_X, [4, 4, 4, 4, 2])],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'id'));

  it.each([
    // The tester's number has a wrong check digit: without a label it is no ID.
    'tracking 1101 0519 4912 3100 21 is late',
    'order 2023 1123 0001 4567 89 shipped',
    'amounts 1200 3400 5600 7800 99 in total',
    'born in 1949, moved 2 weeks later',
    '5G plan, 2 weeks, 两次',
  ])('%s stays', (text) => {
    const result = redact(text);
    expect(result.found.id).toBeUndefined();
  });
});

describe('redact: a mobile with a middle dot or bullet', () => {
  const cases: [string, string][] = [
    ['手机 138·0013·8000 关机了', '138·0013·8000'],
    ['mobile 138•0013•8000 please', '138•0013•8000'],
    ['电话 138・0013・8000', '138・0013・8000'],
    ['电话 138‧0013‧8000 打不通', '138‧0013‧8000'],
    ['手机 １３８·００１３·８０００ 关机了', '１３８·００１３·８０００'],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'phone'));

  it('two mobiles a middle dot apart are both redacted', () => {
    expect(redact('手机 13800138000·13900139000').text).toBe('手机 [phone]·[phone]');
    expect(redact('call 13800138000.13900139000').text).toBe('call [phone].[phone]');
  });

  it.each(['套餐 5G · 2 weeks', '版本 1·2·3', '张三·李四', 'price 12·50 元', '• 3 times'])(
    '%s stays',
    expectKept,
  );
});

describe('redact: a mobile in formal (financial) numerals', () => {
  const cases: [string, string][] = [
    ['我的手机是壹叁捌零零壹叁捌零零零', '壹叁捌零零壹叁捌零零零'],
    ['电话壹叁玖〇〇壹叁玖〇〇〇，晚上打', '壹叁玖〇〇壹叁玖〇〇〇'],
    ['号码 壹叁捌 零零壹叁 捌零零零 停机', '壹叁捌 零零壹叁 捌零零零'],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'phone'));

  it.each(['金额人民币壹万贰仟叁佰肆拾伍元整', '壹佰元', '退款贰拾元，两次', '第壹期、第贰期'])(
    '%s stays',
    expectKept,
  );
});

describe('redact: a WeChat id after wx', () => {
  const cases: [string, string][] = [
    ['wx: zhang_san88 加一下', 'zhang_san88'],
    ['加我wx：zhang_san88', 'zhang_san88'],
    ['WX号 zhangsan88', 'zhangsan88'],
    ['WX号：zhangsan', 'zhangsan'],
    ['wx: zhangsan please', 'zhangsan'],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'handle'));

  it.each(['wx payment failed twice', 'the wxWidgets build', 'used wx to pay 2 times'])(
    '%s stays',
    expectKept,
  );
});

describe('redact: a passport number with spaces', () => {
  const cases: [string, string][] = [
    ['护照 E 1234 5678 过期了', 'E 1234 5678'],
    ['passport no. E 1234 5678 on file', 'E 1234 5678'],
    ['passport number: G1234 5678', 'G1234 5678'],
    ['护照号 E １２３４ ５６７８', 'E １２３４ ５６７８'],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'passport'));

  it('an unbroken passport keeps the count after it', () => {
    expect(redact('passport 123456789 3 times').text).toBe('passport [passport] 3 times');
  });

  it.each(['passport expired 2 weeks ago', 'passport photo 2 x 3', '护照 办了两次'])(
    '%s stays',
    expectKept,
  );
});

describe('redact: US Social Security and UK National Insurance numbers', () => {
  const cases: [string, string][] = [
    ['SSN 123-45-6789 on the form', '123-45-6789'],
    ['social security number 123 45 6789', '123 45 6789'],
    ['her SSN is 123456789', '123456789'],
    ['SSN: １２３-４５-６７８９', '１２３-４５-６７８９'],
    ['NI number QQ 12 34 56 C', 'QQ 12 34 56 C'],
    ['national insurance AB123456C', 'AB123456C'],
    ['national insurance number: ab 123456 c', 'ab 123456 c'],
    ['his NI is JG103759A, please update', 'JG103759A'],
    ['call about JG 10 37 59 A today', 'JG 10 37 59 A'],
    ['NINO ＪＧ１０３７５９Ａ', 'ＪＧ１０３７５９Ａ'],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'id'));

  it.each([
    'part 123-45-6789 is back-ordered',
    'error 123-45-6789 again',
    'order AB123456 shipped',
    'flight BA123456 was late',
    'SSN not on file',
    'ABC123456D is the router model',
    'ZZ123456A test account',
    'QQ 12 34 56 C',
  ])('%s stays', expectKept);
});

describe('redact: UnionPay numbers that fail Luhn', () => {
  const cases: [string, string][] = [
    ['refund to 6222021234567890123 please', '6222021234567890123'],
    ['卡 6222021234567890 扣款两次', '6222021234567890'],
    [
      'card ６２２２０２１２３４５６７８９０１２３ declined',
      '６２２２０２１２３４５６７８９０１２３',
    ],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'card'));

  it.each([
    'order 6222021234567890123 shipped',
    '订单号 6222021234567890123',
    'serial 622202123456789 (15 digits)',
    '62220212345678901234 is twenty digits',
    'amount 6222 0212 3456 7890 123 in groups',
  ])('%s stays', (text) => {
    expect(redact(text).found.card).toBeUndefined();
  });
});

describe('redact: this round’s forms are idempotent', () => {
  it.each([
    '身份证号：1101 0519 4912 3100 21',
    '手机 138·0013·8000',
    '我的手机是壹叁捌零零壹叁捌零零零',
    'wx: zhang_san88',
    'passport no. E 1234 5678',
    'NI number QQ 12 34 56 C, SSN 123-45-6789',
    'refund to 6222021234567890123',
  ])('%s', (text) => {
    const once = redact(text).text;
    expect(redact(once)).toEqual({ text: once, found: {} });
  });
});
