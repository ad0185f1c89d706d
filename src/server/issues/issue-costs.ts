import { type RawBuilder, sql } from 'kysely';
import { type CostSettings, costPerContact, roundMoney } from '../costs/channel-costs.js';
import { type Sql, itemsForRanking, rows } from '../storage/sql.js';

/** What a grouped-by-issue read of items adds to price each issue: one contact sum per costed channel. */
export interface CostColumns {
  /** `sum(CASE WHEN channel = … THEN times_heard ELSE 0 END) AS cost_0`, …, for a SELECT list. */
  columns: RawBuilder<unknown>;
  /** The issue's cost from a row carrying those sums, rounded to cents. */
  costOf: (row: Record<string, unknown>) => number;
}

/**
 * The per-channel sums that price an issue, or null when no channel has a cost (nothing to read).
 * Summed in the same pass as the issue's other counts, grouped by issue alone: grouped by issue
 * and channel, the engine would sort the items, since items_ranking is in issue and time order.
 * The sums are integers, so the money is the same as Σ over channel groups.
 */
export function costColumns(settings: CostSettings): CostColumns | null {
  const perContact = [...costPerContact(settings)];
  if (perContact.length === 0) return null;
  return {
    columns: sql.join(
      perContact.map(
        ([channel], i) =>
          sql`sum(CASE WHEN channel = ${channel} THEN times_heard ELSE 0 END) AS ${sql.ref(`cost_${i}`)}`,
      ),
    ),
    costOf: (row) => {
      let cost = 0;
      for (const [i, [, each]] of perContact.entries())
        cost += Number(row[`cost_${i}`] ?? 0) * each;
      return roundMoney(cost);
    },
  };
}

/**
 * Each issue's cost to serve over a window and filters: Σ over its items of times heard ×
 * minutes(channel) × cost per minute(channel). Without any channel cost set nothing is read.
 */
export async function issueCosts(
  q: Sql,
  settings: CostSettings,
  where: RawBuilder<unknown>,
  from: number,
  to: number,
): Promise<Map<string, number>> {
  const costs = new Map<string, number>();
  const priced = costColumns(settings);
  if (priced === null) return costs;
  const found = await rows(
    q,
    sql<{ issue_id: string } & Record<string, unknown>>`SELECT issue_id, ${priced.columns}
       FROM ${itemsForRanking(q)} WHERE created_at >= ${from} AND created_at < ${to} ${where} GROUP BY issue_id`,
  );
  for (const row of found) costs.set(row.issue_id, priced.costOf(row));
  return costs;
}
