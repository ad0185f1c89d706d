import type { FeedbackItem } from '../../shared/domain/feedback-item.js';
import type { LocalDatabase } from './open-local-store.js';

/** What the aggregator said of one pushed batch. */
export interface PushAcknowledgement {
  accepted: string[];
  duplicates: string[];
  rejected: { id: string; error: string }[];
  /** Item id → the issue the aggregator put it in, where it says. */
  issues?: Record<string, string> | undefined;
}

/** An item in the wire shape of the HTTP API. */
export type OutgoingItem = FeedbackItem & { id: string; created_at: string };

/**
 * The queue of items not yet acknowledged by the aggregator. An entry leaves the queue only with
 * the aggregator's acknowledgement ("accepted" or "duplicate": both mean stored exactly once), so a
 * crash at any point just means the next push sends it again and the aggregator's id check drops it.
 */
export class Outbox {
  private readonly batchStatement;
  private readonly ackStatement;
  private readonly markStatement;
  private readonly failStatement;

  constructor(private readonly db: LocalDatabase) {
    this.batchStatement = db.prepare<[number], Record<string, unknown>>(`
      SELECT i.id, i.text, i.channel, i.team, i.agent, i.segment, i.root_cause, i.suggested_fix,
             i.times_heard, i.issue_id, i.created_at
        FROM outbox o JOIN items i ON i.seq = o.item_seq
       ORDER BY o.item_seq LIMIT ?`);
    this.ackStatement = db.prepare<[string]>(
      'DELETE FROM outbox WHERE item_seq = (SELECT seq FROM items WHERE id = ?)',
    );
    this.markStatement = db.prepare<[string, string | null, string | null, string]>(
      'UPDATE items SET sync_state = ?, sync_error = ?, server_issue_id = coalesce(?, server_issue_id) WHERE id = ?',
    );
    this.failStatement = db.prepare<[string, string]>(`
      UPDATE outbox SET attempts = attempts + 1, last_error = ?
       WHERE item_seq = (SELECT seq FROM items WHERE id = ?)`);
  }

  /** The oldest unacknowledged items, in save order. */
  next(limit: number): OutgoingItem[] {
    return this.batchStatement.all(limit).map((row) => {
      const item: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row)) if (value !== null) item[key] = value;
      return item as OutgoingItem;
    });
  }

  /** What waits to be sent: captures, and the agent's corrections and withdrawals (ItemChanges). */
  pending(): number {
    return this.db
      .prepare(
        "SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM item_changes WHERE state = 'pending')",
      )
      .pluck()
      .get() as number;
  }

  /** Records the aggregator's answer for a batch, in one transaction. */
  acknowledge(ack: PushAcknowledgement): void {
    this.db
      .transaction(() => {
        for (const id of [...ack.accepted, ...ack.duplicates]) {
          this.markStatement.run('synced', null, ack.issues?.[id] ?? null, id);
          this.ackStatement.run(id);
        }
        // A rejected item would be rejected again: keep it, visibly, instead of retrying forever.
        for (const { id, error } of ack.rejected) {
          this.markStatement.run('rejected', error, null, id);
          this.ackStatement.run(id);
        }
      })
      .immediate();
  }

  /** Notes a failed attempt on the items of a batch (for display; retrying is the sync loop's job). */
  recordFailure(ids: readonly string[], error: string): void {
    this.db.transaction(() => ids.forEach((id) => this.failStatement.run(error, id))).immediate();
  }
}
