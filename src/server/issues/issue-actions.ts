import { newIssueId } from '../../shared/domain/ids.js';
import { ISSUE_STATUSES } from '../../shared/domain/issue.js';
import { titleFromVerbatim } from '../../shared/grouping/issue-title.js';
import { rebuildIssueModel } from '../grouping/recluster-database.js';
import { VocabularyRepo } from '../grouping/vocabulary-repo.js';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import type { IssueRow } from './issues-repo.js';

/** An analyst action that cannot be done as asked (unknown issue, bad status, …). */
export class IssueActionError extends Error {}

export interface IssueUpdate {
  status?: string | undefined;
  owner?: string | undefined;
  title?: string | undefined;
  root_cause?: string | undefined;
}

function liveIssue(db: SqliteDatabase, id: string): IssueRow {
  const row = db.prepare<[string], IssueRow>('SELECT * FROM issues WHERE id = ?').get(id);
  if (!row) throw new IssueActionError(`no issue ${id}`);
  if (row.merged_into) throw new IssueActionError(`issue ${id} was merged into ${row.merged_into}`);
  return row;
}

function record(db: SqliteDatabase, issueId: string, now: number, action: 'update' | 'merge' | 'split', field: string | null, oldValue: string | null, newValue: string | null): void {
  db.prepare('INSERT INTO issue_history (issue_id, at, action, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)').run(
    issueId,
    now,
    action,
    field,
    oldValue,
    newValue,
  );
}

/**
 * Moves every item of `source` into `target`; the source is retired with a redirect, so agents'
 * "heard again" on it and later similar items land in the target. Reclustering keeps it so.
 */
export function mergeIssues(db: SqliteDatabase, source: string, target: string, now: number): void {
  if (source === target) throw new IssueActionError('an issue cannot be merged into itself');
  db.transaction(() => {
    liveIssue(db, source);
    liveIssue(db, target);
    const moved = db.prepare("UPDATE items SET issue_id = ?, assigned_by = 'analyst' WHERE issue_id = ?").run(target, source).changes;
    // Merges elsewhere that pointed at the source follow it to the target.
    db.prepare('UPDATE issues SET merged_into = ? WHERE merged_into = ?').run(target, source);
    db.prepare('UPDATE issues SET merged_into = ?, updated_at = ? WHERE id = ?').run(target, now, source);
    db.prepare('UPDATE issues SET curated = 1, updated_at = ? WHERE id = ?').run(now, target);
    rebuildIssueModel(db, target);
    record(db, target, now, 'merge', 'items', source, String(moved));
    record(db, source, now, 'merge', 'merged_into', null, target);
    new VocabularyRepo(db).bumpGeneration();
  }).immediate();
}

/** Moves these items of an issue into a new issue and returns its id. */
export function splitIssue(db: SqliteDatabase, issueId: string, itemIds: readonly string[], title: string | undefined, now: number): string {
  if (itemIds.length === 0) throw new IssueActionError('give at least one item to split off');
  return db
    .transaction((): string => {
      liveIssue(db, issueId);
      const found = db
        .prepare<[string, string], { id: string; text: string }>('SELECT id, text FROM items WHERE issue_id = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY seq')
        .all(issueId, JSON.stringify(itemIds));
      const missing = itemIds.filter((id) => !found.some((row) => row.id === id));
      if (missing.length > 0) throw new IssueActionError(`not items of issue ${issueId}: ${missing.slice(0, 5).join(', ')}`);
      const total = db.prepare('SELECT count(*) FROM items WHERE issue_id = ?').pluck().get(issueId) as number;
      if (found.length === total) throw new IssueActionError('a split must leave at least one item in the issue');
      const created = newIssueId();
      const named = title?.trim();
      db.prepare("INSERT INTO issues (id, title, title_source, curated, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)").run(
        created,
        named || titleFromVerbatim((found[0] as { text: string }).text),
        named ? 'analyst' : 'auto',
        now,
        now,
      );
      const move = db.prepare("UPDATE items SET issue_id = ?, assigned_by = 'analyst' WHERE id = ?");
      for (const row of found) move.run(created, row.id);
      db.prepare('UPDATE issues SET curated = 1, updated_at = ? WHERE id = ?').run(now, issueId);
      rebuildIssueModel(db, issueId);
      rebuildIssueModel(db, created);
      record(db, issueId, now, 'split', 'items', String(found.length), created);
      record(db, created, now, 'split', 'from', null, issueId);
      new VocabularyRepo(db).bumpGeneration();
      return created;
    })
    .immediate();
}

/** Analyst edits; every changed field is kept in the issue's history. */
export function updateIssue(db: SqliteDatabase, issueId: string, update: IssueUpdate, now: number): IssueRow {
  if (update.status !== undefined && !(ISSUE_STATUSES as readonly string[]).includes(update.status)) {
    throw new IssueActionError(`unknown status "${update.status}": use ${ISSUE_STATUSES.join(', ')}`);
  }
  if (update.title !== undefined && update.title.trim() === '') throw new IssueActionError('a title cannot be empty');
  return db
    .transaction((): IssueRow => {
      const before = liveIssue(db, issueId);
      const changes: [keyof IssueUpdate, string | null][] = [];
      if (update.status !== undefined) changes.push(['status', update.status]);
      if (update.owner !== undefined) changes.push(['owner', update.owner.trim() || null]);
      if (update.title !== undefined) changes.push(['title', update.title.trim()]);
      if (update.root_cause !== undefined) changes.push(['root_cause', update.root_cause.trim() || null]);
      for (const [field, value] of changes) {
        const old = before[field];
        if (old === value) continue;
        db.prepare(`UPDATE issues SET ${field} = ?, curated = 1, updated_at = ? WHERE id = ?`).run(value, now, issueId);
        record(db, issueId, now, 'update', field, old, value);
      }
      if (update.title !== undefined) db.prepare("UPDATE issues SET title_source = 'analyst' WHERE id = ?").run(issueId);
      // A closed issue takes no new items; the grouper in every process must see that.
      if (update.status !== undefined) new VocabularyRepo(db).bumpGeneration();
      return liveIssue(db, issueId);
    })
    .immediate();
}
