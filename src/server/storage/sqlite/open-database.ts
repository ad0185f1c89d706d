import Database from 'better-sqlite3';
import { type Migration, migrate } from '../../../shared/storage/migrate.js';
import { MIGRATIONS } from './migrations.js';

export type SqliteDatabase = Database.Database;

export { SchemaTooNewError } from '../../../shared/storage/migrate.js';

/**
 * Opens (creating if need be) an aggregator database and brings its schema up to date. WAL lets
 * readers run beside the writer; synchronous=FULL because an acknowledged item must survive a
 * power cut.
 */
export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): SqliteDatabase {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
