import { type RawBuilder, sql } from 'kysely';
import type { AssignedBy, StoredItem } from '../storage/schema.js';
import { type Sql, chunks, first, inList, rows, IN_LIST_MAX } from '../storage/sql.js';

export type { AssignedBy, StoredItem } from '../storage/schema.js';

/** Rows per INSERT: 14 parameters each stays far below either engine's limit per statement. */
const INSERT_ROWS = 1_000;

/** Which of `ids` are stored already, with the issue each is in. */
export async function existingIssues(q: Sql, ids: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const slice of chunks(ids, IN_LIST_MAX)) {
    const matches = await rows(
      q,
      sql<{
        id: string;
        issue_id: string;
      }>`SELECT id, issue_id FROM items WHERE ${inList(sql.ref('id'), slice)}`,
    );
    for (const row of matches) found.set(row.id, row.issue_id);
  }
  return found;
}

/** What makes two items with one id the same report: the words and what was said of them. */
export type ItemContent = Pick<
  StoredItem,
  'text' | 'channel' | 'times_heard' | 'root_cause' | 'suggested_fix' | 'segment'
>;

export function contentKey(item: ItemContent): string {
  return JSON.stringify([
    item.text,
    item.channel,
    Number(item.times_heard),
    item.root_cause ?? null,
    item.suggested_fix ?? null,
    item.segment ?? null,
  ]);
}

/** Who an item is stored under: its `agent` and `team` columns. */
export type ItemHolderColumns = Pick<StoredItem, 'agent' | 'team'>;

/** A stored item as ingest compares a pushed one with it. */
export interface StoredUnderId {
  issueId: string;
  content: ItemContent;
  holder: ItemHolderColumns;
}

/** Which of `ids` are stored already: the issue each is in, its content and whose it is. */
export async function storedItems(
  q: Sql,
  ids: readonly string[],
): Promise<Map<string, StoredUnderId>> {
  const found = new Map<string, StoredUnderId>();
  for (const slice of chunks(ids, IN_LIST_MAX)) {
    const matches = await rows(
      q,
      sql<
        ItemContent & ItemHolderColumns & { id: string; issue_id: string }
      >`SELECT id, issue_id, agent, team, text, channel, times_heard, root_cause, suggested_fix, segment
        FROM items WHERE ${inList(sql.ref('id'), slice)}`,
    );
    for (const { id, issue_id, agent, team, ...content } of matches)
      found.set(id, { issueId: issue_id, content, holder: { agent, team } });
  }
  return found;
}

/**
 * Whose "own" items these are: one agent name within one team. A name given again in another
 * team, or named in another team's lead's push, is another person, whose items are not these.
 */
export interface ItemHolder {
  agent: string;
  team: string | null;
}

/** The item's columns (`agent`, `team`, of `alias` when given) say it is the holder's. */
export function heldBy(holder: ItemHolder, alias?: string): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(alias === undefined ? name : `${alias}.${name}`);
  const team =
    holder.team === null ? sql`${column('team')} IS NULL` : sql`${column('team')} = ${holder.team}`;
  return sql<boolean>`${column('agent')} = ${holder.agent} AND ${team}`;
}

/** Whose items a lookup may see: everyone's, one team's, or one agent's (ItemHolder). */
export type ItemOwner = { team: string } | ItemHolder | 'all';

/** The item's columns say `owner` may read it: true for everyone's, else its team or holder. */
export function ownedBy(owner: ItemOwner): RawBuilder<boolean> {
  if (owner === 'all') return sql<boolean>`1 = 1`;
  return 'agent' in owner ? heldBy(owner) : sql<boolean>`team = ${owner.team}`;
}

/**
 * ownedBy for an item already read: the same rule in memory, for ingest, which has read the items
 * under a batch's ids in one query for every owner of the group. Keep the two in step.
 */
export function ownsItem(owner: ItemOwner, item: ItemHolderColumns): boolean {
  if (owner === 'all') return true;
  if (!('agent' in owner)) return item.team === owner.team;
  return item.agent === owner.agent && item.team === owner.team;
}

/** `AND` the items `owner` may read, or nothing for everything: to follow a WHERE on items. */
export function andOwnedBy(owner: ItemOwner): RawBuilder<unknown> {
  return owner === 'all' ? sql`` : sql`AND ${ownedBy(owner)}`;
}

/**
 * The issue each of these items is in now. Unknown ids and ids of items outside `owner` are left
 * out alike, so a lookup cannot even tell whether another agent's item exists.
 */
export async function issuesOfItems(
  q: Sql,
  ids: readonly string[],
  owner: ItemOwner,
): Promise<Record<string, string>> {
  const found = new Map<string, string>();
  const mine = andOwnedBy(owner);
  for (const slice of chunks(ids, IN_LIST_MAX)) {
    const matches = await rows(
      q,
      sql<{
        id: string;
        issue_id: string;
      }>`SELECT id, issue_id FROM items WHERE ${inList(sql.ref('id'), slice)} ${mine}`,
    );
    for (const row of matches) found.set(row.id, row.issue_id);
  }
  return Object.fromEntries(found);
}

/**
 * Stores new items. The caller has dropped ids stored already, inside the same write transaction,
 * so a conflict here is a bug and fails the transaction rather than being skipped.
 */
export async function insertItems(q: Sql, items: readonly StoredItem[]): Promise<void> {
  for (const slice of chunks(items, INSERT_ROWS))
    await q.db.insertInto('items').values(slice).execute();
}

/** Moves items (item id → issue id), many per statement: a recluster may move most of them. */
export async function moveItems(
  q: Sql,
  moves: ReadonlyMap<string, string>,
  by: AssignedBy,
): Promise<void> {
  for (const slice of chunks([...moves], INSERT_ROWS)) {
    // VALUES names its columns column1, column2 on both engines.
    const values = sql.join(slice.map(([itemId, issueId]) => sql`(${itemId}, ${issueId})`));
    await sql`UPDATE items SET issue_id = v.column2, assigned_by = ${by} FROM (VALUES ${values}) AS v WHERE items.id = v.column1`.execute(
      q.db,
    );
  }
}

/** How many personal details were redacted from a stored item. */
export async function storedRedactions(q: Sql, id: string): Promise<number> {
  return Number(
    (await first(q, sql<{ redactions: number }>`SELECT redactions FROM items WHERE id = ${id}`))
      ?.redactions ?? 0,
  );
}

export async function countItems(q: Sql): Promise<number> {
  return Number((await first(q, sql<{ n: number }>`SELECT count(*) AS n FROM items`))?.n ?? 0);
}

/** Every item's grouping-relevant fields, in arrival order, for reclustering. */
export async function itemsForGrouping(
  q: Sql,
): Promise<Pick<StoredItem, 'id' | 'issue_id' | 'assigned_by' | 'text'>[]> {
  return rows(
    q,
    sql<
      Pick<StoredItem, 'id' | 'issue_id' | 'assigned_by' | 'text'>
    >`SELECT id, issue_id, assigned_by, text FROM items ORDER BY seq`,
  );
}
