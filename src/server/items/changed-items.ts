import { sql } from 'kysely';
import { type Sql, chunks, inList, rows, IN_LIST_MAX } from '../storage/sql.js';
import type { ItemHolderColumns } from './items-repo.js';

/** Who made a recorded change: its holder, or (for a change made before teams were recorded) a name only. */
export interface ChangeAuthor {
  agent: string;
  /** undefined: recorded before item_changes kept the team (schema v13). */
  team: string | null | undefined;
}

/** An item_changes row's author, as its columns record it. */
export function authorOf(row: {
  agent: string;
  team: string | null;
  team_known: number;
}): ChangeAuthor {
  return { agent: row.agent, team: Number(row.team_known) === 1 ? row.team : undefined };
}

/**
 * Whether `holder` made the change: the same name in the same team. A change recorded before teams
 * were kept matches by name alone, so a late push of an item its own agent withdrew then still
 * never brings it back (at the cost of the same answer to a namesake elsewhere).
 */
export function madeBy(author: ChangeAuthor, holder: ItemHolderColumns): boolean {
  return (
    author.agent === holder.agent && (author.team === undefined || author.team === holder.team)
  );
}

/** What ingest must know of items changed by their agents: edited ones, and who withdrew which. */
export interface ChangedItems {
  /** Item id → the agents who corrected it (only its own agent can). */
  edited: Map<string, Set<string>>;
  /** Item id → who withdrew it. */
  withdrawn: Map<string, ChangeAuthor[]>;
}

/** The changes recorded for these item ids; inside the ingest's transaction. */
export async function changedItems(q: Sql, ids: readonly string[]): Promise<ChangedItems> {
  const found: ChangedItems = { edited: new Map(), withdrawn: new Map() };
  for (const slice of chunks(ids, IN_LIST_MAX)) {
    const matches = await rows(
      q,
      sql<{
        item_id: string;
        kind: string;
        agent: string;
        team: string | null;
        team_known: number;
      }>`SELECT DISTINCT item_id, kind, agent, team, team_known FROM item_changes WHERE ${inList(sql.ref('item_id'), slice)}`,
    );
    for (const row of matches) {
      if (row.kind === 'edit') {
        found.edited.set(row.item_id, (found.edited.get(row.item_id) ?? new Set()).add(row.agent));
      } else {
        const authors = found.withdrawn.get(row.item_id);
        if (authors) authors.push(authorOf(row));
        else found.withdrawn.set(row.item_id, [authorOf(row)]);
      }
    }
  }
  return found;
}

/** Whether one of these withdrawals was the holder's (madeBy). */
export function withdrawnByHolder(
  withdrawers: readonly ChangeAuthor[] | undefined,
  holder: ItemHolderColumns,
): boolean {
  return (withdrawers ?? []).some((author) => madeBy(author, holder));
}
