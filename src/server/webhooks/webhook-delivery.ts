import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../ingest/ingestor.js';
import type { Storage } from '../storage/storage.js';
import { rows } from '../storage/sql.js';
import {
  type EventIssue,
  type WebhookEvent,
  type WebhookFormat,
  webhookBody,
} from './webhook-events.js';

/** Retries wait 1 s, 2 s, 4 s, … up to 5 minutes, for ever: a failing receiver is shown, not dropped. */
export const RETRY_BASE_MS = 1_000;
export const RETRY_MAX_MS = 5 * 60_000;
const BATCH = 20;
const TIMEOUT_MS = 10_000;

export function retryDelay(attempts: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(attempts - 1, 20));
}

/** `sha256=<hex>`: the HMAC-SHA256 of the raw body, keyed by the webhook's secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

interface Due {
  event_id: string;
  webhook_id: string;
  attempts: number;
  kind: WebhookEvent;
  at: number;
  issue: string;
  url: string;
  secret: string;
  format: WebhookFormat;
}

/** POSTs one delivery; null when the receiver took it (any 2xx), else what went wrong. */
async function post(due: Due): Promise<string | null> {
  const body = webhookBody(
    due.format,
    due.kind,
    Number(due.at),
    JSON.parse(due.issue) as EventIssue,
  );
  try {
    const response = await fetch(due.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'wocas-webhook',
        'x-wocas-event': due.kind,
        'x-wocas-event-id': due.event_id,
        'x-wocas-signature': signature(due.secret, body),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return `${(error as Error).message}${cause ? ` (${cause})` : ''}`.slice(0, 300);
  }
}

/**
 * Delivers the deliveries that are due, a batch at a time; returns how many were tried. The POSTs
 * run outside any transaction; only the short bookkeeping after each one takes the write lock.
 */
export async function deliverDue(storage: Storage, clock: Clock): Promise<number> {
  const now = clock();
  const due = await rows(
    storage,
    sql<Due>`SELECT d.event_id, d.webhook_id, d.attempts, e.kind, e.at, e.issue, w.url, w.secret, w.format
       FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id JOIN webhooks w ON w.id = d.webhook_id
      WHERE d.delivered_at IS NULL AND d.next_attempt_at <= ${now} ORDER BY d.next_attempt_at, e.at LIMIT ${BATCH}`,
  );
  await Promise.all(
    due.map(async (delivery) => {
      const error = await post(delivery);
      const attempts = Number(delivery.attempts) + 1;
      // The answer's time, not the round's: a POST that timed out still waits its full backoff.
      const answered = clock();
      await storage.write(async (tx) => {
        if (error === null) {
          await sql`UPDATE webhook_deliveries SET attempts = ${attempts}, delivered_at = ${answered}, last_error = NULL
            WHERE event_id = ${delivery.event_id} AND webhook_id = ${delivery.webhook_id}`.execute(
            tx.db,
          );
        } else {
          await sql`UPDATE webhook_deliveries SET attempts = ${attempts}, last_error = ${error}, next_attempt_at = ${answered + retryDelay(attempts)}
            WHERE event_id = ${delivery.event_id} AND webhook_id = ${delivery.webhook_id}`.execute(
            tx.db,
          );
        }
      });
    }),
  );
  return due.length;
}
