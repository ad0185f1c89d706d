import { describe, it, expect } from 'vitest';
import { redact, type PiiKind } from './redact.js';

/**
 * Personal data in the forms customers of an English and a Chinese contact centre dictate it,
 * as agents type it: read out digit by digit, in Chinese numerals, with the wrong separator,
 * glued to the word before, spelled out, or named by the word before it ("验证码是", "sort code").
 */
function expectRedacted(sentence: string, value: string, kind: PiiKind): void {
  const result = redact(sentence);
  expect(result.text).toBe(sentence.replace(value, `[${kind}]`));
  expect(result.found).toEqual({ [kind]: 1 });
}

describe('redact: phone numbers as they are read out', () => {
  const cases: [string, string][] = [
    ['手机一三八零零一三八零零零打不通', '一三八零零一三八零零零'],
    ['电话幺三八零零幺三八零零零，晚上打', '幺三八零零幺三八零零零'],
    ['号码是 一三九 〇〇一三 九〇〇〇', '一三九 〇〇一三 九〇〇〇'],
    ['she read it out as 1 3 8 0 0 1 3 8 0 0 0 slowly', '1 3 8 0 0 1 3 8 0 0 0'],
    ['mobile 0 7 7 0 0 9 0 0 1 2 3 please', '0 7 7 0 0 9 0 0 1 2 3'],
    ['手机 138.0013.8000 关机了', '138.0013.8000'],
    ['手机 138/0013/8000 关机了', '138/0013/8000'],
    ['call me on07700900123 after six', '07700900123'],
    ['mobile13800138000 is off', '13800138000'],
    ['ring 07700900123pls', '07700900123'],
    ['WhatsApp 8613800138000 only', '8613800138000'],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'phone'));

  it('a mobile in Chinese numerals glued to the words around it, the words kept', () => {
    expect(redact('我手机一三八零零一三八零零零一直打不通').text).toBe('我手机[phone]一直打不通');
    expect(redact('手机13800138000一直打不通').text).toBe('手机[phone]一直打不通');
  });
});

describe('redact: e-mail addresses as they are dictated', () => {
  const cases: [string, string][] = [
    ['邮箱 wang@qq。com 收不到', 'wang@qq。com'],
    ['邮箱wang.wei@163。com谢谢', 'wang.wei@163。com'],
    ['email is jane dot smith at example dot com thanks', 'jane dot smith at example dot com'],
    ['write to jane at example dot co dot uk', 'jane at example dot co dot uk'],
    ['her address is jane.smith at gmail.com', 'jane.smith at gmail.com'],
    ['mail jsmith85 (at) hotmail (dot) com', 'jsmith85 (at) hotmail (dot) com'],
    ['address wang @ qq.com bounced', 'wang @ qq.com'],
    ['address wang@ qq.com bounced', 'wang@ qq.com'],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'email'));
});

describe('redact: what an analyst needs stays as typed', () => {
  const kept = [
    '5G not working on iPhone 15',
    'iPhone 15 Pro Max 256GB, Galaxy S24',
    'price £10 and 128元, refund of ¥1,280.00, paid £1,299.99',
    'waited 3 days, called at 8pm, on hold 45 minutes',
    'version 2.3.10, iOS 17.4.1, build 20240115.3',
    '一二三四五六七八九十都试过',
    '十一月二十三日下午三点',
    '三三两两的投诉',
    '我一直打不通，已经三天了',
    'we looked at amazon.com and at tesco.com',
    'meet at the shop at 5pm',
    'we met at 10.30 at costa.co.uk',
    'she is at home dot mostly',
    '微信支付 failed twice',
    'wechat pay failed twice',
    'QQ音乐会员 15元',
    'PIN 1234 and code 987654',
    'error code 404 on the website',
    'my account was locked 3 days ago',
    'account settings page crashed',
    'passport renewal took 6 weeks',
    'born in 1985, moved in 2001',
    '生日快乐活动 2024-03-12 开始',
    '验证码收不到',
    '订单号 202311230001 未发货',
    'code ABC13800138000 on the box',
  ];
  it.each(kept)('%s', (text) => {
    expect(redact(text)).toEqual({ text, found: {} });
  });
});

describe('redact: the new forms are idempotent', () => {
  it.each(['手机一三八零零一三八零零零打不通', 'email jane dot smith at example dot com'])(
    '%s',
    (s) => {
      const once = redact(s).text;
      expect(redact(once)).toEqual({ text: once, found: {} });
    },
  );
});
