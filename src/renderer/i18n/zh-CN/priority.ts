import type { priority as en } from '../en/priority.js';

export const priority: Record<keyof typeof en, string> = {
  'priority.rankBy': '排序依据',
  'priority.rankBy.score': '得分',
  'priority.rankBy.contacts': '联系次数',
  'priority.rankBy.cost': '服务成本',
  'priority.explain.score':
    '得分：时间范围内的联系次数，按听到该问题的坐席人数加权（越多坐席听到，越可能是系统性问题）。',
  'priority.explain.contacts': '联系次数：该问题在时间范围内涉及的客户联系次数。',
  'priority.explain.cost':
    '服务成本：联系次数 × 各渠道平均处理分钟数 × 每分钟成本，单位 {currency}。未设置成本的渠道计为 0。',
  'priority.emerging.title': '新兴问题',
  'priority.emerging.badge': '新兴',
  'priority.emerging.none': '此时间范围内没有明显高于其通常水平的问题。',
  'priority.emerging.reason':
    '{windows, plural, =1 {本期 {current} 次联系，上一同长周期 {usual} 次。} other {本期 {current} 次联系，此前 # 个同长周期平均每期 {usual} 次。}}',
  'priority.emerging.reasonNew': '本期新出现，已有 {current} 次联系。',
  'priority.preventable': '本可避免',
  'priority.cost': '{cost} {currency}',
};
