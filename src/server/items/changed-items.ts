import { sql } from 'kysely';
import { type Sql, chunks, inList, rows, IN_LIST_MAX } from '../storage/sql.js';

/** What ingest must know of items changed by their agents: edited ones, and who withdrew which. */
export interface ChangedItems {
  /** Item id → the agents who corrected it (only its own agent can). */
  edited: Map<string, Set<string>>;
  /** Item id → the agents who withdrew it. */
  withdrawn: Map<string, Set<string>>;
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
      }>`SELECT DISTINCT item_id, kind, agent FROM item_changes WHERE ${inList(sql.ref('item_id'), slice)}`,
    );
    for (const row of matches) {
      const byKind = row.kind === 'edit' ? found.edited : found.withdrawn;
      byKind.set(row.item_id, (byKind.get(row.item_id) ?? new Set()).add(row.agent));
    }
  }
  return found;
}
