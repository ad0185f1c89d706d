import { type RawBuilder, sql } from 'kysely';
import type { Channel } from '../../shared/domain/feedback-item.js';

/** A window and filters in storage terms: epoch ms bounds, from inclusive, to exclusive. */
export interface ItemFilter {
  from?: number | undefined;
  to?: number | undefined;
  team?: string | undefined;
  channel?: Channel | undefined;
  segment?: string | undefined;
}

/** SQL conditions for an item filter (columns of the items table), joined with AND. */
export function itemConditions(filter: ItemFilter): RawBuilder<unknown> {
  const clauses = [
    sql`created_at >= ${filter.from ?? Number.MIN_SAFE_INTEGER}`,
    sql`created_at < ${filter.to ?? Number.MAX_SAFE_INTEGER}`,
  ];
  for (const key of ['team', 'channel', 'segment'] as const) {
    const value = filter[key];
    if (value !== undefined) clauses.push(sql`${sql.ref(key)} = ${value}`);
  }
  return sql.join(clauses, sql` AND `);
}
