/** A numbered schema migration; the database records the last one applied in user_version. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The little of a SQLite connection (better-sqlite3's) that migrating needs. */
export interface MigratableDatabase {
  pragma(source: string, options: { simple: true }): unknown;
  pragma(source: string): unknown;
  exec(sql: string): unknown;
  transaction(fn: () => void): { immediate(): void };
}

export class SchemaTooNewError extends Error {}

/**
 * Applies the migrations newer than the database, each in its own transaction, and refuses a
 * database whose schema is newer than the code: an old build must not write a shape it does not know.
 *
 * Several processes may open one new file at once (four `wocas import`s): each migration reads the
 * version again inside its write transaction (BEGIN IMMEDIATE), so a migration another process
 * applied meanwhile is skipped instead of run twice ("duplicate column name").
 */
export function migrate(db: MigratableDatabase, migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const version = () => db.pragma('user_version', { simple: true }) as number;
  const refuseNewer = (current: number) => {
    if (current > latest) {
      throw new SchemaTooNewError(
        `database schema version ${current} is newer than this WOCAS understands (${latest}); upgrade WOCAS`,
      );
    }
  };
  // Read without a lock first: an up-to-date database, the usual case, takes no write lock.
  const seen = version();
  refuseNewer(seen);
  for (const migration of migrations) {
    if (migration.version <= seen) continue;
    db.transaction(() => {
      const current = version();
      refuseNewer(current);
      if (migration.version <= current) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
