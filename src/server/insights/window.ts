import type { Channel } from '../../shared/domain/feedback-item.js';

/** A window and filters in storage terms: epoch ms bounds, from inclusive, to exclusive. */
export interface ItemFilter {
  from?: number | undefined;
  to?: number | undefined;
  team?: string | undefined;
  channel?: Channel | undefined;
  segment?: string | undefined;
}

/** SQL conditions and named parameters for an item filter (columns of the items table). */
export function itemConditions(filter: ItemFilter, alias = ''): { sql: string; params: Record<string, string | number> } {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  const clauses = [`${column('created_at')} >= @from`, `${column('created_at')} < @to`];
  const params: Record<string, string | number> = {
    from: filter.from ?? Number.MIN_SAFE_INTEGER,
    to: filter.to ?? Number.MAX_SAFE_INTEGER,
  };
  for (const key of ['team', 'channel', 'segment'] as const) {
    const value = filter[key];
    if (value !== undefined) {
      clauses.push(`${column(key)} = @${key}`);
      params[key] = value;
    }
  }
  return { sql: clauses.join(' AND '), params };
}
