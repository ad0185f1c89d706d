import type { Sql } from './sql.js';

/** Where the aggregator keeps its data: an embedded SQLite file, or a PostgreSQL database. */
export interface StorageLocation {
  /** Embedded SQLite file. */
  db: string;
  /** PostgreSQL URL; when set it wins over `db`. */
  databaseUrl?: string | undefined;
}

/**
 * The aggregator's storage. Reads run on it directly; every write that touches issues or the
 * grouping runs in `write`, one at a time across every process sharing the database: that keeps
 * issue assignment and the issue change sequence in commit order on both backends.
 */
export interface Storage extends Sql {
  /** For messages: the file, or the URL without its password. */
  readonly description: string;
  write<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The database cannot be reached or opened; the message says why, without secrets. */
export class StorageUnavailableError extends Error {}
