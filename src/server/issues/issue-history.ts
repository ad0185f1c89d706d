import { sql } from 'kysely';
import type { HistoryEntry } from '../../shared/api/contract.js';
import { IN_LIST_MAX, type Sql, chunks, first, inList, rows } from '../storage/sql.js';

export type HistoryAction = HistoryEntry['action'];

/** Who made a change and when: every issue action takes one. */
export interface ActionContext {
  now: number;
  actor?: string | null | undefined;
}

export async function recordHistory(
  tx: Sql,
  issueId: string,
  context: ActionContext,
  action: HistoryAction,
  field: string | null,
  oldValue: string | null,
  newValue: string | null,
): Promise<void> {
  await tx.db
    .insertInto('issue_history')
    .values({
      issue_id: issueId,
      at: context.now,
      action,
      field,
      old_value: oldValue,
      new_value: newValue,
      actor: context.actor ?? null,
    })
    .execute();
}

interface HistoryRow {
  at: number;
  actor: string | null;
  action: HistoryAction;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
}

function describe(row: HistoryRow): string {
  const shown = (value: string | null) => (value === null ? '(none)' : `"${value}"`);
  switch (row.action) {
    case 'update':
      return `${row.field ?? '?'}: ${shown(row.old_value)} → ${shown(row.new_value)}`;
    case 'note':
      return `note: ${row.new_value ?? ''}`;
    case 'merge':
      return row.field === 'merged_into'
        ? `merged into ${row.new_value ?? '?'}`
        : `merged ${row.old_value ?? '?'} in (${row.new_value ?? '0'} items)`;
    case 'split':
      return row.field === 'from'
        ? `split from ${row.new_value ?? '?'}`
        : `${row.old_value ?? '?'} items split into ${row.new_value ?? '?'}`;
    case 'move':
      return row.field === 'items_in'
        ? `${row.new_value ?? '0'} items moved in from ${row.old_value ?? '?'}`
        : `${row.old_value ?? '0'} items moved to ${row.new_value ?? '?'}`;
  }
}

/** Where an issue lives now: itself, or the issue a chain of merges ended in. */
export async function survivingIssueId(q: Sql, id: string): Promise<string | undefined> {
  let current = id;
  // A chain cannot loop (a merge target is live), but a bound keeps a damaged database from hanging us.
  for (let hops = 0; hops < 100; hops += 1) {
    const row = await first(
      q,
      sql<{ merged_into: string | null }>`SELECT merged_into FROM issues WHERE id = ${current}`,
    );
    if (!row) return undefined;
    if (row.merged_into === null) return current;
    current = row.merged_into;
  }
  return current;
}

/** The other issues an entry names, in the order its detail names them (see the recordHistory calls). */
function namedIssueIds(row: HistoryRow): string[] {
  const named = (() => {
    switch (row.action) {
      case 'merge':
        return row.field === 'merged_into' ? row.new_value : row.old_value;
      case 'split':
        return row.new_value;
      case 'move':
        // Items can come in from several issues at once: their ids, comma-separated.
        return row.field === 'items_in' ? row.old_value : row.new_value;
      default:
        return null;
    }
  })();
  return (named ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Titles now of these issues; a merged-away issue keeps the title it had when it was retired. */
async function namedIssues(
  q: Sql,
  ids: readonly string[],
): Promise<Map<string, { title: string; retired: boolean }>> {
  const found = new Map<string, { title: string; retired: boolean }>();
  for (const slice of chunks([...new Set(ids)], IN_LIST_MAX)) {
    const matches = await rows(
      q,
      sql<{
        id: string;
        title: string;
        merged_into: string | null;
      }>`SELECT id, title, merged_into FROM issues WHERE ${inList(sql.ref('id'), slice)}`,
    );
    for (const row of matches)
      found.set(row.id, { title: row.title, retired: row.merged_into !== null });
  }
  return found;
}

/** An issue's changes, oldest first; a merged-away id answers with its surviving issue's. */
export async function issueHistory(q: Sql, id: string): Promise<HistoryEntry[] | undefined> {
  const target = await survivingIssueId(q, id);
  if (target === undefined) return undefined;
  const found = await rows(
    q,
    sql<HistoryRow>`SELECT at, actor, action, field, old_value, new_value FROM issue_history WHERE issue_id = ${target} ORDER BY seq`,
  );
  const titles = await namedIssues(q, found.flatMap(namedIssueIds));
  return found.map((row) => ({
    ...row,
    at: new Date(Number(row.at)).toISOString(),
    detail: describe(row),
    // An id the issues table no longer holds is named by its id alone.
    issues: namedIssueIds(row).map((named) => ({
      id: named,
      ...(titles.get(named) ?? { title: named, retired: true }),
    })),
  }));
}

/** The latest note on each of these issues: what agents read beside the status of what they reported. */
export async function latestNotes(
  q: Sql,
  issueIds: readonly string[],
): Promise<Map<string, string>> {
  if (issueIds.length === 0) return new Map();
  const found = await rows(
    q,
    sql<{ issue_id: string; new_value: string }>`SELECT issue_id, new_value FROM issue_history
      WHERE action = 'note' AND ${inList(sql.ref('issue_id'), issueIds)} ORDER BY seq`,
  );
  return new Map(found.map((row) => [row.issue_id, row.new_value]));
}
