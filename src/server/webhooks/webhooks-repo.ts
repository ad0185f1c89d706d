import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { randomId } from '../../shared/domain/ids.js';
import type { CreatedWebhook, WebhookStatus } from '../../shared/domain/settings.js';
import { type Sql, changes, rows } from '../storage/sql.js';
import {
  type WebhookEvent,
  type WebhookFormat,
  WEBHOOK_FORMATS,
  WebhookSettingError,
} from './webhook-events.js';

export type { WebhookStatus };

/** Removing a webhook that is not there: a 404 on the API, a usage error on the command line. */
export class WebhookMissingError extends WebhookSettingError {}

export interface Webhook {
  id: string;
  url: string;
  secret: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  created_at: number;
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookSettingError(`not a URL: "${url.slice(0, 200)}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new WebhookSettingError('a webhook URL must start with https:// or http://');
}

export async function addWebhook(
  q: Sql,
  url: string,
  events: readonly WebhookEvent[],
  format: string,
  now: number,
): Promise<CreatedWebhook> {
  checkUrl(url);
  if (!(WEBHOOK_FORMATS as readonly string[]).includes(format))
    throw new WebhookSettingError(`unknown format "${format}": use json or slack`);
  const id = randomId('whk_');
  const secret = randomBytes(32).toString('base64url');
  await q.db
    .insertInto('webhooks')
    .values({ id, url, secret, events: events.join(','), format, created_at: now })
    .execute();
  return { id, secret };
}

/** Removes a webhook and the deliveries still waiting for it. */
export async function removeWebhook(q: Sql, id: string): Promise<void> {
  await sql`DELETE FROM webhook_deliveries WHERE webhook_id = ${id}`.execute(q.db);
  if ((await changes(q, sql`DELETE FROM webhooks WHERE id = ${id}`)) === 0)
    throw new WebhookMissingError(`no webhook ${id}`);
}

export async function webhooks(q: Sql): Promise<Webhook[]> {
  const found = await rows(
    q,
    sql<
      Omit<Webhook, 'events'> & { events: string }
    >`SELECT * FROM webhooks ORDER BY created_at, id`,
  );
  return found.map((row) => ({
    ...row,
    created_at: Number(row.created_at),
    events: row.events.split(',') as WebhookEvent[],
  }));
}

export async function webhookStatuses(q: Sql): Promise<WebhookStatus[]> {
  const stats = await rows(
    q,
    sql<{
      webhook_id: string;
      delivered: number;
      pending: number;
      max_attempts: number | null;
    }>`SELECT webhook_id,
        sum(CASE WHEN delivered_at IS NULL THEN 0 ELSE 1 END) AS delivered,
        sum(CASE WHEN delivered_at IS NULL THEN 1 ELSE 0 END) AS pending,
        max(CASE WHEN delivered_at IS NULL THEN attempts ELSE 0 END) AS max_attempts
       FROM webhook_deliveries GROUP BY webhook_id`,
  );
  const errors = await rows(
    q,
    sql<{
      webhook_id: string;
      last_error: string;
    }>`SELECT webhook_id, last_error FROM webhook_deliveries
      WHERE delivered_at IS NULL AND last_error IS NOT NULL ORDER BY next_attempt_at DESC`,
  );
  return (await webhooks(q)).map((hook) => {
    const stat = stats.find((row) => row.webhook_id === hook.id);
    return {
      id: hook.id,
      url: hook.url,
      events: hook.events,
      format: hook.format,
      created_at: new Date(hook.created_at).toISOString(),
      delivered: Number(stat?.delivered ?? 0),
      pending: Number(stat?.pending ?? 0),
      max_attempts: Number(stat?.max_attempts ?? 0),
      last_error: errors.find((row) => row.webhook_id === hook.id)?.last_error ?? null,
    };
  });
}
