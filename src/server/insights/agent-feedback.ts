import { SUGGESTION_FLOOR } from '../../shared/grouping/suggestion-floor.js';
import type { MyFeedbackItem, Suggestion } from '../../shared/api/contract.js';
import type { IssueStatus } from '../../shared/domain/issue.js';
import type { Grouper } from '../../shared/grouping/grouper.js';
import { countTerms } from '../../shared/grouping/term-vector.js';
import { tokenize } from '../../shared/text/tokenize.js';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';


/** Open issues most like a text, from the live grouper (the same index that assigns items). */
export function suggestIssues(db: SqliteDatabase, grouper: Grouper, text: string, limit: number): Suggestion[] {
  const counts = countTerms(tokenize(text));
  if (counts.size === 0) return [];
  const matches = grouper.index.nearest(grouper.vectorize(counts), limit).filter((m) => m.similarity >= SUGGESTION_FLOOR);
  if (matches.length === 0) return [];
  const rows = new Map(
    db
      .prepare<[string], { id: string; title: string; status: IssueStatus; mentions: number }>(
        `SELECT i.id, i.title, i.status, (SELECT count(*) FROM items WHERE issue_id = i.id) AS mentions
           FROM issues i WHERE i.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(matches.map((m) => m.issueId)))
      .map((row) => [row.id, row]),
  );
  return matches.flatMap((match) => {
    const row = rows.get(match.issueId);
    return row ? [{ ...row, similarity: Math.round(match.similarity * 1000) / 1000 }] : [];
  });
}

interface MineRow {
  id: string;
  text: string;
  created_at: number;
  issue_id: string;
  title: string;
  status: IssueStatus;
  owner: string | null;
  seen: string | null;
}

/** An agent's own items, newest first, with their issue now (following merges) and whether it changed. */
export function agentFeedback(db: SqliteDatabase, agent: string, limit: number): MyFeedbackItem[] {
  const rows = db
    .prepare<[string, string, number], MineRow>(
      `SELECT it.id, it.text, it.created_at, s.id AS issue_id, s.title, s.status, s.owner, seen.status AS seen
         FROM items it
         JOIN issues direct ON direct.id = it.issue_id
         JOIN issues s ON s.id = coalesce(direct.merged_into, direct.id)
         LEFT JOIN feedback_seen seen ON seen.agent = ? AND seen.issue_id = s.id
        WHERE it.agent = ? ORDER BY it.seq DESC LIMIT ?`,
    )
    .all(agent, agent, limit);
  return rows.map((row) => ({
    id: row.id,
    text: row.text,
    created_at: new Date(row.created_at).toISOString(),
    sync_state: 'synced',
    issue: { id: row.issue_id, title: row.title, status: row.status, owner: row.owner },
    // Nothing seen yet counts as seen at "new": any progress since is news.
    unseen: row.status !== (row.seen ?? 'new'),
  }));
}

export function markSeen(db: SqliteDatabase, agent: string, issueIds: readonly string[]): void {
  const statement = db.prepare<[string, string]>(
    `INSERT INTO feedback_seen (agent, issue_id, status) SELECT ?, id, status FROM issues WHERE id = ?
     ON CONFLICT (agent, issue_id) DO UPDATE SET status = excluded.status`,
  );
  db.transaction(() => issueIds.forEach((id) => statement.run(agent, id)))();
}
