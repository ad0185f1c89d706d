import type { SqliteDatabase } from '../src/server/storage/sqlite/open-database.js';
import { generateItems } from './generate-items.js';

/**
 * Tops a database up to `total` items spread, Zipf-like, over `issueCount` extra issues, with raw
 * inserts: for measuring reads at scale, not the ingest path. Returns the issue ids created.
 */
export function fillBigDatabase(db: SqliteDatabase, total: number, issueCount: number, now: number): string[] {
  const existing = db.prepare('SELECT count(*) FROM items').pluck().get() as number;
  const createIssue = db.prepare('INSERT INTO issues (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)');
  const issueIds = Array.from({ length: issueCount }, (_, i) => `bench-${i}`);
  db.transaction(() => issueIds.forEach((id, i) => createIssue.run(id, `Generated issue ${i}: customers report problem number ${i}`, now, now)))();
  const insert = db.prepare(`INSERT INTO items (id, issue_id, assigned_by, text, channel, team, agent, times_heard, created_at, received_at)
    VALUES (?, ?, 'similarity', ?, ?, ?, ?, ?, ?, ?)`);
  const extra = generateItems(Math.max(0, total - existing), 2, now);
  // A deterministic Zipf-like draw: issue k gets about 1/k of the items.
  const zipf = (i: number) => issueIds[Math.floor(Math.pow(issueIds.length + 1, ((i * 2654435761) % 4294967296) / 4294967296)) - 1] as string;
  const fill = db.transaction((chunk: typeof extra, offset: number) => {
    chunk.forEach((it, i) =>
      insert.run(it.id, zipf(offset + i), it.text, it.channel, it.team, it.agent, it.times_heard, Date.parse(it.created_at), now),
    );
  });
  for (let i = 0; i < extra.length; i += 50_000) fill(extra.slice(i, i + 50_000), i);
  // Raw inserts bypass the ingest path, which records teams and segments for the taxonomy.
  db.exec("INSERT OR IGNORE INTO labels SELECT 'team', team FROM items WHERE team IS NOT NULL");
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  return issueIds;
}
