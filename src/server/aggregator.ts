import { Ingestor, type Clock } from './ingest/ingestor.js';
import { openDatabase, type SqliteDatabase } from './storage/sqlite/open-database.js';

export interface StorageLocation {
  /** Embedded SQLite file. */
  db: string;
  /** PostgreSQL URL; when set it wins over `db`. */
  databaseUrl?: string | undefined;
}

/** The aggregator's storage and ingest path, opened once per process. */
export interface Aggregator {
  readonly db: SqliteDatabase;
  readonly ingestor: Ingestor;
  readonly clock: Clock;
  close(): void;
}

export class UnsupportedStorageError extends Error {}

export function openAggregator(location: StorageLocation, clock: Clock = Date.now): Aggregator {
  if (location.databaseUrl !== undefined) {
    throw new UnsupportedStorageError('PostgreSQL storage (--database-url) is not available in this version yet; use --db');
  }
  const db = openDatabase(location.db);
  const ingestor = new Ingestor(db, clock);
  return { db, ingestor, clock, close: () => db.close() };
}
