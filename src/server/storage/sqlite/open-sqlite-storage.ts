import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase, sql } from 'kysely';
import { type Migration, migrate } from '../../../shared/storage/migrate.js';
import type { Schema } from '../schema.js';
import type { Sql } from '../sql.js';
import { type Storage, StorageUnavailableError } from '../storage.js';
import { MIGRATIONS } from './migrations.js';

/**
 * better-sqlite3 behind Kysely's interface, with prepared statements kept: Kysely prepares every
 * query afresh, which on the ingest path cost more than running it.
 */
function withStatementCache(db: Database.Database, capacity = 500): KyselySqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => db.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = db.prepare(text);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

/**
 * Opens (creating if need be) an aggregator database file and brings its schema up to date. WAL
 * lets readers run beside the writer; synchronous=FULL because an acknowledged item must survive
 * a power cut.
 */
export function openSqliteStorage(
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Storage {
  let file: Database.Database;
  try {
    file = new Database(path);
  } catch (error) {
    throw new StorageUnavailableError(
      `cannot open SQLite database ${path}: ${(error as Error).message}`,
    );
  }
  try {
    // The wait comes first: switching a new file to WAL takes a lock another opener may hold.
    file.pragma('busy_timeout = 5000');
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = FULL');
    file.pragma('foreign_keys = ON');
    migrate(file, migrations);
  } catch (error) {
    file.close();
    throw error;
  }
  const db = new Kysely<Schema>({
    dialect: new SqliteDialect({ database: withStatementCache(file) }),
  });
  return {
    backend: 'sqlite',
    db,
    description: path,
    // BEGIN IMMEDIATE takes the file's write lock at once, so two processes never both read, then
    // both write; Kysely's own transactions begin DEFERRED.
    write: <T>(work: (tx: Sql) => Promise<T>) =>
      db.connection().execute(async (connection) => {
        await sql`BEGIN IMMEDIATE`.execute(connection);
        try {
          const result = await work({ db: connection, backend: 'sqlite' });
          await sql`COMMIT`.execute(connection);
          return result;
        } catch (error) {
          if (file.inTransaction) await sql`ROLLBACK`.execute(connection);
          throw error;
        }
      }),
    close: () => db.destroy(),
  };
}
