/**
 * PostgreSQL going away under the aggregator: a connection killed in the middle of a write
 * transaction (as in a failover or a restart), connections killed while idle, and URLs that
 * cannot work. Writes are retried and stored exactly once; errors say what is wrong.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { type Aggregator, openAggregator } from '../src/server/aggregator.js';
import { rankIssues } from '../src/server/issues/rank-issues.js';
import { StorageUnavailableError } from '../src/server/storage/storage.js';
import {
  WRITE_LOCK,
  openPostgresStorage,
} from '../src/server/storage/postgres/open-postgres-storage.js';
import { first } from '../src/server/storage/sql.js';
import { runWocas } from './support/built-cli.js';
import { type TestStorage, BACKENDS } from './support/storage-backends.js';

const postgres = BACKENDS.find((backend) => backend.name === 'postgres')!;
const NOW = Date.parse('2026-11-20T12:00:00Z');

function items(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    text: i % 2 ? 'my parcel never arrived' : 'the courier lost my parcel',
    channel: 'chat' as const,
    times_heard: 1,
    created_at: new Date(NOW - i * 60_000).toISOString(),
  }));
}

describe.skipIf(postgres.skipReason !== null)('PostgreSQL failures', () => {
  let database: TestStorage;
  let aggregator: Aggregator;
  let admin: pg.Client;
  let name: string;

  beforeEach(async () => {
    database = await postgres.fresh();
    aggregator = await openAggregator(database.location, () => NOW);
    name = new URL(database.location.databaseUrl as string).pathname.slice(1);
    admin = new pg.Client({ connectionString: database.location.databaseUrl });
    await admin.connect();
  });

  afterEach(async () => {
    await admin.end();
    await aggregator.close();
    await database.drop();
  });

  const others = () =>
    admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
  /** Polls the server until every other backend of the test database has gone. */
  async function othersGone(): Promise<void> {
    for (let tries = 0; tries < 500; tries++) {
      const left = await admin.query(
        'SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      if (left.rowCount === 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error('the killed connections are still there');
  }

  it('retries a write whose connection is killed mid-transaction, and stores it once', async () => {
    await aggregator.ingestor.ingest(items('before', 5));
    // Hold the write lock, so the ingest below waits inside its transaction: then kill it there.
    await admin.query('SELECT pg_advisory_lock($1)', [WRITE_LOCK]);
    const pending = aggregator.ingestor.ingest(items('during', 40));
    let killed = 0;
    for (let tries = 0; tries < 2_000 && killed === 0; tries++) {
      await new Promise((resolve) => setImmediate(resolve));
      const result = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
        [name],
      );
      killed = result.rowCount ?? 0;
    }
    expect(killed).toBe(1);
    await admin.query('SELECT pg_advisory_unlock($1)', [WRITE_LOCK]);
    const outcome = await pending;
    expect(outcome.accepted).toHaveLength(40);
    const stored = await first(
      aggregator.storage,
      sql<{ n: number; heard: number }>`SELECT count(*) AS n, sum(times_heard) AS heard FROM items`,
    );
    expect(stored).toEqual({ n: 45, heard: 45 });
    // The grouper carried on from the database, not from the attempt that died.
    const ranked = await rankIssues(aggregator.storage, {}, NOW);
    expect(ranked.issues.reduce((sum, issue) => sum + issue.mentions, 0)).toBe(45);
  });

  it('carries on after every idle connection is killed (a database restart)', async () => {
    await aggregator.ingestor.ingest(items('a', 10));
    await others();
    await othersGone();
    expect((await aggregator.ingestor.ingest(items('b', 10))).accepted).toHaveLength(10);
    expect(
      (await rankIssues(aggregator.storage, {}, NOW)).issues.reduce(
        (sum, issue) => sum + issue.mentions,
        0,
      ),
    ).toBe(20);
  });

  it('says clearly when the database cannot be reached or the URL is wrong', async () => {
    const refused = openPostgresStorage('postgres://postgres@127.0.0.1:1/test', {
      connectTimeoutMs: 1_000,
    });
    await expect(refused).rejects.toThrow(StorageUnavailableError);
    await expect(refused).rejects.toThrow(
      'cannot reach PostgreSQL at 127.0.0.1:1: connection refused',
    );
    await expect(
      openPostgresStorage('postgres://postgres@127.0.0.1:5432/no_such_db_here'),
    ).rejects.toThrow('has no database "no_such_db_here"');

    const cli = (url: string) =>
      runWocas(['issues', '--database-url', url, '--json'], process.cwd());
    const wrongScheme = cli('mysql://root@127.0.0.1/test');
    expect(wrongScheme.status).toBe(1);
    expect(wrongScheme.stderr).toBe(
      'wocas: --database-url must start with postgres:// (got mysql://…)\n',
    );
    const secret = cli('postgres://nobody:hunter2@127.0.0.1:1/test');
    expect(secret.status).toBe(1);
    expect(secret.stderr).toMatch(/^wocas: cannot reach PostgreSQL at 127\.0\.0\.1:1/);
    expect(secret.stderr).not.toContain('hunter2');
  });
});
