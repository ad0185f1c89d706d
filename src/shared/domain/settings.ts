import type { Channel } from './item-fields.js';

/*
 * What an administrator sets for prioritisation: the cost to serve a contact per channel, and the
 * webhooks that carry alerts. The shapes are the contract's (`wocas cost show --json`,
 * `wocas webhook list --json`, and the call methods `costs.*` and `webhooks.*`).
 */

/** Cost to serve: average handling minutes and cost per minute, set per channel. */
export interface ChannelCost {
  minutes: number;
  per_minute: number;
}

/** `wocas cost show --json` and `costs.show`: channels without a setting are absent (they cost 0). */
export interface CostSettings {
  currency: string;
  channels: Partial<Record<Channel, ChannelCost>>;
}

/** An ISO 4217 code as the settings store it: three capital letters. */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** What a webhook can subscribe to. */
export const WEBHOOK_EVENTS = ['status', 'emerging', 'new_issue'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_FORMATS = ['json', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** `wocas webhook list` and `webhooks.list`: no secret; deliveries waiting, and the latest failure so it is never silent. */
export interface WebhookStatus {
  id: string;
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  created_at: string;
  delivered: number;
  pending: number;
  /** The most attempts any waiting delivery has had. */
  max_attempts: number;
  last_error: string | null;
}

/** What adding a webhook answers: the secret is shown this once and never again. */
export interface CreatedWebhook {
  id: string;
  secret: string;
}
