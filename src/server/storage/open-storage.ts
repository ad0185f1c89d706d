import { openPostgresStorage } from './postgres/open-postgres-storage.js';
import { openSqliteStorage } from './sqlite/open-sqlite-storage.js';
import type { Storage, StorageLocation } from './storage.js';

/** PostgreSQL when a URL is given, else the embedded SQLite file. */
export async function openStorage(location: StorageLocation): Promise<Storage> {
  return location.databaseUrl !== undefined ? openPostgresStorage(location.databaseUrl) : openSqliteStorage(location.db);
}
