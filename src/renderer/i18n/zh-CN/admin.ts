import type { admin as en } from '../en/admin.js';

export const admin: Record<keyof typeof en, string> = {
  'admin.title': '设置',
  'admin.intro':
    '按服务成本排序所用的成本，以及提醒发往何处：与 wocas cost 和 wocas webhook 命令是同一套设置。',
  'admin.refresh': '刷新',

  'admin.costs.title': '服务成本',
  'admin.costs.explain':
    '各渠道的平均处理分钟数和每分钟成本。问题的成本 = 联系次数 × 分钟数 × 每分钟成本；未设置成本的渠道计为 0。',
  'admin.costs.channel': '渠道',
  'admin.costs.minutes': '每次联系的分钟数',
  'admin.costs.perMinute': '每分钟成本',
  'admin.costs.perContact': '每次联系的成本',
  'admin.costs.currency': '货币（ISO 4217）',
  'admin.costs.notSet': '未设置（0）',
  'admin.costs.save': '保存渠道成本',
  'admin.costs.saved': '{channel}：每次联系 {cost} {currency}。',
  'admin.costs.needNumbers': '请输入分钟数和每分钟成本，两者都须为不小于 0 的数字。',

  'admin.hooks.title': 'Webhook',
  'admin.hooks.explain':
    '服务器运行期间，状态变更、新兴问题和新问题会以 POST 发送到聊天工具。发送失败的消息会保留并重试，绝不丢弃。',
  'admin.hooks.none': '还没有 Webhook。',
  'admin.hooks.url': 'URL',
  'admin.hooks.events': '事件',
  'admin.hooks.format': '格式',
  'admin.hooks.delivered': '已送达',
  'admin.hooks.pending': '等待中',
  'admin.hooks.state': '发送情况',
  'admin.hooks.ok': '正常发送',
  'admin.hooks.waiting': '{pending} 条等待发送',
  'admin.hooks.failing': '已尝试 {attempts} 次仍失败：{error}',
  'admin.hooks.failingSummary':
    '{total} 个 Webhook 中有 {count} 个发送失败：消息会保留，并一直重试到接收方应答为止。',
  'admin.hooks.event.status': '状态变更',
  'admin.hooks.event.emerging': '新兴问题',
  'admin.hooks.event.new_issue': '新问题',
  'admin.hooks.add': '添加 Webhook',
  'admin.hooks.added': '已添加 Webhook {id}。',
  'admin.hooks.secret':
    '签名密钥只显示这一次：请立即复制到接收方。每条消息都用它签名（X-Wocas-Signature）。',
  'admin.hooks.secretDone': '我已复制',
  'admin.hooks.remove': '删除',
  'admin.hooks.confirmRemove': '确认删除',
  'admin.hooks.cancel': '取消',
  'admin.hooks.removed': '已删除 Webhook {id} 及其等待发送的消息。',
  'admin.hooks.needEvent': '请至少选择一个事件。',
};
