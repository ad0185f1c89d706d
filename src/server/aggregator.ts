import { type ReclusterSummary, reclusterDatabase } from './grouping/recluster-database.js';
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
  /** Regroups every item and reloads the ingest path's grouper to match. */
  recluster(): ReclusterSummary;
  close(): void;
}

export class UnsupportedStorageError extends Error {}

export function openAggregator(location: StorageLocation, clock: Clock = Date.now): Aggregator {
  if (location.databaseUrl !== undefined) {
    throw new UnsupportedStorageError('PostgreSQL storage (--database-url) is not available in this version yet; use --db');
  }
  const db = openDatabase(location.db);
  const ingestor = new Ingestor(db, clock);
  const recluster = () => {
    const summary = reclusterDatabase(db, clock());
    ingestor.reload();
    return summary;
  };
  return { db, ingestor, clock, recluster, close: () => db.close() };
}
