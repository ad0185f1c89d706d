import type { IssueStatus } from '../../shared/domain/issue.js';
import { fillPlaceholders, messageLocale } from '../../shared/i18n/translate.js';
import {
  WEBHOOK_EVENTS,
  WEBHOOK_FORMATS,
  type WebhookEvent,
  type WebhookFormat,
} from '../../shared/domain/settings.js';

export { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type WebhookEvent, type WebhookFormat };

/** The issue as an event carries it: the contract's fields, nothing a customer said. */
export interface EventIssue {
  id: string;
  title: string;
  status: IssueStatus;
  owner: string | null;
  mentions: number;
  times_heard: number;
  /** Why it was flagged, for `emerging` events (the slack text uses it; not in the json body). */
  reason?: string | null;
}

/** The json body; the contract's shape. */
export interface WebhookJsonBody {
  event: WebhookEvent;
  at: string;
  issue: Omit<EventIssue, 'reason'>;
}

/** Chat messages are in English, like the server's other words. */
const ENGLISH = messageLocale('en');

/** The body POSTed for an event in a webhook's format; slack's also suits Teams incoming webhooks. */
export function webhookBody(
  format: WebhookFormat,
  event: WebhookEvent,
  at: number,
  issue: EventIssue,
): string {
  const { reason, ...plain } = issue;
  if (format === 'json')
    return JSON.stringify({
      event,
      at: new Date(at).toISOString(),
      issue: plain,
    } satisfies WebhookJsonBody);
  // A new issue is usually one item heard once: "1 contact, 1 item", never "1 contacts".
  const contacts = fillPlaceholders(
    '{contacts, plural, one {# contact} other {# contacts}}, {items, plural, one {# item} other {# items}}',
    { contacts: issue.times_heard, items: issue.mentions },
    ENGLISH,
  );
  const lines: Record<WebhookEvent, string> = {
    status: `WOCAS: issue "${issue.title}" (${issue.id}) is now ${issue.status.replaceAll('_', ' ')}${issue.owner ? `, owner ${issue.owner}` : ''} (${contacts}).`,
    emerging: `WOCAS: issue "${issue.title}" (${issue.id}) is emerging. ${reason ?? ''}`.trim(),
    new_issue: `WOCAS: new issue "${issue.title}" (${issue.id}): ${contacts} so far.`,
  };
  return JSON.stringify({ text: lines[event] });
}

/** Parses a `--events` list; undefined means every event. */
export function parseEvents(list: string | undefined): WebhookEvent[] {
  if (list === undefined) return [...WEBHOOK_EVENTS];
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(WEBHOOK_EVENTS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new WebhookSettingError(
      `unknown event "${unknown[0] ?? list}": use ${WEBHOOK_EVENTS.join(', ')}`,
    );
  }
  return [...new Set(names)] as WebhookEvent[];
}

export class WebhookSettingError extends Error {}
