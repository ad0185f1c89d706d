import {
  type FeedbackItemInput,
  describeValidationError,
  feedbackItemSchema,
} from '../../shared/domain/feedback-item.js';
import { redactField } from '../../shared/text/redact.js';
import type { LocalDatabase } from './open-local-store.js';

/** An item as saved on the desktop, redacted, with its sync state. */
export interface CapturedItem {
  seq: number;
  id: string;
  text: string;
  channel: string;
  team: string | null;
  agent: string | null;
  segment: string | null;
  root_cause: string | null;
  suggested_fix: string | null;
  times_heard: number;
  issue_id: string | null;
  created_at: string;
  redactions: number;
  sync_state: 'pending' | 'synced' | 'rejected';
  sync_error: string | null;
  server_issue_id: string | null;
}

export class InvalidItemError extends Error {}

/** An item the aggregator has, as `feedback.mine` describes it. */
export interface AdoptedItem {
  id: string;
  text: string;
  channel: string;
  times_heard: number;
  created_at: string;
  issue_id: string | null;
}

/**
 * Saving what an agent captured: validated, redacted before it touches the disk, and written with
 * its outbox entry in one transaction, so an item is either saved and queued or not saved at all.
 */
export class CapturedItems {
  private readonly insertItem;
  private readonly insertOutbox;
  private readonly byId;

  constructor(
    private readonly db: LocalDatabase,
    private readonly newId: () => string = () => globalThis.crypto.randomUUID(),
  ) {
    this.insertItem = db.prepare(`
      INSERT INTO items (id, text, channel, team, agent, segment, root_cause, suggested_fix, times_heard,
        issue_id, created_at, redactions)
      VALUES (@id, @text, @channel, @team, @agent, @segment, @root_cause, @suggested_fix, @times_heard,
        @issue_id, @created_at, @redactions)
      ON CONFLICT (id) DO NOTHING`);
    this.insertOutbox = db.prepare<[number]>('INSERT INTO outbox (item_seq) VALUES (?)');
    this.byId = db.prepare<[string], CapturedItem>('SELECT * FROM items WHERE id = ?');
  }

  /** Saves one item; an item with an id already saved is returned as it was (saving is idempotent). */
  capture(input: FeedbackItemInput, now: Date): CapturedItem {
    const parsed = feedbackItemSchema.safeParse(input);
    if (!parsed.success) throw new InvalidItemError(describeValidationError(parsed.error));
    const item = parsed.data;
    const text = redactField(item.text);
    const rootCause = redactField(item.root_cause);
    const fix = redactField(item.suggested_fix);
    // The segment is free text too: an agent may type a customer's number into it.
    const segment = redactField(item.segment);
    const id = item.id ?? this.newId();
    return this.db
      .transaction((): CapturedItem => {
        const result = this.insertItem.run({
          id,
          text: text.text,
          channel: item.channel,
          team: item.team ?? null,
          agent: item.agent ?? null,
          segment: segment.text,
          root_cause: rootCause.text,
          suggested_fix: fix.text,
          times_heard: item.times_heard,
          issue_id: item.issue_id ?? null,
          created_at: item.created_at ?? now.toISOString(),
          redactions: text.count + rootCause.count + fix.count + segment.count,
        });
        if (result.changes === 1) this.insertOutbox.run(Number(result.lastInsertRowid));
        return this.byId.get(id) as CapturedItem;
      })
      .immediate();
  }

  /**
   * Items the aggregator already holds for this agent (a new computer's first sync): kept as synced,
   * with no outbox entry, so My feedback shows them. An item saved here already stays as it is, and
   * one withdrawn here is not brought back while its withdrawal waits to be sent.
   */
  adoptSynced(items: readonly AdoptedItem[]): number {
    const insert = this.db.prepare(`
      INSERT INTO items (id, text, channel, times_heard, created_at, sync_state, server_issue_id)
      SELECT @id, @text, @channel, @times_heard, @created_at, 'synced', @issue_id
       WHERE NOT EXISTS (SELECT 1 FROM item_changes WHERE item_id = @id AND kind = 'withdraw')
      ON CONFLICT (id) DO NOTHING`);
    return this.db
      .transaction(() => items.reduce((sum, item) => sum + insert.run(item).changes, 0))
      .immediate();
  }

  get(id: string): CapturedItem | undefined {
    return this.byId.get(id);
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM items').pluck().get() as number;
  }
}
