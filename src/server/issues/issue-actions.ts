import { sql } from 'kysely';
import { newIssueId } from '../../shared/domain/ids.js';
import { ISSUE_STATUSES, VALUE_DIMENSIONS } from '../../shared/domain/issue.js';
import { UNLABELLED, phraseCountsOf } from '../../shared/grouping/issue-label.js';
import { redact } from '../../shared/text/redact.js';
import { rebuildIssueModels } from '../grouping/recluster-database.js';
import { titleOfIssue } from '../grouping/online-labels.js';
import { bumpGeneration, loadVocabulary } from '../grouping/vocabulary-repo.js';
import { type Sql, changes, first, inList, rows } from '../storage/sql.js';
import type { Storage } from '../storage/storage.js';
import { type IssueRow, getIssue } from './issues-repo.js';
import { type ActionContext, recordHistory } from './issue-history.js';
import { recomputeIssueTotals } from './issue-totals.js';
import { queueIssueEvent } from '../webhooks/webhook-outbox.js';

/** An analyst action that cannot be done as asked (unknown issue, bad status, …). */
export class IssueActionError extends Error {}

/** An analyst's edit: a field left out stays as it is; null (or blank) clears it. Add fields here. */
export interface IssueUpdate {
  status?: string | undefined;
  /** A department or a person. */
  owner?: string | null | undefined;
  /** Null goes back to the automatic label. */
  title?: string | null | undefined;
  /** The confirmed root cause. */
  root_cause?: string | null | undefined;
  /** A note kept in the history and shown to the agents who reported the issue. */
  note?: string | null | undefined;
  /** true preventable, false needed, null not judged (clears it). */
  preventable?: boolean | null | undefined;
  /** null clears it. */
  value_dimension?: string | null | undefined;
}

/**
 * What an analyst typed, trimmed and redacted like a verbatim: a title or root cause written
 * from a call ("Customer 138 0013 8000 double-charged") must not store the number, and issue
 * titles are shown to every token. Every way of editing an issue (CLI, HTTP, UI) comes here.
 */
function typed(value: string): string {
  return redact(value.trim()).text;
}

/** An action's moment and author: a bare number is the command line's "now" with no actor. */
type When = number | ActionContext;
const contextOf = (when: When): ActionContext => (typeof when === 'number' ? { now: when } : when);

/** Issue actions name issues that may not exist; callers answer those as "not found". */
export class IssueMissingError extends IssueActionError {}

async function liveIssue(tx: Sql, id: string): Promise<IssueRow> {
  const row = await getIssue(tx, id);
  if (!row) throw new IssueMissingError(`no issue ${id}`);
  if (row.merged_into) throw new IssueActionError(`issue ${id} was merged into ${row.merged_into}`);
  return row;
}

/**
 * Moves every item of `source` into `target`; the source is retired with a redirect, so agents'
 * "heard again" on it and later similar items land in the target. Reclustering keeps it so.
 */
export async function mergeIssues(
  storage: Storage,
  source: string,
  target: string,
  when: When,
): Promise<void> {
  const context = contextOf(when);
  const { now } = context;
  if (source === target) throw new IssueActionError('an issue cannot be merged into itself');
  await storage.write(async (tx) => {
    await liveIssue(tx, source);
    await liveIssue(tx, target);
    const moved = await changes(
      tx,
      sql`UPDATE items SET issue_id = ${target}, assigned_by = 'analyst' WHERE issue_id = ${source}`,
    );
    // Merges elsewhere that pointed at the source follow it to the target.
    await sql`UPDATE issues SET merged_into = ${target} WHERE merged_into = ${source}`.execute(
      tx.db,
    );
    await sql`UPDATE issues SET merged_into = ${target}, updated_at = ${now} WHERE id = ${source}`.execute(
      tx.db,
    );
    await sql`UPDATE issues SET curated = 1, updated_at = ${now} WHERE id = ${target}`.execute(
      tx.db,
    );
    await rebuildIssueModels(tx, [target]);
    await recomputeIssueTotals(tx, [source, target]);
    await recordHistory(tx, target, context, 'merge', 'items', source, String(moved));
    await recordHistory(tx, source, context, 'merge', 'merged_into', null, target);
    await bumpGeneration(tx);
  });
}

/** Moves these items of an issue into a new issue and returns its id. */
export async function splitIssue(
  storage: Storage,
  issueId: string,
  itemIds: readonly string[],
  title: string | undefined,
  when: When,
): Promise<string> {
  const context = contextOf(when);
  const { now } = context;
  if (itemIds.length === 0) throw new IssueActionError('give at least one item to split off');
  return storage.write(async (tx): Promise<string> => {
    await liveIssue(tx, issueId);
    const found = await rows(
      tx,
      sql<{
        id: string;
        text: string;
      }>`SELECT id, text FROM items WHERE issue_id = ${issueId} AND ${inList(sql.ref('id'), itemIds)} ORDER BY seq`,
    );
    const missing = itemIds.filter((id) => !found.some((row) => row.id === id));
    if (missing.length > 0)
      throw new IssueActionError(
        `not items of issue ${issueId}: ${missing.slice(0, 5).join(', ')}`,
      );
    const total = Number(
      (
        await first(
          tx,
          sql<{ n: number }>`SELECT count(*) AS n FROM items WHERE issue_id = ${issueId}`,
        )
      )?.n ?? 0,
    );
    if (found.length === total)
      throw new IssueActionError('a split must leave at least one item in the issue');
    const created = newIssueId();
    const named = title === undefined ? undefined : typed(title);
    await tx.db
      .insertInto('issues')
      .values({
        id: created,
        // Titled from its items by rebuildIssueModels below, in this transaction, unless the
        // analyst named it: no reader ever sees the placeholder.
        title: named || UNLABELLED.spaced,
        title_source: named ? 'analyst' : 'auto',
        curated: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await sql`UPDATE items SET issue_id = ${created}, assigned_by = 'analyst' WHERE ${inList(
      sql.ref('id'),
      found.map((row) => row.id),
    )}`.execute(tx.db);
    await sql`UPDATE issues SET curated = 1, updated_at = ${now} WHERE id = ${issueId}`.execute(
      tx.db,
    );
    await rebuildIssueModels(tx, [issueId, created]);
    await recomputeIssueTotals(tx, [issueId, created]);
    await recordHistory(tx, issueId, context, 'split', 'items', String(found.length), created);
    await recordHistory(tx, created, context, 'split', 'from', null, issueId);
    await bumpGeneration(tx);
    return created;
  });
}

/** What an analyst typed, redacted (see typed); blank text means "clear it", as null does. */
const cleared = (value: string | null): string | null =>
  value === null ? null : typed(value) || null;

/** The automatic title an issue goes back to when its analyst's title is cleared. */
async function automaticTitle(tx: Sql, issueId: string): Promise<string> {
  return titleOfIssue(tx, issueId, phraseCountsOf(await loadVocabulary(tx)));
}

function checkUpdate(update: IssueUpdate): void {
  if (
    update.status !== undefined &&
    !(ISSUE_STATUSES as readonly string[]).includes(update.status)
  ) {
    throw new IssueActionError(
      `unknown status "${update.status}": use ${ISSUE_STATUSES.join(', ')}`,
    );
  }
  if (typeof update.title === 'string' && update.title.trim() === '')
    throw new IssueActionError('a title cannot be empty');
  if (
    update.value_dimension != null &&
    !(VALUE_DIMENSIONS as readonly string[]).includes(update.value_dimension)
  ) {
    throw new IssueActionError(
      `unknown value dimension "${update.value_dimension}": use ${VALUE_DIMENSIONS.join(', ')}`,
    );
  }
}

/**
 * Analyst edits (the CLI's `issue update` and the workbench's `issues.update`); every changed field
 * and every note is kept in the issue's history with who made it.
 */
export async function updateIssue(
  storage: Storage,
  issueId: string,
  update: IssueUpdate,
  when: When,
): Promise<IssueRow> {
  checkUpdate(update);
  const context = contextOf(when);
  const { now } = context;
  return storage.write(async (tx): Promise<IssueRow> => {
    const before = await liveIssue(tx, issueId);
    await updatePriorityFields(tx, before, update, context);
    const edits: ['status' | 'owner' | 'title' | 'root_cause', string | null][] = [];
    if (update.status !== undefined) edits.push(['status', update.status]);
    if (update.owner !== undefined) edits.push(['owner', cleared(update.owner)]);
    if (update.title !== undefined)
      edits.push(['title', cleared(update.title) ?? (await automaticTitle(tx, issueId))]);
    if (update.root_cause !== undefined) edits.push(['root_cause', cleared(update.root_cause)]);
    for (const [field, value] of edits) {
      const old = before[field];
      if (old === value) continue;
      await sql`UPDATE issues SET ${sql.ref(field)} = ${value}, curated = 1, updated_at = ${now} WHERE id = ${issueId}`.execute(
        tx.db,
      );
      await recordHistory(tx, issueId, context, 'update', field, old, value);
    }
    if (update.title !== undefined) {
      const source = cleared(update.title) === null ? 'auto' : 'analyst';
      await sql`UPDATE issues SET title_source = ${source} WHERE id = ${issueId}`.execute(tx.db);
    }
    const note = cleared(update.note ?? null);
    if (note !== null) {
      // A note is news for the agents too: it moves the issue's change sequence like an edit.
      await sql`UPDATE issues SET updated_at = ${now} WHERE id = ${issueId}`.execute(tx.db);
      await recordHistory(tx, issueId, context, 'note', null, null, note);
    }
    // A closed issue takes no new items; the grouper in every process must see that.
    if (update.status !== undefined) await bumpGeneration(tx);
    if (update.status !== undefined && update.status !== before.status)
      await queueIssueEvent(tx, 'status', issueId, now);
    return liveIssue(tx, issueId);
  });
}

/**
 * Moves items, from whichever issues hold them, into a live issue; issues left empty stay (their
 * history does too) and simply stop ranking. Returns how many items moved.
 */
export async function moveItems(
  storage: Storage,
  itemIds: readonly string[],
  into: string,
  when: When,
): Promise<number> {
  if (itemIds.length === 0) throw new IssueActionError('give at least one item to move');
  const context = contextOf(when);
  return storage.write(async (tx): Promise<number> => {
    await liveIssue(tx, into);
    const found = await rows(
      tx,
      sql<{
        id: string;
        issue_id: string;
      }>`SELECT id, issue_id FROM items WHERE ${inList(sql.ref('id'), itemIds)}`,
    );
    const missing = itemIds.filter((id) => !found.some((row) => row.id === id));
    if (missing.length > 0)
      throw new IssueActionError(`no such items: ${missing.slice(0, 5).join(', ')}`);
    const moving = found.filter((row) => row.issue_id !== into);
    if (moving.length === 0) return 0;
    const sources = [...new Set(moving.map((row) => row.issue_id))];
    await sql`UPDATE items SET issue_id = ${into}, assigned_by = 'analyst' WHERE ${inList(
      sql.ref('id'),
      moving.map((row) => row.id),
    )}`.execute(tx.db);
    await sql`UPDATE issues SET curated = 1, updated_at = ${context.now} WHERE ${inList(sql.ref('id'), [...sources, into])}`.execute(
      tx.db,
    );
    for (const source of sources) {
      const count = String(moving.filter((row) => row.issue_id === source).length);
      await recordHistory(tx, source, context, 'move', 'items_out', count, into);
    }
    await rebuildIssueModels(tx, [...sources, into]);
    await recomputeIssueTotals(tx, [...sources, into]);
    await recordHistory(
      tx,
      into,
      context,
      'move',
      'items_in',
      sources.join(', '),
      String(moving.length),
    );
    await bumpGeneration(tx);
    return moving.length;
  });
}

/**
 * The prioritisation fields: preventable kept as 1 or 0 (null unjudged), history as "true" or
 * "false", so the history reads the same words the ranking JSON does.
 */
async function updatePriorityFields(
  tx: Sql,
  before: IssueRow,
  update: IssueUpdate,
  context: ActionContext,
): Promise<void> {
  const asText = (value: number | null) =>
    value === null ? null : Number(value) === 1 ? 'true' : 'false';
  if (update.preventable !== undefined) {
    const value = update.preventable === null ? null : update.preventable ? 1 : 0;
    if (asText(before.preventable) !== asText(value)) {
      await sql`UPDATE issues SET preventable = ${value}, curated = 1, updated_at = ${context.now} WHERE id = ${before.id}`.execute(
        tx.db,
      );
      await recordHistory(
        tx,
        before.id,
        context,
        'update',
        'preventable',
        asText(before.preventable),
        asText(value),
      );
    }
  }
  if (update.value_dimension !== undefined && update.value_dimension !== before.value_dimension) {
    await sql`UPDATE issues SET value_dimension = ${update.value_dimension}, curated = 1, updated_at = ${context.now} WHERE id = ${before.id}`.execute(
      tx.db,
    );
    await recordHistory(
      tx,
      before.id,
      context,
      'update',
      'value_dimension',
      before.value_dimension,
      update.value_dimension,
    );
  }
}
