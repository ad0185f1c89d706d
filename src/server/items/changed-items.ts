import { sql } from 'kysely';
import { type Sql, chunks, inList, rows, IN_LIST_MAX } from '../storage/sql.js';

/** What ingest must know of items changed by their agents: edited ones, and who withdrew which. */
export interface ChangedItems {
  edited: Set<string>;
  /** Item id → the agents who withdrew it. */
  withdrawn: Map<string, Set<string>>;
}

/** The changes recorded for these item ids; inside the ingest's transaction. */
export async function changedItems(q: Sql, ids: readonly string[]): Promise<ChangedItems> {
  const found: ChangedItems = { edited: new Set(), withdrawn: new Map() };
  for (const slice of chunks(ids, IN_LIST_MAX)) {
    const matches = await rows(
      q,
      sql<{
        item_id: string;
        kind: string;
        agent: string;
      }>`SELECT DISTINCT item_id, kind, agent FROM item_changes WHERE ${inList(sql.ref('item_id'), slice)}`,
    );
    for (const row of matches) {
      if (row.kind === 'edit') found.edited.add(row.item_id);
      else
        found.withdrawn.set(
          row.item_id,
          (found.withdrawn.get(row.item_id) ?? new Set()).add(row.agent),
        );
    }
  }
  return found;
}
