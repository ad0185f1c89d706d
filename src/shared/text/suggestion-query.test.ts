import { describe, expect, it } from 'vitest';
import { redact } from './redact.js';
import { suggestionQuery } from './suggestion-query.js';
import { tokenize } from './tokenize.js';

/** A value as typed, folded (NFKC, lower case) and with its separators gone: none may be sent. */
function forms(value: string): string[] {
  const folded = value.normalize('NFKC').toLowerCase();
  return [value, folded, folded.replace(/[\s.\-/()]/g, '')];
}

describe('suggestionQuery: what a verbatim being typed may send to look for similar issues', () => {
  const secrets = [
    '4111 1111 1111 1111',
    '5555-5555-5555-4444',
    '13800138000',
    '１３９００１３９０００',
    '+44 20 7946 0958',
    '415-555-2671',
    'amy.wong@example.com',
    'ｗａｎｇ＠ｑｑ．ｃｏｍ',
    'GB82 WEST 1234 5698 7654 32',
    '11010519491231002X',
  ];

  it.each(secrets)('%s: no form of it is left, and the words around it are', (secret) => {
    for (const text of [
      `parcel lost, the customer gave ${secret} twice`,
      `包裹丢了，客户留了${secret}两次`,
    ]) {
      const query = suggestionQuery(text);
      for (const form of forms(secret)) expect(query).not.toContain(form.toLowerCase());
      expect(query).toMatch(/parcel lost|包裹丢了/);
    }
  });

  it('drops what redaction cannot know yet: a number or an e-mail address still being typed', () => {
    const typing = [
      'my card 4111 1111 11',
      'call me on 1380013',
      'call me on １３８００１',
      'mail amy.wong@exa',
      'mail ａｍｙ＠ｅｘａ',
      '邮箱wang@q',
    ];
    for (const text of typing) {
      expect(suggestionQuery(text)).not.toMatch(/\d|@|amy|wang/);
    }
    expect(suggestionQuery('邮箱wang@q')).toBe('邮箱');
  });

  it('keeps every term the redacted verbatim has, so suggestions are as good as before', () => {
    const samples = [
      'The iPhone15 app crashes at checkout, error 500 since v2.3',
      "Customer's 4g signal drops; order 4155552671 never arrived",
      '客户说ＡＴＭ１２吞了卡，订单号202311230001还没退款',
      'Refund of ¥120 not received after 3 days, call 13800138000',
    ];
    for (const text of samples) {
      expect(tokenize(suggestionQuery(text))).toEqual(tokenize(redact(text).text));
    }
  });

  it('is what it is twice: the aggregator applies it again to what the client sent', () => {
    for (const text of ['card 4111 1111 1111 1111 and 1380013', 'ｗａｎｇ＠ｑｑ．ｃｏｍ 退款']) {
      const once = suggestionQuery(text);
      expect(suggestionQuery(once)).toBe(once);
    }
  });

  it.each([
    'a@'.repeat(5000),
    'a.'.repeat(5000) + '@',
    '9'.repeat(5000) + 'a',
    'a9'.repeat(5000),
    '1 '.repeat(5000),
  ])('adversarial input returns (%#)', (text) => {
    expect(typeof suggestionQuery(text)).toBe('string');
  });
});
