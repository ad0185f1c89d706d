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

describe('redact: details named by the words before them', () => {
  const cases: [string, string, PiiKind][] = [
    ['微信号 wxid_abc123 加一下', 'wxid_abc123', 'handle'],
    ['微信号：zhangsan_1990', 'zhangsan_1990', 'handle'],
    ['加我微信 lily-2008 吧', 'lily-2008', 'handle'],
    ['WeChat ID: wangwei88', 'wangwei88', 'handle'],
    ['微信号 zhangsan 加一下', 'zhangsan', 'handle'],
    ['微信：wangwei，已加', 'wangwei', 'handle'],
    ['WeChat: lily_w please', 'lily_w', 'handle'],
    ['QQ号 123456789 被盗了', '123456789', 'handle'],
    ['我的QQ是 987654321', '987654321', 'handle'],
    ['QQ：10001', '10001', 'handle'],
    ['验证码是 482913，但是登录失败', '482913', 'code'],
    ['收到的验证码482913已过期', '482913', 'code'],
    ['my code is 482913 but it says invalid', '482913', 'code'],
    ['the verification code was 482913', '482913', 'code'],
    ['OTP 482913 never arrived in time', '482913', 'code'],
    ['security code: 4829', '4829', 'code'],
    ['security code 123 on the back', '123', 'code'],
    ['card ending 1111, cvv 123, declined', '123', 'code'],
    ['账号 4111111111111112 被冻结', '4111111111111112', 'account'],
    // A 62 run of 16–19 digits is a UnionPay card by itself, and keeps that kind after a label.
    ['账号 6222021234567890123 被冻结', '6222021234567890123', 'card'],
    ['银行卡号：6222 0212 3456 7890 123', '6222 0212 3456 7890 123', 'account'],
    ['account number 31926819 was debited twice', '31926819', 'account'],
    ['acct no. 31926819', '31926819', 'account'],
    ['sort code 20-00-00 for the refund', '20-00-00', 'account'],
    ['sort code 200000', '200000', 'account'],
    ['passport 123456789 expired', '123456789', 'passport'],
    ['passport number GB1234567 on file', 'GB1234567', 'passport'],
    ['护照号 E12345678 过期了', 'E12345678', 'passport'],
    ['护照号码：G12345678', 'G12345678', 'passport'],
    ['身份证 110101900307451 是老证', '110101900307451', 'id'],
    ['身份证号：11010119900307451X', '11010119900307451X', 'id'],
    ['date of birth 12/03/1985 confirmed', '12/03/1985', 'dob'],
    ['DOB: 1985-03-12', '1985-03-12', 'dob'],
    ['born on 12.03.1985 in Leeds', '12.03.1985', 'dob'],
    ['出生日期 1985年3月12日', '1985年3月12日', 'dob'],
    ['生日1985-03-12，核对了', '1985-03-12', 'dob'],
  ];
  it.each(cases)('%s', (sentence, value, kind) => expectRedacted(sentence, value, kind));

  it('sort code and account number read out together', () => {
    const r = redact('sort code 20 00 00, account no 31926819');
    expect(r.text).toBe('sort code [account], account no [account]');
    expect(r.found).toEqual({ account: 2 });
  });
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
    '微信上说 refund is coming',
    '用微信付款 failed',
    '微信 payment failed',
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

describe('redact: e-mail addresses with a Chinese local part or a spoken @', () => {
  const cases: [string, string][] = [
    ['张伟@163.com', '张伟@163.com'],
    ['我的邮箱是李娜@qq.com，收不到', '李娜@qq.com'],
    ['邮箱：王小明@126.com 已绑定', '王小明@126.com'],
    ['客户的邮箱张伟@163.com收不到', '张伟@163.com'],
    ['发到李娜88@qq.com就行', '李娜88@qq.com'],
    ['发邮件给张伟@163.com了', '张伟@163.com'],
    ['一直收不到欧阳娜娜@qq.com的邮件', '欧阳娜娜@qq.com'],
    ['联系wang@qq.com', 'wang@qq.com'],
    ['QQ邮箱13800138000@qq.com', '13800138000@qq.com'],
    ['我的邮箱是李娜艾特qq点com', '李娜艾特qq点com'],
    ['zhangwei@qq点com', 'zhangwei@qq点com'],
    ['邮箱 zhangwei 艾特 qq 点 com 收不到', 'zhangwei 艾特 qq 点 com'],
    ['邮箱zhangwei艾特163点com谢谢', 'zhangwei艾特163点com'],
    ['邮箱 zhangwei 圈a qq 点 com', 'zhangwei 圈a qq 点 com'],
    ['是 li.na艾特gmail dot com 吗', 'li.na艾特gmail dot com'],
    ['邮箱 ｚｈａｎｇｗｅｉ艾特１６３点ｃｏｍ', 'ｚｈａｎｇｗｅｉ艾特１６３点ｃｏｍ'],
    ['email wang dot li at gmail dot com please', 'wang dot li at gmail dot com'],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'email'));

  it.each([
    '一点也不好用，艾特客服也没用',
    '点击 com 按钮没反应',
    '艾特了三次都没人回',
    '@客服 请尽快处理',
    '邮件服务 @ 163 的问题',
    '艾特张三，点com',
    '邮箱@163.com 打不开',
  ])('%s stays', (text) => {
    expect(redact(text)).toEqual({ text, found: {} });
  });
});

describe('redact: codes read out in groups after their label', () => {
  const cases: [string, string][] = [
    ['验证码 48 29 13 输了三次', '48 29 13'],
    ['验证码是 482 913', '482 913'],
    ['OTP 1234-5678 expired', '1234-5678'],
    ['the verification code 12 34 56 did not work', '12 34 56'],
    ['cvv 1 2 3 on the back', '1 2 3'],
    ['my code is 4 8 2 9 1 3', '4 8 2 9 1 3'],
    ['验证码 ４８ ２９ １３', '４８ ２９ １３'],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'code'));

  it.each([
    'the verification code took 2 3 days to come',
    '验证码 3 次都没收到',
    'OTP 12 times in a row',
    'cvv 2 times wrong',
  ])('%s stays', (text) => {
    expect(redact(text)).toEqual({ text, found: {} });
  });

  it('a code read out unbroken keeps the count after it', () => {
    expect(redact('验证码 482913 3 次都不对').text).toBe('验证码 [code] 3 次都不对');
  });
});

describe('redact: dates of birth with the month in words', () => {
  const cases: [string, string][] = [
    ['born 12 March 1985 in Leeds', '12 March 1985'],
    ['she was born on March 12, 1985, she said', 'March 12, 1985'],
    ['DOB 12th Mar 1985 confirmed', '12th Mar 1985'],
    ['date of birth: 3rd of May 1990', '3rd of May 1990'],
    ['birthday is 3 May', '3 May'],
    ['born on the 3rd of May, she said', 'the 3rd of May'],
    ['DOB: 03 Mar 85', '03 Mar 85'],
    ['我是1985年3月12日生的', '1985年3月12日'],
    ['DOB 12-Mar-1985', '12-Mar-1985'],
    ['born September 1990', 'September 1990'],
    ['出生 1985年3月12日', '1985年3月12日'],
    ['生日是3月12号', '3月12号'],
    ['他1985年3月12日出生的', '1985年3月12日'],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'dob'));

  it.each([
    'broken since 12 March, still broken',
    'ordered on March 12, 1985 pieces',
    'delivered 3rd of May 2024',
    'born in 1985, moved in 2001',
    '3月12日下单，3月15日还没到',
  ])('%s stays', (text) => {
    expect(redact(text)).toEqual({ text, found: {} });
  });
});

describe('redact: phone numbers read out in English words', () => {
  const cases: [string, string][] = [
    [
      'my number is oh seven seven double four one two three four five six',
      'oh seven seven double four one two three four five six',
    ],
    [
      'zero seven seven nine triple one two three four five',
      'zero seven seven nine triple one two three four five',
    ],
    [
      'call Oh Seven Seven, Double Four, One Two Three, Four Five Six tonight',
      'Oh Seven Seven, Double Four, One Two Three, Four Five Six',
    ],
    [
      'mobile one three eight double oh one three eight triple zero',
      'one three eight double oh one three eight triple zero',
    ],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'phone'));

  it.each([
    'it happened one or two times',
    'two weeks ago, then one more time',
    'waited one two three four five six seven minutes',
    'one, two, three, four, five, six, seven, eight, nine, ten',
    'someone phoned twice, often at nine',
  ])('%s stays', (text) => {
    expect(redact(text)).toEqual({ text, found: {} });
  });
});

describe('redact: 两 read out as a digit', () => {
  const cases: [string, string][] = [
    ['电话幺三八两六七五四三二一，晚上打', '幺三八两六七五四三二一'],
    ['手机一三八两两六七五四三二打不通', '一三八两两六七五四三二'],
  ];
  it.each(cases)('%s', (sentence, value) => expectRedacted(sentence, value, 'phone'));

  it.each([
    '打了两次',
    '等了两个月',
    '等了两天',
    '三三两两的投诉',
    '两三天',
    '一两个人打了两三次电话',
  ])('%s stays', (text) => {
    expect(redact(text)).toEqual({ text, found: {} });
  });
});

describe('redact: ordinary complaint text stays', () => {
  it.each([
    'refund of £25.99 for 2 orders, 3 times this month',
    '5G drops every 2 weeks, 3 times a day',
    'ordered 12 items on 12 March, 4 arrived',
    'since 12 March the app is down',
    'waited 45 minutes, order 3 of 5',
    '两次退款都没到，等了两个月，等了两天客服才回',
    '已经等了十二天，打了三次电话',
  ])('%s', (text) => {
    expect(redact(text)).toEqual({ text, found: {} });
  });
});

describe('redact: the new forms are idempotent', () => {
  it.each([
    '手机一三八零零一三八零零零打不通',
    'email jane dot smith at example dot com',
    '我的邮箱是李娜@qq.com',
    'zhangwei艾特163点com',
    '验证码 48 29 13',
    'born 12 March 1985',
    'oh seven seven double four one two three four five six',
    '幺三八两六七五四三二一',
  ])('%s', (s) => {
    const once = redact(s).text;
    expect(redact(once)).toEqual({ text: once, found: {} });
  });
});
