import { sql } from 'kysely';
import { newIssueId } from '../../shared/domain/ids.js';
import { ISSUE_STATUSES, VALUE_DIMENSIONS } from '../../shared/domain/issue.js';
import { titleFromVerbatim } from '../../shared/grouping/issue-title.js';
import { rebuildIssueModel } from '../grouping/recluster-database.js';
import { bumpGeneration } from '../grouping/vocabulary-repo.js';
import { type Sql, changes, first, inList, rows } from '../storage/sql.js';
import type { Storage } from '../storage/storage.js';
import { type IssueRow, getIssue } from './issues-repo.js';
import { recomputeIssueTotals } from './issue-totals.js';
import { queueIssueEvent } from '../webhooks/webhook-outbox.js';

/** An analyst action that cannot be done as asked (unknown issue, bad status, …). */
export class IssueActionError extends Error {}

export interface IssueUpdate {
  status?: string | undefined;
  owner?: string | undefined;
  title?: string | undefined;
  root_cause?: string | undefined;
  /** true preventable, false needed, null not judged (clears it). */
  preventable?: boolean | null | undefined;
  /** null clears it. */
  value_dimension?: string | null | undefined;
}

async function liveIssue(tx: Sql, id: string): Promise<IssueRow> {
  const row = await getIssue(tx, id);
  if (!row) throw new IssueActionError(`no issue ${id}`);
  if (row.merged_into) throw new IssueActionError(`issue ${id} was merged into ${row.merged_into}`);
  return row;
}

async function record(
  tx: Sql,
  issueId: string,
  now: number,
  action: 'update' | 'merge' | 'split',
  field: string | null,
  oldValue: string | null,
  newValue: string | null,
): Promise<void> {
  await tx.db
    .insertInto('issue_history')
    .values({ issue_id: issueId, at: now, action, field, old_value: oldValue, new_value: newValue })
    .execute();
}

/**
 * Moves every item of `source` into `target`; the source is retired with a redirect, so agents'
 * "heard again" on it and later similar items land in the target. Reclustering keeps it so.
 */
export async function mergeIssues(storage: Storage, source: string, target: string, now: number): Promise<void> {
  if (source === target) throw new IssueActionError('an issue cannot be merged into itself');
  await storage.write(async (tx) => {
    await liveIssue(tx, source);
    await liveIssue(tx, target);
    const moved = await changes(tx, sql`UPDATE items SET issue_id = ${target}, assigned_by = 'analyst' WHERE issue_id = ${source}`);
    // Merges elsewhere that pointed at the source follow it to the target.
    await sql`UPDATE issues SET merged_into = ${target} WHERE merged_into = ${source}`.execute(tx.db);
    await sql`UPDATE issues SET merged_into = ${target}, updated_at = ${now} WHERE id = ${source}`.execute(tx.db);
    await sql`UPDATE issues SET curated = 1, updated_at = ${now} WHERE id = ${target}`.execute(tx.db);
    await rebuildIssueModel(tx, target);
    await recomputeIssueTotals(tx, [source, target]);
    await record(tx, target, now, 'merge', 'items', source, String(moved));
    await record(tx, source, now, 'merge', 'merged_into', null, target);
    await bumpGeneration(tx);
  });
}

/** Moves these items of an issue into a new issue and returns its id. */
export async function splitIssue(storage: Storage, issueId: string, itemIds: readonly string[], title: string | undefined, now: number): Promise<string> {
  if (itemIds.length === 0) throw new IssueActionError('give at least one item to split off');
  return storage.write(async (tx): Promise<string> => {
    await liveIssue(tx, issueId);
    const found = await rows(
      tx,
      sql<{ id: string; text: string }>`SELECT id, text FROM items WHERE issue_id = ${issueId} AND ${inList(sql.ref('id'), itemIds)} ORDER BY seq`,
    );
    const missing = itemIds.filter((id) => !found.some((row) => row.id === id));
    if (missing.length > 0) throw new IssueActionError(`not items of issue ${issueId}: ${missing.slice(0, 5).join(', ')}`);
    const total = Number((await first(tx, sql<{ n: number }>`SELECT count(*) AS n FROM items WHERE issue_id = ${issueId}`))?.n ?? 0);
    if (found.length === total) throw new IssueActionError('a split must leave at least one item in the issue');
    const created = newIssueId();
    const named = title?.trim();
    await tx.db
      .insertInto('issues')
      .values({
        id: created,
        title: named || titleFromVerbatim((found[0] as { text: string }).text),
        title_source: named ? 'analyst' : 'auto',
        curated: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await sql`UPDATE items SET issue_id = ${created}, assigned_by = 'analyst' WHERE ${inList(sql.ref('id'), found.map((row) => row.id))}`.execute(tx.db);
    await sql`UPDATE issues SET curated = 1, updated_at = ${now} WHERE id = ${issueId}`.execute(tx.db);
    await rebuildIssueModel(tx, issueId);
    await rebuildIssueModel(tx, created);
    await recomputeIssueTotals(tx, [issueId, created]);
    await record(tx, issueId, now, 'split', 'items', String(found.length), created);
    await record(tx, created, now, 'split', 'from', null, issueId);
    await bumpGeneration(tx);
    return created;
  });
}

/** Analyst edits; every changed field is kept in the issue's history. */
export async function updateIssue(storage: Storage, issueId: string, update: IssueUpdate, now: number): Promise<IssueRow> {
  if (update.status !== undefined && !(ISSUE_STATUSES as readonly string[]).includes(update.status)) {
    throw new IssueActionError(`unknown status "${update.status}": use ${ISSUE_STATUSES.join(', ')}`);
  }
  if (update.title !== undefined && update.title.trim() === '') throw new IssueActionError('a title cannot be empty');
  if (update.value_dimension != null && !(VALUE_DIMENSIONS as readonly string[]).includes(update.value_dimension)) {
    throw new IssueActionError(`unknown value dimension "${update.value_dimension}": use ${VALUE_DIMENSIONS.join(', ')}`);
  }
  return storage.write(async (tx): Promise<IssueRow> => {
    const before = await liveIssue(tx, issueId);
    await updatePriorityFields(tx, before, update, now);
    const edits: ['status' | 'owner' | 'title' | 'root_cause', string | null][] = [];
    if (update.status !== undefined) edits.push(['status', update.status]);
    if (update.owner !== undefined) edits.push(['owner', update.owner.trim() || null]);
    if (update.title !== undefined) edits.push(['title', update.title.trim()]);
    if (update.root_cause !== undefined) edits.push(['root_cause', update.root_cause.trim() || null]);
    for (const [field, value] of edits) {
      const old = before[field];
      if (old === value) continue;
      await sql`UPDATE issues SET ${sql.ref(field)} = ${value}, curated = 1, updated_at = ${now} WHERE id = ${issueId}`.execute(tx.db);
      await record(tx, issueId, now, 'update', field, old, value);
    }
    if (update.title !== undefined) await sql`UPDATE issues SET title_source = 'analyst' WHERE id = ${issueId}`.execute(tx.db);
    // A closed issue takes no new items; the grouper in every process must see that.
    if (update.status !== undefined) await bumpGeneration(tx);
    if (update.status !== undefined && update.status !== before.status) await queueIssueEvent(tx, 'status', issueId, now);
    return liveIssue(tx, issueId);
  });
}

/**
 * The prioritisation fields: preventable kept as 1 or 0 (null unjudged), history as "true" or
 * "false", so the history reads the same words the ranking JSON does.
 */
async function updatePriorityFields(tx: Sql, before: IssueRow, update: IssueUpdate, now: number): Promise<void> {
  const asText = (value: number | null) => (value === null ? null : Number(value) === 1 ? 'true' : 'false');
  if (update.preventable !== undefined) {
    const value = update.preventable === null ? null : update.preventable ? 1 : 0;
    if (asText(before.preventable) !== asText(value)) {
      await sql`UPDATE issues SET preventable = ${value}, curated = 1, updated_at = ${now} WHERE id = ${before.id}`.execute(tx.db);
      await record(tx, before.id, now, 'update', 'preventable', asText(before.preventable), asText(value));
    }
  }
  if (update.value_dimension !== undefined && update.value_dimension !== before.value_dimension) {
    await sql`UPDATE issues SET value_dimension = ${update.value_dimension}, curated = 1, updated_at = ${now} WHERE id = ${before.id}`.execute(tx.db);
    await record(tx, before.id, now, 'update', 'value_dimension', before.value_dimension, update.value_dimension);
  }
}
