import Database from 'better-sqlite3';
import { migrate } from '../../shared/storage/migrate.js';
import { LOCAL_MIGRATIONS } from './migrations.js';

export type LocalDatabase = Database.Database;

/**
 * Opens the agent's local store. synchronous=FULL: a save is acknowledged to the agent only once
 * it is on disk, so a crash or a power cut a moment later loses nothing.
 */
export function openLocalDatabase(path: string): LocalDatabase {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, LOCAL_MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
