/** Strings of the prioritisation parts of the insights view: rank-by and emerging issues. */
export const priority = {
  'priority.rankBy': 'Rank by',
  'priority.rankBy.score': 'Score',
  'priority.rankBy.contacts': 'Contacts',
  'priority.rankBy.cost': 'Cost to serve',
  'priority.explain.score':
    'Score: contacts in the window, weighted up by how many agents heard the issue (widely heard problems are systemic).',
  'priority.explain.contacts':
    'Contacts: how many customer contacts the issue stood for in the window.',
  'priority.explain.cost':
    'Cost to serve: contacts × average handling minutes × cost per minute of each channel, in {currency}. Channels without a cost count 0.',
  'priority.emerging.title': 'Emerging issues',
  'priority.emerging.badge': 'Emerging',
  'priority.emerging.none': 'No issue is well above its usual rate in this window.',
  'priority.emerging.reason':
    '{current, plural, one {# contact} other {# contacts}} against {windows, plural, one {{usual} in the period before} other {a usual {usual} per period over the previous # periods}}.',
  'priority.emerging.reasonNew':
    'New in this window, already {current, plural, one {# contact} other {# contacts}}.',
  'priority.preventable': 'Preventable',
  'priority.cost': '{cost} {currency}',
} as const;
