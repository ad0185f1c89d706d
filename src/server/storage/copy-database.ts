import { sql } from 'kysely';
import { cleanText } from '../../shared/text/clean-text.js';
import type { Schema } from './schema.js';
import { type Sql, chunks, first, rows } from './sql.js';
import type { Storage } from './storage.js';

/** The target of a copy holds data already: copying into it could mix two sites' feedback. */
export class TargetNotEmptyError extends Error {}

export interface CopySummary {
  issues: number;
  items: number;
  times_heard: number;
  tokens: number;
  history: number;
}

type Table = keyof Schema;

const ROWS_PER_INSERT = 500;
/** Read this many rows at a time, so a site of millions of items never sits in memory at once. */
const ROWS_PER_READ = 20_000;

async function count(q: Sql, table: Table): Promise<number> {
  return Number(
    (await first(q, sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`))?.n ?? 0,
  );
}

async function summarize(q: Sql): Promise<CopySummary> {
  const heard = await first(q, sql<{ n: number | null }>`SELECT sum(times_heard) AS n FROM items`);
  return {
    issues: await count(q, 'issues'),
    items: await count(q, 'items'),
    times_heard: Number(heard?.n ?? 0),
    tokens: await count(q, 'tokens'),
    history: await count(q, 'issue_history'),
  };
}

/**
 * The input rule (docs/input-rules.md) on the way in: a SQLite file written before the rule may
 * hold NUL bytes and control characters that PostgreSQL refuses or that should never have been
 * stored. They are cleaned as new input would be, so the copy completes with every row; ids, hashes
 * and numbers hold none of them and pass unchanged.
 */
function cleanRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      typeof value === 'string' ? cleanText(value) : value,
    ]),
  );
}

async function insertAll<T extends Table>(
  tx: Sql,
  table: T,
  values: readonly Record<string, unknown>[],
): Promise<void> {
  for (const slice of chunks(values.map(cleanRow), ROWS_PER_INSERT)) {
    // The rows come from the same schema on the other backend: their shape is the table's.
    await tx.db
      .insertInto(table)
      .values(slice as never)
      .execute();
  }
}

/** Issues in an order where every merge target comes before the issues merged into it. */
function mergeTargetsFirst<T extends { id: string; merged_into: string | null }>(
  issues: readonly T[],
): T[] {
  const byId = new Map(issues.map((issue) => [issue.id, issue]));
  const depth = (issue: T): number => {
    let d = 0;
    for (let at: T | undefined = issue; at?.merged_into && d <= issues.length; d++)
      at = byId.get(at.merged_into);
    return d;
  };
  return [...issues].sort((a, b) => depth(a) - depth(b));
}

/**
 * Copies a whole aggregator database (an embedded SQLite site moving to PostgreSQL) in one
 * transaction on the target: it ends with everything or nothing. Arrival order (item and history
 * sequence) and the issue change sequence carry over, so desktops keep syncing with their cursors.
 * Reads the counts back from the target and refuses to report success unless they match.
 */
export async function copyDatabase(
  from: Storage,
  to: Storage,
  onProgress?: (done: number, total: number) => void,
): Promise<CopySummary> {
  const expected = await summarize(from);
  await to.write(async (tx) => {
    const existing =
      (await count(tx, 'items')) + (await count(tx, 'issues')) + (await count(tx, 'tokens'));
    if (existing > 0)
      throw new TargetNotEmptyError(
        `the target ${to.description} already holds WOCAS data; copy into an empty database`,
      );

    const issues = await rows(
      from,
      sql<Schema['issues'] & Record<string, unknown>>`SELECT * FROM issues`,
    );
    await insertAll(
      tx,
      'issues',
      mergeTargetsFirst(issues as { id: string; merged_into: string | null }[]) as Record<
        string,
        unknown
      >[],
    );

    let done = 0;
    for (let after = -1; ;) {
      const page = await rows(
        from,
        sql<
          Record<string, unknown> & { seq: number }
        >`SELECT * FROM items WHERE seq > ${after} ORDER BY seq LIMIT ${ROWS_PER_READ}`,
      );
      if (page.length === 0) break;
      after = (page.at(-1) as { seq: number }).seq;
      // The target numbers arrival afresh, in the same order.
      await insertAll(
        tx,
        'items',
        page.map(({ seq: _seq, ...item }) => item),
      );
      done += page.length;
      onProgress?.(done, expected.items);
    }

    const history = await rows(
      from,
      sql<Record<string, unknown>>`SELECT * FROM issue_history ORDER BY seq`,
    );
    await insertAll(
      tx,
      'issue_history',
      history.map(({ seq: _seq, ...entry }) => entry),
    );
    for (const table of [
      'tokens',
      'vocabulary',
      'settings',
      'feedback_seen',
      'labels',
      'issue_totals',
      'issue_agents',
      'channel_costs',
      'item_changes',
      'webhooks',
      'webhook_events',
      'webhook_deliveries',
    ] as const) {
      await insertAll(
        tx,
        table,
        await rows(from, sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`),
      );
    }
    if (tx.backend === 'postgres') {
      // Later issue changes continue after the copied ones.
      await sql`SELECT setval('issue_change_seq', greatest((SELECT max(change_seq) FROM issues), 1))`.execute(
        tx.db,
      );
    }
  });
  const copied = await summarize(to);
  for (const key of Object.keys(expected) as (keyof CopySummary)[]) {
    if (copied[key] !== expected[key])
      throw new Error(
        `copy check failed: ${key} is ${copied[key]} in the target, ${expected[key]} in the source`,
      );
  }
  return copied;
}
