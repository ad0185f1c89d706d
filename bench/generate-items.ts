import { CHANNELS } from '../src/shared/domain/feedback-item.js';
import { seededRandom } from './zipf-sample.js';

const OBJECTS_EN = [
  'card',
  'app',
  'bill',
  'router',
  'parcel',
  'refund',
  'account',
  'password',
  'sim',
  'plan',
  'invoice',
  'transfer',
  'delivery',
  'voucher',
  'subscription',
  'engineer visit',
  'direct debit',
  'statement',
  'loyalty points',
  'order',
];
const PROBLEMS_EN = [
  'has not arrived',
  'was declined',
  'keeps crashing',
  'was charged twice',
  'is far too slow',
  'shows the wrong amount',
  'got cancelled without notice',
  'cannot be found',
  'stopped working',
  'is stuck on pending',
  'was sent to the wrong address',
  'expired early',
];
const FRAMES_EN = [
  'my {o} {p}',
  'customer says the {o} {p} again',
  'why {p} my {o}?? this is the third time',
  'caller upset: {o} {p} since last week',
  'the {o} {p} and nobody called back',
  'hi, my {o} {p}. please fix',
  '{o} {p} - wants compensation',
];
const OBJECTS_ZH = [
  '银行卡',
  '应用',
  '账单',
  '路由器',
  '包裹',
  '退款',
  '账户',
  '密码',
  '手机卡',
  '套餐',
];
const PROBLEMS_ZH = [
  '一直没到',
  '被拒绝了',
  '总是闪退',
  '重复扣款',
  '太慢了',
  '金额不对',
  '被取消了',
  '找不到',
  '用不了',
  '卡在处理中',
];
const FRAMES_ZH = [
  '我的{o}{p}',
  '客户说{o}{p}，很生气',
  '为什么{o}又{p}',
  '{o}{p}，已经等了一周',
  '您好，{o}{p}，请尽快处理',
];
const FILLER = [
  '',
  '',
  '',
  ' honestly',
  ' again',
  ' today',
  ' for the second time',
  ' after the update',
  ' on the website',
];
const PII = [
  ' call me on 07700 900123',
  ' my email is jo.bloggs@example.com',
  ' card 4111 1111 1111 1111',
];

export interface GeneratedItem {
  id: string;
  text: string;
  channel: string;
  team: string;
  agent: string;
  created_at: string;
  times_heard: number;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'zu', 'pel', 'dri', 'nox', 'ul', 'bri'];

/** The n-th made-up product name ("kalomi"): a vocabulary as large as a real catalogue's. */
function productName(n: number): string {
  let name = '';
  for (let k = n + SYLLABLES.length; k > 0; k = Math.floor(k / SYLLABLES.length))
    name += SYLLABLES[k % SYLLABLES.length];
  return name;
}

/**
 * Reproducible synthetic feedback: a few hundred topics (object × problem) in English and Chinese,
 * drawn with a Zipf skew, phrased through varied frames, some with personal data to redact. With
 * `products`, each English topic also names one of that many made-up products, Zipf-drawn, so that
 * the set holds as many distinct problems as a large company hears.
 */
export function generateItems(
  count: number,
  seed = 1,
  endMs = Date.UTC(2026, 10, 23),
  products = 0,
): GeneratedItem[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const zipfIndex = (n: number) => Math.min(n - 1, Math.floor(Math.pow(n + 1, random()) - 1));
  const items: GeneratedItem[] = [];
  for (let i = 0; i < count; i++) {
    const chinese = random() < 0.2;
    const [objects, problems, frames] = chinese
      ? [OBJECTS_ZH, PROBLEMS_ZH, FRAMES_ZH]
      : [OBJECTS_EN, PROBLEMS_EN, FRAMES_EN];
    const topic = zipfIndex(objects.length * problems.length);
    const object = objects[topic % objects.length] as string;
    const problem = problems[Math.floor(topic / objects.length)] as string;
    let text = pick(frames).replace('{o}', object).replace('{p}', problem);
    if (!chinese && products > 0) text += ` on the ${productName(zipfIndex(products))} plan`;
    if (!chinese) text += pick(FILLER);
    if (random() < 0.05) text += pick(PII);
    const agent = Math.floor(random() * 200);
    items.push({
      id: `gen-${seed}-${i}`,
      text,
      channel: pick(CHANNELS),
      team: `team-${agent % 12}`,
      agent: `agent-${agent}`,
      created_at: new Date(endMs - Math.floor(random() * 90 * 86_400_000)).toISOString(),
      times_heard: random() < 0.9 ? 1 : 2 + Math.floor(random() * 5),
    });
  }
  return items;
}
