import { sql } from 'kysely';
import type { Channel } from '../src/shared/domain/feedback-item.js';
import type { Storage } from '../src/server/storage/storage.js';
import { chunks } from '../src/server/storage/sql.js';
import { recomputeIssueTotals } from '../src/server/issues/issue-totals.js';
import { generateItems } from './generate-items.js';

/**
 * Tops a database up to `total` items spread, Zipf-like, over `issueCount` extra issues, with raw
 * inserts: for measuring reads at scale, not the ingest path. Returns the issue ids created.
 */
export async function fillBigDatabase(
  storage: Storage,
  total: number,
  issueCount: number,
  now: number,
): Promise<string[]> {
  const existing = Number(
    (await sql<{ n: number }>`SELECT count(*) AS n FROM items`.execute(storage.db)).rows[0]?.n ?? 0,
  );
  const issueIds = Array.from({ length: issueCount }, (_, i) => `bench-${i}`);
  await storage.write(async (tx) => {
    for (const slice of chunks(issueIds, 1_000)) {
      await tx.db
        .insertInto('issues')
        .values(
          slice.map((id) => ({
            id,
            title: `Generated issue ${id.slice(6)}: customers report problem number ${id.slice(6)}`,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
  });
  const extra = generateItems(Math.max(0, total - existing), 2, now);
  // A deterministic Zipf-like draw: issue k gets about 1/k of the items.
  const zipf = (i: number) =>
    issueIds[
      Math.floor(Math.pow(issueIds.length + 1, ((i * 2654435761) % 4294967296) / 4294967296)) - 1
    ] as string;
  for (let start = 0; start < extra.length; start += 50_000) {
    await storage.write(async (tx) => {
      for (const [n, slice] of chunks(extra.slice(start, start + 50_000), 2_000).entries()) {
        const offset = start + n * 2_000;
        await tx.db
          .insertInto('items')
          .values(
            slice.map((it, i) => ({
              id: it.id,
              issue_id: zipf(offset + i),
              assigned_by: 'similarity',
              text: it.text,
              channel: it.channel as Channel,
              team: it.team,
              agent: it.agent,
              times_heard: it.times_heard,
              created_at: Date.parse(it.created_at),
              received_at: now,
            })),
          )
          .execute();
      }
    });
  }
  // Raw inserts bypass the ingest path, which records teams and segments for the taxonomy and
  // keeps each issue's totals.
  await storage.write((tx) => recomputeIssueTotals(tx));
  await sql`INSERT INTO labels (kind, value) SELECT DISTINCT 'team', team FROM items WHERE team IS NOT NULL ON CONFLICT DO NOTHING`.execute(
    storage.db,
  );
  if (storage.backend === 'sqlite') {
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(storage.db);
    await sql`ANALYZE`.execute(storage.db);
  } else {
    // Fresh statistics, and a visibility map so the ranking reads its covering index only.
    await sql`VACUUM ANALYZE items`.execute(storage.db);
  }
  return issueIds;
}
