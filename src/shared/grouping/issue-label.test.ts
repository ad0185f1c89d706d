import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.js';
import { issueLabel, issueTitle, phrasesOf, phraseCountsOf } from './issue-label.js';
import { Vocabulary, countTerms } from './term-vector.js';

function countsOver(texts: readonly string[]) {
  const vocabulary = new Vocabulary();
  for (const text of texts) vocabulary.observe(countTerms(tokenize(text)).keys());
  return phraseCountsOf(vocabulary);
}

const LIMIT = [
  'How do I raise my credit limit?',
  'can you increase the credit limit on my card',
  'credit limit too low, please raise it',
];
const SCORE = [
  'what is my credit score',
  'will this hurt my credit score?',
  'check my credit score on the app',
];
const SIGNAL = [
  'No signal in the city centre again',
  'still no signal on high street',
  'signal keeps dropping in the city centre',
];
const ZH = ['验证码一直收不到', '收不到验证码怎么办', '手机收不到验证码，登录不了'];
const EVERYTHING = [
  ...LIMIT,
  ...SCORE,
  ...SIGNAL,
  ...ZH,
  'my card was declined',
  'card declined at the shop',
];

describe('issueLabel', () => {
  it('names an issue by the phrase its items share and others do not', () => {
    const counts = countsOver(EVERYTHING);
    expect(issueLabel(LIMIT, counts)).toBe('Credit limit');
    expect(issueLabel(SCORE, counts)).toBe('Credit score');
    expect(issueLabel(SIGNAL, counts)).toMatch(/signal|city centre/i);
  });

  it('labels in the script most of the items are written in', () => {
    expect(issueLabel(ZH, countsOver(EVERYTHING))).toMatch(/^(验证码|收不到)/);
  });

  it('gives no label when no phrase is shared within the issue', () => {
    expect(
      issueLabel(['parcel late', 'refund missing', 'router broken'], countsOver(EVERYTHING)),
    ).toBeUndefined();
  });

  it('never builds a phrase from a number, a placeholder or a question word alone', () => {
    const phrases = phrasesOf('My email is [email], order 123456 why: card [card] blocked');
    expect([...phrases].filter((p) => /\d|\[|email\]|^why$/.test(p))).toEqual([]);
    expect(phrases).toContain('blocked');
  });

  it("never names an issue by how agents write notes: 'Cust says', 'Agent note', 客户说", () => {
    const notes = [
      'Cust says the router drops wifi every night',
      'Agent note: router drops wifi, customer rebooted twice',
      'customer says router drops wifi again',
    ];
    const zh = ['客户说路由器晚上老断网', '客户说路由器一到晚上就断网', '客户说路由器又断网了'];
    const counts = countsOver([...EVERYTHING, ...notes, ...zh]);
    expect(issueLabel(notes, counts)).toMatch(/router|wifi/i);
    expect(issueLabel(notes, counts)).not.toMatch(/\b(cust|says|agent|note|customer)\b/i);
    const label = issueLabel(zh, counts) ?? '';
    expect(label).toMatch(/路由器|断网/);
    expect(label).not.toMatch(/客户|说/);
  });

  it('starts and ends a Chinese label on a content word, and keeps a word whole', () => {
    const fee = ['年费手续费太贵了', '手续费扣得莫名其妙', '为什么收我手续费'];
    const signal = ['花5G的钱用的是没信号的服务', '用的是没信号的网络', '家里用的是没信号的套餐'];
    const counts = countsOver([...EVERYTHING, ...fee, ...signal]);
    expect(issueLabel(fee, counts)).toContain('手续费');
    const label = issueLabel(signal, counts) ?? '';
    expect(label).toContain('没信号');
    expect(label).not.toMatch(/^(的|是)|(的|是)$/);
  });

  it('grows a phrase cut inside a fixed expression, and only by a word the set always writes with it', () => {
    // "signal on high" is the rarest phrase these share; "high" is never written without "street",
    // nor "signal" without "no" in most of the set.
    const street = [
      'still no signal on high street',
      'no signal on high street since monday',
      'again no signal on high street',
    ];
    // "days" is followed by "and" here, but "and" is a stop word; "tuesday" follows "since" only here.
    const esim = [
      'esim switch stuck, two days and no number since tuesday',
      'esim switch stuck two days and no number since tuesday',
      'my esim switch is stuck since tuesday',
    ];
    const counts = countsOver([
      ...EVERYTHING,
      ...street,
      ...esim,
      'no signal since friday',
      'no signal at home since last week',
    ]);
    expect(issueLabel(street, counts)).toBe('No signal on high street');
    expect(issueLabel(esim, counts)).toMatch(/^Esim switch/);
    expect(issueLabel(esim, counts)).not.toMatch(/tuesday/i);
  });
});

describe('issueLabel on product codes', () => {
  it('keeps a product code such as 5G, written as it is, but no other number', () => {
    const noFiveG = [
      'No 5G anywhere in the city centre. Phone says 4G or nothing at all.',
      'no 5G anywhere near the station',
      'still no 5G anywhere, order 88213 again',
    ];
    const counts = countsOver([...noFiveG, ...SIGNAL, 'my 5G plan renewed', 'bill for 8pm calls']);
    const label = issueLabel(noFiveG, counts);
    expect(label).toMatch(/5G/);
    expect(label).not.toMatch(/88213|5g/);
    expect(phrasesOf('calls after 8pm on the 2nd')).not.toContain('8pm');
    expect(phrasesOf('calls after 8pm on the 2nd')).not.toContain('2nd');
  });
});

describe('issueTitle', () => {
  // Titles are shown to every token, so a word only one item in the set holds (a name, a street)
  // never reaches one; words another customer also used are the vocabulary of a problem.
  const customer = 'Mrs Okonkwo at Larchmere Close says her router keeps dropping wifi';
  const others = ['router keeps dropping wifi every evening', 'my router keeps rebooting'];

  it('is the label when the items share a phrase', () => {
    expect(issueTitle(LIMIT, countsOver(EVERYTHING))).toBe('Credit limit');
  });

  it('names a one-item issue only by words other items use too', () => {
    const title = issueTitle([customer], countsOver([customer, ...others]));
    expect(title).toMatch(/router|wifi|dropping/i);
    expect(title).not.toMatch(/okonkwo|larchmere|close|mrs/i);
  });

  it('is a placeholder, in the script of the items, when no word is shared with another item', () => {
    const alone = 'Mrs Okonkwo at Larchmere Close wants her modem swapped';
    expect(issueTitle([alone], countsOver([alone, ...EVERYTHING]))).toBe('Unlabelled issue');
    const zh = '张伟在幸福里小区说他家宽带坏了';
    expect(issueTitle([zh], countsOver([zh, ...EVERYTHING]))).toBe('未命名问题');
  });

  it('keeps words one item holds out of a many-item issue that shares no phrase', () => {
    const texts = [
      'Okonkwo parcel never came',
      'Larchmere refund is missing',
      'Aldous router broken',
    ];
    const title = issueTitle(
      texts,
      countsOver([...texts, 'parcel late again', 'my parcel is late']),
    );
    expect(title).toBe('Parcel');
  });

  it('counts a text pasted again as one voice: its copies never make the name it is signed with shared', () => {
    // One customer's e-mail captured at each of her contacts (seen in the demo: 'Contract · mark').
    const email =
      'Hello, my contract says 20 per month but you have taken 34.50 this month. Regards, Mark';
    const copies = Array<string>(8).fill(email);
    const issue = [
      ...copies,
      'charged more than my contract says',
      'bill is higher than the contract price',
    ];
    const counts = countsOver([...issue, ...EVERYTHING]);
    const title = issueTitle(issue, counts);
    expect(title).toMatch(/contract/i);
    expect(title).not.toMatch(/mark|regards/i);
    // Copies alone, their words in no other item: nothing is shared, whatever the count.
    expect(issueTitle(copies, countsOver([...copies, ...EVERYTHING]))).toBe('Unlabelled issue');
    // A short text repeats because many people say it: ten of them are ten voices.
    const said = Array<string>(10).fill('my parcel is late again');
    expect(issueTitle(said, countsOver([...said, ...EVERYTHING]))).toMatch(/parcel|late/i);
  });
});
