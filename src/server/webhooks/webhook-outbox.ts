import { sql } from 'kysely';
import { randomId } from '../../shared/domain/ids.js';
import { type Sql, first, rows } from '../storage/sql.js';
import type { EventIssue, WebhookEvent } from './webhook-events.js';

/**
 * The outbox: an event is written in the transaction of the change that caused it, with one
 * delivery row per webhook subscribed to it then; the delivery loop in `wocas serve` POSTs them
 * later. A change that commits has its event; a change that rolls back has none.
 */
export async function queueIssueEvent(
  tx: Sql,
  kind: WebhookEvent,
  issueId: string,
  now: number,
  options: { dedupeKey?: string; reason?: string | null } = {},
): Promise<boolean> {
  // Only webhooks that want this kind; LIKE on the comma-joined list, bounded by commas.
  const hooks = await rows(
    tx,
    sql<{ id: string }>`SELECT id FROM webhooks WHERE ',' || events || ',' LIKE ${`%,${kind},%`}`,
  );
  if (hooks.length === 0) return false;
  const issue = await eventIssue(tx, issueId);
  if (issue === undefined) return false;
  const id = randomId('evt_', 16);
  const inserted = await tx.db
    .insertInto('webhook_events')
    .values({
      id,
      kind,
      dedupe_key: options.dedupeKey ?? null,
      at: now,
      issue: JSON.stringify({ ...issue, reason: options.reason ?? null }),
    })
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  if (inserted.length === 0) return false;
  await tx.db
    .insertInto('webhook_deliveries')
    .values(
      hooks.map((hook) => ({
        event_id: id,
        webhook_id: hook.id,
        next_attempt_at: now,
        delivered_at: null,
        last_error: null,
      })),
    )
    .execute();
  return true;
}

/** The issue as it is now, with its all-time counts. */
async function eventIssue(q: Sql, issueId: string): Promise<EventIssue | undefined> {
  const row = await first(
    q,
    sql<EventIssue>`SELECT i.id, i.title, i.status, i.owner, coalesce(t.mentions, 0) AS mentions, coalesce(t.times_heard, 0) AS times_heard
      FROM issues i LEFT JOIN issue_totals t ON t.issue_id = i.id WHERE i.id = ${issueId}`,
  );
  return row === undefined
    ? undefined
    : { ...row, mentions: Number(row.mentions), times_heard: Number(row.times_heard) };
}
