/** Strings of the admin's settings view: channel costs and webhooks. */
export const admin = {
  'admin.title': 'Settings',
  'admin.intro':
    'What the ranking by cost multiplies by, and where alerts go: the same settings as the wocas cost and wocas webhook commands.',
  'admin.refresh': 'Refresh',

  'admin.costs.title': 'Cost to serve',
  'admin.costs.explain':
    'Average handling minutes and cost per minute of each channel. An issue costs its contacts × minutes × cost per minute; a channel without a cost counts 0.',
  'admin.costs.channel': 'Channel',
  'admin.costs.minutes': 'Minutes per contact',
  'admin.costs.perMinute': 'Cost per minute',
  'admin.costs.perContact': 'Cost per contact',
  'admin.costs.currency': 'Currency (ISO 4217)',
  'admin.costs.notSet': 'not set (0)',
  'admin.costs.save': 'Save channel cost',
  'admin.costs.saved': '{channel}: {cost} {currency} a contact.',
  'admin.costs.needNumbers': 'Enter minutes and a cost per minute, both numbers of 0 or more.',

  'admin.hooks.title': 'Webhooks',
  'admin.hooks.explain':
    'Status changes, emerging issues and new issues, POSTed to a chat tool while the server runs. Failed deliveries are kept and retried, never dropped.',
  'admin.hooks.none': 'No webhooks yet.',
  'admin.hooks.url': 'URL',
  'admin.hooks.events': 'Events',
  'admin.hooks.format': 'Format',
  'admin.hooks.delivered': 'Delivered',
  'admin.hooks.pending': 'Waiting',
  'admin.hooks.state': 'Deliveries',
  'admin.hooks.ok': 'Delivering',
  'admin.hooks.waiting': '{pending} waiting to be sent',
  'admin.hooks.failing':
    'Failing after {attempts, plural, one {# attempt} other {# attempts}}: {error}',
  'admin.hooks.failingSummary':
    'Failing: {total, plural, one {the only webhook} other {{count} of # webhooks}}. {count, plural, one {Its deliveries wait} other {Their deliveries wait}} and are retried until the receiver answers.',
  'admin.hooks.event.status': 'Status changes',
  'admin.hooks.event.emerging': 'Emerging issues',
  'admin.hooks.event.new_issue': 'New issues',
  'admin.hooks.add': 'Add webhook',
  'admin.hooks.added': 'Webhook {id} added.',
  'admin.hooks.secret':
    'Its signing secret, shown this once: copy it into the receiver now. Each body is signed with it (X-Wocas-Signature).',
  'admin.hooks.secretDone': 'I have copied it',
  'admin.hooks.remove': 'Remove',
  'admin.hooks.confirmRemove': 'Remove for good',
  'admin.hooks.cancel': 'Cancel',
  'admin.hooks.removed': 'Webhook {id} removed, with the deliveries waiting for it.',
  'admin.hooks.needEvent': 'Choose at least one event.',
} as const;
