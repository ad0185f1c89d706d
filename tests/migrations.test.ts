import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchemaTooNewError } from '../src/shared/storage/migrate.js';
import { migratePostgres } from '../src/server/storage/postgres/migrate-postgres.js';
import { POSTGRES_MIGRATIONS } from '../src/server/storage/postgres/migrations.js';
import { openPostgresStorage } from '../src/server/storage/postgres/open-postgres-storage.js';
import { first, rows } from '../src/server/storage/sql.js';
import { MIGRATIONS } from '../src/server/storage/sqlite/migrations.js';
import { openSqliteStorage } from '../src/server/storage/sqlite/open-sqlite-storage.js';
import type { Storage } from '../src/server/storage/storage.js';
import {
  backendCases,
  createPostgresDatabase,
  withPostgresClient,
} from './support/storage-backends.js';

const LATEST = MIGRATIONS.at(-1)!.version;
const postgres = backendCases.find((backend) => backend.name === 'postgres')!;

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wocas-migrations-'));
  path = join(dir, 'wocas.db');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Every table, index and trigger of a SQLite database, as its CREATE statement. */
function schema(db: Database.Database): string[] {
  return db
    .prepare<[], string>(
      "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name",
    )
    .pluck()
    .all();
}

function userVersion(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

async function pragma(
  storage: Storage,
  name: 'user_version' | 'journal_mode' | 'foreign_keys',
): Promise<unknown> {
  const row = await first(storage, sql<Record<string, unknown>>`PRAGMA ${sql.raw(name)}`);
  return row?.[name];
}

describe('SQLite migrations', () => {
  it('are numbered in increasing order, up to 13', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions[0]).toBe(1);
    expect(LATEST).toBe(13);
  });

  it('bring a fresh database to the latest user_version with every table', async () => {
    const storage = openSqliteStorage(path);
    try {
      expect(await pragma(storage, 'user_version')).toBe(LATEST);
      const tables = await rows(
        storage,
        sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`,
      );
      expect(tables.map((t) => t.name)).toEqual(
        expect.arrayContaining(['issues', 'items', 'vocabulary', 'settings']),
      );
      expect(await pragma(storage, 'journal_mode')).toBe('wal');
      expect(await pragma(storage, 'foreign_keys')).toBe(1);
    } finally {
      await storage.close();
    }
  });

  it('reopening is a no-op: same version, same schema, data kept', async () => {
    const first = openSqliteStorage(path);
    await sql`INSERT INTO settings (key, value) VALUES ('marker', 'kept')`.execute(first.db);
    await first.close();
    const before = new Database(path, { readonly: true });
    const schemaBefore = schema(before);
    before.close();

    const again = openSqliteStorage(path);
    try {
      expect(await pragma(again, 'user_version')).toBe(LATEST);
      const marker = await rows(
        again,
        sql<{ value: string }>`SELECT value FROM settings WHERE key = 'marker'`,
      );
      expect(marker).toEqual([{ value: 'kept' }]);
    } finally {
      await again.close();
    }
    const after = new Database(path, { readonly: true });
    try {
      expect(schema(after)).toEqual(schemaBefore);
    } finally {
      after.close();
    }
  });

  it('refuses a database whose schema is newer than the code, and leaves it untouched', () => {
    const future = new Database(path);
    future.pragma(`user_version = ${LATEST + 1}`);
    future.exec('CREATE TABLE from_the_future (x INTEGER)');
    future.close();

    expect(() => openSqliteStorage(path)).toThrow(SchemaTooNewError);
    expect(() => openSqliteStorage(path)).toThrow(/newer/);

    const check = new Database(path, { readonly: true });
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(LATEST + 1);
      const tables = check
        .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .pluck()
        .all();
      expect(tables).toEqual(['from_the_future']);
    } finally {
      check.close();
    }
  });

  it('applies only the migrations newer than the database', async () => {
    const extra = [
      ...MIGRATIONS,
      { version: LATEST + 1, name: 'test extra', sql: 'CREATE TABLE extra_table (x INTEGER);' },
    ];
    await openSqliteStorage(path).close();
    const storage = openSqliteStorage(path, extra);
    try {
      expect(await pragma(storage, 'user_version')).toBe(LATEST + 1);
      const found = await first(
        storage,
        sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra_table'`,
      );
      expect(found?.n).toBe(1);
    } finally {
      await storage.close();
    }
    // The shipped code, one version behind that database now, refuses it.
    expect(() => openSqliteStorage(path)).toThrow(SchemaTooNewError);
  });

  it('rolls back a failing migration as a whole', async () => {
    const broken = [
      ...MIGRATIONS,
      {
        version: LATEST + 1,
        name: 'broken',
        sql: 'CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;',
      },
    ];
    await openSqliteStorage(path).close();
    expect(() => openSqliteStorage(path, broken)).toThrow();
    expect(userVersion(path)).toBe(LATEST);
    const storage = openSqliteStorage(path);
    try {
      expect(await pragma(storage, 'user_version')).toBe(LATEST);
      const found = await first(
        storage,
        sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'`,
      );
      expect(found?.n).toBe(0);
    } finally {
      await storage.close();
    }
  });
});

const POSTGRES_LATEST = POSTGRES_MIGRATIONS.at(-1)!.version;

/** Tables, columns, constraints, indexes, triggers and sequences of a PostgreSQL database. */
async function postgresSchema(storage: Storage): Promise<string[]> {
  const entries = await rows(
    storage,
    sql<{ entry: string }>`
      SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
               || ' ' || coalesce(column_default, '') || ' ' || coalesce(collation_name, '') AS entry
        FROM information_schema.columns WHERE table_schema = current_schema()
      UNION ALL
      SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ': ' || pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
      UNION ALL
      SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
      UNION ALL
      SELECT 'trigger ' || trigger_name || ' ' || event_manipulation || ': ' || action_statement
        FROM information_schema.triggers WHERE trigger_schema = current_schema()
      UNION ALL
      SELECT 'sequence ' || sequence_name FROM information_schema.sequences WHERE sequence_schema = current_schema()`,
  );
  return entries.map((row) => row.entry).sort();
}

async function postgresVersions(storage: Storage): Promise<{ version: number }[]> {
  return rows(storage, sql<{ version: number }>`SELECT version FROM wocas_schema`);
}

/** Runs SQL on a database without migrating it, as a DBA (or a newer WOCAS) would. */
const direct = withPostgresClient;

async function postgresTables(url: string): Promise<string[]> {
  return direct(url, async (client) => {
    const result = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
    );
    return result.rows.map((row) => row.name);
  });
}

describe.skipIf(postgres.skip)('PostgreSQL migrations', () => {
  const databases: { url: string; drop(): Promise<void> }[] = [];
  async function freshDatabase(): Promise<string> {
    const database = await createPostgresDatabase();
    databases.push(database);
    return database.url;
  }
  afterEach(async () => {
    for (const database of databases.splice(0)) await database.drop();
  });

  it("start at version 8 (SQLite's shape then) and share its numbering", () => {
    const versions = POSTGRES_MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions[0]).toBe(8);
    expect(POSTGRES_LATEST).toBe(LATEST);
  });

  it('bring a fresh database to the latest version with every table', async () => {
    const url = await freshDatabase();
    const storage = await openPostgresStorage(url);
    try {
      expect(await postgresVersions(storage)).toEqual([{ version: POSTGRES_LATEST }]);
    } finally {
      await storage.close();
    }
    expect(await postgresTables(url)).toEqual([
      'channel_costs',
      'feedback_seen',
      'issue_agents',
      'issue_history',
      'issue_totals',
      'issues',
      'item_changes',
      'items',
      'labels',
      'settings',
      'tokens',
      'vocabulary',
      'webhook_deliveries',
      'webhook_events',
      'webhooks',
      'wocas_schema',
    ]);
  });

  it("give PostgreSQL SQLite's shape at the latest version: the same tables, columns in order, required columns and named indexes", async () => {
    const sqlite = openSqliteStorage(path);
    const storage = await openPostgresStorage(await freshDatabase());
    try {
      const sqliteColumns = await rows(
        sqlite,
        sql<{ tbl: string; col: string; required: number }>`
          SELECT m.name AS tbl, p.name AS col, (p."notnull" OR p.pk > 0) AS required
            FROM sqlite_master m JOIN pragma_table_info(m.name) p
           WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`,
      );
      const postgresColumns = await rows(
        storage,
        sql<{ tbl: string; col: string; required: boolean }>`
          SELECT table_name AS tbl, column_name AS col, is_nullable = 'NO' AS required
            FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name <> 'wocas_schema' ORDER BY table_name, ordinal_position`,
      );
      // SQLite reports a TEXT PRIMARY KEY as nullable (a quirk it keeps for compatibility); such
      // columns count as required there too, as they are on PostgreSQL. Both lists are in table
      // name order (plain ASCII names, so both engines sort them alike), then column order.
      const shape = (list: { tbl: string; col: string; required: unknown }[]) =>
        list.map((c) => `${c.tbl}.${c.col}${c.required ? ' required' : ''}`);
      expect(shape(postgresColumns)).toEqual(shape(sqliteColumns));

      // Named indexes by table; the columns of each are tuned to each engine's planner (see the
      // items_ranking comment in postgres/migrations.ts), so only their presence is compared.
      const sqliteIndexes = await rows(
        sqlite,
        sql<{
          entry: string;
        }>`SELECT name || ' ON ' || tbl_name AS entry FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`,
      );
      // Both engines index primary keys and UNIQUE columns on their own: those are left out.
      const postgresIndexes = await rows(
        storage,
        sql<{ entry: string }>`
          SELECT indexname || ' ON ' || tablename AS entry
            FROM pg_indexes i
           WHERE schemaname = current_schema()
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      );
      expect(postgresIndexes.map((i) => i.entry).sort()).toEqual(
        sqliteIndexes.map((i) => i.entry).sort(),
      );
    } finally {
      await sqlite.close();
      await storage.close();
    }
  });

  it('running twice is a no-op: same version, same schema, data kept', async () => {
    const url = await freshDatabase();
    const first = await openPostgresStorage(url);
    const before = await postgresSchema(first);
    await sql`INSERT INTO settings (key, value) VALUES ('marker', 'kept')`.execute(first.db);
    await first.close();

    const again = await openPostgresStorage(url);
    try {
      expect(await postgresVersions(again)).toEqual([{ version: POSTGRES_LATEST }]);
      expect(await postgresSchema(again)).toEqual(before);
      expect(await rows(again, sql`SELECT value FROM settings WHERE key = 'marker'`)).toEqual([
        { value: 'kept' },
      ]);
      // Calling the migration itself again changes nothing either.
      await migratePostgres(again.db);
      expect(await postgresVersions(again)).toEqual([{ version: POSTGRES_LATEST }]);
      expect(await postgresSchema(again)).toEqual(before);
    } finally {
      await again.close();
    }
  });

  it('two processes opening a fresh database at once both succeed and leave one schema', async () => {
    const reference = await openPostgresStorage(await freshDatabase());
    const expected = await postgresSchema(reference);
    await reference.close();

    const url = await freshDatabase();
    const opened = await Promise.allSettled([openPostgresStorage(url), openPostgresStorage(url)]);
    const storages = opened.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value] : [],
    );
    try {
      expect(
        opened.map((result) => (result.status === 'rejected' ? String(result.reason) : 'opened')),
      ).toEqual(['opened', 'opened']);
      for (const storage of storages) {
        expect(await postgresVersions(storage)).toEqual([{ version: POSTGRES_LATEST }]);
        expect(await postgresSchema(storage)).toEqual(expected);
      }
      // Both work on the one schema: what one writes, the other reads.
      await sql`INSERT INTO settings (key, value) VALUES ('from', 'first')`.execute(
        storages[0]!.db,
      );
      expect(await rows(storages[1]!, sql`SELECT value FROM settings WHERE key = 'from'`)).toEqual([
        { value: 'first' },
      ]);
    } finally {
      for (const storage of storages) await storage.close();
    }
  });

  it('refuses a database whose schema is newer than the code, and leaves it untouched', async () => {
    const url = await freshDatabase();
    await direct(url, async (client) => {
      await client.query('CREATE TABLE wocas_schema (version INTEGER NOT NULL)');
      await client.query('INSERT INTO wocas_schema (version) VALUES ($1)', [POSTGRES_LATEST + 1]);
      await client.query('CREATE TABLE from_the_future (x INTEGER)');
    });

    await expect(openPostgresStorage(url)).rejects.toThrow(SchemaTooNewError);
    await expect(openPostgresStorage(url)).rejects.toThrow(/newer/);

    expect(await postgresTables(url)).toEqual(['from_the_future', 'wocas_schema']);
    await direct(url, async (client) => {
      expect((await client.query('SELECT version FROM wocas_schema')).rows).toEqual([
        { version: POSTGRES_LATEST + 1 },
      ]);
      expect(
        (
          await client.query(
            'SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = current_schema()',
          )
        ).rows,
      ).toEqual([]);
    });
  });

  it('applies only the migrations newer than the database', async () => {
    const url = await freshDatabase();
    const extra = [
      ...POSTGRES_MIGRATIONS,
      {
        version: POSTGRES_LATEST + 1,
        name: 'test extra',
        sql: 'CREATE TABLE extra_table (x INTEGER);',
      },
    ];
    const storage = await openPostgresStorage(url);
    try {
      await migratePostgres(storage.db, extra);
      expect(await postgresVersions(storage)).toEqual([{ version: POSTGRES_LATEST + 1 }]);
    } finally {
      await storage.close();
    }
    expect(await postgresTables(url)).toContain('extra_table');
    // The shipped code, one version behind that database now, refuses it.
    await expect(openPostgresStorage(url)).rejects.toThrow(SchemaTooNewError);
  });

  it('rolls back a failing migration as a whole', async () => {
    const url = await freshDatabase();
    const broken = [
      ...POSTGRES_MIGRATIONS,
      {
        version: POSTGRES_LATEST + 1,
        name: 'broken',
        sql: 'CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;',
      },
    ];
    const storage = await openPostgresStorage(url);
    try {
      const before = await postgresSchema(storage);
      await expect(migratePostgres(storage.db, broken)).rejects.toThrow(/no_such_table/);
      expect(await postgresVersions(storage)).toEqual([{ version: POSTGRES_LATEST }]);
      expect(await postgresSchema(storage)).toEqual(before);
    } finally {
      await storage.close();
    }
    expect(await postgresTables(url)).not.toContain('half_done');
  });
});
