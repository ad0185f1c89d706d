import { sql } from 'kysely';
import { rankIssues } from '../issues/rank-issues.js';
import type { Storage } from '../storage/storage.js';
import { first, rows } from '../storage/sql.js';
import { queueIssueEvent } from './webhook-outbox.js';

const WEEK = 7 * 86_400_000;
/** A new issue is announced once it stands for this many contacts: one-off items stay quiet. */
export const NEW_ISSUE_ALERT_CONTACTS = 5;

/**
 * Finds the conditions no single write causes (an issue emerging over the last seven days; a new
 * issue growing past NEW_ISSUE_ALERT_CONTACTS) and writes their events to the outbox. Each has a
 * dedupe key, so finding it again (next scan, another process) adds nothing. Returns events added.
 */
export async function detectEvents(storage: Storage, now: number): Promise<number> {
  const wanted = await rows(
    storage,
    sql<{ events: string; created_at: number }>`SELECT events, created_at FROM webhooks`,
  );
  const wants = (kind: string) => wanted.filter((hook) => hook.events.split(',').includes(kind));
  let added = 0;
  if (wants('emerging').length > 0) {
    const ranked = await rankIssues(storage, { from: now - WEEK, to: now }, now);
    const period = Math.floor(now / WEEK);
    for (const issue of ranked.issues.filter((i) => i.emerging)) {
      const queued = await storage.write((tx) =>
        queueIssueEvent(tx, 'emerging', issue.id, now, {
          dedupeKey: `emerging:${issue.id}:${period}`,
          reason: issue.emerging_reason,
        }),
      );
      if (queued) added++;
    }
  }
  const newIssueHooks = wants('new_issue');
  if (newIssueHooks.length > 0) {
    // Issues created since the first such webhook: adding one does not announce every old issue.
    const since = Math.min(...newIssueHooks.map((hook) => Number(hook.created_at)));
    const grown = await rows(
      storage,
      sql<{ id: string }>`SELECT i.id FROM issues i JOIN issue_totals t ON t.issue_id = i.id
        WHERE i.created_at >= ${since} AND i.merged_into IS NULL AND t.times_heard >= ${NEW_ISSUE_ALERT_CONTACTS}
          AND NOT EXISTS (SELECT 1 FROM webhook_events e WHERE e.dedupe_key = 'new_issue:' || i.id)`,
    );
    for (const { id } of grown) {
      if (
        await storage.write((tx) =>
          queueIssueEvent(tx, 'new_issue', id, now, { dedupeKey: `new_issue:${id}` }),
        )
      )
        added++;
    }
  }
  return added;
}

/** Whether any webhook exists: without one the loop reads nothing else. */
export async function anyWebhook(storage: Storage): Promise<boolean> {
  return (await first(storage, sql<{ id: string }>`SELECT id FROM webhooks LIMIT 1`)) !== undefined;
}
