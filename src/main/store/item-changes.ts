import { describeValidationError, verbatimTextSchema } from '../../shared/domain/feedback-item.js';
import type { ItemChangeKind } from '../../shared/domain/item-change.js';
import { redactField } from '../../shared/text/redact.js';
import { InvalidItemError } from './captured-items.js';
import type { LocalDatabase } from './open-local-store.js';

/** A change in the wire shape of POST /api/v1/items/changes. */
export type OutgoingChange =
  | { id: string; item_id: string; kind: 'edit'; text: string }
  | { id: string; item_id: string; kind: 'withdraw' };

/** What the aggregator said of one pushed batch of changes. */
export interface ChangeAcknowledgement {
  applied: string[];
  duplicates: string[];
  rejected: { id: string; error: string }[];
}

/** A change as made here: its id, and the verbatim now shown (null once withdrawn). */
export interface LocalChange {
  id: string;
  item_id: string;
  text: string | null;
  redactions: number;
}

interface ChangeRow {
  id: string;
  item_id: string;
  kind: ItemChangeKind;
  text: string | null;
}

/**
 * The agent's corrections and withdrawals, applied to the local store at once and queued for the
 * aggregator in the same transaction, like a capture and its outbox entry. A change leaves the
 * queue only with the aggregator's acknowledgement ("applied" or "duplicate": both mean applied
 * exactly once, keyed by the id made here), so a crash or a lost answer only means it is sent again.
 */
export class ItemChanges {
  private readonly insert;
  private readonly itemById;

  constructor(
    private readonly db: LocalDatabase,
    private readonly newId: () => string = () => globalThis.crypto.randomUUID(),
  ) {
    this.insert = db.prepare<[string, string, ItemChangeKind, string | null]>(
      'INSERT INTO item_changes (id, item_id, kind, text) VALUES (?, ?, ?, ?)',
    );
    this.itemById = db.prepare<[string], { seq: number; redactions: number }>(
      'SELECT seq, redactions FROM items WHERE id = ?',
    );
  }

  /** Corrects an item's verbatim: the same text rule and redaction as a capture, before the disk. */
  edit(itemId: string, rawText: string): LocalChange {
    const parsed = verbatimTextSchema.safeParse(rawText);
    if (!parsed.success)
      throw new InvalidItemError(`text: ${describeValidationError(parsed.error)}`);
    const redacted = redactField(parsed.data);
    const text = redacted.text ?? '';
    const id = this.newId();
    this.db
      .transaction(() => {
        const item = this.known(itemId);
        // The item itself carries the correction too: if its capture has not gone yet, it goes as corrected.
        this.db
          .prepare('UPDATE items SET text = ?, redactions = ? WHERE seq = ?')
          .run(text, item.redactions + redacted.count, item.seq);
        this.insert.run(id, itemId, 'edit', text);
      })
      .immediate();
    return { id, item_id: itemId, text, redactions: redacted.count };
  }

  /**
   * Withdraws an item: gone from this computer at once (with its capture, if that has not gone
   * yet), and a withdrawal queued for the aggregator all the same, since the capture may be on its
   * way there already; the aggregator keeps it as a tombstone that a late push cannot get past.
   */
  withdraw(itemId: string): LocalChange {
    const id = this.newId();
    this.db
      .transaction(() => {
        const item = this.known(itemId);
        this.db.prepare('DELETE FROM outbox WHERE item_seq = ?').run(item.seq);
        this.db.prepare('DELETE FROM items WHERE seq = ?').run(item.seq);
        // The withdrawal supersedes corrections still queued (one already applied changes nothing).
        this.db.prepare("DELETE FROM item_changes WHERE item_id = ? AND kind = 'edit'").run(itemId);
        this.insert.run(id, itemId, 'withdraw', null);
      })
      .immediate();
    return { id, item_id: itemId, text: null, redactions: 0 };
  }

  private known(itemId: string): { seq: number; redactions: number } {
    const item = this.itemById.get(itemId);
    if (item === undefined) throw new InvalidItemError('item_id: no such item on this computer');
    return item;
  }

  /** Whether this item was withdrawn here (its withdrawal may not have reached the aggregator yet). */
  withdrawn(itemId: string): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM item_changes WHERE item_id = ? AND kind = 'withdraw'")
        .get(itemId) !== undefined
    );
  }

  /** The oldest pending changes whose item's capture has left the outbox, in the order made. */
  next(limit: number): OutgoingChange[] {
    return this.db
      .prepare<[number], ChangeRow>(
        `SELECT c.id, c.item_id, c.kind, c.text FROM item_changes c
          WHERE c.state = 'pending' AND NOT EXISTS (
            SELECT 1 FROM outbox o JOIN items i ON i.seq = o.item_seq WHERE i.id = c.item_id)
          ORDER BY c.seq LIMIT ?`,
      )
      .all(limit)
      .map((row) =>
        row.kind === 'edit'
          ? { id: row.id, item_id: row.item_id, kind: 'edit', text: row.text ?? '' }
          : { id: row.id, item_id: row.item_id, kind: 'withdraw' },
      );
  }

  pending(): number {
    return this.db
      .prepare("SELECT count(*) FROM item_changes WHERE state = 'pending'")
      .pluck()
      .get() as number;
  }

  /** Records the aggregator's answer for a batch, in one transaction. */
  acknowledge(ack: ChangeAcknowledgement): void {
    const done = this.db.prepare<[string]>('DELETE FROM item_changes WHERE id = ?');
    // A refused change would be refused again: keep it, visibly, instead of retrying forever.
    const refused = this.db.prepare<[string, string]>(
      "UPDATE item_changes SET state = 'rejected', last_error = ? WHERE id = ?",
    );
    this.db
      .transaction(() => {
        for (const id of [...ack.applied, ...ack.duplicates]) done.run(id);
        for (const { id, error } of ack.rejected) refused.run(error, id);
      })
      .immediate();
  }

  recordFailure(ids: readonly string[], error: string): void {
    const fail = this.db.prepare<[string, string]>(
      'UPDATE item_changes SET attempts = attempts + 1, last_error = ? WHERE id = ?',
    );
    this.db.transaction(() => ids.forEach((id) => fail.run(error, id))).immediate();
  }
}
