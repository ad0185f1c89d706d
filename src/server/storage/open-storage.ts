import type { Storage, StorageLocation } from './storage.js';

/**
 * PostgreSQL when a URL is given, else the embedded SQLite file. Each backend's driver loads only
 * when used: a short `wocas issues` should not pay for the one it does not need.
 */
export async function openStorage(location: StorageLocation): Promise<Storage> {
  if (location.databaseUrl !== undefined) {
    return (await import('./postgres/open-postgres-storage.js')).openPostgresStorage(
      location.databaseUrl,
    );
  }
  return (await import('./sqlite/open-sqlite-storage.js')).openSqliteStorage(location.db);
}
