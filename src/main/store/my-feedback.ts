import type { IssueStatus } from '../../shared/domain/issue.js';
import type { LocalDatabase } from './open-local-store.js';

/** One item the agent reported and what became of it. */
export interface MyFeedback {
  id: string;
  text: string;
  created_at: string;
  sync_state: 'pending' | 'synced' | 'rejected';
  sync_error: string | null;
  issue: {
    id: string;
    title: string;
    status: IssueStatus;
    owner: string | null;
    root_cause: string | null;
    note: string | null;
  } | null;
  /** The issue's status changed since the agent last looked. */
  unseen: boolean;
}

interface Row {
  id: string;
  text: string;
  created_at: string;
  sync_state: MyFeedback['sync_state'];
  sync_error: string | null;
  issue_id: string | null;
  title: string | null;
  status: IssueStatus | null;
  owner: string | null;
  root_cause: string | null;
  note: string | null;
  seen_status: string | null;
}

/**
 * "My feedback": the agent's items with their issue's current status, owner, confirmed root cause
 * and the analyst's note (close the loop); changed items on top, each group newest first.
 */
export class MyFeedbackView {
  constructor(private readonly db: LocalDatabase) {}

  list(limit = 100): MyFeedback[] {
    // An issue may have been merged away since: follow merged_into one hop (merges are flattened server-side).
    const rows = this.db
      .prepare<[number], Row>(
        `
        SELECT i.id, i.text, i.created_at, i.sync_state, i.sync_error,
               coalesce(m.id, s.id) AS issue_id, coalesce(m.title, s.title) AS title,
               coalesce(m.status, s.status) AS status, coalesce(m.owner, s.owner) AS owner,
               coalesce(m.seen_status, s.seen_status) AS seen_status,
               CASE WHEN m.id IS NULL THEN s.root_cause ELSE m.root_cause END AS root_cause,
               CASE WHEN m.id IS NULL THEN s.note ELSE m.note END AS note
          FROM items i
          LEFT JOIN issues s ON s.id = coalesce(i.server_issue_id, i.issue_id)
          LEFT JOIN issues m ON m.id = s.merged_into
         ORDER BY i.created_at DESC, i.seq DESC LIMIT ?`,
      )
      .all(limit);
    const mine = rows.map((row): MyFeedback => ({
      id: row.id,
      text: row.text,
      created_at: row.created_at,
      sync_state: row.sync_state,
      sync_error: row.sync_error,
      issue:
        row.issue_id && row.title && row.status
          ? {
              id: row.issue_id,
              title: row.title,
              status: row.status,
              owner: row.owner,
              root_cause: row.root_cause,
              note: row.note,
            }
          : null,
      unseen: row.status !== null && row.seen_status !== null && row.status !== row.seen_status,
    }));
    // A stable sort: changed items on top, each group keeping its newest-first order.
    return mine.sort((a, b) => Number(b.unseen) - Number(a.unseen));
  }

  /** The agent has seen the current status of these issues. */
  markSeen(issueIds: readonly string[]): void {
    const statement = this.db.prepare<[string]>(
      'UPDATE issues SET seen_status = status WHERE id = ?',
    );
    this.db.transaction(() => issueIds.forEach((id) => statement.run(id)))();
  }

  /** Ids of the agent's synced items, newest first, whose grouping the aggregator may have changed. */
  recentSyncedIds(limit = 500): string[] {
    return this.db
      .prepare<[number], string>(
        "SELECT id FROM items WHERE sync_state = 'synced' ORDER BY seq DESC LIMIT ?",
      )
      .pluck()
      .all(limit);
  }

  setServerIssues(assignments: ReadonlyMap<string, string>): void {
    const statement = this.db.prepare<[string, string]>(
      'UPDATE items SET server_issue_id = ? WHERE id = ?',
    );
    this.db.transaction(() => assignments.forEach((issueId, id) => statement.run(issueId, id)))();
  }
}
