import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Schema } from './schema.js';

export type Backend = 'sqlite' | 'postgres';

/**
 * Where queries run: the storage itself, or one write transaction. Every query function takes one,
 * so the same code reads outside a transaction and writes inside one, on either backend.
 */
export interface Sql {
  readonly db: Kysely<Schema>;
  readonly backend: Backend;
}

/** The rows of a raw query. */
export async function rows<T>(q: Sql, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(q.db)).rows;
}

/** The first row of a raw query, if any. */
export async function first<T>(q: Sql, query: RawBuilder<T>): Promise<T | undefined> {
  return (await query.execute(q.db)).rows[0];
}

/** Rows changed by a raw INSERT, UPDATE or DELETE. */
export async function changes(q: Sql, query: RawBuilder<unknown>): Promise<number> {
  return Number((await query.execute(q.db)).numAffectedRows ?? 0);
}

/**
 * `column IN (…)` for a list of values, as bound parameters. The caller keeps lists under
 * IN_LIST_MAX: both engines cap parameters per statement (SQLite 32,766, PostgreSQL 65,535).
 */
export function inList(
  column: RawBuilder<unknown>,
  values: readonly (string | number)[],
): RawBuilder<boolean> {
  if (values.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`${column} IN (${sql.join(values)})`;
}

export const IN_LIST_MAX = 10_000;

/** Splits a list into slices of at most `size`. */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < list.length; start += size) out.push(list.slice(start, start + size));
  return out;
}

/**
 * A search box's test, "this column contains these words", for any column: the words match
 * literally (`%`, `_` and `\` escaped) and Latin case is ignored (SQLite's LIKE already does;
 * PostgreSQL needs ILIKE).
 */
export function containing(q: Sql, words: string): (column: string) => RawBuilder<boolean> {
  const pattern = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = q.backend === 'postgres' ? sql.raw('ILIKE') : sql.raw('LIKE');
  return (column) => sql<boolean>`${sql.ref(column)} ${like} ${pattern} ESCAPE '\\'`;
}

/** `FROM items` with SQLite's planner pinned to the covering ranking index (it picks the time index otherwise). */
export function itemsForRanking(q: Sql): RawBuilder<unknown> {
  return q.backend === 'sqlite' ? sql.raw('items INDEXED BY items_ranking') : sql.raw('items');
}
