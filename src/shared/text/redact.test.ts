import { describe, it, expect } from 'vitest';
import { redact, type PiiKind } from './redact.js';

/** Appends the Luhn check digit. */
function withLuhn(body: string): string {
  let sum = 0;
  for (let k = body.length - 1, double = true; k >= 0; k--, double = !double) {
    let v = Number(body[k]) * (double ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** Appends the ISO 7064 MOD 11-2 check character of a Chinese resident ID. */
function withIdCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, c, k) => acc + Number(c) * (weights[k] ?? 0), 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

/** Same ID with a wrong check character. */
function badIdCheck(first17: string): string {
  const good = withIdCheck(first17).slice(-1);
  return first17 + (good === '0' ? '1' : '0');
}

/** Builds an IBAN with correct check digits, printed in groups of 4. */
function makeIban(country: string, bban: string): string {
  const numeric = [...(bban + country + '00')]
    .map((c) => (/\d/.test(c) ? c : String(c.charCodeAt(0) - 55)))
    .join('');
  let r = 0;
  for (const c of numeric) r = (r * 10 + Number(c)) % 97;
  const raw = country + String(98 - r).padStart(2, '0') + bban;
  return raw.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The sentence with `value` replaced by the placeholder, and the kind counted once. */
function expectRedacted(sentence: string, value: string, kind: PiiKind): void {
  const result = redact(sentence);
  expect(result.text).toBe(sentence.replace(value, `[${kind}]`));
  expect(result.found).toEqual({ [kind]: 1 });
}

/** An ID whose check character is X, searched deterministically from a base. */
const ID_WITH_X = (() => {
  for (let seq = 100; seq < 1000; seq++) {
    const id = withIdCheck(`44030519851231${seq}`);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X check digit found');
})();

describe('redact: payment cards', () => {
  const cases: [string, string][] = [
    ['Customer read out 4111 1111 1111 1111 for the refund', '4111 1111 1111 1111'],
    ['card 4111-1111-1111-1111 was declined twice', '4111-1111-1111-1111'],
    ['She paid with 4111111111111111.', '4111111111111111'],
    ['Mastercard 5555555555554444 expired last month', '5555555555554444'],
    ['new card is 5555 5555 5555 4444, please update', '5555 5555 5555 4444'],
    ['Amex 378282246310005 charged twice', '378282246310005'],
    ['Amex printed as 3782 822463 10005 on the statement', '3782 822463 10005'],
    ['银联卡 6212 2600 0000 0000 000 无法支付', '6212 2600 0000 0000 000'],
    ['我的卡号是6212260000000000000请帮我查一下', '6212260000000000000'],
    ['Discover 6011111111111117 keeps failing', '6011111111111117'],
    ['JCB card: 3530111333300000', '3530111333300000'],
    ['Diners 30569309025904 from the old account', '30569309025904'],
    ['2-series Mastercard 2223003122003222 rejected', '2223003122003222'],
    ['old 13-digit Visa 4222222222222 still on file', '4222222222222'],
    ['信用卡号：4012888888881881，有效期12/26', '4012888888881881'],
    [`generated ${withLuhn('453201511283036')} ok`, withLuhn('453201511283036')],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'card'));
});

describe('redact: phone numbers', () => {
  const cases: [string, string][] = [
    ['Call me back on +44 20 7946 0958 after lunch', '+44 20 7946 0958'],
    ['US customer, +1 (415) 555-2671, wants a refund', '+1 (415) 555-2671'],
    ['number is 0044 20 7946 0958', '0044 20 7946 0958'],
    ['客户电话 +86 138 0013 8000 请回拨', '+86 138 0013 8000'],
    ['reach her at +8613800138000 tomorrow', '+8613800138000'],
    ['office: +44 (0)20 7946 0958', '+44 (0)20 7946 0958'],
    ['landline 020 7946 0958 only', '020 7946 0958'],
    ['call (415) 555-2671 between 9 and 5', '(415) 555-2671'],
    ['his cell is 415-555-2671', '415-555-2671'],
    ['written as 415.555.2671 on the form', '415.555.2671'],
    ['mobile 07700 900123 switched off', '07700 900123'],
    ['toll free 1-800-555-0199 did not answer', '1-800-555-0199'],
    ['ungrouped 4155552671 from the CRM', '4155552671'],
    ['我的手机是13800138000请回电', '13800138000'],
    ['手机号：138-0013-8000', '138-0013-8000'],
    ['电话 138 0013 8000，晚上打', '138 0013 8000'],
    ['北京座机010-12345678找王经理', '010-12345678'],
    ['深圳办公室 0755-8888 6666 周一到周五', '0755-8888 6666'],
    ['room 101 13900139000 is the tenant', '13900139000'],
    ['phone no. 4155552671 (not a reference number)', '4155552671'],
    ['in order to reach me call 13800138000', '13800138000'],
    ['Card 4111 1111 1111 111 is short; mobile 15912345678.', '15912345678'],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'phone'));

  it('redacts two phones separated only by a comma', () => {
    const r = redact('13800138000,13900139000');
    expect(r.text).toBe('[phone],[phone]');
    expect(r.found).toEqual({ phone: 2 });
    expect(redact('联系电话13800138000/13900139000').text).toBe('联系电话[phone]/[phone]');
  });
});

describe('redact: e-mail addresses', () => {
  const cases: [string, string][] = [
    ['Send the invoice to john.smith@example.com please', 'john.smith@example.com'],
    ['uses jane+orders@mail.example.co.uk for receipts', 'jane+orders@mail.example.co.uk'],
    ['邮箱13800138000@163.com收不到验证码', '13800138000@163.com'],
    ['QQ邮箱 zhang.san@qq.com 已绑定', 'zhang.san@qq.com'],
    ['Contact: José.García@correo.es', 'José.García@correo.es'],
    ['German customer müller@exämple.de complained', 'müller@exämple.de'],
    ['a_b-c@sub.domain.org bounced', 'a_b-c@sub.domain.org'],
    ['邮箱是wang.wei@company.cn谢谢', 'wang.wei@company.cn'],
    ['SHOUTING: FIRST.LAST@EXAMPLE.COM', 'FIRST.LAST@EXAMPLE.COM'],
    ['write to support@example.io.', 'support@example.io'],
    ['(ivan.petrov@почта.рф)', 'ivan.petrov@почта.рф'],
    ['old address: bob_1980@hotmail.com!', 'bob_1980@hotmail.com'],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'email'));
});

describe('redact: Chinese resident IDs', () => {
  const ids = [
    withIdCheck('11010119900307451'),
    withIdCheck('31011519700101002'),
    withIdCheck('44030520001229123'),
    withIdCheck('51010719851111003'),
    withIdCheck('32050219921231004'),
    withIdCheck('65010220000229001'),
  ];
  const cases: [string, string][] = [
    [`身份证号${ids[0]}请核实`, ids[0]!],
    [`ID number ${ids[1]} verified`, ids[1]!],
    [`客户身份证：${ids[2]}，姓名已核对`, ids[2]!],
    [`证件号码是${ids[3]}`, ids[3]!],
    [`Her resident ID is ${ids[4]}.`, ids[4]!],
    [`born on leap day: ${ids[5]}`, ids[5]!],
    [`身份证${ID_WITH_X}已登记`, ID_WITH_X],
    [`lower-case x: ${ID_WITH_X.toLowerCase()} ok`, ID_WITH_X.toLowerCase()],
    [`(${ids[1]})`, ids[1]!],
    [`身份证号码：${ids[2]}。`, ids[2]!],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'id'));

  it('redacts an ID printed in 6-8-4 groups', () => {
    const id = ids[0]!;
    const grouped = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
    expectRedacted(`grouped: ${grouped}`, grouped, 'id');
  });

  it('prefers id over card when an ID also passes Luhn', () => {
    let id = '';
    for (let seq = 100; !id; seq++) {
      const candidate = withIdCheck(`44030520001229${seq}`);
      if (withLuhn(candidate.slice(0, 17)) === candidate) id = candidate;
    }
    expectRedacted(`id ${id}`, id, 'id');
  });
});

describe('redact: IBANs', () => {
  const cases: [string, string][] = [
    ['refund to GB82 WEST 1234 5698 7654 32 please', 'GB82 WEST 1234 5698 7654 32'],
    ['IBAN DE89370400440532013000', 'DE89370400440532013000'],
    ['grouped: DE89 3704 0044 0532 0130 00.', 'DE89 3704 0044 0532 0130 00'],
    ['French account FR14 2004 1010 0505 0001 3M02 606', 'FR14 2004 1010 0505 0001 3M02 606'],
    ['NL91ABNA0417164300 is the payer', 'NL91ABNA0417164300'],
    ['账户ES9121000418450200051332已冻结', 'ES9121000418450200051332'],
    [`built ${makeIban('CH', '00762011623852957')} ok`, makeIban('CH', '00762011623852957')],
    ['GB82 WEST 1234 5698 7654 32 OK thanks', 'GB82 WEST 1234 5698 7654 32'],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'iban'));
});

describe('redact: a card or Chinese mobile after a reference word', () => {
  // A reference word keeps phones of other shapes and short cards (see the traps), but a card of
  // 15–19 digits or a Chinese mobile number leaks too much to be let through on a word's say-so.
  const cases: [string, string, PiiKind][] = [
    ['Order No. 4111111111111111 was refunded', '4111111111111111', 'card'],
    ['order 4111111111111111', '4111111111111111', 'card'],
    ['ref: 5555555555554444', '5555555555554444', 'card'],
    ['invoice 5105105105105100 paid', '5105105105105100', 'card'],
    ['order number is 13800138000', '13800138000', 'phone'],
    ['ticket #13800138000', '13800138000', 'phone'],
    ['订单号：13800138000', '13800138000', 'phone'],
    ['订单号13800138000请查一下', '13800138000', 'phone'],
    ['订单13800138000', '13800138000', 'phone'],
  ];
  it.each(cases)('%s', (sentence, value, kind) => expectRedacted(sentence, value, kind));
});

describe('redact: forms typed with other widths, spaces and separators', () => {
  // Matched on the folded view, replaced in the original: the rest of the text stays as typed.
  const cases: [string, string, PiiKind][] = [
    ['我的手机是１３８００１３８０００请回电', '１３８００１３８０００', 'phone'],
    ['电话：１３８－００１３－８０００，谢谢', '１３８－００１３－８０００', 'phone'],
    ['电话 138　0013　8000，晚上打', '138　0013　8000', 'phone'],
    ['call 138\u00a00013\u00a08000 tonight', '138\u00a00013\u00a08000', 'phone'],
    ['call 020\u202f7946\u202f0958 please', '020\u202f7946\u202f0958', 'phone'],
    ['pasted 1380\u200b013\u200b8000 from the CRM', '1380\u200b013\u200b8000', 'phone'],
    ['邮箱 wang＠qq.com 收不到', 'wang＠qq.com', 'email'],
    [
      'ｗａｎｇ．ｗｅｉ＠ｃｏｍｐａｎｙ．ｃｎ 是她的邮箱',
      'ｗａｎｇ．ｗｅｉ＠ｃｏｍｐａｎｙ．ｃｎ',
      'email',
    ],
    ['card 4111.1111.1111.1111 declined', '4111.1111.1111.1111', 'card'],
    ['card 4111/1111/1111/1111 declined', '4111/1111/1111/1111', 'card'],
    ['card 4111  1111  1111  1111 declined', '4111  1111  1111  1111', 'card'],
    ['card 4111-1111 1111-1111 declined', '4111-1111 1111-1111', 'card'],
    [
      'card 4111\u20131111\u20131111\u20131111 declined',
      '4111\u20131111\u20131111\u20131111',
      'card',
    ],
    [
      '卡号４１１１　１１１１　１１１１　１１１１无法支付',
      '４１１１　１１１１　１１１１　１１１１',
      'card',
    ],
    ['refund to gb82 west 1234 5698 7654 32 please', 'gb82 west 1234 5698 7654 32', 'iban'],
    ['refund to GB82-WEST-1234-5698-7654-32.', 'GB82-WEST-1234-5698-7654-32', 'iban'],
    ['iban de89370400440532013000 ok', 'de89370400440532013000', 'iban'],
    [
      '账户ＤＥ８９３７０４００４４０５３２０１３０００已冻结',
      'ＤＥ８９３７０４００４４０５３２０１３０００',
      'iban',
    ],
  ];
  it.each(cases)('%s', (sentence, value, kind) => expectRedacted(sentence, value, kind));

  it('keeps the rest of the text as typed, full-width and all', () => {
    const r = redact('ＡＴＭ１２ took my card; call １３８００１３８０００  now');
    expect(r.text).toBe('ＡＴＭ１２ took my card; call [phone]  now');
  });
});

describe('redact: false-positive traps stay unchanged', () => {
  const traps = [
    'order 4155552671 arrived late',
    '订单号 202311230001 未发货',
    '快递单号75312345678901还没更新',
    '工单 2023112300017 已关闭',
    'ticket #4829103 escalated',
    'tracking 9400111899223197428490 shows delivered',
    'invoice INV-2023-000123 is wrong',
    'case 02079460958 reopened',
    'dates: 2024-01-15, 15/01/2024, 01-15-2024, 20240115',
    '2024年1月15日下午3点',
    'at 14:30 on 2024-01-15 14:30:00',
    'charged $1,234.56 and then $1,234,567,890.00',
    '¥12000 refunded, 1.234,56 € pending, 3000元 credit',
    '¥13800138000',
    'discount 12.5% then 99.99%',
    'app version v2.3.10, macOS 10.15.7',
    'router 192.168.100.200 and 203.0.113.195',
    'PIN 1234 and code 987654',
    '4111111111111112 fails Luhn',
    `${badIdCheck('11010119900307451')} has a bad ID checksum`,
    `${badIdCheck('31011519700101002')} also bad`,
    `timestamp ${withLuhn('170000000000')} ms`,
    `compact ${withLuhn('2024011514300')}`,
    'EAN barcode 5901234123457',
    'ISBN 978-3-16-148410-0',
    'pi is 3.14159265358979323',
    'price 1 234 567 890 total',
    'serial A1B2C3D4E5F6G7H8 and SKU-4111111111111111',
    'bad IBAN GB82 WEST 1234 5698 7654 33',
    'meet @ 5pm, ping @john_doe',
    'user@localhost has no domain',
    '共计12000元，优惠20%，3月5日到货',
    'math 1+13800138000',
    'items 12 34 56 78 90 12 34 56',
    '18-digit 123456789012345678 order-like',
    'price 13800138000元',
    'Order No. 4222222222222 was refunded',
    'ref: 30569309025904',
    '订单号：02079460958',
    'dates 15/01/2024 and 2024/01/15',
    'fraction 1234/5678 of 12345678',
    'ab12 cdef ghij klmn opqr is prose',
  ];
  it.each(traps)('%s', (trap) => {
    expect(redact(trap)).toEqual({ text: trap, found: {} });
  });

  it('returns text without digits or @ unchanged', () => {
    const plain = 'The customer said the app crashes when opening settings.';
    expect(redact(plain)).toEqual({ text: plain, found: {} });
  });
});

describe('redact: mixed texts', () => {
  it('redacts several kinds in one text and counts them', () => {
    const id = withIdCheck('11010119900307451');
    const text =
      `Call 13800138000 or +44 20 7946 0958, mail a.b@example.com, card 4111 1111 1111 1111, ` +
      `ID ${id}, IBAN GB82 WEST 1234 5698 7654 32; order 4155552671 on 2024-01-15 for $99.99.`;
    const r = redact(text);
    expect(r.text).toBe(
      'Call [phone] or [phone], mail [email], card [card], ID [id], IBAN [iban]; ' +
        'order 4155552671 on 2024-01-15 for $99.99.',
    );
    expect(r.found).toEqual({ phone: 2, email: 1, card: 1, id: 1, iban: 1 });
  });

  it('handles a Chinese note with everything glued together', () => {
    const id = withIdCheck('44030520001229123');
    const r = redact(`客户王先生手机13800138000身份证${id}邮箱wang@qq.com订单号202311230001`);
    expect(r.text).toBe('客户王先生手机[phone]身份证[id]邮箱[email]订单号202311230001');
    expect(r.found).toEqual({ phone: 1, id: 1, email: 1 });
  });

  it('splits a run only between groups: phone then card', () => {
    const r = redact('13800138000 4111111111111111');
    expect(r.text).toBe('[phone] [card]');
  });

  it('is idempotent', () => {
    const samples = [
      'Call 415-555-2671 or mail x@y.com, card 5555 5555 5555 4444',
      `身份证${ID_WITH_X} 电话0755-8888 6666 IBAN DE89370400440532013000`,
      'order 1234567890, ¥12000, 2024-01-15',
      // Glued to the detail before: each stands alone only once that one is a placeholder.
      'call 07700900123+44 7700 900123 now',
      'card 4111111111111111+(415) 555-2671',
      'mail a@b.co.07700900123 or wang@qq.com_a@b.co',
    ];
    for (const s of samples) {
      const once = redact(s).text;
      expect(redact(once)).toEqual({ text: once, found: {} });
    }
  });
});

describe('redact: adversarial input stays linear', () => {
  const inputs = [
    '1 '.repeat(5000),
    '1-'.repeat(5000),
    '1.'.repeat(5000),
    '(1'.repeat(5000),
    '+1 ('.repeat(2500),
    '9'.repeat(10_000),
    '@.'.repeat(5000),
    'a@'.repeat(5000),
    'a.'.repeat(5000) + '@',
    'a@' + 'b.'.repeat(5000),
    '.'.repeat(9999) + '@',
    'AB12 '.repeat(2000),
    'GB82WEST'.repeat(1250),
    '12345678 '.repeat(1111),
    'one '.repeat(5000),
    'double one, '.repeat(2000),
    'double '.repeat(5000),
    '两'.repeat(10_000),
    '张'.repeat(10_000) + '@',
    '张@'.repeat(5000),
    '艾特'.repeat(5000),
    'a艾特b点'.repeat(2000),
    'a 点 '.repeat(3000) + 'com',
  ];
  it.each(inputs.map((s, k) => [k, s] as const))('input %i returns', (_k, s) => {
    const r = redact(s);
    expect(typeof r.text).toBe('string');
  });
});
