import { sql } from 'kysely';
import { type Sql, chunks, inList, rows, IN_LIST_MAX } from '../storage/sql.js';
import type { ItemHolderColumns } from './items-repo.js';

/** Who withdrew an item: its holder, or (for a change made before teams were recorded) a name only. */
export interface Withdrawer {
  agent: string;
  /** undefined: recorded before item_changes kept the team (schema v13). */
  team: string | null | undefined;
}

/** What ingest must know of items changed by their agents: edited ones, and who withdrew which. */
export interface ChangedItems {
  /** Item id → the agents who corrected it (only its own agent can). */
  edited: Map<string, Set<string>>;
  /** Item id → who withdrew it. */
  withdrawn: Map<string, Withdrawer[]>;
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
        const team = Number(row.team_known) === 1 ? row.team : undefined;
        found.withdrawn.set(row.item_id, [
          ...(found.withdrawn.get(row.item_id) ?? []),
          { agent: row.agent, team },
        ]);
      }
    }
  }
  return found;
}

/**
 * Whether one of these withdrawals was the holder's: the same name in the same team. A withdrawal
 * recorded before teams were kept matches by name alone, so a late push of such an item by its
 * own agent still never brings it back (at the cost of the same answer to a namesake elsewhere).
 */
export function withdrawnByHolder(
  withdrawers: readonly Withdrawer[] | undefined,
  holder: ItemHolderColumns,
): boolean {
  return (withdrawers ?? []).some(
    (by) => by.agent === holder.agent && (by.team === undefined || by.team === holder.team),
  );
}
