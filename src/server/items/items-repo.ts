import type { Channel } from '../../shared/domain/feedback-item.js';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';

export type AssignedBy = 'new' | 'similarity' | 'agent' | 'analyst' | 'recluster';

/** An item as the aggregator keeps it: redacted, timed in epoch milliseconds, in one issue. */
export interface StoredItem {
  id: string;
  issue_id: string;
  assigned_by: AssignedBy;
  text: string;
  channel: Channel;
  team: string | null;
  agent: string | null;
  segment: string | null;
  root_cause: string | null;
  suggested_fix: string | null;
  times_heard: number;
  created_at: number;
  received_at: number;
  redactions: number;
}

/** Queries on the items table, prepared once. */
export class ItemsRepo {
  private readonly insertStatement;
  private readonly existingStatement;
  private readonly moveStatement;

  constructor(private readonly db: SqliteDatabase) {
    this.insertStatement = db.prepare(`
      INSERT INTO items (id, issue_id, assigned_by, text, channel, team, agent, segment, root_cause,
        suggested_fix, times_heard, created_at, received_at, redactions)
      VALUES (@id, @issue_id, @assigned_by, @text, @channel, @team, @agent, @segment, @root_cause,
        @suggested_fix, @times_heard, @created_at, @received_at, @redactions)`);
    this.existingStatement = db
      .prepare<[string], [string, string]>('SELECT id, issue_id FROM items WHERE id IN (SELECT value FROM json_each(?))')
      .raw();
    this.moveStatement = db.prepare<[string, AssignedBy, string]>(
      'UPDATE items SET issue_id = ?, assigned_by = ? WHERE id = ?',
    );
  }

  /** Which of `ids` are stored already, with the issue each is in. */
  existingIssues(ids: readonly string[]): Map<string, string> {
    const found = new Map<string, string>();
    for (let start = 0; start < ids.length; start += 5_000) {
      for (const [id, issueId] of this.existingStatement.all(JSON.stringify(ids.slice(start, start + 5_000)))) {
        found.set(id, issueId);
      }
    }
    return found;
  }

  /** The issue each of these items is in now; unknown ids are left out. */
  issuesOf(ids: readonly string[]): Record<string, string> {
    return Object.fromEntries(this.existingIssues(ids));
  }

  insert(item: StoredItem): void {
    this.insertStatement.run(item);
  }

  move(itemId: string, issueId: string, by: AssignedBy): void {
    this.moveStatement.run(issueId, by, itemId);
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM items').pluck().get() as number;
  }

  /** Every item's grouping-relevant fields, in arrival order, for reclustering. */
  *iterateForGrouping(): IterableIterator<Pick<StoredItem, 'id' | 'issue_id' | 'assigned_by' | 'text'>> {
    yield* this.db
      .prepare<[], Pick<StoredItem, 'id' | 'issue_id' | 'assigned_by' | 'text'>>(
        'SELECT id, issue_id, assigned_by, text FROM items ORDER BY seq',
      )
      .iterate();
  }

}
